/**
 * A bounded local history of each subnet's price, for sparklines and 24 h change: at most one point per
 * `stepMs` (10 min) per subnet, kept for `keepMs` (7 days). Prices are TAO per alpha as numbers: charts
 * only, never money.
 */
import type { Subnet } from '../model/types';
import { raoToNumber } from '../units/amount';

export interface PricePoint {
  t: number;
  price: number;
}
export type PriceHistory = Record<number, PricePoint[]>;

export const HISTORY_STEP_MS = 10 * 60_000;
export const HISTORY_KEEP_MS = 7 * 24 * 3_600_000;

export function priceAsNumber(priceRao: bigint): number {
  return raoToNumber(priceRao);
}

/**
 * Adds the snapshot's prices where the last point is at least one step old; drops points past the window.
 * Returns `history` itself when nothing was added or dropped (most blocks), so callers store only changes:
 * a week of points for every subnet is megabytes.
 */
export function recordPrices(history: PriceHistory, subnets: readonly Subnet[], now: number): PriceHistory {
  let changed = Object.keys(history).length !== subnets.length;
  const out: PriceHistory = {};
  for (const subnet of subnets) {
    const before = history[subnet.netuid] ?? [];
    // Most blocks: nothing leaves the window and no step has passed; keep the array rather than copy a week of it.
    const first = before[0];
    const newest = before.at(-1);
    if (first && newest && now - first.t <= HISTORY_KEEP_MS && now - newest.t < HISTORY_STEP_MS) {
      out[subnet.netuid] = before;
      continue;
    }
    const points = before.filter((p) => now - p.t <= HISTORY_KEEP_MS);
    const last = points.at(-1);
    if (!last || now - last.t >= HISTORY_STEP_MS) points.push({ t: now, price: priceAsNumber(subnet.priceRao) });
    if (points.length !== before.length || points[0] !== before[0]) changed = true;
    out[subnet.netuid] = points;
  }
  return changed ? out : history;
}

/**
 * Change over the last 24 h, in percent, against the recorded point closest to 24 h ago; null when the
 * history does not reach back at least 23 h (we never present a shorter change as a daily one).
 */
export function change24hPct(points: readonly PricePoint[] | undefined, currentPrice: number, now: number): number | null {
  if (!points?.length) return null;
  const target = now - 24 * 3_600_000;
  let best: PricePoint | null = null;
  for (const p of points) {
    if (p.t > now - 23 * 3_600_000) break;
    if (!best || Math.abs(p.t - target) < Math.abs(best.t - target)) best = p;
  }
  if (!best || best.price <= 0) return null;
  return ((currentPrice - best.price) / best.price) * 100;
}
