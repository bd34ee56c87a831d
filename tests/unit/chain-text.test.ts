import { describe, expect, it } from 'vitest';
import { fixedI96F32ToNumber, marketCapRao } from '@/lib/chain/decode';
import { cleanChainText, decodeChainBytes } from '@/lib/chain/text';

describe('on-chain text', () => {
  it('keeps HTML as text but drops control and bidirectional-override characters', () => {
    expect(cleanChainText('<script>alert(1)</script>', 64)).toBe('<script>alert(1)</script>');
    expect(cleanChainText('\u202Eevil\u202C name\u0007\u0000', 64)).toBe('evil name');
    expect(cleanChainText('a\u2066b\u2069c\u200Fd', 64)).toBe('abcd');
  });

  it('caps a 10 kB string, counting characters not UTF-16 units', () => {
    const capped = cleanChainText('x'.repeat(10_000), 64);
    expect([...capped].length).toBe(64);
    expect(capped.endsWith('…')).toBe(true);
    expect([...cleanChainText('🚀'.repeat(100), 10)].length).toBe(10);
  });

  it('decodes invalid UTF-8 with replacement characters instead of failing', () => {
    expect(decodeChainBytes([0x68, 0x69, 0xff])).toBe('hi\uFFFD');
  });
});

describe('chain numbers', () => {
  it('reads the I96F32 moving price (value × 2^32)', () => {
    expect(fixedI96F32ToNumber(3n << 31n)).toBe(1.5);
    expect(fixedI96F32ToNumber(0n)).toBe(0);
    expect(fixedI96F32ToNumber((1n << 32n) / 4n)).toBe(0.25);
  });

  it('values market cap as price × (alpha in pool + outstanding), in rao, never adding alpha to TAO', () => {
    expect(marketCapRao(500_000_000n, 2_000_000_000n, 1_000_000_000n)).toBe(1_500_000_000n);
  });
});
