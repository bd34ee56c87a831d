/**
 * Exit values come from one swap simulation per held subnet; running them every block would cost a
 * public node hundreds of calls a minute for a large portfolio. They are refreshed about once a minute,
 * or at once when a position changes materially: it appears or goes, it shrinks more than 1 % from the alpha
 * it was simulated for (an unstake or a move), or it grows by more than dividends can explain (a stake).
 * Dividends, which add alpha every epoch (every block on the devnet), never count, however they add up:
 * the minute's simulation catches up with them. In between, values are carried over, scaled to the new alpha,
 * each marked with the block it was simulated at.
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

const withinOnePercent = (from: bigint, to: bigint) => {
  const d = to > from ? to - from : from - to;
  return d * 10_000n <= from * MATERIAL_MOVE_BPS;
};

/**
 * The most one epoch's dividends can add to a position: its pro-rata share of what the hotkey's nominators got
 * (StakeInfo.emission is the hotkey's, not the holder's), rounded up; the hotkey's whole figure when its total
 * stake was not read.
 */
export function dividendAllowance(p: Position): bigint {
  if (p.hotkeyAlpha === undefined || p.hotkeyAlpha <= 0n) return p.hotkeyEmission;
  return (p.hotkeyEmission * p.alpha + p.hotkeyAlpha - 1n) / p.hotkeyAlpha;
}

/** Whether `next` needs a new simulation rather than `before`'s value carried over. */
function movedMaterially(before: Position, next: Position): boolean {
  if (withinOnePercent(simulatedAlpha(before), next.alpha)) return false;
  const grew = next.alpha - before.alpha;
  // Growth since the last read that dividends explain is not a trade, however far dividends drifted in total.
  return grew < 0n || grew > dividendAllowance(next);
}

/**
 * Copies earlier exit values onto positions that did not move materially (within 1 % of the alpha they were
 * simulated for, or grown by dividends), scaled pro rata to the new alpha (exact bigint arithmetic); others stay
 * unknown until the next simulation.
 */
export function carryExitValues(previous: readonly Portfolio[] | null, next: Portfolio[]): Portfolio[] {
  const old = new Map(previous?.flatMap((pf) => pf.positions.map((p) => [key(p), p] as const)) ?? []);
  for (const pf of next) {
    for (const p of pf.positions) {
      const before = old.get(key(p));
      // A position simulated at this read keeps its own value; one whose simulation failed gets the last one.
      if (!before || before.exitValueRao === null || p.exitValueRao !== null) continue;
      if (before.alpha === p.alpha) {
        p.exitValueRao = before.exitValueRao;
      } else if (before.alpha > 0n && !movedMaterially(before, p)) {
        // From the last read, which already carries the earlier steps (scaling from the simulation would compound them).
        p.exitValueRao = (before.exitValueRao * p.alpha) / before.alpha;
      } else continue;
      p.exitValueBlock = before.exitValueBlock;
      // Drift is measured from the simulation, not from block to block.
      p.exitValueAlpha = simulatedAlpha(before);
    }
  }
  return next;
}

/** True when some position's alpha changed or appeared since the last read (any amount: for saving). */
export function positionsChanged(previous: readonly Portfolio[] | null, next: readonly Portfolio[]): boolean {
  const old = new Map(previous?.flatMap((pf) => pf.positions.map((p) => [key(p), p.alpha] as const)) ?? []);
  return next.some((pf) => pf.positions.some((p) => old.get(key(p)) !== p.alpha));
}

/** True when exit values should be simulated now: a position appeared, went, or moved materially (see above). */
export function positionsMovedMaterially(previous: readonly Portfolio[] | null, next: readonly Portfolio[]): boolean {
  const old = new Map(previous?.flatMap((pf) => pf.positions.map((p) => [key(p), p] as const)) ?? []);
  let count = 0;
  for (const pf of next) {
    for (const p of pf.positions) {
      count++;
      const before = old.get(key(p));
      if (!before || movedMaterially(before, p)) return true;
    }
  }
  return count !== old.size;
}

/** What the status line says when some exit-value simulations of a read failed (the read itself stands). */
export function exitSimsWarning(sims: { asked: number; failed: number } | undefined, block: number): string | null {
  if (!sims?.failed) return null;
  return `${sims.failed} of ${sims.asked} exit-value simulations failed at block #${block}; those positions show their last simulated exit value, or none`;
}
