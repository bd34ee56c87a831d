/**
 * When the background writes its views to storage. The snapshot (~100 kB with 128 subnets), which a stopped worker
 * wakes on: at once when holdings changed (a stake landed, an account came or went), else at most once a minute,
 * and when blocks stop coming (QUIET_SAVE_MS after the last refresh), so a worker stopped while the chain is away
 * wakes on the last snapshot it showed. Every block would be ~700 MB of writes a day. The popup-view fallback
 * (~175 kB, painted only by a popup with no copy of its own yet, and carrying its own age): every ten minutes.
 */
import { positionsMovedMaterially } from '../chain/exit-values';
import type { Portfolio } from '../model/types';

export const SNAPSHOT_SAVE_MS = 60_000;
export const QUIET_SAVE_MS = 15_000;
export const POPUP_VIEW_SAVE_MS = 10 * 60_000;

/**
 * Accounts watched or positions held differ between two reads, or an amount moved by more than dividends explain (a
 * stake, unstake or move landed). Dividends alone wait for the once-a-minute write: with many positions some
 * subnet's epoch pays nearly every block, and the snapshot (~300 kB with 200 positions) would be written each time.
 */
export function holdingsChanged(previous: readonly Portfolio[] | null, next: readonly Portfolio[], moved = positionsMovedMaterially(previous, next)): boolean {
  if (!previous) return true;
  const coldkeys = (pfs: readonly Portfolio[]) => pfs.map((pf) => pf.coldkey).join();
  const count = (pfs: readonly Portfolio[]) => pfs.reduce((n, pf) => n + pf.positions.length, 0);
  return moved || coldkeys(previous) !== coldkeys(next) || count(previous) !== count(next);
}

/** Never written, or last written at least `everyMs` ago. */
export function saveDue(lastSavedAt: number | null, now: number, everyMs: number): boolean {
  return lastSavedAt === null || now - lastSavedAt >= everyMs;
}

export function snapshotSaveDue(lastSavedAt: number | null, now: number, changed: boolean): boolean {
  return changed || saveDue(lastSavedAt, now, SNAPSHOT_SAVE_MS);
}
