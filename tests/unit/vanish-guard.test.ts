import { describe, expect, it } from 'vitest';
import { checkVanished } from '@/lib/chain/vanish-guard';
import type { Portfolio } from '@/lib/model/types';

const pf = (n: number, free = 1n): Portfolio[] => [
  {
    coldkey: 'C',
    freeRao: free,
    positions: Array.from({ length: n }, (_, i) => ({ coldkey: 'C', hotkey: 'H', netuid: i + 1, alpha: 5n, lockedAlpha: null, spotValueRao: 5n, exitValueRao: null, exitValueBlock: null, hotkeyEmission: 0n })),
  },
];

describe('all positions vanishing in one block', () => {
  it('keeps the last portfolio with a warning, then believes a second block that says the same', () => {
    const first = checkVanished(pf(3), pf(0, 2n), false, 100);
    expect(first.pending).toBe(true);
    expect(first.portfolios[0]!.positions).toHaveLength(3);
    expect(first.portfolios[0]!.freeRao).toBe(2n);
    expect(first.warning).toContain('block #100');
    const second = checkVanished(first.portfolios, pf(0), true, 101);
    expect(second).toMatchObject({ pending: false, warning: null });
    expect(second.portfolios[0]!.positions).toHaveLength(0);
  });

  it('passes ordinary changes and a single unstake through at once', () => {
    expect(checkVanished(pf(3), pf(2), false, 100)).toMatchObject({ pending: false, warning: null });
    expect(checkVanished(pf(0), pf(0), false, 100).pending).toBe(false);
    // The vanishing did not repeat: the new block's positions are shown and the wait ends.
    expect(checkVanished(pf(3), pf(3), true, 101)).toMatchObject({ pending: false, warning: null });
  });
});
