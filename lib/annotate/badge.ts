export const BADGE_TAG = 'taolens-badge';

/** Creates an empty badge for a subnet; its content lives in an open shadow root so page CSS cannot restyle it. */
export function createBadge(netuid: number): HTMLElement {
  const badge = document.createElement(BADGE_TAG);
  badge.dataset.netuid = String(netuid);
  const root = badge.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent =
    ':host{all:initial;display:inline;margin-left:.4em;font:12px/1.2 system-ui,sans-serif}' +
    '.b{display:inline-block;padding:0 .4em;border-radius:.6em;border:1px solid currentColor;opacity:.85;white-space:nowrap}';
  const body = document.createElement('span');
  body.className = 'b';
  body.textContent = `SN${netuid}`;
  root.append(style, body);
  return badge;
}

/** True when `anchor` is already followed by our badge for `netuid` (idempotence after re-renders). */
export function hasBadgeAfter(anchor: Element, netuid: number): boolean {
  const next = anchor.nextElementSibling;
  return next?.localName === BADGE_TAG && (next as HTMLElement).dataset.netuid === String(netuid);
}
