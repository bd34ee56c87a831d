import { applyStyles } from './styles';

export const BADGE_TAG = 'taolens-badge';
export const MENTION_TAG = 'taolens-mention';
export const WATCH_TAG = 'taolens-watch';

/**
 * A compact badge for a subnet. Its content lives in an open shadow root so page CSS cannot restyle
 * it; the host is inline and focusable, so it opens the card by keyboard too.
 */
export function createBadge(doc: Document, netuid: number): HTMLElement {
  const badge = doc.createElement(BADGE_TAG);
  badge.dataset.netuid = String(netuid);
  badge.tabIndex = 0;
  badge.setAttribute('role', 'button');
  badge.setAttribute('aria-haspopup', 'dialog');
  badge.setAttribute('aria-expanded', 'false');
  const root = badge.attachShadow({ mode: 'open' });
  applyStyles(root);
  const body = doc.createElement('span');
  body.className = 'badge';
  root.append(body);
  return badge;
}

/** Puts `text` in a badge (as text), with its accessible name and theme. */
export function renderBadge(badge: HTMLElement, text: string, label: string, theme: string): void {
  const body = badge.shadowRoot?.querySelector('.badge');
  if (body && body.textContent !== text) body.textContent = text;
  if (badge.getAttribute('aria-label') !== label) badge.setAttribute('aria-label', label);
  if (badge.dataset.theme !== theme) badge.dataset.theme = theme;
}

/** True when `anchor` is already followed by our badge for `netuid` (idempotence after re-renders). */
export function hasBadgeAfter(anchor: Element, netuid: number): boolean {
  const next = anchor.nextElementSibling;
  return next?.localName === BADGE_TAG && (next as HTMLElement).dataset.netuid === String(netuid);
}
