// lib/staking/order-checks.ts: what an order may ask for.
import { describe, expect, it } from 'vitest';
import { checkOrder, maxStakeable, parseOrderAmount, type OrderFacts } from '@/lib/staking/order-checks';
import type { StakeOrder } from '@/lib/staking/types';

const RAO = 1_000_000_000n;
const HK = '5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY';

describe('order checks (panel and service)', () => {
  const HK2 = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
  // 10 τ free, 500 rao existential deposit, 0.0003 τ fee; 100 α held with HK on SN1, of which 40 α unlocked.
  const facts = (over: Partial<OrderFacts> = {}): OrderFacts => ({
    freeRao: 10n * RAO,
    existentialDeposit: 500n,
    networkFee: 300_000n,
    position: { alpha: 100n * RAO, available: 40n * RAO },
    spotPrice: 21_000_000n, // 0.021 τ per α
    ...over,
  });
  const stake = (amount: bigint, more: Partial<StakeOrder> = {}): StakeOrder => ({ action: 'stake', address: HK, legs: [{ netuid: 1, hotkey: HK, amount }], slippageBps: 50, ...more });
  const take = (action: StakeOrder['action'], amount: bigint, more: Partial<StakeOrder> = {}): StakeOrder => ({ ...stake(amount), action, ...more });

  it('typed amounts: decimal strings of at most 9 decimals, ASCII digits, more than zero', () => {
    expect(parseOrderAmount('1.5', 'TAO')).toEqual({ ok: true, value: 1_500_000_000n });
    expect(parseOrderAmount('0.000000001', 'TAO')).toEqual({ ok: true, value: 1n });
    const refusal = (text: string) => {
      const r = parseOrderAmount(text, 'TAO');
      return r.ok ? null : r.error;
    };
    expect(refusal('0')).toMatch(/more than zero/);
    expect(refusal('0.000')).toMatch(/more than zero/);
    expect(refusal('-1')).toMatch(/negative/);
    expect(refusal('\u22121')).toMatch(/negative/);
    expect(refusal('1e3')).toMatch(/exponent/);
    expect(refusal('1.0000000001')).toMatch(/too many decimals/);
    expect(refusal('١٫٥')).toMatch(/digits 0–9/); // Arabic-Indic
    expect(refusal('１')).toMatch(/digits 0–9/); // fullwidth
    expect(refusal('abc')).toMatch(/unexpected character/);
    expect(refusal('')).toMatch(/enter an amount/);
  });

  it('a stake: at least 0.002 τ after the swap fee, at most free − fee − existential deposit', () => {
    const max = 10n * RAO - 300_000n - 500n;
    expect(maxStakeable(10n * RAO, 300_000n, 500n)).toBe(max);
    expect(checkOrder(stake(max), facts())).toBeNull();
    expect(checkOrder(stake(max + 1n), facts())).toMatch(/more than you can stake.*at most τ9\.9996995/);
    expect(checkOrder(stake(1_999_999n), facts())).toMatch(/minimum stake of τ0\.002/);
    expect(checkOrder(stake(2_000_000n), facts())).toBeNull();
    // 0.0021 τ with a 0.0002 τ swap fee leaves 0.0019 τ: below the minimum once the fee is taken.
    expect(checkOrder(stake(2_100_000n), facts({ swapFees: [200_000n] }))).toMatch(/less the swap fee of τ0\.0002.*minimum/);
    expect(checkOrder(stake(RAO), facts({ freeRao: 300_000n }))).toMatch(/does not cover the network fee and the τ0\.0000005/);
    // Before a quote the fee is unknown: only free − existential deposit bounds the amount.
    expect(checkOrder(stake(10n * RAO - 500n), facts({ networkFee: null }))).toBeNull();
    expect(checkOrder(stake(10n * RAO - 499n), facts({ networkFee: null }))).toMatch(/more than you can stake/);
    expect(checkOrder(stake(RAO, { slippageBps: 5001 }), facts())).toMatch(/slippage/);
  });

  it('several subnets: each share reaches the minimum, no subnet twice, the total fits the balance', () => {
    const legs = (amounts: bigint[], netuids = [1, 2, 3]) => amounts.map((amount, i) => ({ netuid: netuids[i]!, hotkey: HK, amount }));
    expect(checkOrder(stake(0n, { legs: legs([RAO, RAO, RAO]) }), facts())).toBeNull();
    expect(checkOrder(stake(0n, { legs: legs([RAO, 1_000_000n, RAO]) }), facts())).toMatch(/share for SN2 .* below the chain's minimum/);
    expect(checkOrder(stake(0n, { legs: legs([RAO, RAO], [4, 4]) }), facts())).toMatch(/SN4 .* twice/);
    expect(checkOrder(stake(0n, { legs: legs([5n * RAO, 5n * RAO]) }), facts())).toMatch(/more than you can stake/);
    expect(checkOrder(take('unstake', RAO, { legs: legs([RAO, RAO]) }), facts())).toMatch(/only stakes/);
  });

  it('unstake and move take only unlocked alpha of the position, worth at least the minimum', () => {
    expect(checkOrder(take('unstake', 40n * RAO), facts())).toBeNull();
    expect(checkOrder(take('unstake', 40n * RAO + 1n), facts())).toMatch(/only 40 α SN1 of this stake is unlocked/);
    expect(checkOrder(take('unstake', 100n * RAO + 1n), facts())).toMatch(/you have only 100 α SN1/);
    expect(checkOrder(take('move', RAO, { destNetuid: 2 }), facts({ position: { alpha: 5n * RAO, available: 0n } }))).toMatch(/all of this stake is locked/);
    expect(checkOrder(take('unstake', RAO), facts({ position: null }))).toMatch(/no stake with this validator on SN1/);
    // 0.05 α × 0.021 τ = 0.00105 τ: below the 0.002 τ minimum. 0.1 α = 0.0021 τ passes, but not after a 0.01 α swap fee.
    expect(checkOrder(take('unstake', 50_000_000n), facts())).toMatch(/worth less than the chain's minimum of τ0\.002/);
    expect(checkOrder(take('unstake', 100_000_000n), facts())).toBeNull();
    expect(checkOrder(take('unstake', 100_000_000n), facts({ swapFees: [10_000_000n] }))).toMatch(/after the swap fee/);
    expect(checkOrder(take('unstake', RAO), facts({ freeRao: 1_000n }))).toMatch(/does not cover the network fee/);
    expect(checkOrder(take('move', RAO, { destNetuid: 1 }), facts())).toMatch(/already on that subnet/);
    expect(checkOrder(take('change-validator', RAO, { destHotkey: HK }), facts())).toMatch(/already with that validator/);
    expect(checkOrder(take('change-validator', 10_000n, { destHotkey: HK2 }), facts())).toBeNull(); // no swap, no minimum
  });

  it('unstake all needs the whole position unlocked', () => {
    expect(checkOrder(take('unstake-all', 0n), facts())).toMatch(/only 40 α SN1 of this stake is unlocked: unstake that amount instead/);
    expect(checkOrder(take('unstake-all', 0n), facts({ position: { alpha: 100n * RAO, available: 100n * RAO } }))).toBeNull();
  });
});
