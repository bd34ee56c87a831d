// lib/staking/calls.ts: which call for which action.
import { describe, expect, it } from 'vitest';
import { availableActions, orderCall } from '@/lib/staking/calls';
import { stakeLegQuote, type PoolView } from '@/lib/staking/quote';
import type { StakeOrder } from '@/lib/staking/types';

const RAO = 1_000_000_000n;
const pool: PoolView = { netuid: 1, spotPrice: 20_000_000n, taoReserve: 1_000n * RAO, alphaReserve: 50_000n * RAO };
const HK = '5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY';

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
