/**
 * The subnet card: the same content as a floating card (on hover or focus of a badge or mention) and
 * as an inline summary under a subnet page's title. Built with textContent only: on-chain strings
 * never become markup.
 */
import type { CardModel } from './figures';
import { emitStakeIntent, hasStakeHandler } from './intents';
import { applyStyles } from './styles';

export const CARD_TAG = 'taolens-card';
export const SUMMARY_TAG = 'taolens-summary';

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** Fills `root` with the card for `netuid`. */
export function renderCard(root: ShadowRoot, model: CardModel | null, netuid: number, opts: { id?: string } = {}): void {
  const doc = root.ownerDocument;
  const card = el(doc, 'div', undefined, 'card');
  if (opts.id) card.id = opts.id;
  const title = el(doc, 'h2', model ? model.title : `Subnet ${netuid}`);
  if (model?.symbol) title.append(el(doc, 'span', model.symbol, 'sym'));
  card.append(title);
  if (!model) {
    card.append(el(doc, 'p', 'TaoLens has no data for this subnet yet.', 'asof'));
  } else {
    const table = el(doc, 'table');
    for (const row of model.rows) {
      const tr = el(doc, 'tr');
      const th = el(doc, 'th', row.label);
      th.scope = 'row';
      const td = el(doc, 'td', row.value);
      td.append(el(doc, 'span', row.source, 'src'));
      if (row.detail) td.title = row.detail;
      tr.append(th, td);
      table.append(tr);
    }
    card.append(table);
    if (model.positions.length) {
      const mine = el(doc, 'div', 'Your positions: ', 'mine');
      mine.append(model.positions.map((p) => `${p.alpha} (${p.value}) via ${p.hotkey}`).join('; '));
      card.append(mine);
    }
    card.append(el(doc, 'div', model.asOf, 'asof'));
  }
  const actions = el(doc, 'div', undefined, 'actions');
  for (const action of ['stake', 'unstake'] as const) {
    const b = el(doc, 'button', action === 'stake' ? 'Stake' : 'Unstake', action === 'stake' ? '' : 'secondary');
    b.type = 'button';
    b.dataset.action = action;
    b.disabled = !hasStakeHandler();
    if (b.disabled) b.title = 'Staking opens on pages where your wallet is available';
    b.addEventListener('click', (event) => emitStakeIntent({ action, netuid }, event));
    actions.append(b);
  }
  card.append(actions);
  root.replaceChildren();
  applyStyles(root);
  root.append(card);
}

/** The one floating card of a page, positioned next to its anchor without moving the page's text. */
export class FloatingCard {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private anchor: Element | null = null;
  private hideTimer = 0;

  constructor(private readonly doc: Document) {}

  get openFor(): Element | null {
    return this.anchor;
  }

  show(anchor: Element, netuid: number, model: CardModel | null, theme: string): void {
    clearTimeout(this.hideTimer);
    if (!this.host) {
      this.host = this.doc.createElement(CARD_TAG);
      this.host.setAttribute('role', 'dialog');
      this.host.style.cssText = 'position:absolute;z-index:2147483646;top:0;left:0;';
      this.root = this.host.attachShadow({ mode: 'open' });
      this.host.addEventListener('mouseenter', () => clearTimeout(this.hideTimer));
      this.host.addEventListener('mouseleave', () => this.hideSoon());
      this.host.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') this.hide(true);
      });
    }
    this.anchor = anchor;
    this.host.dataset.netuid = String(netuid);
    this.host.dataset.theme = theme;
    this.host.setAttribute('aria-label', model ? `${model.title}: TaoLens figures` : `Subnet ${netuid}`);
    renderCard(this.root!, model, netuid, { id: 'taolens-card' });
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    this.place();
  }

  /** Re-renders the open card with fresh figures. */
  refresh(netuid: number, model: CardModel | null): void {
    if (this.root && this.host?.dataset.netuid === String(netuid)) renderCard(this.root, model, netuid, { id: 'taolens-card' });
  }

  hideSoon(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = window.setTimeout(() => this.hide(false), 250);
  }

  hide(returnFocus: boolean): void {
    clearTimeout(this.hideTimer);
    const anchor = this.anchor;
    this.host?.remove();
    this.anchor = null;
    if (returnFocus && anchor instanceof HTMLElement) anchor.focus();
  }

  private place(): void {
    if (!this.host || !this.anchor) return;
    const r = this.anchor.getBoundingClientRect();
    const view = this.doc.defaultView!;
    const width = Math.min(320, view.innerWidth - 16);
    const left = Math.max(8, Math.min(r.left, view.innerWidth - width - 8)) + view.scrollX;
    const below = r.bottom + 6 + view.scrollY;
    this.host.style.left = `${left}px`;
    this.host.style.top = `${below}px`;
  }
}
