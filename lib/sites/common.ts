import type { MentionContext, MentionIndex } from '../mentions/detect';
import type { SiteId } from './registry';

/** A place on a page where TaoLens adds something. */
export type AnnotationTarget =
  /** A compact badge right after a link to a subnet. */
  | { kind: 'link-badge'; anchor: Element; netuid: number }
  /** A summary card after a subnet page's header (the engine places it where it keeps the header's layout). */
  | { kind: 'page-card'; anchor: Element; netuid: number }
  /**
   * Text in which subnet mentions are marked (a post). Text inside links is left alone, except in the
   * links `markInLink` accepts (x.com's cashtag and hashtag links); the link keeps its click.
   */
  | { kind: 'text-mentions'; element: Element; markInLink?: (link: Element) => boolean }
  /** An offer to watch an address in the portfolio, after an account page's header. */
  | { kind: 'watch-offer'; anchor: Element; address: string };

/**
 * How a site that marks mentions in text does it (`pageMentions` in lib/annotate/mentions-dom.ts). Only the
 * adapters that return `text-mentions` targets carry it, so the other sites' content scripts ship no detector.
 */
export interface MentionMarking {
  index(ctx: MentionContext): MentionIndex;
  mark(element: Element, index: MentionIndex, markInLink?: (link: Element) => boolean): unknown;
}

/** One site: which pages, which elements. Its entry in lib/sites/registry.ts says where it runs. */
export interface SiteAdapter {
  id: SiteId;
  /** Finds every target inside `root` (a subtree that was added or changed). */
  scan(root: ParentNode, url: URL): AnnotationTarget[];
  /** Present when `scan` returns `text-mentions` targets. */
  mentions?: MentionMarking;
}

// `/subnets/64`, `/subnets/64/`, `/subnets/64/chart`, `/subnets/64/metagraph/…`, and taostats' older `/subnets/netuid-64/`.
const SUBNET_PATH = /^\/subnets\/(?:netuid-)?(\d{1,5})(?:[/?#]|$)/;

/** Netuid of a `/subnets/{n}` path or any of its tabs (`/subnets/{n}/chart`), else null. */
export function netuidFromSubnetPath(pathname: string): number | null {
  const m = SUBNET_PATH.exec(pathname);
  return m ? Number(m[1]) : null;
}

const SUBNET_LINK = 'a[href*="/subnets/"]';
/** A table row (or an ARIA grid row): links in one row to the same subnet get one badge between them. */
const ROW = 'tr, [role="row"]';

const bareHost = (host: string) => host.replace(/^www\./, '');

/** The netuid a link's href points at on this site (root-relative, relative or absolute; query and hash ignored). */
export function netuidFromHref(href: string, page: URL): number | null {
  // Fast path for the common same-site root-relative link (parsing a URL per link costs more).
  if (href.startsWith('/subnets/')) return netuidFromSubnetPath(href);
  let u: URL;
  try {
    u = new URL(href, page);
  } catch {
    return null;
  }
  return bareHost(u.hostname) === bareHost(page.hostname) ? netuidFromSubnetPath(u.pathname) : null;
}

/**
 * Badges after same-site links to a subnet, in any URL shape (the root itself may be such a link). A row
 * linking to one subnet several times (number, name, chart) gets one badge, after its first such link.
 * Links to the subnet the page itself is about get none: the page's card says it (and tabs stay tabs).
 */
export function subnetLinkTargets(root: ParentNode, url: URL): AnnotationTarget[] {
  const targets: AnnotationTarget[] = [];
  const links = [...root.querySelectorAll(SUBNET_LINK)];
  if (root instanceof Element && root.matches(SUBNET_LINK)) links.unshift(root);
  const pageNetuid = netuidFromSubnetPath(url.pathname);
  const firstInRow = new Map<Element, Map<number, Element>>();
  for (const a of links) {
    const netuid = netuidFromHref(a.getAttribute('href') ?? '', url);
    if (netuid === null || netuid === pageNetuid) continue;
    const row = a.closest(ROW);
    if (row) {
      let firsts = firstInRow.get(row);
      if (!firsts) {
        firsts = new Map();
        for (const link of row.querySelectorAll(SUBNET_LINK)) {
          const n = netuidFromHref(link.getAttribute('href') ?? '', url);
          if (n !== null && !firsts.has(n)) firsts.set(n, link);
        }
        firstInRow.set(row, firsts);
      }
      if (firsts.get(netuid) !== a) continue;
    }
    targets.push({ kind: 'link-badge', anchor: a, netuid });
  }
  return targets;
}

const docOf = (root: ParentNode): Document => (root instanceof Document ? root : ((root as Node).ownerDocument as Document));

/**
 * The first element outside links and tables whose whole text is one of `texts` (compared case-insensitively
 * for ASCII letters), by one XPath query: explorers show a subnet's number and an account's address in
 * `p`/`div`/`span` elements of a header, without an `h1`.
 */
export function elementWithText(doc: Document, texts: string[]): Element | null {
  const upper = `translate(normalize-space(.), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')`;
  const wanted = texts.map((t) => `${upper}='${t.toUpperCase().replace(/'/g, '')}'`).join(' or ');
  const xpath = `(//body//*[not(self::script or self::style or self::a or ancestor::a or ancestor::table or ancestor::nav or starts-with(local-name(), 'taolens-'))][${wanted}])[1]`;
  return doc.evaluate(xpath, doc, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue as Element | null;
}

// The header found last time per document: kept while it is on the page and still says the same thing,
// so a page with big tables does not search its whole document at every batch of mutations.
const lastHeader = new WeakMap<Document, { key: string; el: Element; text: string }>();

/** A page's header element for `key`: its first `h1`, else the first element whose whole text is one of `texts`. */
export function pageHeader(root: ParentNode, key: string, texts: string[]): Element | null {
  const doc = docOf(root);
  const h1 = doc.querySelector('h1');
  if (h1) return h1;
  const last = lastHeader.get(doc);
  if (last && last.key === key && last.el.isConnected && last.el.textContent === last.text) return last.el;
  const el = elementWithText(doc, texts);
  if (el) lastHeader.set(doc, { key, el, text: el.textContent ?? '' });
  return el;
}

/** The summary card of a `/subnets/{n}` page (any tab), after its header: the `h1`, else the `SN{n}` pill. */
export function subnetPageTarget(root: ParentNode, url: URL): AnnotationTarget[] {
  const netuid = netuidFromSubnetPath(url.pathname);
  if (netuid === null) return [];
  const header = pageHeader(root, `subnet:${netuid}`, [`SN${netuid}`, `SN ${netuid}`, `Subnet ${netuid}`, `Subnet #${netuid}`]);
  return header ? [{ kind: 'page-card', anchor: header, netuid }] : [];
}
