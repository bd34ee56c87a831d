import { describe, expect, it } from 'vitest';
import { fixedI96F32ToNumber, marketCapRao } from '@/lib/chain/decode';
import { cleanChainText, decodeChainBytes, readChainText, rememberingTextReader } from '@/lib/chain/text';

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

  it('the remembering text reader gives what readChainText gives, per cap, and holds a bounded amount of text', () => {
    const text = rememberingTextReader(50_000);
    const utf8 = (s: string) => new TextEncoder().encode(s);
    const hostile = ['\u202Eevil\u202C name', '<b>x</b>', 'y'.repeat(10_000), '🚀'.repeat(100), ''].map(utf8);
    hostile.push(Uint8Array.of(0x68, 0x69, 0xff));
    for (let round = 0; round < 3; round++) {
      for (const bytes of hostile) for (const cap of [10, 64, 512]) expect(text(bytes, cap)).toBe(readChainText(bytes, cap));
    }
    // Twenty different 10 kB descriptions: more than the bound, still right every time.
    for (let i = 0; i < 20; i++) {
      const bytes = utf8(`${i}${'z'.repeat(10_000)}`);
      expect(text(bytes, 512)).toBe(readChainText(bytes, 512));
    }
  });

  it('the remembering text reader is not fooled by bytes changed in place after it read them', () => {
    // The decoder hands out views into an answer's buffer: the next answer may reuse the memory.
    const text = rememberingTextReader();
    const bytes = new TextEncoder().encode('Apex');
    expect(text(bytes, 64)).toBe('Apex');
    bytes.set(new TextEncoder().encode('Evil'));
    expect(text(bytes, 64)).toBe('Evil');
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
