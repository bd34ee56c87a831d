/**
 * Where a block of ours (a page card, a watch offer) goes after a page's header element without breaking
 * the header's layout: out of every row it sits in (a flex row, a grid, inline content), after the row.
 * Inserted inside a flex row, a block becomes one more item between the title and its pill.
 */
export function blockSpotAfter(anchor: Element): Element {
  const doc = anchor.ownerDocument;
  const view = doc.defaultView;
  if (!view) return anchor;
  let spot = anchor;
  for (let parent = spot.parentElement; parent && parent !== doc.body && parent !== doc.documentElement; parent = spot.parentElement) {
    const style = view.getComputedStyle(parent);
    const { display } = style;
    const inRow =
      ((display === 'flex' || display === 'inline-flex') && !style.flexDirection.startsWith('column')) ||
      display === 'grid' ||
      display === 'inline-grid' ||
      display.startsWith('inline') ||
      parent.localName === 'p';
    if (!inRow) break;
    spot = parent;
  }
  return spot;
}
