/**
 * Sanity bounds for revenue figures, per figure, with the reason kept. A figure outside them is refused (dropped and
 * counted in its source's status), never the whole answer; a figure past its window's maximum age is kept but marked
 * stale: shown dimmed with its age, never used for coverage or the network totals.
 */
import { WINDOW_DAYS, type RevenueFigure, type RevenueSourceResult, type RevenueWindow } from './types';

/**
 * A figure above this many times the whole network's subsidy over the same window is refused: no subnet earns a
 * hundred times what the network pays every subnet together.
 */
export const CEILING_SUBSIDY_MULTIPLE = 100;
/**
 * Without a chain read or a TAO/USD price the subsidy is unknown: then the ceiling is 100 × a generous
 * $10M a day (Finney pays about 3,600 τ a day; at $2,800/τ that is $10M).
 */
export const FALLBACK_SUBSIDY_USD_PER_DAY = 10_000_000;
/** A figure whose `asOf` is older than this is stale (1 d → 3 days, 7 d → 14 days, 30 d → 45 days). */
export const MAX_AGE_DAYS: Record<RevenueWindow, number> = { '1d': 3, '7d': 14, '30d': 45 };
/** Tolerated clock skew for an `asOf` in the future. */
const FUTURE_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/** The largest believable revenue for `window`, USD. `networkSubsidyUsdPerDay`: all subnets' subsidy, or null. */
export function revenueCeilingUsd(window: RevenueWindow, networkSubsidyUsdPerDay: number | null): number {
  const perDay = networkSubsidyUsdPerDay && Number.isFinite(networkSubsidyUsdPerDay) && networkSubsidyUsdPerDay > 0
    ? networkSubsidyUsdPerDay
    : FALLBACK_SUBSIDY_USD_PER_DAY;
  return CEILING_SUBSIDY_MULTIPLE * perDay * WINDOW_DAYS[window];
}

const usd = (n: number) => (Number.isFinite(n) && Math.abs(n) < 1e15 ? `$${Math.round(n).toLocaleString('en-US')}` : String(n).slice(0, 12));

/**
 * Why a figure cannot be believed, or null. The ceiling is taken over the figure's own window (a source answering
 * for 30 d is measured against 30 days of subsidy, whatever window the reader chose).
 */
export function figureProblem(f: RevenueFigure, networkSubsidyUsdPerDay: number | null, now: number): string | null {
  if (typeof f.usd !== 'number' || !Number.isFinite(f.usd)) return `subnet ${f.netuid}: revenue is not a finite number`;
  if (f.usd < 0) return `subnet ${f.netuid}: negative revenue`;
  const ceilingUsd = revenueCeilingUsd(f.window, networkSubsidyUsdPerDay);
  if (f.usd > ceilingUsd) {
    return `subnet ${f.netuid}: ${usd(f.usd)} is above the plausible ceiling of ${usd(ceilingUsd)} (${CEILING_SUBSIDY_MULTIPLE}× the whole network's subsidy over ${WINDOW_DAYS[f.window]} d)`;
  }
  if (!Number.isFinite(f.asOf) || f.asOf - now > FUTURE_SKEW_MS) return `subnet ${f.netuid}: dated in the future`;
  return null;
}

/** Whether a figure is older than its window's maximum age. */
export function isStale(f: Pick<RevenueFigure, 'asOf' | 'window'>, now: number): boolean {
  return now - f.asOf > MAX_AGE_DAYS[f.window] * DAY_MS;
}

/** "3 entries refused" */
export const refusedWords = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'} refused`;

/**
 * Drops each implausible figure from a source's answer, counting it and keeping the reason in the status; the
 * other figures stay. An answer whose every figure is refused reads as an error (nothing usable came back).
 */
export function vetResult(r: RevenueSourceResult, networkSubsidyUsdPerDay: number | null, now: number): RevenueSourceResult {
  const reasons: string[] = [];
  const figures = r.figures.filter((f) => {
    const problem = figureProblem(f, networkSubsidyUsdPerDay, now);
    if (problem) reasons.push(problem);
    return !problem;
  });
  if (!reasons.length) return r;
  const refused = (r.status.refused ?? 0) + reasons.length;
  const detail = ` ${refusedWords(reasons.length)}: ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? `; and ${reasons.length - 3} more` : ''}.`;
  return {
    ...r,
    figures,
    status: { ...r.status, state: figures.length ? r.status.state : 'error', message: `${r.status.message}${detail}`, refused },
  };
}
