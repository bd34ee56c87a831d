/**
 * How the price history is stored: one storage item per clock hour of points, plus an index of the stored hours
 * (the plumbing: lib/storage/price-history.ts). A 10-minute step adds one point per subnet, all in the current hour,
 * so it rewrites that hour's item (≤ 6 points per subnet, ~35 kB at 256 subnets) instead of the whole week (~10 MB).
 * Why hours: a step writes ~20 kB on average (2.8 MB a day), and a full week is 169 items (+ the index), read in
 * one `storage.local.get` on wake. An item per step would write ~4× less but make a week 1 008 items to read and
 * expire; an item per day would rewrite up to 144 points per subnet at every step. An hour wholly past the window is
 * removed; a partly expired hour stays as is (its old points are dropped on load, as `recordPrices` drops them in
 * memory).
 *
 * A chunk is `{ [netuid]: [dt, price, dt, price, …] }`, dt = ms since the hour began: flat pairs with short
 * times hold a full week in about half the JSON of a `{t, price}` object per point (5.4 MB against 10.3 MB).
 *
 * Pure: runs in Node, unit-tested in tests/unit/price-history-chunks.test.ts.
 */
import { isRecord, netuidKey } from '../net/validate';
import type { ChunkPlan } from './chunk-plan';
import { HISTORY_KEEP_MS, type PriceHistory, type PricePoint } from './price-history';

export const CHUNK_MS = 3_600_000;
/** One hour of points by netuid: `[dt, price, dt, price, …]`, dt = ms since the hour began. */
export type HourChunk = Record<number, number[]>;

export const hourOf = (t: number): number => Math.floor(t / CHUNK_MS);
/** Nothing in the hour is kept any longer (`recordPrices` keeps points with t ≥ now − HISTORY_KEEP_MS). */
export const hourExpired = (hour: number, now: number): boolean => (hour + 1) * CHUNK_MS <= now - HISTORY_KEEP_MS;

const validPrice = (p: unknown): p is number => typeof p === 'number' && Number.isFinite(p) && p >= 0;

