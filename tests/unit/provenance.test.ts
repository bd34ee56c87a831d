import { describe, expect, it } from 'vitest';
import { chainSourceLabel, derivedFigures } from '@/lib/model/provenance';

describe('provenance of chain figures', () => {
  it('says "chain" when every figure came from a runtime API', () => {
    expect(chainSourceLabel([{ derived: [] }, {}])).toBe('chain');
  });

  it('names each figure derived from storage once, in a stable order', () => {
    const items = [{ derived: ['price', 'pool'] }, { derived: ['pool', 'emission'] }, {}];
    expect(derivedFigures(items)).toEqual(['emission', 'pool', 'price']);
    expect(chainSourceLabel(items)).toBe('chain (derived from storage: emission, pool, price)');
  });
});
