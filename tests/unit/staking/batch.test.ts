// lib/staking/batch.ts: weights → exact bigint legs.
import { describe, expect, it } from 'vitest';
import { parseWeight, splitByWeights, splitEqually } from '@/lib/staking/batch';

describe('batch split', () => {
  it('parts sum exactly to the total, each within 1 rao of its share', () => {
    const parts = splitEqually(10n, [1, 2, 3]);
    expect(parts.map((p) => p.amount)).toEqual([4n, 3n, 3n]);
    const w = splitByWeights(1_000_000_001n, [{ netuid: 1, weight: 5000n }, { netuid: 2, weight: 3000n }, { netuid: 3, weight: 2000n }]);
    // Exact at the edges: the largest u64 over uneven weights, and fewer rao than legs.
    for (const [total, weights] of [[2n ** 64n - 1n, [1n, 2n, 3n, 4n, 5n, 6n, 7n]], [1n, [1n, 1n]], [999_999_999n, [3333n, 3333n, 3334n]]] as const) {
      const parts = splitByWeights(total, weights.map((weight, netuid) => ({ netuid, weight })));
      expect(parts.reduce((a, p) => a + p.amount, 0n)).toBe(total);
      expect(parts.every((p) => p.amount >= 0n)).toBe(true);
    }
    expect(w.reduce((a, p) => a + p.amount, 0n)).toBe(1_000_000_001n);
    expect(w[0]!.amount).toBe(500_000_001n);
    expect(() => splitByWeights(1n, [{ netuid: 1, weight: 0n }])).toThrow();
    expect(parseWeight('12.5')).toBe(1250n);
    expect(parseWeight('abc')).toBeNull();
  });
});
