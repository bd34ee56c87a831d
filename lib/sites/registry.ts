/**
 * The one list of sites TaoLens works on. Everything else about a site derives from it: `SiteId`, the
 * manifest's host permissions and each content script's `matches` (wxt.config.ts, entrypoints), the settings'
 * default switches and the options page's toggles, where the staking panel runs.
 *
 * A new site: one entry here, its adapter (`lib/sites/<id>.ts`, which finds what to annotate) and its
 * entrypoint (`entrypoints/<id>.content/index.ts`, two lines); tests/unit/site-registry.test.ts checks the three
 * agree. Data only, on purpose: the wallet bridge's entrypoints read it and must stay free of other code.
 */
export interface SiteInfo {
  readonly id: string;
  /** How the options page names it ("Annotate taostats.io"). */
  readonly label: string;
  /** Match patterns of its pages (manifest syntax). */
  readonly matches: readonly string[];
  /** Cards offer Stake / Unstake and the staking panel runs there (the entrypoint installs it). */
  readonly staking: boolean;
}

export const SITES = [
  { id: 'taostats', label: 'taostats.io', matches: ['https://taostats.io/*'], staking: true },
  { id: 'x', label: 'x.com', matches: ['https://x.com/*'], staking: true },
  { id: 'taomarketcap', label: 'taomarketcap.com', matches: ['https://taomarketcap.com/*'], staking: false },
] as const satisfies readonly SiteInfo[];

export type SiteId = (typeof SITES)[number]['id'];

/** One site's entry. */
export function site(id: SiteId): SiteInfo {
  return SITES.find((s) => s.id === id)!;
}

/** Every site's pages: the manifest's host permissions, and where the wallet bridge runs (a card's "Connect wallet"). */
export const SITE_MATCHES: string[] = SITES.flatMap((s) => [...s.matches]);

/** Each site's switch as it is before the user touches it: on. */
export function defaultSiteSwitches(): Record<SiteId, boolean> {
  return Object.fromEntries(SITES.map((s) => [s.id, true])) as Record<SiteId, boolean>;
}
