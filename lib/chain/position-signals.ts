/**
 * Which watched positions to read again at a block, decided from storage the node pushes only on change.
 *
 * A holder's alpha on a subnet moves when the validator's pool moves: dividends at the subnet's epoch, anyone
 * staking or unstaking through that hotkey there. All of these change `TotalHotkeyAlpha(hotkey, netuid)`. The
 * holder's own stakes, unstakes and moves also change `System.Account(coldkey)` (amounts or fees) and, for a new
 * validator, `StakingHotkeys(coldkey)`. Both are followed by subscription, so a block where none of them changed
 * costs nothing; one where they did re-reads just those positions (or the coldkey, when many changed).
 *
 * The node pushes values as of its best block, which can be ahead of the finalized block the reads are pinned to:
 * a change keeps its position due for `FINALITY_LAG_READS` reads, so the read at the block where it became final
 * is among them. What no signal covers (alpha received by `transfer_stake` from another coldkey on the same
 * validator and subnet, a finality stall longer than the lag, a change already in the values a subscription
 * starts with but final only after the read that took them as baseline) waits for the periodic full read.
 */

/** Reads a change stays due for: mainnet finalizes about two blocks behind its best block. */
export const FINALITY_LAG_READS = 3;

export class PositionSignals {
  /** Each signal's last value (the raw storage values joined). */
  private readonly seen = new Map<string, string>();
  /** Signals that changed recently, with how many more reads they stay due for. */
  private readonly recent = new Map<string, number>();

  /**
   * Takes this read's value of every signal (by id) and returns the ids to read again now: those that changed
   * (or are new) in this read or in the last `FINALITY_LAG_READS − 1` reads. Ids not given are forgotten.
   */
  due(current: ReadonlyMap<string, string>): Set<string> {
    for (const id of [...this.seen.keys()]) {
      if (current.has(id)) continue;
      this.seen.delete(id);
      this.recent.delete(id);
    }
    for (const [id, value] of current) {
      if (this.seen.get(id) === value) continue;
      this.seen.set(id, value);
      this.recent.set(id, FINALITY_LAG_READS);
    }
    const out = new Set<string>();
    for (const [id, left] of [...this.recent]) {
      out.add(id);
      if (left <= 1) this.recent.delete(id);
      else this.recent.set(id, left - 1);
    }
    return out;
  }

  /**
   * Takes every signal's value as the baseline, nothing due: the positions were just read in full. Used once the
   * subscription's first values are in (after it was opened or its keys changed).
   */
  seed(current: ReadonlyMap<string, string>): void {
    this.seen.clear();
    this.recent.clear();
    for (const [id, value] of current) this.seen.set(id, value);
  }
}
