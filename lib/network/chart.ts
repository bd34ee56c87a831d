/**
 * The coverage chart: revenue vs subsidy (USD per day, one scale) and coverage (its own scale) over the last
 * 7 / 30 / 90 / 365 days of daily points, as SVG paths. Pure. Backfilled points are listed apart so the view can
 * mark them. Figures are numbers for drawing only, never money.
 */
import { DAY_MS, dayStart, lastDays, utcDay } from './history';

export const CHART_RANGES = [7, 30, 90, 365] as const;
export type ChartRange = (typeof CHART_RANGES)[number];
export const rangeLabel = (days: ChartRange) => (days === 365 ? '1 y' : `${days} d`);

export interface DailyValues {
  d: string;
  revenueUsd: number | null;
  subsidyUsd: number | null;
  coverage: number | null;
  backfilled: boolean;
}

export interface Dot {
  x: number;
  y: number;
  d: string;
}

export interface CoverageChart {
  /** SVG paths (one `M…L…` run per stretch without gaps); '' when the series has no point. */
  revenue: string;
  subsidy: string;
  coverage: string;
  /** Backfilled revenue points, drawn as hollow dots. */
  backfilled: Dot[];
  /** Top of the USD scale (bottom is 0) and of the coverage scale. */
  maxUsd: number;
  maxCoverage: number;
  from: string;
  to: string;
  /** Days in the range with any figure. */
  count: number;
}

function path(values: readonly (readonly [number, number | null])[], x: (i: number) => number, y: (v: number) => number): string {
  let out = '';
  let previous: number | null = null;
  for (const [i, v] of values) {
    if (v === null || !Number.isFinite(v)) {
      previous = null; // a day with no figure breaks the line: nothing is drawn across it
      continue;
    }
    out += `${out ? ' ' : ''}${previous === i - 1 ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    previous = i;
  }
  return out;
}

export function coverageChart(points: readonly DailyValues[], days: ChartRange, now: number, width: number, height: number, pad = 3): CoverageChart {
  const inRange = lastDays(points, days, now);
  const first = utcDay(now - (days - 1) * DAY_MS);
  const index = (d: string) => Math.round((dayStart(d) - dayStart(first)) / DAY_MS);
  const x = (i: number) => pad + (days <= 1 ? 0 : (i / (days - 1)) * (width - 2 * pad));
  let maxUsd = 0;
  let maxCoverage = 0;
  for (const p of inRange) {
    maxUsd = Math.max(maxUsd, p.revenueUsd ?? 0, p.subsidyUsd ?? 0);
    maxCoverage = Math.max(maxCoverage, p.coverage ?? 0);
  }
  const yUsd = (v: number) => pad + (1 - v / (maxUsd || 1)) * (height - 2 * pad);
  const yCov = (v: number) => pad + (1 - v / (maxCoverage || 1)) * (height - 2 * pad);
  const live = inRange.filter((p) => !p.backfilled);
  return {
    revenue: path(inRange.map((p) => [index(p.d), p.revenueUsd]), x, yUsd),
    subsidy: path(live.map((p) => [index(p.d), p.subsidyUsd]), x, yUsd),
    coverage: path(live.map((p) => [index(p.d), p.coverage]), x, yCov),
    backfilled: inRange.filter((p) => p.backfilled && p.revenueUsd !== null).map((p) => ({ x: x(index(p.d)), y: yUsd(p.revenueUsd!), d: p.d })),
    maxUsd,
    maxCoverage,
    from: first,
    to: utcDay(now),
    count: inRange.filter((p) => p.revenueUsd !== null || p.subsidyUsd !== null).length,
  };
}
