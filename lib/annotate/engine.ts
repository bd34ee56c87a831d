import type { AnnotationTarget, SiteAdapter } from '../sites/types';
import { BADGE_TAG, createBadge, hasBadgeAfter } from './badge';

const OWN_TAGS = new Set([BADGE_TAG, 'taolens-card']);

/**
 * Keeps a page annotated: one MutationObserver, work batched per animation frame, idempotent
 * so re-renders that strip our nodes get them back exactly once.
 */
export function startAnnotating(adapter: SiteAdapter, doc: Document = document): () => void {
  const pending = new Set<ParentNode>([doc.body]);
  let frame = 0;

  const apply = (target: AnnotationTarget) => {
    if (target.kind === 'link-badge') {
      if (!hasBadgeAfter(target.anchor, target.netuid)) {
        target.anchor.insertAdjacentElement('afterend', createBadge(target.netuid));
      }
    }
  };

  const flush = () => {
    frame = 0;
    const url = new URL(doc.location.href);
    const roots = [...pending];
    pending.clear();
    for (const root of roots) {
      if (!root.isConnected) continue;
      for (const target of adapter.scan(root, url)) apply(target);
    }
  };

  const schedule = (root: ParentNode) => {
    pending.add(root);
    if (!frame) frame = requestAnimationFrame(flush);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && !OWN_TAGS.has(node.localName)) schedule(node);
      }
      for (const node of record.removedNodes) {
        // Our badge was removed by the page: re-check its old parent.
        if (node instanceof Element && OWN_TAGS.has(node.localName) && record.target instanceof Element) {
          schedule(record.target);
        }
      }
    }
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  flush();
  return () => {
    observer.disconnect();
    if (frame) cancelAnimationFrame(frame);
  };
}
