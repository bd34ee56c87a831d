// lib/staking/quote.ts: quotes from swap simulations.
import { describe, expect, it } from 'vitest';
import { priceAfter, quoteWarnings, stakeLegQuote, unstakeLegQuote, moveLegQuote, type PoolView } from '@/lib/staking/quote';
import { maxStakeable } from '@/lib/staking/order-checks';

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
