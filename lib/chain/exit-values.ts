/**
 * Exit values come from one swap simulation per held subnet; running them every block would cost a
 * public node hundreds of calls a minute for a large portfolio. They are refreshed about once a minute,
 * or at once when a position changes materially (appears, goes, or moves more than 1 % from the alpha it
 * was simulated for: a stake or unstake); dividends, which move alpha a little every block, do not count.
 * In between they are carried over, scaled to the new alpha, each marked with the block it was simulated at.
 */
import type { Portfolio, Position } from '../model/types';

export const EXIT_REFRESH_MS = 60_000;
/** A move larger than this (basis points of the simulated alpha) is material: 1 %. */
export const MATERIAL_MOVE_BPS = 100n;

const key = (p: { coldkey: string; hotkey: string; netuid: number }) => `${p.coldkey}/${p.hotkey}/${p.netuid}`;

/** Whether this refresh should simulate exit values. */
export function exitsDue(previous: readonly Portfolio[] | null, lastSimulatedAt: number | null, now: number, coldkeys: readonly string[]): boolean {
  if (lastSimulatedAt === null || now - lastSimulatedAt >= EXIT_REFRESH_MS) return true;
  const had = new Set(previous?.map((p) => p.coldkey) ?? []);
  return coldkeys.some((c) => !had.has(c));
}

/** The alpha an exit value was simulated for (older snapshots do not say: then the alpha it was read with). */
const simulatedAlpha = (p: Position): bigint => p.exitValueAlpha ?? p.alpha;

const immaterial = (from: bigint, to: bigint) => {
  const d = to > from ? to - from : from - to;
  return d * 10_000n <= from * MATERIAL_MOVE_BPS;
};

/**
 * Copies earlier exit values onto positions whose alpha is within 1 % of the alpha they were simulated for,
 * scaled pro rata to the new alpha (exact bigint arithmetic); others stay unknown until the next simulation.
 */
export function carryExitValues(previous: readonly Portfolio[] | null, next: Portfolio[]): Portfolio[] {
  const old = new Map(previous?.flatMap((pf) => pf.positions.map((p) => [key(p), p] as const)) ?? []);
  for (const pf of next) {
    for (const p of pf.positions) {
      const before = old.get(key(p));
      if (!before || before.exitValueRao === null) continue;
      const from = simulatedAlpha(before);
      if (from === p.alpha) {
        p.exitValueRao = before.exitValueRao;
      } else if (from > 0n && immaterial(from, p.alpha)) {
        p.exitValueRao = (before.exitValueRao * p.alpha) / from;
      } else continue;
      p.exitValueBlock = before.exitValueBlock;
      // Drift is measured from the simulation, not from block to block.
      p.exitValueAlpha = from;
    }
  }
  return next;
}

/** True when some position's alpha changed or appeared since the last read (any amount: for saving). */
export function positionsChanged(previous: readonly Portfolio[] | null, next: readonly Portfolio[]): boolean {
  const old = new Map(previous?.flatMap((pf) => pf.positions.map((p) => [key(p), p.alpha] as const)) ?? []);
  return next.some((pf) => pf.positions.some((p) => old.get(key(p)) !== p.alpha));
}

/**
 * True when exit values should be simulated now: a position appeared or went, or moved more than 1 % from the
 * alpha its exit value was simulated for. Dividends alone stay below that between the minute's simulations.
 */
export function positionsMovedMaterially(previous: readonly Portfolio[] | null, next: readonly Portfolio[]): boolean {
  const old = new Map(previous?.flatMap((pf) => pf.positions.map((p) => [key(p), p] as const)) ?? []);
  let count = 0;
  for (const pf of next) {
    for (const p of pf.positions) {
      count++;
      const before = old.get(key(p));
      if (!before || !immaterial(simulatedAlpha(before), p.alpha)) return true;
    }
  }
  return count !== old.size;
}
