import type { SiteId } from '../storage/settings';

/** A place on a page where TaoLens adds something. */
export type AnnotationTarget =
  /** A compact badge right after a link to a subnet. */
  | { kind: 'link-badge'; anchor: Element; netuid: number }
  /** A summary card right after a subnet page's title. */
  | { kind: 'page-card'; anchor: Element; netuid: number }
  /** Text in which subnet mentions are marked (a post). */
  | { kind: 'text-mentions'; element: Element }
  /** An offer to watch an address in the portfolio, after an account page's title. */
  | { kind: 'watch-offer'; anchor: Element; address: string };

/** One site: which pages, which elements. A new site is one new adapter file. */
export interface SiteAdapter {
  id: SiteId;
  /** Finds every target inside `root` (a subtree that was added or changed). */
  scan(root: ParentNode, url: URL): AnnotationTarget[];
}

/** Netuid of a `/subnets/{n}` path (and its sub-pages), else null. */
export function netuidFromSubnetPath(pathname: string): number | null {
  const m = /^\/subnets\/(\d{1,5})(?:\/|$)/.exec(pathname);
  return m ? Number(m[1]) : null;
}

/** Netuid a link to `/subnets/{n}` (exactly, not a sub-page tab like `/subnets/{n}/metagraph`) points at. */
export function netuidFromSubnetLink(pathname: string): number | null {
  const m = /^\/subnets\/(\d{1,5})\/?$/.exec(pathname);
  return m ? Number(m[1]) : null;
}

const SUBNET_LINK = 'a[href*="/subnets/"]';

/** Badges after same-site links to `/subnets/{n}` (the root itself may be such a link). */
export function subnetLinkTargets(root: ParentNode, url: URL): AnnotationTarget[] {
  const targets: AnnotationTarget[] = [];
  const links = [...root.querySelectorAll(SUBNET_LINK)];
  if (root instanceof Element && root.matches(SUBNET_LINK)) links.unshift(root);
  for (const a of links) {
    const href = a.getAttribute('href') ?? '';
    // Fast path for the common same-site root-relative link (parsing a URL per link costs more).
    if (href.startsWith('/subnets/')) {
      const end = href.search(/[?#]/);
      const netuid = netuidFromSubnetLink(end < 0 ? href : href.slice(0, end));
      if (netuid !== null) targets.push({ kind: 'link-badge', anchor: a, netuid });
      continue;
    }
    let u: URL;
    try {
      u = new URL(href, url);
    } catch {
      continue;
    }
    if (u.hostname !== url.hostname) continue;
    const netuid = netuidFromSubnetLink(u.pathname);
    if (netuid !== null) targets.push({ kind: 'link-badge', anchor: a, netuid });
  }
  return targets;
}

/** The page's title: its first `h1` (of the whole document, whichever subtree is being scanned). */
export function pageTitle(root: ParentNode): Element | null {
  const doc = root instanceof Document ? root : (root as Node).ownerDocument;
  return (doc ?? root).querySelector('h1');
}

/** The summary card under the title of a `/subnets/{n}` page (and its sub-pages). */
export function subnetPageTarget(root: ParentNode, url: URL): AnnotationTarget[] {
  const netuid = netuidFromSubnetPath(url.pathname);
  if (netuid === null) return [];
  const title = pageTitle(root);
  return title ? [{ kind: 'page-card', anchor: title, netuid }] : [];
}
