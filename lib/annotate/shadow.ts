/**
 * Our page UI (badges, cards, page summaries, watch offers) lives in CLOSED shadow roots: `host.shadowRoot` is
 * null to page scripts and selectors, so a page cannot read what a card says. The content script keeps each
 * root here, keyed by its host.
 */
const roots = new WeakMap<Element, ShadowRoot>();

export function attachClosedRoot(host: HTMLElement): ShadowRoot {
  const root = host.attachShadow({ mode: 'closed' });
  roots.set(host, root);
  return root;
}

/** The closed root we attached to `host`, if any. */
export function closedRootOf(host: Element): ShadowRoot | undefined {
  return roots.get(host);
}
