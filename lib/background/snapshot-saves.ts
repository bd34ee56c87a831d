/**
 * When the background writes its snapshot (~100 kB with 128 subnets) to storage, which a stopped worker wakes on:
 * at once when holdings changed (a stake landed, an account came or went), else at most once a minute, and when
 * blocks stop coming (QUIET_SAVE_MS after the last refresh), so a worker stopped while the chain is away wakes on
 * the last snapshot it showed. Every block would be ~700 MB of writes a day.
 */
import { positionsChanged } from '../chain/exit-values';
import type { Portfolio } from '../model/types';

export const SNAPSHOT_SAVE_MS = 60_000;
export const QUIET_SAVE_MS = 15_000;

/** Accounts watched, positions held or their amounts differ between two reads. */
export function holdingsChanged(previous: readonly Portfolio[] | null, next: readonly Portfolio[]): boolean {
  if (!previous) return true;
  const coldkeys = (pfs: readonly Portfolio[]) => pfs.map((pf) => pf.coldkey).join();
  const count = (pfs: readonly Portfolio[]) => pfs.reduce((n, pf) => n + pf.positions.length, 0);
  return coldkeys(previous) !== coldkeys(next) || count(previous) !== count(next) || positionsChanged(previous, next);
}

export function snapshotSaveDue(lastSavedAt: number | null, now: number, changed: boolean): boolean {
  return changed || lastSavedAt === null || now - lastSavedAt >= SNAPSHOT_SAVE_MS;
}
