import { describe, expect, it } from 'vitest';
import { parseWeight, splitByWeights, splitEqually } from '@/lib/staking/batch';
import { availableActions, orderCall } from '@/lib/staking/calls';
import { applyTxEvent, eraExpired, isPending, statusText, upsertEntry, JOURNAL_LIMIT, type TxEntry } from '@/lib/staking/journal';
import { intentFromLocation } from '@/lib/staking/panel-mount';
import { maxStakeable, priceAfter, quoteWarnings, stakeLegQuote, unstakeLegQuote, moveLegQuote, type PoolView } from '@/lib/staking/quote';
import type { StakeOrder } from '@/lib/staking/types';
import { defaultValidator, searchValidators, validatorChoices } from '@/lib/staking/validators';

const RAO = 1_000_000_000n;
const pool: PoolView = { netuid: 1, spotPrice: 20_000_000n, taoReserve: 1_000n * RAO, alphaReserve: 50_000n * RAO };
const HK = '5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY';

describe('quote math', () => {
  it('stake: limit above the post-trade price by the tolerance, minimum received below the simulated output', () => {
    const q = stakeLegQuote(pool, HK, 10n * RAO, { taoAmount: 10n * RAO, alphaAmount: 490n * RAO, taoFee: 5_000_000n, alphaFee: 0n }, 50);
    expect(q.postPrice).toBeGreaterThan(pool.spotPrice);
    expect(q.limitPrice).toBe((q.postPrice * 10_050n) / 10_000n);
    expect(q.minReceived).toBe((490n * RAO * 9_950n + 9_999n) / 10_000n);
    expect(q.impactBps).toBeGreaterThan(0);
    expect(q.swapFee).toBe(5_000_000n);
  });

  it('unstake: limit below the post-trade price; never negative', () => {
    const q = unstakeLegQuote(pool, HK, 100n * RAO, { taoAmount: 1_990_000_000n, alphaAmount: 100n * RAO, taoFee: 0n, alphaFee: 0n }, 50);
    expect(q.postPrice).toBeLessThan(pool.spotPrice);
    expect(q.limitPrice!).toBeLessThan(q.postPrice);
    expect(unstakeLegQuote(pool, HK, RAO, { taoAmount: 0n, alphaAmount: RAO, taoFee: 0n, alphaFee: 0n }, 10_000).limitPrice).toBe(0n);
  });

  it('move: limit is the origin/destination price ratio × 1e9, lowered by the tolerance', () => {
    const dest: PoolView = { netuid: 2, spotPrice: 40_000_000n, taoReserve: 2_000n * RAO, alphaReserve: 50_000n * RAO };
    const q = moveLegQuote(pool, dest, HK, 100n * RAO, { taoAmount: 2n * RAO, alphaAmount: 100n * RAO, taoFee: 0n, alphaFee: 0n }, { taoAmount: 2n * RAO, alphaAmount: 49n * RAO, taoFee: 0n, alphaFee: 0n }, 50);
    expect(q.limitPrice!).toBeLessThan(500_000_000n); // spot ratio 0.02/0.04 = 0.5 → 5e8
    expect(q.outNetuid).toBe(2);
  });

  it('root has a fixed price; Max leaves fee and existential deposit', () => {
    expect(priceAfter({ netuid: 0, spotPrice: RAO, taoReserve: 0n, alphaReserve: 0n }, 5n * RAO, -5n * RAO)).toBe(RAO);
    expect(maxStakeable(10n * RAO, 1_000n, 500n)).toBe(10n * RAO - 1_500n);
    expect(maxStakeable(1_000n, 1_000n, 500n)).toBe(0n);
  });

  it('warns at 2 % and 5 % impact', () => {
    const leg = stakeLegQuote(pool, HK, 10n * RAO, { taoAmount: 10n * RAO, alphaAmount: 490n * RAO, taoFee: 0n, alphaFee: 0n }, 50);
    expect(quoteWarnings([{ ...leg, impactBps: 150 }])).toEqual([]);
    expect(quoteWarnings([{ ...leg, impactBps: 250 }])[0]).toMatch(/high/);
    expect(quoteWarnings([{ ...leg, impactBps: 600 }])[0]).toMatch(/very high/);
  });
});

