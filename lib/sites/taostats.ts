import type { AnnotationTarget, SiteAdapter } from './types';

const SUBNET_PATH = /^\/subnets\/(\d{1,5})(?:\/|$)/;

/** Netuid of a taostats subnet URL path (`/subnets/64`, `/subnets/64/metagraph`), else null. */
export function netuidFromTaostatsPath(pathname: string): number | null {
  const m = SUBNET_PATH.exec(pathname);
  return m ? Number(m[1]) : null;
}

export const taostatsAdapter: SiteAdapter = {
  id: 'taostats',
  scan(root, url) {
    const targets: AnnotationTarget[] = [];
    for (const a of root.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href') ?? '';
      let path: string;
      try {
        const u = new URL(href, url);
        if (u.hostname !== url.hostname) continue;
        path = u.pathname;
      } catch {
        continue;
      }
      const netuid = netuidFromTaostatsPath(path);
      if (netuid !== null) targets.push({ kind: 'link-badge', anchor: a, netuid });
    }
    return targets;
  },
};
