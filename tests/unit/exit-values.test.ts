import { describe, expect, it } from 'vitest';
import { EXIT_REFRESH_MS, carryExitValues, exitsDue, positionsChanged } from '@/lib/chain/exit-values';
import type { Portfolio, Position } from '@/lib/model/types';

const pos = (netuid: number, alpha: bigint, exit: bigint | null, block: number | null = null): Position => ({
  coldkey: 'C',
  hotkey: 'H',
  netuid,
  alpha,
  lockedAlpha: 0n,
  spotValueRao: alpha,
  exitValueRao: exit,
  exitValueBlock: block,
  hotkeyEmission: 0n,
});
const pf = (...positions: Position[]): Portfolio[] => [{ coldkey: 'C', freeRao: 0n, positions }];

describe('exit values between simulations', () => {
  it('are due first, then once a minute, and at once for a newly watched coldkey', () => {
    expect(exitsDue(null, null, 0, ['C'])).toBe(true);
    expect(exitsDue(pf(), 1_000, 1_000 + EXIT_REFRESH_MS - 1, ['C'])).toBe(false);
    expect(exitsDue(pf(), 1_000, 1_000 + EXIT_REFRESH_MS, ['C'])).toBe(true);
    expect(exitsDue(pf(), 1_000, 1_001, ['C', 'D'])).toBe(true);
  });

  it('carry over only where the alpha is unchanged, keeping the block they were simulated at', () => {
    const next = carryExitValues(pf(pos(1, 10n, 9n, 100), pos(2, 5n, 4n, 100)), pf(pos(1, 10n, null), pos(2, 6n, null)));
    expect(next[0]!.positions[0]).toMatchObject({ exitValueRao: 9n, exitValueBlock: 100 });
    expect(next[0]!.positions[1]).toMatchObject({ exitValueRao: null, exitValueBlock: null });
  });

  it('notice a stake that landed', () => {
    expect(positionsChanged(pf(pos(1, 10n, 9n)), pf(pos(1, 10n, null)))).toBe(false);
    expect(positionsChanged(pf(pos(1, 10n, 9n)), pf(pos(1, 11n, null)))).toBe(true);
    expect(positionsChanged(pf(pos(1, 10n, 9n)), pf(pos(1, 10n, null), pos(3, 1n, null)))).toBe(true);
  });
});
