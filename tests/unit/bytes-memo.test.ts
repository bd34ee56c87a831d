import { describe, expect, it } from 'vitest';
import { BytesMemo } from '@/lib/chain/bytes-memo';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('BytesMemo', () => {
  it('makes a value once per distinct bytes and tag, and gives it back for equal bytes in another array', () => {
    const memo = new BytesMemo<string>(10_000);
    let made = 0;
    const make = (b: Uint8Array, tag: number) => `${++made}:${[...b].join('.')}:${tag}`;
    const first = memo.get(bytes(1, 2, 3), 0, make);
    expect(memo.get(bytes(1, 2, 3), 0, make)).toBe(first);
    expect(made).toBe(1);
    expect(memo.get(bytes(1, 2, 3), 7, make)).toBe('2:1.2.3:7'); // another tag, another value
    expect(memo.get(bytes(1, 2), 0, make)).toBe('3:1.2:0'); // a prefix is other bytes
    expect(memo.get(bytes(), 0, make)).toBe('4::0');
    expect(memo.get(bytes(), 0, make)).toBe('4::0');
  });

  it('never answers for other bytes, even when every key hashes alike', () => {
    // 2000 distinct 32-byte keys: whatever collides, each gets its own value back.
    const memo = new BytesMemo<number>(1_000_000);
    const keys = Array.from({ length: 2000 }, (_, i) => Uint8Array.from({ length: 32 }, (_, j) => (i * 31 + j * (i % 7)) & 0xff));
    for (let round = 0; round < 2; round++) keys.forEach((k, i) => expect(memo.get(k, 0, () => i)).toBe(keys.findIndex((o) => o.every((b, j) => b === k[j]))));
  });

  it('holds no more than its bound: past it, it starts again', () => {
    const memo = new BytesMemo<string>(1_000, (s) => s.length);
    for (let i = 0; i < 100; i++) memo.get(Uint8Array.from({ length: 50 }, () => i), 0, () => 'x'.repeat(50));
    expect(memo.size).toBeLessThanOrEqual(10);
    expect(memo.size).toBeGreaterThan(0);
  });
});
