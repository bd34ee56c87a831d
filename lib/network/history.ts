/**
 * The daily history behind the network chart: one network point per UTC day, and one per subnet for the subnets
 * the user holds or watches. A day's point holds the subsidy read that day (a projection from the block's emission)
 * and the newest complete one-day revenue (usually the day before); it is refreshed at most hourly while the day
 * lasts. Backfilled points (from a source that publishes past days) carry `bf: 1` and only the revenue they publish:
 * nothing is invented for a day nobody recorded.
 *
 * Bound: KEEP_DAYS points per series, at most MAX_SUBNET_SERIES subnet series (those no longer held or watched go
 * first). Keys are short because the whole history is one storage item (measured in tests/unit/network-history).
 */
import { withoutNetuids } from '../history/subnet-lineage';
import type { NetworkWindow } from './totals';

export const DAY_MS = 86_400_000;
/** At least a year, with a margin so a full year is always drawable. */
export const KEEP_DAYS = 400;
export const MAX_SUBNET_SERIES = 24;
/** Today's point is rewritten at most this often (it then holds the day's last reading). */
export const DAY_POINT_REFRESH_MS = 3_600_000;

export interface NetworkDayPoint {
  /** UTC day, YYYY-MM-DD. */
  d: string;
  /** When the point was last written (ms). */
  at: number;
  /** Subsidy of all subnets per day: rao of TAO as a decimal string; USD at `px`. */
  sub: string;
  subUsd: number | null;
  /** Observed one-day revenue, USD, over `n` subnets; null when none observed. */
  rev: number | null;
  /** Subsidy per day of the observed subnets, USD. */
  obsSubUsd: number | null;
  /** rev ÷ obsSubUsd. */
  cov: number | null;
  n: number;
  m: number;
  /** TAO/USD used. */
  px: number | null;
}

export interface SubnetDayPoint {
  d: string;
  at: number;
  /** Subsidy per day, rao of TAO (decimal string); null on a backfilled point. */
  sub: string | null;
  subUsd: number | null;
  rev: number | null;
  cov: number | null;
  /** Alpha spot price, TAO per alpha (chart only); null on a backfilled point. */
  price: number | null;
  /** Backfilled from a source's published past days. */
  bf?: 1;
  /** The source of `rev`. */
  src?: string;
}

export interface DailyHistory {
  network: NetworkDayPoint[];
  subnets: Record<number, SubnetDayPoint[]>;
}

// Stored figures are for charts and trends: cents and 4 significant digits of a ratio keep the item small.
const cents = (usd: number | null) => (usd === null || !Number.isFinite(usd) ? null : Math.round(usd * 100) / 100);
const ratio = (r: number | null) => (r === null || !Number.isFinite(r) ? null : Number(r.toPrecision(4)));

export const emptyHistory = (): DailyHistory => ({ network: [], subnets: {} });

export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);

export interface SubnetReading {
  netuid: number;
  subsidyPerDayRao: bigint;
  subsidyPerDayUsd: number | null;
  /** The subnet's chosen one-day figure, or null when not observed. */
  revenueUsd: number | null;
  revenueSource: string | null;
  priceTao: number;
}

/** The network point for `now` from the one-day window's totals. */
export function networkPoint(oneDay: NetworkWindow, taoUsd: number | null, now: number): NetworkDayPoint {
  const observed = oneDay.observedNetuids.length > 0;
  return {
    d: utcDay(now),
    at: now,
    sub: oneDay.subsidyPerDayRao.toString(),
    subUsd: cents(oneDay.subsidyPerDayUsd),
    rev: observed ? cents(oneDay.revenueUsd) : null,
    obsSubUsd: observed ? cents(oneDay.observedSubsidyWindowUsd) : null,
    cov: ratio(oneDay.coverage),
    n: oneDay.observedNetuids.length,
    m: oneDay.subnetCount,
    px: taoUsd,
  };
}

export function subnetPoint(r: SubnetReading, now: number): SubnetDayPoint {
  return {
    d: utcDay(now),
    at: now,
    sub: r.subsidyPerDayRao.toString(),
    subUsd: cents(r.subsidyPerDayUsd),
    rev: cents(r.revenueUsd),
    cov: r.revenueUsd !== null && r.subsidyPerDayUsd ? ratio(r.revenueUsd / r.subsidyPerDayUsd) : null,
    price: ratio(r.priceTao),
    ...(r.revenueSource && r.revenueUsd !== null ? { src: r.revenueSource } : {}),
  };
}

/** Puts `point` as its day's point: appended for a new day, replacing today's when due. Returns `series` when unchanged. */
function upsert<P extends { d: string; at: number; bf?: 1 }>(series: readonly P[], point: P, now: number): readonly P[] {
  const last = series.at(-1);
  if (last && last.d > point.d) return series; // a clock that went back: never rewrite the past
  if (last?.d === point.d) {
    // A backfilled point for today is replaced by the reading; a reading is refreshed hourly.
    if (!last.bf && now - last.at < DAY_POINT_REFRESH_MS) return series;
    return [...series.slice(0, -1), point];
  }
  return [...series, point];
}

