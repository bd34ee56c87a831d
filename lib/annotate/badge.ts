
import { attachClosedRoot, closedRootOf } from './shadow';

export const BADGE_TAG = 'taolens-badge';
export const MENTION_TAG = 'taolens-mention';
export const WATCH_TAG = 'taolens-watch';

/** One prototype host and body per document: cloning copies every fixed attribute in one step. */
const prototypes = new WeakMap<Document, { host: HTMLElement; body: HTMLElement }>();

/**
 * The badge's look, as one document-level rule on the host (hundreds of shadow roots each adopting a
 * sheet cost more than the rest of the badge). `!important` and `all: initial` keep page CSS out;
 * the text itself lives in the shadow root.
 */
const BADGE_CSS = `${BADGE_TAG}[data-netuid]{all:initial!important;display:inline-block!important;margin-left:.4em!important;
padding:0 .45em!important;border-radius:.7em!important;border:1px solid #0b7a5b66!important;background:#0b7a5b14!important;
color:#111418!important;font:11px/1.35 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif!important;white-space:nowrap!important;
vertical-align:baseline!important;cursor:help!important;unicode-bidi:isolate!important}
${BADGE_TAG}[data-theme=dark]{border-color:#3ccf9a66!important;background:#3ccf9a1f!important;color:#e8eaed!important}
${BADGE_TAG}[data-netuid]:focus-visible{outline:2px solid #0b7a5b!important;outline-offset:1px!important}`;

/** Puts the badge rule on the page once (again if the page dropped it). */
export function ensureBadgeStyle(doc: Document): void {
  if (doc.getElementById('taolens-badge-style')) return;
  const style = doc.createElement('style');
  style.id = 'taolens-badge-style';
  style.textContent = BADGE_CSS;
  (doc.head ?? doc.documentElement).append(style);
}

/**
 * A compact badge for a subnet. Its text lives in a closed shadow root so page scripts and selectors
 * do not see it as the page's text; the host is inline and focusable, so it opens the card by keyboard too.
 */
export function createBadge(doc: Document, netuid: number): HTMLElement {
  let proto = prototypes.get(doc);
  if (!proto) {
    const host = doc.createElement(BADGE_TAG);
    host.tabIndex = 0;
    host.setAttribute('role', 'button');
    host.setAttribute('aria-haspopup', 'dialog');
    host.setAttribute('aria-expanded', 'false');
    const body = doc.createElement('span');
    body.className = 'badge';
    prototypes.set(doc, (proto = { host, body }));
  }
  const badge = proto.host.cloneNode(false) as HTMLElement;
  badge.dataset.netuid = String(netuid);
  attachClosedRoot(badge).append(proto.body.cloneNode(false));
  return badge;
}

/** Puts `text` in a badge (as text), with its accessible name and theme. */
export function renderBadge(badge: HTMLElement, text: string, label: string, theme: string): void {
  const body = closedRootOf(badge)?.firstElementChild;
  if (body && body.textContent !== text) body.textContent = text;
  if (badge.getAttribute('aria-label') !== label) badge.setAttribute('aria-label', label);
  if (badge.dataset.theme !== theme) badge.dataset.theme = theme;
}

/** True when `anchor` is already followed by our badge for `netuid` (idempotence after re-renders). */
export function hasBadgeAfter(anchor: Element, netuid: number): boolean {
  const next = anchor.nextElementSibling;
  return next?.localName === BADGE_TAG && (next as HTMLElement).dataset.netuid === String(netuid);
}
