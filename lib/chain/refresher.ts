/**
 * Refreshes at most once per finalized block, coalesced: heads that arrive while a read is running
 * collapse into one more read of the newest head. Pure scheduling; the read itself is injected.
 */
import type { BlockRef } from '../model/types';

export class CoalescingRefresher<S> {
  private latest: { head: BlockRef; session: S } | null = null;
  private running = false;
  private lastDone: string | null = null;
  /** again() was called: the next pass reads even a head already read (or being read). */
  private rereadWanted = false;

  constructor(
    private readonly read: (head: BlockRef, session: S) => Promise<void>,
    private readonly onError: (err: unknown, head: BlockRef) => void,
  ) {}

  /** A new finalized head. */
  push(head: BlockRef, session: S): void {
    this.latest = { head, session };
    void this.drain();
  }

  /** Reads the latest head again (the watched accounts changed), even if it was read already or is being read. */
  again(): void {
    this.rereadWanted = true;
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.latest && (this.rereadWanted || this.latest.head.hash !== this.lastDone)) {
        const { head, session } = this.latest;
        // Cleared before the read: a change during it (again() mid-read) wants one more read after it.
        this.rereadWanted = false;
        try {
          await this.read(head, session);
          this.lastDone = head.hash;
        } catch (err) {
          this.onError(err, head);
          this.lastDone = head.hash; // do not spin on a failing block; the next head retries
        }
      }
    } finally {
      this.running = false;
    }
  }
}