function trim<P extends { d: string }>(series: readonly P[], now: number): readonly P[] {
  const oldest = utcDay(now - (KEEP_DAYS - 1) * DAY_MS);
  const first = series.findIndex((p) => p.d >= oldest);
  return first === 0 || !series.length ? series : first < 0 ? [] : series.slice(first);
}

/**
 * Records today's readings: the network point, and a point for each tracked subnet. Drops points older than
 * KEEP_DAYS and subnet series beyond MAX_SUBNET_SERIES (untracked first, then the least recently written).
 * Returns `history` itself when nothing changed, so the caller stores only changes.
 */
export function recordDay(
  history: DailyHistory,
  input: { network: NetworkDayPoint | null; subnets: readonly SubnetReading[]; tracked: readonly number[] },
  now: number,
): DailyHistory {
  const keep = <P extends { d: string; at: number; bf?: 1 }>(series: readonly P[], point: P | null): P[] =>
    trim(point ? upsert(series, point, now) : series, now) as P[];
  const network = keep(history.network, input.network);
  const tracked = new Set(input.tracked);
  const subnets: DailyHistory['subnets'] = {};
  const readings = new Map(input.subnets.map((r) => [r.netuid, r]));
  for (const key of new Set([...Object.keys(history.subnets).map(Number), ...tracked])) {
    const reading = tracked.has(key) ? readings.get(key) : undefined;
    const series = keep(history.subnets[key] ?? [], reading ? subnetPoint(reading, now) : null);
    if (series.length) subnets[key] = series;
  }
  const netuids = Object.keys(subnets).map(Number);
  if (netuids.length > MAX_SUBNET_SERIES) {
    // Dropped first: untracked series, then series this reading would start, then tracked ones with a history
    // (least recently written first). A holder of more subnets than the cap keeps the series already recorded,
    // instead of new one-point series displacing them at every read.
    const rank = (n: number) => (!tracked.has(n) ? 0 : !history.subnets[n] ? 1 : 2);
    const lastAt = (n: number) => subnets[n]!.at(-1)?.at ?? 0;
    netuids
      .sort((a, b) => rank(a) - rank(b) || lastAt(a) - lastAt(b))
      .slice(0, netuids.length - MAX_SUBNET_SERIES)
      .forEach((n) => delete subnets[n]);
  }
  // Unchanged when every series kept is the very one stored and none went: then there is nothing to write.
  const kept = Object.keys(subnets).map(Number);
  const same = network === history.network && kept.length === Object.keys(history.subnets).length && kept.every((n) => subnets[n] === history.subnets[n]);
  return same ? history : { network, subnets };
}

/** The history without the daily series of the subnets in `netuids` (a reused netuid: subnet-lineage.ts). */
export function forgetSubnetSeries(history: DailyHistory, netuids: readonly number[]): DailyHistory {
  const subnets = withoutNetuids(history.subnets, netuids);
  return subnets === history.subnets ? history : { ...history, subnets };
}

export interface PublishedDay {
  /** UTC day the revenue was earned, YYYY-MM-DD. */
  date: string;
  usd: number;
}

/**
 * Past days a source publishes (e.g. Chutes' daily summary), as backfilled points of one subnet. Day X's revenue
 * goes on day X + 1's point, where a live reading would have put it (the newest complete day). Only days with no
 * point yet are filled; a recorded point is never overwritten, and only complete days before today are used.
 */
export function backfillSubnet(
  history: DailyHistory,
  netuid: number,
  days: readonly PublishedDay[],
  source: string,
  now: number,
): DailyHistory {
  const series = history.subnets[netuid] ?? [];
  const have = new Set(series.map((p) => p.d));
  const today = utcDay(now);
  const oldest = utcDay(now - (KEEP_DAYS - 1) * DAY_MS);
  const added: SubnetDayPoint[] = [];
  for (const day of days) {
    if (!Number.isFinite(day.usd) || day.usd < 0 || !Number.isFinite(dayStart(day.date))) continue;
    const d = utcDay(dayStart(day.date) + DAY_MS);
    if (d > today || d < oldest || have.has(d)) continue;
    have.add(d);
    added.push({ d, at: now, sub: null, subUsd: null, rev: day.usd, cov: null, price: null, bf: 1, src: source });
  }
  if (!added.length) return history;
  const merged = [...series, ...added].sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : 0));
  return { ...history, subnets: { ...history.subnets, [netuid]: merged } };
}

/** Points of a series within the last `days` days (today included). */
export function lastDays<P extends { d: string }>(series: readonly P[], days: number, now: number): P[] {
  const from = utcDay(now - (days - 1) * DAY_MS);
  return series.filter((p) => p.d >= from);
}

/**
 * The 30-day trend of network coverage: the change from the oldest point in the last 30 days that has a coverage
 * to today's; null with fewer than two such points (one reading is not a trend).
 */
export function coverageTrend(network: readonly NetworkDayPoint[], now: number): { from: NetworkDayPoint; to: NetworkDayPoint; points: number } | null {
  const withCov = lastDays(network, 30, now).filter((p) => p.cov !== null);
  const from = withCov[0];
  const to = withCov.at(-1);
  if (!from || !to || from === to) return null;
  return { from, to, points: withCov.length };
}
