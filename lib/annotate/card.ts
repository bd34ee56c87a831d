/**
 * The subnet card: the same content as a floating card (on hover or focus of a badge or mention) and
 * as an inline summary under a subnet page's title. Built with textContent only: on-chain strings
 * never become markup.
 */
import type { CardModel } from './figures';
import { connectWallet, emitStakeIntent } from './intents';
import { openNetworkView } from './network-line';
import { attachClosedRoot } from './shadow';
import { applyStyles } from './styles';

export const CARD_TAG = 'taolens-card';
/** The card's last status line ("Connected 2 accounts…"): kept across the re-render each block brings. */
const statusLines = new WeakMap<ShadowRoot, string>();
export const SUMMARY_TAG = 'taolens-summary';

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** Fills `root` with the card for `netuid` (null: the TAO card of a `$TAO` mention, without staking). */
export function renderCard(root: ShadowRoot, model: CardModel | null, netuid: number | null, opts: { id?: string } = {}): void {
  const doc = root.ownerDocument;
  const card = el(doc, 'div', undefined, 'card');
  if (opts.id) card.id = opts.id;
  const title = el(doc, 'h2', model ? model.title : netuid === null ? 'TAO' : `Subnet ${netuid}`);
  if (model?.symbol) title.append(el(doc, 'span', model.symbol, 'sym'));
  card.append(title);
  if (model?.sameName) card.append(el(doc, 'p', model.sameName, 'warn'));
  if (!model) {
    card.append(el(doc, 'p', 'TaoLens has no data for this subnet yet.', 'asof'));
  } else {
    const table = el(doc, 'table');
    for (const row of model.rows) {
      const tr = el(doc, 'tr');
      if (row.status) tr.dataset.status = row.status;
      const th = el(doc, 'th', row.label);
      th.scope = 'row';
      const td = el(doc, 'td', row.value);
      td.append(el(doc, 'span', row.source, 'src'));
      if (row.opens === 'network') {
        const open = el(doc, 'button', 'Open the network view', 'secondary');
        open.type = 'button';
        open.dataset.action = 'open-network';
        open.addEventListener('click', openNetworkView);
        td.append(open);
      }
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
  if (netuid === null) {
    root.replaceChildren();
    applyStyles(root);
    root.append(card);
    return;
  }
  const actions = el(doc, 'div', undefined, 'actions');
  for (const action of ['stake', 'unstake'] as const) {
    const b = el(doc, 'button', action === 'stake' ? 'Stake' : 'Unstake', action === 'stake' ? '' : 'secondary');
    b.type = 'button';
    b.dataset.action = action;
    b.setAttribute('aria-label', `${action === 'stake' ? 'Stake on' : 'Unstake from'} subnet ${netuid}`);
    // The staking flow listens for this event (see ./intents.ts); the card only says what was asked.
    b.addEventListener('click', (event) => emitStakeIntent(root.host, { action, netuid }, event));
    actions.append(b);
  }
  const connect = el(doc, 'button', 'Connect wallet', 'secondary');
  connect.type = 'button';
  connect.dataset.action = 'connect-wallet';
  const status = el(doc, 'div', statusLines.get(root) ?? '', 'asof');
  status.setAttribute('role', 'status');
  const say = (text: string) => {
    statusLines.set(root, text);
    // The card may have been re-rendered meanwhile: write to the status line on screen now.
    const shown = root.querySelector('[role="status"]');
    if (shown) shown.textContent = text;
  };
  // Busy is aria-disabled, not `disabled`: disabling the focused button would blur it, and a card that loses
  // focus closes before the answer shows.
  connect.addEventListener('click', async (event) => {
    if (connect.getAttribute('aria-disabled') === 'true') return;
    connect.setAttribute('aria-disabled', 'true');
    say('Asking your wallet…');
    say(await connectWallet(event));
    connect.removeAttribute('aria-disabled');
  });
  actions.append(connect);
  card.append(actions, status);
  root.replaceChildren();
  applyStyles(root);
  root.append(card);
}

/** The one floating card of a page, positioned next to its anchor without moving the page's text. */
export class FloatingCard {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private anchor: HTMLElement | null = null;
  private hideTimer = 0;
  /** The anchor focus is being handed back to (its focus must not reopen the card). */
  private returning: Element | null = null;

  constructor(private readonly doc: Document) {}

  get openFor(): HTMLElement | null {
    return this.anchor;
  }

  /** True while focus goes back to `el` after the card closed with Escape. */
  isReturningTo(el: Element): boolean {
    return this.returning === el;
  }

  /** True when `node` is the card or inside it. */
  contains(node: EventTarget | null): boolean {
    return !!this.host && node instanceof Node && (node === this.host || this.host.contains(node));
  }

  show(anchor: HTMLElement, netuid: number | null, model: CardModel | null, theme: string): void {
    clearTimeout(this.hideTimer);
    if (!this.host) {
      const host = this.doc.createElement(CARD_TAG);
      host.id = 'taolens-card-host';
      host.setAttribute('role', 'dialog');
      host.style.cssText = 'position:absolute;z-index:2147483646;top:0;left:0;';
      this.root = attachClosedRoot(host);
      host.addEventListener('mouseenter', () => clearTimeout(this.hideTimer));
      host.addEventListener('mouseleave', () => this.hideSoon());
      host.addEventListener('focusin', () => clearTimeout(this.hideTimer));
      host.addEventListener('focusout', (e) => {
        const next = e.relatedTarget;
        if (!this.contains(next) && next !== this.anchor) this.hideSoon();
      });
      this.host = host;
    }
    if (this.anchor && this.anchor !== anchor) this.anchor.setAttribute('aria-expanded', 'false');
    if (this.anchor !== anchor) statusLines.delete(this.root!);
    this.anchor = anchor;
    anchor.setAttribute('aria-expanded', 'true');
    anchor.setAttribute('aria-controls', this.host.id);
    if (netuid === null) {
      delete this.host.dataset.netuid;
      this.host.dataset.kind = 'tao';
    } else {
      this.host.dataset.netuid = String(netuid);
      delete this.host.dataset.kind;
    }
    this.host.dataset.theme = theme;
    this.host.setAttribute('aria-label', model ? `${model.title}: TaoLens figures` : netuid === null ? 'TAO' : `Subnet ${netuid}`);
    renderCard(this.root!, model, netuid, { id: 'taolens-card' });
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    this.place();
  }

  /** Moves keyboard focus into the card (its first button), as a dialog opened with Enter. */
  focusInside(): void {
    this.root?.querySelector<HTMLElement>('button')?.focus();
  }

  /** Re-renders the open card with fresh figures, keeping focus on the same button. */
  refresh(netuid: number | null, model: CardModel | null): void {
    if (!this.root || this.host?.dataset.netuid !== (netuid === null ? undefined : String(netuid))) return;
    const focused = (this.root.activeElement as HTMLElement | null)?.dataset.action;
    renderCard(this.root, model, netuid, { id: 'taolens-card' });
    if (focused) this.root.querySelector<HTMLElement>(`button[data-action="${focused}"]`)?.focus();
  }

  hideSoon(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = window.setTimeout(() => this.hide(false), 250);
  }

  hide(returnFocus: boolean): void {
    clearTimeout(this.hideTimer);
    const anchor = this.anchor;
    const hadFocus = this.contains(this.doc.activeElement);
    this.host?.remove();
    this.anchor = null;
    if (!anchor) return;
    anchor.setAttribute('aria-expanded', 'false');
    if ((returnFocus || hadFocus) && anchor.isConnected) {
      this.returning = anchor;
      anchor.focus();
      this.returning = null;
    }
  }

  private place(): void {
    if (!this.host || !this.anchor) return;
    const r = this.anchor.getBoundingClientRect();
    const view = this.doc.defaultView!;
    const width = Math.min(320, view.innerWidth - 16);
    const left = Math.max(8, Math.min(r.left, view.innerWidth - width - 8));
    const height = this.host.offsetHeight;
    // Below the anchor, or above it when the viewport has no room below.
    const top = r.bottom + 6 + height > view.innerHeight && r.top - 6 - height > 0 ? r.top - 6 - height : r.bottom + 6;
    this.host.style.left = `${left + view.scrollX}px`;
    this.host.style.top = `${top + view.scrollY}px`;
  }
}