/** First index in ascending `points` with t ≥ `t`. */
function firstAtOrAfter(points: readonly PricePoint[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The hour's points of every subnet in `history`; subnets with none in that hour are left out. */
export function encodeHour(history: PriceHistory, hour: number): HourChunk {
  const start = hour * CHUNK_MS;
  const end = start + CHUNK_MS;
  const chunk: HourChunk = {};
  for (const [netuid, points] of Object.entries(history)) {
    const flat: number[] = [];
    for (let i = firstAtOrAfter(points, start); i < points.length && points[i]!.t < end; i++) flat.push(points[i]!.t - start, points[i]!.price);
    if (flat.length) chunk[Number(netuid)] = flat;
  }
  return chunk;
}

/**
 * Appends a stored chunk's points at or after `keepFrom` to `out` (noting subnets whose points arrive out of time
 * order). A value that is not a chunk at all adds nothing; malformed pairs are skipped, the rest kept.
 */
function appendHour(out: PriceHistory, hour: number, value: unknown, keepFrom: number, unordered: Set<number>): void {
  if (!isRecord(value)) return;
  const start = hour * CHUNK_MS;
  for (const key in value) {
    const flat = value[key];
    const netuid = netuidKey(key);
    if (netuid === null || !Array.isArray(flat)) continue;
    let list = out[netuid];
    let last = list?.length ? list[list.length - 1]!.t : -Infinity;
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const dt: unknown = flat[i];
      const price: unknown = flat[i + 1];
      if (typeof dt !== 'number' || !Number.isInteger(dt) || dt < 0 || dt >= CHUNK_MS || !validPrice(price)) continue;
      const t = start + dt;
      if (t < keepFrom) continue;
      if (t <= last) unordered.add(netuid);
      last = t;
      (list ??= out[netuid] = []).push({ t, price });
    }
  }
}

/** `points` sorted by time, one point per time, none before `keepFrom`. */
function inTimeOrder(points: PricePoint[], keepFrom = -Infinity): PricePoint[] {
  points.sort((a, b) => a.t - b.t);
  return points.filter((p, i) => p.t >= keepFrom && (i === 0 || points[i - 1]!.t !== p.t));
}

/** Puts in time order, one point per time, the subnets whose points arrived out of order. */
function reorder(out: PriceHistory, unordered: ReadonlySet<number>): PriceHistory {
  for (const netuid of unordered) out[netuid] = inTimeOrder(out[netuid]!);
  return out;
}

/**
 * The stored chunks into one history, straight into each subnet's list (a full week is ~258,000 points, read on
 * every wake): in time order, one point per time, none past the window. A value that is not a chunk is skipped.
 */
export function loadHours(chunks: ReadonlyArray<{ hour: number; value: unknown }>, now: number): PriceHistory {
  const keepFrom = now - HISTORY_KEEP_MS;
  const out: PriceHistory = {};
  const unordered = new Set<number>();
  for (const { hour, value } of [...chunks].sort((a, b) => a.hour - b.hour)) appendHour(out, hour, value, keepFrom, unordered);
  return reorder(out, unordered);
}

/** The old single item (`{ [netuid]: {t, price}[] }`); null when it is not a history at all. Bad points are skipped. */
export function decodeLegacy(value: unknown): PriceHistory | null {
  if (!isRecord(value)) return null;
  const out: PriceHistory = {};
  for (const [key, list] of Object.entries(value)) {
    const netuid = netuidKey(key);
    if (netuid === null || !Array.isArray(list)) continue;
    const points = list.flatMap((p: unknown) =>
      isRecord(p) && typeof p.t === 'number' && Number.isSafeInteger(p.t) && validPrice(p.price) ? [{ t: p.t, price: p.price }] : [],
    );
    if (points.length) out[netuid] = points;
  }
  return out;
}

/** The stored hours list; anything else reads as none. */
export function decodeIndex(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((h): h is number => Number.isSafeInteger(h)) : [];
}

/** Parts (chunks, the legacy item) into one history: each subnet's points in time order, one per time, none expired. */
export function mergeHistory(parts: readonly PriceHistory[], now: number): PriceHistory {
  const keepFrom = now - HISTORY_KEEP_MS;
  const out: PriceHistory = {};
  for (const part of parts) for (const [netuid, points] of Object.entries(part)) (out[Number(netuid)] ??= []).push(...points);
  for (const [key, points] of Object.entries(out)) {
    const netuid = Number(key);
    const kept = inTimeOrder(points, keepFrom);
    if (kept.length) out[netuid] = kept;
    else delete out[netuid];
  }
  return out;
}

/** What one save does to storage, by hour (chunk-plan.ts). */
export type HourPlan = ChunkPlan<number, HourChunk>;

/** Writes `dirty` hours from `history`, removes expired ones; an hour left with no points is removed, not written. */
function planHours(history: PriceHistory, dirty: ReadonlySet<number>, storedHours: readonly number[], now: number): HourPlan {
  const hours = new Set(storedHours);
  const remove = new Set(storedHours.filter((h) => hourExpired(h, now)));
  const write = new Map<number, HourChunk>();
  for (const hour of dirty) {
    if (hourExpired(hour, now)) continue;
    const chunk = encodeHour(history, hour);
    if (Object.keys(chunk).length) {
      write.set(hour, chunk);
      hours.add(hour);
    } else if (hours.has(hour)) remove.add(hour);
  }
  for (const hour of remove) hours.delete(hour);
  return { write, remove: [...remove].sort((a, b) => a - b), periods: [...hours].sort((a, b) => a - b) };
}

/**
 * The chunks a step changes, from the history last saved and the new one. `recordPrices` only appends points and
 * drops the oldest, and adds or drops whole subnets: so the hours of the appended points change, and every hour
 * of a subnet dropped or started over (a deregistered or reused netuid: subnet-lineage.ts; its old points must not
 * come back on the next load). Dropped oldest points change nothing stored: their hour is removed once wholly
 * expired, and loading filters the rest.
 */
export function planSave(saved: PriceHistory, next: PriceHistory, storedHours: readonly number[], now: number): HourPlan {
  const dirty = new Set<number>();
  for (const [netuid, points] of Object.entries(next)) {
    const before = saved[Number(netuid)];
    if (points === before) continue;
    const lastBefore = before?.at(-1)?.t ?? -Infinity;
    for (let i = points.length - 1; i >= 0 && points[i]!.t > lastBefore; i--) dirty.add(hourOf(points[i]!.t));
  }
  for (const [netuid, points] of Object.entries(saved)) {
    const after = next[Number(netuid)];
    // Gone, or started over: none of the saved points is in the new series (its first point is newer than all).
    const startedOver = after !== undefined && after !== points && points.length > 0 && (after.length === 0 || after[0]!.t > points.at(-1)!.t);
    if (after === undefined || startedOver) for (const p of points) dirty.add(hourOf(p.t));
  }
  return planHours(next, dirty, storedHours, now);
}

/**
 * The old single item split into chunks, merged with what the chunks already hold (a migration cut short leaves
 * both). Null when the item is not a history at all: then nothing changes, and the item is left where it is.
 */
export function planMigration(legacy: unknown, fromChunks: PriceHistory, storedHours: readonly number[], now: number): { history: PriceHistory; plan: HourPlan } | null {
  const old = decodeLegacy(legacy);
  if (!old) return null;
  const history = mergeHistory([fromChunks, old], now);
  const dirty = new Set<number>();
  for (const points of Object.values(old)) for (const p of points) dirty.add(hourOf(p.t));
  return { history, plan: planHours(history, dirty, storedHours, now) };
}
