import type { TaoUsd } from '../model/types';
import type { CombinedRevenue } from '../revenue/combine';
import { isStale, MAX_AGE_DAYS } from '../revenue/bounds';
import { WINDOW_DAYS, type ProvenanceTier, type RevenueFigure, type RevenueWindow } from '../revenue/types';
import { raoToUsd } from '../units/amount';
import { subsidyPerDay, type SubsidyInput, type SubsidyPerDay } from './subsidy';

/**
 * Coverage = revenue ÷ subsidy over the SAME window, in USD. Subsidy is the total (TAO injected + alpha emitted at
 * the spot price) per day × the window's days (see subsidy.ts). Unknown revenue is 'not-observed', never 0.
 */
export type CoverageState = 'observed' | 'not-observed' | 'no-price' | 'no-subsidy' | 'stale';

export interface Coverage {
  netuid: number;
  window: RevenueWindow;
  /** revenue / subsidy; null unless state is 'observed'. */
  ratio: number | null;
  state: CoverageState;
  /** One sentence saying exactly how the figure was computed (or why there is none). */
  explain: string;
  revenue: RevenueFigure | null;
  /** Subsidy over the window, USD; null without a price. */
  subsidyUsd: number | null;
  subsidy: SubsidyPerDay;
}

// The explain sentence is the only text this module makes; amounts in it are rounded for reading, not for display.
const usd = (n: number) => `$${n.toLocaleString('en-US', { maximumFractionDigits: n >= 100 ? 0 : 2 })}`;
const tao = (rao: bigint) => (Number(rao) / 1e9).toLocaleString('en-US', { maximumFractionDigits: 2 });
const TIER_WORDS: Record<ProvenanceTier, string> = {
  'verified-on-chain': 'verified on chain',
  'published-by-subnet': 'published by the subnet',
  'third-party': 'third-party',
  'user-entered': 'entered by you',
};
const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function revenueWords(f: RevenueFigure): string {
  return `Revenue ${usd(f.usd)} over ${WINDOW_DAYS[f.window]} d from ${f.sourceName} (${TIER_WORDS[f.tier]}, as of ${when(f.asOf)})`;
}

function subsidyWords(s: SubsidyPerDay, days: number, taoUsd: TaoUsd): string {
  const perDay = s.usd ?? 0;
  return (
    `subsidy ${usd(perDay * days)} over ${days} d (${days} × ${usd(perDay)}/day: ${tao(s.taoPerDayRao)} τ injected + ` +
    `alpha emitted worth ${tao(s.alphaPerDayValueRao)} τ at the spot price = ${tao(s.totalValueRao)} τ/day, at ` +
    `${usd(taoUsd.usd)}/τ from ${taoUsd.source}; ${s.basis}, not a guarantee)`
  );
}

/**
 * `revenue`: the chosen figure (or a CombinedRevenue) for this subnet and window, or null when none. With `now`, a
 * figure older than its window's maximum age (bounds.ts) gives state 'stale' and no ratio.
 */
export function coverage(input: {
  subnet: SubsidyInput;
  revenue: RevenueFigure | CombinedRevenue | null;
  window: RevenueWindow;
  taoUsd: TaoUsd | null;
  now?: number;
}): Coverage {
  const { subnet, window, taoUsd } = input;
  const days = WINDOW_DAYS[window];
  const subsidy = subsidyPerDay(subnet, taoUsd);
  const subsidyUsd = subsidy.usd === null ? null : subsidy.usd * days;
  const figure = input.revenue && 'chosen' in input.revenue ? input.revenue.chosen : input.revenue;
  const base = { netuid: subnet.netuid, window, subsidy, subsidyUsd, ratio: null };

  if (!figure || figure.window !== window || figure.netuid !== subnet.netuid || !Number.isFinite(figure.usd) || figure.usd < 0) {
    return {
      ...base,
      revenue: null,
      state: 'not-observed',
      explain: `Revenue of subnet ${subnet.netuid} over ${days} d is not observed: no source has a figure for this window, so coverage is unknown (not 0).`,
    };
  }
  if (input.now !== undefined && isStale(figure, input.now)) {
    return {
      ...base,
      revenue: figure,
      state: 'stale',
      explain: `${revenueWords(figure)} is older than ${MAX_AGE_DAYS[window]} days, the limit for a ${days} d figure: it is shown dimmed with its age and not used for coverage.`,
    };
  }
  if (!taoUsd) {
    return {
      ...base,
      revenue: figure,
      state: 'no-price',
      explain: `${revenueWords(figure)}, but there is no current TAO/USD price, so the subsidy (${tao(subsidy.totalValueRao)} τ/day) cannot be valued in USD and coverage is not computed.`,
    };
  }
  if (subsidy.totalValueRao <= 0n || !subsidyUsd) {
    return {
      ...base,
      revenue: figure,
      state: 'no-subsidy',
      explain: `${revenueWords(figure)}, but the network pays subnet ${subnet.netuid} no subsidy (0 τ injected and no alpha value per day), so coverage is undefined.`,
    };
  }
  const ratio = figure.usd / subsidyUsd;
  const pct = (ratio * 100).toLocaleString('en-US', { maximumFractionDigits: 1 });
  return {
    ...base,
    revenue: figure,
    ratio,
    state: 'observed',
    explain: `${revenueWords(figure)} ÷ ${subsidyWords(subsidy, days, taoUsd)} = ${ratio.toPrecision(3)} (${pct} %).`,
  };
}

export interface NetworkTotals {
  window: RevenueWindow;
  subnetCount: number;
  /** Sums of SubsidyPerDay over all subnets (per-block snapshot × 7,200). */
  taoPerDayRao: bigint;
  alphaPerDayValueRao: bigint;
  totalValuePerDayRao: bigint;
  subsidyPerDayUsd: number | null;
  /** Sum of the chosen revenue figures for `window`, USD (observed subnets only). */
  observedRevenueUsd: number;
  /** Subnets with an observed revenue figure for `window`. */
  observedCount: number;
  /** Subnets whose only figure is stale (left out of the sums above). */
  staleCount: number;
}

export function networkTotals(
  subnets: readonly SubsidyInput[],
  combined: readonly CombinedRevenue[],
  window: RevenueWindow,
  taoUsd: TaoUsd | null,
  /** With a clock, stale figures are counted apart and left out of the observed revenue. */
  now?: number,
): NetworkTotals {
  let taoPerDayRao = 0n;
  let alphaPerDayValueRao = 0n;
  for (const s of subnets) {
    const x = subsidyPerDay(s, null);
    taoPerDayRao += x.taoPerDayRao;
    alphaPerDayValueRao += x.alphaPerDayValueRao;
  }
  const known = new Set(subnets.map((s) => s.netuid));
  let observedRevenueUsd = 0;
  let observedCount = 0;
  let staleCount = 0;
  for (const c of combined) {
    if (!c.chosen || c.chosen.window !== window || !known.has(c.netuid)) continue;
    if (now !== undefined && isStale(c.chosen, now)) {
      staleCount++;
      continue;
    }
    observedRevenueUsd += c.chosen.usd;
    observedCount++;
  }
  const totalValuePerDayRao = taoPerDayRao + alphaPerDayValueRao;
  return {
    window,
    subnetCount: subnets.length,
    taoPerDayRao,
    alphaPerDayValueRao,
    totalValuePerDayRao,
    subsidyPerDayUsd: raoToUsd(totalValuePerDayRao, taoUsd),
    observedRevenueUsd,
    observedCount,
    staleCount,
  };
}