describe('calls', () => {
  const leg = stakeLegQuote(pool, HK, 1_500_000_000n, { taoAmount: 1_500_000_000n, alphaAmount: 74n * RAO, taoFee: 0n, alphaFee: 0n }, 50);
  const order: StakeOrder = { action: 'stake', address: HK, legs: [{ netuid: 1, hotkey: HK, amount: 1_500_000_000n }], slippageBps: 50 };
  it('a stake is add_stake_limit with exact amounts, fill-or-kill', () => {
    const { calls, batch, preview } = orderCall(order, [leg]);
    expect(batch).toBe(false);
    expect(calls[0]!.method).toBe('addStakeLimit');
    expect(calls[0]!.args).toEqual([HK, 1, 1_500_000_000n, leg.limitPrice, false]);
    expect(preview.text).toContain('amount_staked: 1500000000 rao (τ1.5)');
  });
  it('several legs are one utility.batchAll; only stakes batch', () => {
    const r = orderCall(order, [leg, { ...leg, netuid: 2 }, { ...leg, netuid: 3 }]);
    expect(r.batch).toBe(true);
    expect(r.preview.text).toMatch(/^utility\.batchAll\(\[/);
    expect(() => orderCall({ ...order, action: 'unstake' }, [leg, leg])).toThrow(/only stakes/);
  });
  it('actions are feature-detected; unstake_all_alpha and transfer_stake are never offered', () => {
    expect(availableActions(['addStakeLimit', 'moveStake', 'unstakeAllAlpha', 'transferStake'])).toEqual(['stake', 'change-validator']);
  });
});

describe('batch split', () => {
  it('parts sum exactly to the total, each within 1 rao of its share', () => {
    const parts = splitEqually(10n, [1, 2, 3]);
    expect(parts.map((p) => p.amount)).toEqual([4n, 3n, 3n]);
    const w = splitByWeights(1_000_000_001n, [{ netuid: 1, weight: 5000n }, { netuid: 2, weight: 3000n }, { netuid: 3, weight: 2000n }]);
    expect(w.reduce((a, p) => a + p.amount, 0n)).toBe(1_000_000_001n);
    expect(w[0]!.amount).toBe(500_000_001n);
    expect(() => splitByWeights(1n, [{ netuid: 1, weight: 0n }])).toThrow();
    expect(parseWeight('12.5')).toBe(1250n);
    expect(parseWeight('abc')).toBeNull();
  });
});

describe('validators', () => {
  const vs = [
    { hotkey: 'A', name: 'Alpha', take: 11796, permits: [1], stakeByNetuid: { 1: 100n } },
    { hotkey: 'B', name: 'Beta', take: 0, permits: [1], stakeByNetuid: { 1: 900n } },
    { hotkey: 'C', name: null, take: 0, permits: [], stakeByNetuid: { 1: 5_000n } },
  ];
  it("defaults to the user's current validator, else the largest with a permit", () => {
    expect(defaultValidator(validatorChoices(vs, 1, []))).toBe('B');
    expect(defaultValidator(validatorChoices(vs, 1, [{ netuid: 1, hotkey: 'A', alpha: 1n }]))).toBe('A');
    expect(defaultValidator(validatorChoices(vs, 2, []))).toBeNull();
    expect(searchValidators(validatorChoices(vs, 1, []), 'bet').map((v) => v.hotkey)).toEqual(['B']);
  });
});

describe('tx journal', () => {
  const base: TxEntry = {
    id: 'x', createdAt: 1, updatedAt: 1, address: HK, action: 'stake', netuids: [1], summary: 's', call: 'c', status: 'submitting',
    hash: '0x01', innerHash: null, shielded: false, signedHex: '0x', eraBirth: 10, eraPeriod: 64, blockHash: null, blockNumber: null, error: null,
  };
  it('moves forward only and ends in a final state', () => {
    const inBlock = applyTxEvent(applyTxEvent(base, { type: 'ready' }, 2), { type: 'in-block', blockHash: '0xb', blockNumber: 12 }, 3);
    expect(inBlock.status).toBe('in-block');
    expect(applyTxEvent(inBlock, { type: 'ready' }, 4).status).toBe('in-block');
    const done = applyTxEvent(inBlock, { type: 'finalized' }, 5);
    expect(statusText(done)).toBe('finalized in block #12');
    expect(applyTxEvent(done, { type: 'failed', name: 'X', message: 'm' }, 6)).toBe(done);
    expect(isPending(done)).toBe(false);
    expect(eraExpired(base, 74)).toBe(true);
    expect(eraExpired(base, 73)).toBe(false);
  });
  it('keeps pending entries when capping', () => {
    let list: TxEntry[] = [{ ...base, id: 'pending', createdAt: 0 }];
    for (let i = 1; i <= JOURNAL_LIMIT + 5; i++) list = upsertEntry(list, { ...base, id: `d${i}`, createdAt: i, status: 'finalized' });
    expect(list).toHaveLength(JOURNAL_LIMIT);
    expect(list.some((e) => e.id === 'pending')).toBe(true);
  });
});

describe('panel routing', () => {
  it('reads #taolens-stake on a subnet page', () => {
    expect(intentFromLocation('/subnets/64', '#taolens-stake=stake')).toEqual({ action: 'stake', netuid: 64 });
    expect(intentFromLocation('/subnets/64/metagraph', '#x&taolens-stake=unstake')).toEqual({ action: 'unstake', netuid: 64 });
    expect(intentFromLocation('/', '#taolens-stake=stake')).toBeNull();
    expect(intentFromLocation('/subnets/1', '#taolens-stake=transfer')).toBeNull();
  });
});
