/**
 * Every position of every watched account gone in one block is far more often a node answering wrong than a person
 * unstaking everything at once: the last portfolio is kept, with a warning, until a second block says the same.
 */
import type { Portfolio } from '../model/types';

export interface VanishCheck {
  portfolios: Portfolio[];
  /** True while a vanishing is waiting for a second block. */
  pending: boolean;
  /** Why the previous portfolio is still shown, or null. */
  warning: string | null;
}

const positionCount = (list: readonly Portfolio[]) => list.reduce((n, pf) => n + pf.positions.length, 0);

/** `pending`: the previous block already showed every position gone (this one confirms or clears it). */
export function checkVanished(previous: readonly Portfolio[] | null, next: Portfolio[], pending: boolean, block: number): VanishCheck {
  const before = previous?.filter((pf) => next.some((n) => n.coldkey === pf.coldkey)) ?? [];
  const vanished = positionCount(before) > 0 && positionCount(next) === 0;
  if (!vanished || pending) return { portfolios: next, pending: false, warning: null };
  return {
    // The chain part that did not vanish (free balances) is this block's; the positions are the last ones seen.
    portfolios: next.map((pf) => ({ ...pf, positions: before.find((b) => b.coldkey === pf.coldkey)?.positions ?? [] })),
    pending: true,
    warning: `every position disappeared at block #${block}; showing the last portfolio until the next block confirms it`,
  };
}
