import { pageTitle, subnetLinkTargets, subnetPageTarget, type AnnotationTarget, type SiteAdapter } from './types';

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
    const title = address ? pageTitle(root) : null;
    if (address && title) targets.push({ kind: 'watch-offer', anchor: title, address });
    return targets;
  },
};
