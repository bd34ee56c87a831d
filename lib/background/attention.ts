/**
 * Cadence follows attention: the chain is read on every finalized block while someone is looking (the popup,
 * or a tab with TaoLens badges that is visible), and on a slow cadence otherwise. Pure: the worker feeds it
 * what its UIs report and asks whether a head is worth the read.
 */

/**
 * While someone is looking, the watched positions are read in full every this many blocks (5 minutes); in between
 * only those whose storage signals moved (lib/chain/position-signals.ts).
 */
export const POSITIONS_FULL_EVERY_BLOCKS = 25;

export interface CadenceInput {
  /** Some UI is visible (attention.looking()). */
  looking: boolean;
  /** A transaction is in flight, or one ended since the last read (the block holding it is wanted). */
  txFollowing: boolean;
  /** When the last read was started (worker clock), or null when this worker has none. */
  lastRefreshAt: number | null;
  now: number;
  idleEveryMs: number;
}

/** Whether the newest finalized head should be read now. */
export function refreshDue(input: CadenceInput): boolean {
  if (input.looking || input.txFollowing || input.lastRefreshAt === null) return true;
  return input.now - input.lastRefreshAt >= input.idleEveryMs;
}

/**
 * Follows the transaction journal's pending entries: true while one is pending, and once more after one ends
 * (until `read()` says the block that holds it was read), so the snapshot shows where it landed.
 */
export function createTxFollowing() {
  let pending = new Set<string>();
  let endedUnread = false;
  return {
    update(entries: readonly { id: string; pending: boolean }[]) {
      const next = new Set(entries.filter((e) => e.pending).map((e) => e.id));
      for (const id of pending) if (!next.has(id)) endedUnread = true;
      pending = next;
    },
    read() {
      endedUnread = false;
    },
    following: () => pending.size > 0 || endedUnread,
  };
}
