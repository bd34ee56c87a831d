/**
 * How the daily network history is stored: one storage item per calendar month of points (the network's and each
 * recorded subnet's), plus an index of the stored months (the plumbing: lib/storage/network-history.ts). A day's
 * point is added or refreshed at most hourly, and it lands in the current month: so a write rewrites that month's
 * item (≤ 31 points per series, ~35 kB with 24 subnet series) instead of the whole history (400 days, up to
 * ~1.4 MB). Which months a save changes is found by the points themselves: `recordDay`, `backfillSubnet` and
 * `forgetSubnetSeries` keep every point they do not change as the same object, so a point in one history and not
 * in the other marks its month (added, refreshed, backfilled, trimmed or forgotten alike).
 *
 * Pure: runs in Node, unit-tested in tests/unit/network-history-months.test.ts.
 */
import type { ChunkPlan } from '../history/chunk-plan';
import { isRecord, netuidKey } from '../net/validate';
import type { DailyHistory, NetworkDayPoint, SubnetDayPoint } from './history';

/** One month of points: the network's and each subnet's that has any that month. */
export interface MonthChunk {
  network: NetworkDayPoint[];
  subnets: Record<number, SubnetDayPoint[]>;
}
export type MonthPlan = ChunkPlan<string, MonthChunk>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
/** `YYYY-MM` of a `YYYY-MM-DD` day. */
export const monthOf = (day: string): string => day.slice(0, 7);

const byDay = (a: { d: string }, b: { d: string }) => (a.d < b.d ? -1 : a.d > b.d ? 1 : 0);

function* allPoints(h: DailyHistory): Generator<{ d: string }> {
  yield* h.network;
  for (const series of Object.values(h.subnets)) yield* series;
}

/** The month's points of every series; subnets with none that month are left out. */
export function encodeMonth(history: DailyHistory, month: string): MonthChunk {
  const inMonth = <P extends { d: string }>(series: readonly P[]) => series.filter((p) => monthOf(p.d) === month);
  const subnets: MonthChunk['subnets'] = {};
  for (const [netuid, series] of Object.entries(history.subnets)) {
    const points = inMonth(series);
    if (points.length) subnets[Number(netuid)] = points;
  }
  return { network: inMonth(history.network), subnets };
}

/** Writes `dirty` months from `history`; a month left with no points is removed, not written. */
function planMonths(history: DailyHistory, dirty: ReadonlySet<string>, storedMonths: readonly string[]): MonthPlan {
  const months = new Set(storedMonths);
  const remove: string[] = [];
  const write = new Map<string, MonthChunk>();
  for (const month of dirty) {
    const chunk = encodeMonth(history, month);
    if (chunk.network.length || Object.keys(chunk.subnets).length) {
      write.set(month, chunk);
      months.add(month);
    } else if (months.delete(month)) remove.push(month);
  }
  return { write, remove: remove.sort(), periods: [...months].sort() };
}

/** The month items a save changes, from the history last saved and the new one. */
export function planSave(saved: DailyHistory, next: DailyHistory, storedMonths: readonly string[]): MonthPlan {
  const before = new Set(allPoints(saved));
  const after = new Set(allPoints(next));
  const dirty = new Set<string>();
  for (const p of after) if (!before.has(p)) dirty.add(monthOf(p.d));
  for (const p of before) if (!after.has(p)) dirty.add(monthOf(p.d));
  return planMonths(next, dirty, storedMonths);
}

/** Points of a stored series that are points at all (a day, an object); the rest skipped. */
function validPoints<P extends { d: string }>(value: unknown, month?: string): P[] {
  if (!Array.isArray(value)) return [];
  return value.filter((p): p is P => isRecord(p) && typeof p.d === 'string' && DAY.test(p.d) && (month === undefined || monthOf(p.d) === month));
}

/** A stored history shape (a month item or the old single item) into `out`; false when it is not one at all. */
function appendHistory(out: DailyHistory, value: unknown, month?: string): boolean {
  if (!isRecord(value) || !Array.isArray(value.network) || !isRecord(value.subnets)) return false;
  out.network.push(...validPoints<NetworkDayPoint>(value.network, month));
  for (const [key, series] of Object.entries(value.subnets)) {
    const netuid = netuidKey(key);
    const points = netuid === null ? [] : validPoints<SubnetDayPoint>(series, month);
    if (points.length) (out.subnets[netuid!] ??= []).push(...points);
  }
  return true;
}

/** Each series in day order, one point per day (the first met kept). */
function tidy(h: DailyHistory): DailyHistory {
  const once = <P extends { d: string }>(series: P[]) => series.sort(byDay).filter((p, i) => i === 0 || series[i - 1]!.d !== p.d);
  const subnets: DailyHistory['subnets'] = {};
  for (const [netuid, series] of Object.entries(h.subnets)) subnets[Number(netuid)] = once(series);
  return { network: once(h.network), subnets };
}

/** The stored month items into one history; what is not a month's point is skipped. */
export function loadMonths(chunks: ReadonlyArray<{ month: string; value: unknown }>): DailyHistory {
  const out: DailyHistory = { network: [], subnets: {} };
  for (const { month, value } of [...chunks].sort((a, b) => (a.month < b.month ? -1 : 1))) appendHistory(out, value, month);
  return tidy(out);
}

/** The stored months list; anything else reads as none. */
export function decodeMonths(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((m): m is string => typeof m === 'string' && MONTH.test(m)) : [];
}

/**
 * The old single item split into months, merged with what month items already hold (a migration cut short leaves
 * both; their points win). Null when the item is not a history at all: then nothing changes.
 */
export function planMigration(legacy: unknown, fromMonths: DailyHistory, storedMonths: readonly string[]): { history: DailyHistory; plan: MonthPlan } | null {
  const old: DailyHistory = { network: [], subnets: {} };
  if (!appendHistory(old, legacy)) return null;
  const merged: DailyHistory = { network: [...fromMonths.network, ...old.network], subnets: {} };
  for (const [netuid, series] of Object.entries(fromMonths.subnets)) merged.subnets[Number(netuid)] = [...series];
  for (const [netuid, series] of Object.entries(old.subnets)) (merged.subnets[Number(netuid)] ??= []).push(...series);
  const history = tidy(merged);
  return { history, plan: planMonths(history, new Set([...allPoints(old)].map((p) => monthOf(p.d))), storedMonths) };
}
