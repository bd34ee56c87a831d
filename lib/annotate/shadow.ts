/**
 * Our page UI (badges, cards, page summaries, watch offers) lives in CLOSED shadow roots: `host.shadowRoot` is
 * null to page scripts and selectors, so a page cannot read what a card says. The content script keeps each
 * root here, keyed by its host.
 */
const roots = new WeakMap<Element, ShadowRoot>();

/**
 * A page can define our tag names as its own custom elements: its constructor would run on our hosts, and
 * `attachInternals().shadowRoot` would hand it even a closed root. Such a host is refused (nothing is rendered).
 */
export class HijackedHostError extends Error {}

export function attachClosedRoot(host: HTMLElement): ShadowRoot {
  if (host.matches(':defined')) throw new HijackedHostError(`the page defined <${host.localName}>: TaoLens shows nothing in it`);
  const root = host.attachShadow({ mode: 'closed' });
  roots.set(host, root);
  return root;
}

/** The closed root we attached to `host`, if any. */
export function closedRootOf(host: Element): ShadowRoot | undefined {
  return roots.get(host);
}
