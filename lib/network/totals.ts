/**
 * The network's answer for one revenue window: what the network pays all subnets (a projection from the current
 * block's emission), what outside revenue is observed, and coverage over the subnets that HAVE a figure.
 * A subnet without a figure is "not observed": it is never summed as 0, it is counted apart, and the share of the
 * subsidy going to such subnets is given so the reader sees how much of the picture is missing.
 */
import { subsidyPerDay, SUBSIDY_BASIS, type SubsidyInput } from '../metrics/subsidy';
import type { TaoUsd } from '../model/types';
import type { CombinedRevenue } from '../revenue/combine';
import { WINDOW_DAYS, type RevenueWindow } from '../revenue/types';
import { raoToUsd } from '../units/amount';

export const DAYS_PER_YEAR = 365;
export const PROJECTION_BASIS = `projection: ${SUBSIDY_BASIS} blocks a day, × days in the window; not a guarantee`;

export interface SubnetShare {
  netuid: number;
  revenueUsd: number;
  /** Subsidy over the window, USD; null without a price. */
  subsidyUsd: number | null;
  /** revenue ÷ subsidy over the same window; null without a price or without subsidy. */
  coverage: number | null;
  sourceName: string;
  asOf: number;
  conflict: boolean;
}

export interface NetworkWindow {
  window: RevenueWindow;
  days: number;
  subnetCount: number;
  /** Subnets with a figure for this window (an observed 0 included), ascending. The totals below are over these. */
  observedNetuids: number[];
  /** Of those, how many observed exactly 0. */
  observedZeroCount: number;
  /** Subnets whose sources disagree by more than 10 %: the chosen figure is summed, the range shows the spread. */
  conflictNetuids: number[];
  /** Subsidy of all subnets per day (rao of TAO) and in USD (null without a price). A projection. */
  subsidyPerDayRao: bigint;
  subsidyPerDayUsd: number | null;
  /** × window days, and × 365: projections from the current block, labelled as such. */
  subsidyWindowRao: bigint;
  subsidyWindowUsd: number | null;
  subsidyPerYearRao: bigint;
  subsidyPerYearUsd: number | null;
  basis: typeof PROJECTION_BASIS;
  /** Sum of the chosen figures over `observedNetuids`, USD. */
  revenueUsd: number;
  /** Lowest and highest sum when each conflicting subnet takes its lowest or highest source's figure. */
  revenueRangeUsd: { low: number; high: number };
  /** Subsidy over the window to the observed subnets only, USD. */
  observedSubsidyWindowUsd: number | null;
  /** revenueUsd ÷ observedSubsidyWindowUsd: coverage over the observed subnets; null when not computable. */
  coverage: number | null;
  /** Share (0–1) of the subsidy (in TAO) that goes to subnets with no observed revenue; null with no subsidy at all. */
  unobservedSubsidyShare: number | null;
  /** Oldest and newest `asOf` of the summed figures; null when none. */
  revenueAsOf: { oldest: number; newest: number } | null;
  /** Sources the summed figures come from, by name. */
  sources: string[];
}

/** rao ÷ rao as a number, exact enough for a share (both are far below 2^53 × 1e9 only in practice). */
function ratioOf(part: bigint, whole: bigint): number | null {
  if (whole <= 0n) return null;
  // Scale first so the division keeps 9 digits.
  return Number((part * 1_000_000_000n) / whole) / 1e9;
}

/**
 * `combined`: the combine rule's answer for this window, or null when revenue was not fetched for it (then no
 * subnet is observed). Figures for another window are ignored (never stretched or cut to fit).
 */
