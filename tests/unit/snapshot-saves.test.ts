import { describe, expect, it } from 'vitest';
import { holdingsChanged, SNAPSHOT_SAVE_MS, snapshotSaveDue } from '@/lib/background/snapshot-saves';
import type { Portfolio, Position } from '@/lib/model/types';

const pos = (netuid: number, alpha: bigint, hotkeyEmission = 0n) => ({ coldkey: 'A', hotkey: 'v', netuid, alpha, hotkeyEmission }) as Position;
const pf = (coldkey: string, ...positions: Position[]): Portfolio => ({ coldkey, freeRao: 0n, positions });

describe('when the snapshot is written', () => {
  it('not at once for dividends: growth the validator\'s emission explains waits for the once-a-minute write', () => {
    const before = [pf('A', pos(1, 1_000_000n, 50_000n))];
    expect(holdingsChanged(before, [pf('A', pos(1, 1_040_000n, 50_000n))])).toBe(false); // 4 %, within the dividends
    expect(holdingsChanged(before, [pf('A', pos(1, 1_100_000n, 50_000n))])).toBe(true); // 10 %: a stake landed
  });

  it('at once when holdings change: an amount, a position or an account', () => {
    const before = [pf('A', pos(1, 10n))];
    expect(holdingsChanged(before, [pf('A', pos(1, 10n))])).toBe(false);
    expect(holdingsChanged(before, [pf('A', pos(1, 11n))])).toBe(true);
    expect(holdingsChanged(before, [pf('A', pos(1, 10n), pos(2, 1n))])).toBe(true);
    expect(holdingsChanged(before, [pf('A')])).toBe(true);
    expect(holdingsChanged(before, [pf('A', pos(1, 10n)), pf('B')])).toBe(true);
    expect(holdingsChanged(null, [])).toBe(true);
  });

  it('otherwise at most once a minute, and first of all on the first read', () => {
    expect(snapshotSaveDue(null, 5, false)).toBe(true);
    expect(snapshotSaveDue(1_000, 1_000 + SNAPSHOT_SAVE_MS - 1, false)).toBe(false);
    expect(snapshotSaveDue(1_000, 1_000 + SNAPSHOT_SAVE_MS, false)).toBe(true);
    expect(snapshotSaveDue(1_000, 1_001, true)).toBe(true);
  });
});
