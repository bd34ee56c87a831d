/**
 * The subnet card: the same content as a floating card (on hover or focus of a badge or mention) and
 * as an inline summary under a subnet page's title. Built with textContent only: on-chain strings
 * never become markup.
 */
import type { CardModel, CardRow } from './figures';
import { connectWallet, emitStakeIntent } from './intents';
import { openNetworkView } from './network-line';
import { mountShadow } from '../page-ui/mount';
import { CARD_CSS } from './styles';

export const CARD_TAG = 'taolens-card';
/** A subnet page's card, under its header (the floating card's content, inline). */
export const PAGE_CARD_TAG = 'taolens-summary';

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** Text, written only when it changed (a rewrite would reset a selection or a screen reader's place). */
function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** One card's elements, built once per root and subnet and then updated in place on every block. */
interface CardParts {
  netuid: number | null;
  name: HTMLElement;
  sym: HTMLElement;
  warn: HTMLElement;
  table: HTMLTableElement;
  mine: HTMLElement;
  asOf: HTMLElement;
}
const cards = new WeakMap<ShadowRoot, CardParts>();

export interface CardOptions {
  id?: string;
  /** Stake / Unstake buttons (sites where the staking panel runs; lib/sites/registry.ts). */
  staking?: boolean;
  /** Build the card anew (another anchor): the status line of the previous one goes. */
  fresh?: boolean;
}

/**
 * Shows the card for `netuid` (null: the TAO card of a `$TAO` mention, without staking) in `root`. The first call
 * builds it; later calls with the same subnet only rewrite the figures, so buttons, focus, hover, a click in
 * progress and the status line ("Asking your wallet…") survive the new block.
 */
export function renderCard(root: ShadowRoot, model: CardModel | null, netuid: number | null, opts: CardOptions = {}): void {
  let parts = cards.get(root);
  if (!parts || parts.netuid !== netuid || opts.fresh) {
    parts = buildCard(root, netuid, opts);
    cards.set(root, parts);
  }
  fillCard(root.ownerDocument, parts, model, netuid);
}

function buildCard(root: ShadowRoot, netuid: number | null, opts: CardOptions): CardParts {
  const doc = root.ownerDocument;
  const card = el(doc, 'div', undefined, 'card');
  if (opts.id) card.id = opts.id;
  const title = el(doc, 'h2');
  const parts: CardParts = {
    netuid,
    name: el(doc, 'span'),
    sym: el(doc, 'span', undefined, 'sym'),
    warn: el(doc, 'p', undefined, 'warn'),
    table: el(doc, 'table'),
    mine: el(doc, 'div', undefined, 'mine'),
    asOf: el(doc, 'div', undefined, 'asof'),
  };
  title.append(parts.name, parts.sym);
  card.append(title, parts.warn, parts.table, parts.mine, parts.asOf);
  if (netuid !== null) card.append(...actions(root, netuid, opts.staking ?? true));
  root.replaceChildren(card);
  return parts;
}

/** Stake, Unstake (where staking runs) and Connect wallet, with the status line under them. */
function actions(root: ShadowRoot, netuid: number, staking: boolean): HTMLElement[] {
  const doc = root.ownerDocument;
  const row = el(doc, 'div', undefined, 'actions');
  for (const action of staking ? (['stake', 'unstake'] as const) : []) {
    const b = el(doc, 'button', action === 'stake' ? 'Stake' : 'Unstake', action === 'stake' ? '' : 'secondary');
    b.type = 'button';
    b.dataset.action = action;
    b.setAttribute('aria-label', `${action === 'stake' ? 'Stake on' : 'Unstake from'} subnet ${netuid}`);
    // The staking flow listens for this event (see ./intents.ts); the card only says what was asked.
    b.addEventListener('click', (event) => emitStakeIntent(root.host, { action, netuid }, event));
    row.append(b);
  }
  const connect = el(doc, 'button', 'Connect wallet', 'secondary');
  connect.type = 'button';
  connect.dataset.action = 'connect-wallet';
  const status = el(doc, 'div', '', 'asof');
  status.setAttribute('role', 'status');
  // Busy is aria-disabled, not `disabled`: disabling the focused button would blur it, and a card that loses
  // focus closes before the answer shows.
  connect.addEventListener('click', async (event) => {
    if (connect.getAttribute('aria-disabled') === 'true') return;
    connect.setAttribute('aria-disabled', 'true');
    status.textContent = 'Asking your wallet…';
    status.textContent = await connectWallet(event);
    connect.removeAttribute('aria-disabled');
  });
  row.append(connect);
  return [row, status];
}

function fillCard(doc: Document, parts: CardParts, model: CardModel | null, netuid: number | null): void {
  setText(parts.name, model ? model.title : netuid === null ? 'TAO' : `Subnet ${netuid}`);
  setText(parts.sym, model?.symbol ?? '');
  setText(parts.warn, model?.sameName ?? '');
  parts.warn.hidden = !model?.sameName;
  const rows = model?.rows ?? [];
  const trs = parts.table.rows;
  while (trs.length > rows.length) trs[trs.length - 1]!.remove();
  rows.forEach((row, i) => fillRow(doc, trs[i] ?? parts.table.appendChild(newRow(doc)), row));
  const positions = model?.positions ?? [];
  setText(parts.mine, positions.length ? `Your positions: ${positions.map((p) => `${p.alpha} (${p.value}) via ${p.hotkey}`).join('; ')}` : '');
  parts.mine.hidden = !positions.length;
  setText(parts.asOf, model ? model.asOf : 'TaoLens has no data for this subnet yet.');
}

function newRow(doc: Document): HTMLTableRowElement {
  const tr = el(doc, 'tr');
  const th = el(doc, 'th');
  th.scope = 'row';
  const td = el(doc, 'td');
  td.append(el(doc, 'span'), el(doc, 'span', undefined, 'src'));
  tr.append(th, td);
  return tr;
}

function fillRow(doc: Document, tr: HTMLTableRowElement, row: CardRow): void {
  const [th, td] = [tr.cells[0]!, tr.cells[1]!];
  const [value, source] = [td.children[0]!, td.children[1]!];
  setText(th, row.label);
  setText(value, row.value);
  setText(source, row.source);
  if (row.status) tr.dataset.status = row.status;
  else delete tr.dataset.status;
  if (row.detail) td.title = row.detail;
  else td.removeAttribute('title');
  const open = td.querySelector('button');
  if (row.opens === 'network' && !open) {
    const b = el(doc, 'button', 'Open the network view', 'secondary');
    b.type = 'button';
    b.dataset.action = 'open-network';
    b.addEventListener('click', openNetworkView);
    td.append(b);
  } else if (row.opens !== 'network') open?.remove();
}

/** The one floating card of a page, positioned next to its anchor without moving the page's text. */
export class FloatingCard {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private anchor: HTMLElement | null = null;
  private hideTimer = 0;
  /** The anchor focus is being handed back to (its focus must not reopen the card). */
  private returning: Element | null = null;

  constructor(
    private readonly doc: Document,
    private readonly staking = true,
  ) {}

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
      this.root = mountShadow(host, { css: CARD_CSS });
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
    const fresh = this.anchor !== anchor;
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
    renderCard(this.root!, model, netuid, { id: 'taolens-card', staking: this.staking, fresh });
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    this.place();
  }

  /** Moves keyboard focus into the card (its first button), as a dialog opened with Enter. */
  focusInside(): void {
    this.root?.querySelector<HTMLElement>('button')?.focus();
  }

  /** The open card's figures, updated in place (its buttons, focus and status line stay). */
  refresh(netuid: number | null, model: CardModel | null): void {
    if (!this.root || this.host?.dataset.netuid !== (netuid === null ? undefined : String(netuid))) return;
    renderCard(this.root, model, netuid, { id: 'taolens-card', staking: this.staking });
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
