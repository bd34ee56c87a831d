import { pageHeader, subnetLinkTargets, subnetPageTarget, type AnnotationTarget, type SiteAdapter } from './common';

// Account pages a portfolio can watch: `/account/{ss58}` and the older `/coldkey/{ss58}`. `/hotkey/` and
// `/validators/` pages are about a validator's hotkey, which holds no stake of its own to watch.
const ACCOUNT_PATH = /^\/(?:account|coldkey)\/([1-9A-HJ-NP-Za-km-z]{46,48})(?:\/|$)/;

/** The SS58 address of a taostats `/account/{ss58}` or `/coldkey/{ss58}` page, else null. */
export function addressFromTaostatsPath(pathname: string): string | null {
  return ACCOUNT_PATH.exec(pathname)?.[1] ?? null;
}

/** taostats.io: subnet links (tables, lists, search), subnet pages, account pages. */
export const taostatsAdapter: SiteAdapter = {
  id: 'taostats',
  scan(root, url) {
    const targets: AnnotationTarget[] = [...subnetLinkTargets(root, url), ...subnetPageTarget(root, url)];
    const address = addressFromTaostatsPath(url.pathname);
    // The account header shows the address in full (no h1 on taostats): the offer goes after it.
    const header = address ? pageHeader(root, `account:${address}`, [address]) : null;
    if (address && header) targets.push({ kind: 'watch-offer', anchor: header, address });
    return targets;
  },
};
