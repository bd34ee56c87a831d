/**
 * The one way TaoLens puts UI into a page: a CLOSED shadow root on a host element of ours. `host.shadowRoot` is
 * null to page scripts and selectors, so a page cannot read or change what a badge, card, offer or panel says;
 * the content script keeps each root here, keyed by its host. Used by badges, cards, page cards and watch offers
 * (lib/annotate) and the staking panel (components/staking/mount.ts).
 *
 * API:
 * - `mountShadow(host, { css, theme })` → the host's closed root: refuses a hijacked host (below), styles the
 *   root with `css` (one constructed sheet per distinct text, shared by every root that uses it; a `<style>`
 *   where the world refuses adopting), and sets `data-theme` (for `HOST_TOKENS_CSS` in ./tokens.ts).
 * - `rootOf(host)` → the closed root `mountShadow` attached to `host`, if any.
 * - `styleRoot(root, css)` → styles a root later (a lazily loaded UI brings its own CSS: content scripts stay small).
 * - `removeAllMounts(doc)` → removes every host mounted in `doc`: the content script's teardown when WXT
 *   invalidates its context (an updated or removed extension leaves nothing in open tabs).
 * The caller puts the host into the page (where and when is its business) and removes it when done.
 */
import type { Theme } from './tokens';

const roots = new WeakMap<Element, ShadowRoot>();
/** Tag names mounted so far: teardown finds their hosts by selector (a set of hosts would keep removed ones alive). */
const mountedTags = new Set<string>();

/**
 * A page can define our tag names as its own custom elements: its constructor would run on our hosts, and
 * `attachInternals().shadowRoot` would hand it even a closed root. Such a host is refused (nothing is rendered).
 */
export class HijackedHostError extends Error {}

export interface MountOptions {
  /** The root's stylesheet (include `HOST_TOKENS_CSS` for the colours). None: the host is styled from outside. */
  css?: string;
  theme?: Theme;
}

export function mountShadow(host: HTMLElement, opts: MountOptions = {}): ShadowRoot {
  if (host.matches(':defined')) throw new HijackedHostError(`the page defined <${host.localName}>: TaoLens shows nothing in it`);
  const root = host.attachShadow({ mode: 'closed' });
  roots.set(host, root);
  mountedTags.add(host.localName);
  if (opts.theme) host.dataset.theme = opts.theme;
  if (opts.css !== undefined) styleRoot(root, opts.css);
  return root;
}

/** The closed root we attached to `host`, if any. */
export function rootOf(host: Element): ShadowRoot | undefined {
  return roots.get(host);
}

/** Removes every host of ours in `doc` (ours: a root we attached, not a page element that took one of our tag names). */
export function removeAllMounts(doc: Document = document): void {
  if (!mountedTags.size) return;
  for (const host of doc.querySelectorAll([...mountedTags].join(','))) if (roots.has(host)) host.remove();
}

const sheets = new Map<string, CSSStyleSheet | null>();

/**
 * Styles a root with `css`: one constructed sheet per distinct text, shared by every root that uses it; a `<style>`
 * where the world refuses adopting. For CSS that arrives after mounting (code loaded later, like the staking panel's).
 */
export function styleRoot(root: ShadowRoot, css: string): void {
  let sheet = sheets.get(css);
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    } catch {
      sheet = null;
    }
    sheets.set(css, sheet);
  }
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Some isolated worlds refuse adopting: fall through to a <style> element.
    }
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.append(style);
}
