// Pure pool math: weighted-pool prices and swaps in bigint.
import { describe, expect, it } from 'vitest';
import { maxFill, PERQUINTILL, priceAfter, spotPrice, swapAlphaForTao, swapTaoForAlpha, type Pool } from './pool';

const RAO = 1_000_000_000n;
const cp: Pool = { mechanism: 1, taoIn: 1_000n * RAO, alphaIn: 100_000n * RAO, quote: PERQUINTILL / 2n, feeRate: 33 };

describe('balancer pool', () => {
  it('price = ((1-q)/q) · tao / alpha', () => {
    expect(spotPrice(cp)).toBe(10_000_000n); // 0.01 TAO per alpha
    expect(spotPrice({ ...cp, quote: (PERQUINTILL * 3n) / 10n })).toBe(23_333_333n);
    expect(spotPrice({ ...cp, mechanism: 0 })).toBe(RAO);
  });

  it('q = 0.5 matches constant product after the fee (within 1 rao)', () => {
    const r = swapTaoForAlpha(cp, 10n * RAO);
    expect(r.fee).toBe((10n * RAO * 33n) / 65535n);
    const net = 10n * RAO - r.fee;
    const expected = cp.alphaIn - (cp.alphaIn * cp.taoIn) / (cp.taoIn + net);
    expect(r.amountOut - expected <= 1n && expected - r.amountOut <= 1n).toBe(true);
  });

  it('weighted swaps move the price the right way and never drain the pool', () => {
    const p: Pool = { ...cp, quote: (PERQUINTILL * 3n) / 4n, feeRate: 655 };
    const buy = swapTaoForAlpha(p, 500n * RAO);
    expect(priceAfter(p, buy)).toBeGreaterThan(spotPrice(p));
    expect(buy.amountOut).toBeLessThan(p.alphaIn);
    const sell = swapAlphaForTao(p, 50_000n * RAO);
    expect(priceAfter(p, sell)).toBeLessThan(spotPrice(p));
    expect(sell.amountOut).toBeLessThan(p.taoIn);
    // round trip loses to fees and impact
    const back = swapAlphaForTao({ ...p, taoIn: buy.taoIn, alphaIn: buy.alphaIn }, buy.amountOut);
    expect(back.amountOut).toBeLessThan(500n * RAO);
  });

  it('maxFill finds the largest amount within a limit price', () => {
    const limit = (spotPrice(cp) * 1010n) / 1000n; // +1 %
    const ok = (a: bigint) => priceAfter(cp, swapTaoForAlpha(cp, a)) <= limit;
    const fill = maxFill(100n * RAO, ok);
    expect(ok(fill)).toBe(true);
    expect(ok(fill + 1n)).toBe(false);
    expect(fill).toBeGreaterThan(4n * RAO); // about 0.5 % of the TAO reserve
  });
});
