import { describe, expect, it } from 'vitest';
import { EXIT_REFRESH_MS, carryExitValues, dividendAllowance, exitSimsWarning, exitsDue, positionsChanged, positionsMovedMaterially } from '@/lib/chain/exit-values';
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

  it('carry over where the alpha is unchanged or moved at most 1 % (dividends), scaled to the new alpha, keeping their block', () => {
    const next = carryExitValues(
      pf(pos(1, 10_000n, 9_000n, 100), pos(2, 10_000n, 4_000n, 100), pos(3, 10_000n, 5_000n, 100)),
      pf(pos(1, 10_000n, null), pos(2, 10_050n, null), pos(3, 10_200n, null)),
    );
    expect(next[0]!.positions[0]).toMatchObject({ exitValueRao: 9_000n, exitValueBlock: 100 });
    // 0.5 % more alpha from dividends: the value scales pro rata (4,000 × 10,050 / 10,000), still from block 100.
    expect(next[0]!.positions[1]).toMatchObject({ exitValueRao: 4_020n, exitValueBlock: 100, exitValueAlpha: 10_000n });
    // 2 %: a stake landed; unknown until simulated again.
    expect(next[0]!.positions[2]).toMatchObject({ exitValueRao: null, exitValueBlock: null });
  });

  it('after a read where some simulations failed: the simulated keep their new value, the failed get the last one', () => {
    const next = carryExitValues(pf(pos(1, 10_000n, 9_000n, 100), pos(2, 10_000n, 4_000n, 100)), pf(pos(1, 10_000n, 9_100n, 160), pos(2, 10_000n, null)));
    expect(next[0]!.positions[0]).toMatchObject({ exitValueRao: 9_100n, exitValueBlock: 160 });
    expect(next[0]!.positions[1]).toMatchObject({ exitValueRao: 4_000n, exitValueBlock: 100 });
    expect(exitSimsWarning({ asked: 2, failed: 1 }, 160)).toBe(
      '1 of 2 exit-value simulations failed at block #160; those positions show their last simulated exit value, or none',
    );
    expect(exitSimsWarning({ asked: 2, failed: 0 }, 160)).toBeNull();
    expect(exitSimsWarning(undefined, 160)).toBeNull();
  });

  it('notice any change for saving', () => {
    expect(positionsChanged(pf(pos(1, 10n, 9n)), pf(pos(1, 10n, null)))).toBe(false);
    expect(positionsChanged(pf(pos(1, 10n, 9n)), pf(pos(1, 11n, null)))).toBe(true);
    expect(positionsChanged(pf(pos(1, 10n, 9n)), pf(pos(1, 10n, null), pos(3, 1n, null)))).toBe(true);
  });

  it('re-simulate for a stake, an unstake or a new position, not for dividends, even when dividends add up over blocks', () => {
    expect(positionsMovedMaterially(pf(pos(1, 10_000n, 9n)), pf(pos(1, 10_010n, null)))).toBe(false);
    expect(positionsMovedMaterially(pf(pos(1, 10_000n, 9n)), pf(pos(1, 10_200n, null)))).toBe(true);
    expect(positionsMovedMaterially(pf(pos(1, 10_000n, 9n)), pf(pos(1, 10_000n, null), pos(3, 1n, null)))).toBe(true);
    expect(positionsMovedMaterially(pf(pos(1, 10_000n, 9n), pos(3, 1n, 1n)), pf(pos(1, 10_000n, null)))).toBe(true);
    // Small steps carried block after block are measured from the simulated alpha: the 1 % is crossed once in total.
    let prev = pf(pos(1, 10_000n, 9_000n, 100));
    const moved: boolean[] = [];
    for (const alpha of [10_040n, 10_080n, 10_120n]) {
      const next = pf(pos(1, alpha, null));
      moved.push(positionsMovedMaterially(prev, next));
      prev = carryExitValues(prev, next);
    }
    expect(moved).toEqual([false, false, true]);
  });

  it('dividends never force a simulation, even at 2 % a block for many blocks; a stake, an unstake or a move does', () => {
    // The hotkey's nominators got 1,000 alpha last epoch; this holder has half the hotkey's stake: up to 500 is theirs.
    const held = (alpha: bigint, exit: bigint | null, block: number | null = null): Position => ({
      ...pos(1, alpha, exit, block),
      hotkeyEmission: 1_000n,
      hotkeyAlpha: alpha * 2n,
    });
    expect(dividendAllowance(held(10_000n, null))).toBe(500n);
    expect(dividendAllowance({ ...held(10_000n, null), hotkeyAlpha: undefined })).toBe(1_000n);

    let prev = pf(held(10_000n, 9_000n, 100));
    const moved: boolean[] = [];
    let alpha = 10_000n;
    for (let block = 0; block < 10; block++) {
      alpha += 200n; // 2 % of the first alpha each block, within the 500 dividends allow
      const next = pf(held(alpha, null));
      moved.push(positionsMovedMaterially(prev, next));
      prev = carryExitValues(prev, next);
    }
    expect(moved.every((m) => !m)).toBe(true);
    // Carried all the way, scaled from the simulated alpha, still marked with the simulation's block.
    expect(prev[0]!.positions[0]).toMatchObject({ exitValueRao: (9_000n * 12_000n) / 10_000n, exitValueBlock: 100, exitValueAlpha: 10_000n });

    const last = prev;
    expect(positionsMovedMaterially(last, pf(held(alpha + 501n + (alpha * 2n) / 100n, null)))).toBe(true); // a stake
    expect(positionsMovedMaterially(last, pf(held(alpha - 300n, null)))).toBe(true); // an unstake (past 1 % of the simulated alpha)
    expect(carryExitValues(last, pf(held(alpha - 300n, null)))[0]!.positions[0]!.exitValueRao).toBeNull();
  });
});
