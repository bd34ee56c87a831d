
import { mountShadow, rootOf } from '../page-ui/mount';
import { tokenValue } from '../page-ui/tokens';

export const BADGE_TAG = 'taolens-badge';
export const MENTION_TAG = 'taolens-mention';
/** The `<style>` of the marks' one rule (lib/annotate/mentions-dom.ts). */
export const MENTION_STYLE_ID = 'taolens-mention-style';
export const WATCH_TAG = 'taolens-watch';

/** One prototype host and body per document: cloning copies every fixed attribute in one step. */
const prototypes = new WeakMap<Document, { host: HTMLElement; body: HTMLElement }>();

/**
 * The badge's look, as one document-level rule on the host (hundreds of shadow roots each adopting a
 * sheet cost more than the rest of the badge). `!important` and `all: initial` keep page CSS out;
 * the text itself lives in the shadow root. In a narrow column (a sidebar) it ends in an ellipsis rather than
 * running past its container: the card has every figure.
 */
const [LIGHT_ACCENT, DARK_ACCENT] = [tokenValue('accent'), tokenValue('accent', 'dark')];
const BADGE_CSS = `${BADGE_TAG}[data-netuid]{all:initial!important;display:inline-block!important;margin-left:.4em!important;
padding:0 .45em!important;border-radius:.7em!important;border:1px solid ${LIGHT_ACCENT}66!important;background:${LIGHT_ACCENT}14!important;
color:${tokenValue('fg')}!important;font:11px/1.35 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif!important;white-space:nowrap!important;
max-width:calc(100% - .4em)!important;overflow:hidden!important;text-overflow:ellipsis!important;box-sizing:border-box!important;
vertical-align:middle!important;cursor:help!important;unicode-bidi:isolate!important}
${BADGE_TAG}[data-theme=dark]{border-color:${DARK_ACCENT}66!important;background:${DARK_ACCENT}1f!important;color:${tokenValue('fg', 'dark')}!important}
${BADGE_TAG}[data-netuid]:focus-visible{outline:2px solid ${LIGHT_ACCENT}!important;outline-offset:1px!important}`;

/** The id of the badge rule's `<style>` in the page (removed with everything else at teardown). */
export const BADGE_STYLE_ID = 'taolens-badge-style';

/** Puts the badge rule on the page once (again if the page dropped it). */
export function ensureBadgeStyle(doc: Document): void {
  if (doc.getElementById(BADGE_STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = BADGE_STYLE_ID;
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
  mountShadow(badge).append(proto.body.cloneNode(false));
  return badge;
}

/** Puts `text` in a badge (as text), with its accessible name and theme. */
export function renderBadge(badge: HTMLElement, text: string, label: string, theme: string): void {
  const body = rootOf(badge)?.firstElementChild;
  if (body && body.textContent !== text) body.textContent = text;
  if (badge.getAttribute('aria-label') !== label) badge.setAttribute('aria-label', label);
  if (badge.dataset.theme !== theme) badge.dataset.theme = theme;
}
