import type { SiteId } from '../storage/settings';

/** A place on a page where TaoLens adds something. */
export type AnnotationTarget =
  /** A compact badge right after a link to a subnet. */
  | { kind: 'link-badge'; anchor: Element; netuid: number }
  /** A summary card near a subnet page's title. */
  | { kind: 'page-card'; anchor: Element; netuid: number };

/** One site: which pages, which elements. A new site is one new adapter file. */
export interface SiteAdapter {
  id: SiteId;
  /** Finds every target inside `root` (a subtree that was added or changed). */
  scan(root: ParentNode, url: URL): AnnotationTarget[];
}