export function networkWindow(
  subnets: readonly SubsidyInput[],
  combined: readonly CombinedRevenue[] | null,
  window: RevenueWindow,
  taoUsd: TaoUsd | null,
): NetworkWindow & { shares: SubnetShare[] } {
  const days = WINDOW_DAYS[window];
  const byNetuid = new Map((combined ?? []).map((c) => [c.netuid, c]));
  let subsidyPerDayRao = 0n;
  let observedPerDayRao = 0n;
  let revenueUsd = 0;
  let low = 0;
  let high = 0;
  let oldest = Infinity;
  let newest = -Infinity;
  const observedNetuids: number[] = [];
  const conflictNetuids: number[] = [];
  const sources = new Set<string>();
  const shares: SubnetShare[] = [];
  let observedZeroCount = 0;
  for (const subnet of subnets) {
    const perDay = subsidyPerDay(subnet, null).totalValueRao;
    subsidyPerDayRao += perDay;
    const chosen = byNetuid.get(subnet.netuid)?.chosen ?? null;
    if (!chosen || chosen.window !== window || !Number.isFinite(chosen.usd) || chosen.usd < 0) continue;
    const c = byNetuid.get(subnet.netuid)!;
    observedNetuids.push(subnet.netuid);
    observedPerDayRao += perDay;
    revenueUsd += chosen.usd;
    if (chosen.usd === 0) observedZeroCount++;
    const alternatives = [chosen, ...c.others.filter((o) => o.window === window && Number.isFinite(o.usd) && o.usd >= 0)].map((f) => f.usd);
    if (c.conflict) conflictNetuids.push(subnet.netuid);
    low += c.conflict ? Math.min(...alternatives) : chosen.usd;
    high += c.conflict ? Math.max(...alternatives) : chosen.usd;
    oldest = Math.min(oldest, chosen.asOf);
    newest = Math.max(newest, chosen.asOf);
    sources.add(chosen.sourceName);
    const subsidyUsd = raoToUsd(perDay * BigInt(days), taoUsd);
    shares.push({
      netuid: subnet.netuid,
      revenueUsd: chosen.usd,
      subsidyUsd,
      coverage: subsidyUsd ? chosen.usd / subsidyUsd : null,
      sourceName: chosen.sourceName,
      asOf: chosen.asOf,
      conflict: c.conflict,
    });
  }
  const subsidyWindowRao = subsidyPerDayRao * BigInt(days);
  const subsidyPerYearRao = subsidyPerDayRao * BigInt(DAYS_PER_YEAR);
  const observedSubsidyWindowUsd = raoToUsd(observedPerDayRao * BigInt(days), taoUsd);
  return {
    window,
    days,
    subnetCount: subnets.length,
    observedNetuids,
    observedZeroCount,
    conflictNetuids,
    subsidyPerDayRao,
    subsidyPerDayUsd: raoToUsd(subsidyPerDayRao, taoUsd),
    subsidyWindowRao,
    subsidyWindowUsd: raoToUsd(subsidyWindowRao, taoUsd),
    subsidyPerYearRao,
    subsidyPerYearUsd: raoToUsd(subsidyPerYearRao, taoUsd),
    basis: PROJECTION_BASIS,
    revenueUsd,
    revenueRangeUsd: { low, high },
    observedSubsidyWindowUsd,
    coverage: observedNetuids.length && observedSubsidyWindowUsd ? revenueUsd / observedSubsidyWindowUsd : null,
    unobservedSubsidyShare: ratioOf(subsidyPerDayRao - observedPerDayRao, subsidyPerDayRao),
    revenueAsOf: observedNetuids.length ? { oldest, newest } : null,
    sources: [...sources].sort(),
    shares,
  };
}

export interface TopSubnets {
  byRevenue: SubnetShare[];
  byCoverage: SubnetShare[];
}

/** The `n` subnets with the most observed revenue, and with the highest coverage (ties: lower netuid first). */
export function topSubnets(shares: readonly SubnetShare[], n = 5): TopSubnets {
  const byRevenue = [...shares].sort((a, b) => b.revenueUsd - a.revenueUsd || a.netuid - b.netuid).slice(0, n);
  const byCoverage = shares
    .filter((s) => s.coverage !== null)
    .sort((a, b) => b.coverage! - a.coverage! || a.netuid - b.netuid)
    .slice(0, n);
  return { byRevenue, byCoverage };
}

/** The network's coverage today and its 30-day trend, as the $TAO card shows it. */
export interface NetworkLine {
  coverage: number | null;
  observed: number;
  total: number;
  trend: { fromDay: string; fromCoverage: number; toDay: string; toCoverage: number } | null;
}

export interface NetworkView {
  /** When the chain figures were read and the block they are from. */
  block: number | null;
  at: number | null;
  taoUsd: TaoUsd | null;
  windows: Partial<Record<RevenueWindow, NetworkWindow & TopSubnets>>;
}

/** All windows at once, so the popup switches windows without asking the worker. */
export function networkView(
  subnets: readonly SubsidyInput[],
  revenueByWindow: Partial<Record<RevenueWindow, readonly CombinedRevenue[] | null>>,
  taoUsd: TaoUsd | null,
  at: { block: number; at: number } | null,
): NetworkView {
  const windows: NetworkView['windows'] = {};
  for (const w of Object.keys(WINDOW_DAYS) as RevenueWindow[]) {
    const { shares, ...totals } = networkWindow(subnets, revenueByWindow[w] ?? null, w, taoUsd);
    windows[w] = { ...totals, ...topSubnets(shares) };
  }
  return { block: at?.block ?? null, at: at?.at ?? null, taoUsd, windows };
}
