import { subnetLinkTargets, subnetPageTarget, type SiteAdapter } from './common';

/** taomarketcap.com: the same shape as taostats for subnets (links to and pages at `/subnets/{n}`). */
export const taomarketcapAdapter: SiteAdapter = {
  id: 'taomarketcap',
  scan: (root, url) => [...subnetLinkTargets(root, url), ...subnetPageTarget(root, url)],
};
