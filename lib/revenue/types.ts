import type { FetchError, FetchLike, NetOptions } from '../net/fetch-json';

export type RevenueWindow = '1d' | '7d' | '30d';
export const REVENUE_WINDOWS: readonly RevenueWindow[] = ['1d', '7d', '30d'];
export const WINDOW_DAYS: Record<RevenueWindow, number> = { '1d': 1, '7d': 7, '30d': 30 };

/**
 * Who stands behind a figure, best first:
 * - verified-on-chain: checked against chain data (metagraph.sh `chain-verified`).
 * - published-by-subnet: the subnet's own published numbers (Chutes' API; metagraph.sh `operator-attested`, and
 *   `probe-derived`, which is metagraph.sh's prober reading the subnet's own public endpoint).
 * - third-party: someone else's report (metagraph.sh `third-party-reported`, user-supplied feeds).
 * - user-entered: typed in by the user in settings.
 */
export type ProvenanceTier = 'verified-on-chain' | 'published-by-subnet' | 'third-party' | 'user-entered';

/** Higher wins in combineRevenue. */
export const TIER_RANK: Record<ProvenanceTier, number> = {
  'verified-on-chain': 4,
  'published-by-subnet': 3,
  'third-party': 2,
  'user-entered': 1,
};

export interface RevenueFigure {
  netuid: number;
  /** Revenue from outside customers over `window`, USD. An observed 0 is a real 0; unknown revenue has no figure. */
  usd: number;
  window: RevenueWindow;
  /** When the figure was true (ms since epoch). */
  asOf: number;
  sourceId: string;
  sourceName: string;
  /** Where a person can check the figure ('' for manual entries without one). */
  link: string;
  tier: ProvenanceTier;
  note?: string;
}

export interface RevenueSourceStatus {
  state: 'ok' | 'error' | 'empty';
  /** Plain language, names the host or source. */
  message: string;
  fetchedAt: number;
  /** Set by the revenue service when the source failed and its last good figures (fetched then) are shown. */
  keptFrom?: number;
  /** When the source began failing (the first failure in a row); set on errors by the revenue service. */
  failingSince?: number;
  /** Entries of the answer dropped one by one (unreadable or implausible), each counted; the rest are kept. */
  refused?: number;
}

export interface RevenueSourceResult {
  sourceId: string;
  status: RevenueSourceStatus;
  figures: RevenueFigure[];
}

export interface RevenueContext {
  fetch: FetchLike;
  now: () => number;
  window: RevenueWindow;
  net?: NetOptions;
}

export interface RevenueSource {
  id: string;
  name: string;
  fetch(ctx: RevenueContext): Promise<RevenueSourceResult>;
}

export function errorResult(sourceId: string, message: string, fetchedAt: number): RevenueSourceResult {
  return { sourceId, status: { state: 'error', message, fetchedAt }, figures: [] };
}

export function fetchErrorResult(sourceId: string, error: FetchError, fetchedAt: number): RevenueSourceResult {
  return errorResult(sourceId, error.message, fetchedAt);
}

export const windowLabel = (w: RevenueWindow) => `${WINDOW_DAYS[w]} d`;
