import { describe, expect, it } from 'vitest';
import { alphaOfShares, sharesFromSafeFloat, sharesFromU64F64 } from '@/lib/chain/share-pool';

const TAO = 1_000_000_000n;
const U64F64_ONE = 1n << 64n;

describe('share pool values', () => {
  it('a holder of 3 of 10 shares in a pool worth 100 α holds 30 α (and 70 α for the other 7)', () => {
    const ten = sharesFromU64F64(10n * U64F64_ONE);
    expect(alphaOfShares(100n * TAO, sharesFromU64F64(3n * U64F64_ONE), ten)).toBe(30n * TAO);
    expect(alphaOfShares(100n * TAO, sharesFromU64F64(7n * U64F64_ONE), ten)).toBe(70n * TAO);
  });

  it('dividends raise the pool, not the shares: half the shares is half the grown pool', () => {
    const half = sharesFromU64F64(U64F64_ONE / 2n); // 0.5 share
    expect(alphaOfShares(1_000_000_007n, half, sharesFromU64F64(U64F64_ONE))).toBe(500_000_003n); // rounded down
  });

  it('reads SafeFloat shares (mantissa × 10^exponent) the same way', () => {
    // 2.5e20 × 10^-20 = 2.5 shares of 10 (1e21 × 10^-20)
    expect(alphaOfShares(40n * TAO, sharesFromSafeFloat(250_000_000_000_000_000_000n, -20n), sharesFromSafeFloat(10n ** 21n, -20n))).toBe(10n * TAO);
    expect(sharesFromSafeFloat(3n, 2n)).toEqual({ num: 300n, den: 1n });
  });

  it('an empty pool or no shares is 0; the result saturates at u64', () => {
    expect(alphaOfShares(100n, sharesFromU64F64(U64F64_ONE), { num: 0n, den: 1n })).toBe(0n);
    expect(alphaOfShares(100n, { num: 0n, den: 1n }, sharesFromU64F64(U64F64_ONE))).toBe(0n);
    expect(alphaOfShares((1n << 64n) - 1n, sharesFromU64F64(4n * U64F64_ONE), sharesFromU64F64(U64F64_ONE))).toBe((1n << 64n) - 1n);
  });

  it('bounds absurd exponents instead of building a huge power of ten', () => {
    expect(sharesFromSafeFloat(1n, 9_000_000_000_000_000_000n).den).toBe(1n);
    expect(sharesFromSafeFloat(1n, -9_000_000_000_000_000_000n).num).toBe(1n);
  });
});
