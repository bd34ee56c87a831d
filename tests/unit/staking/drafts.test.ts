// lib/staking/drafts.ts: payloads waiting for a signature.
import { describe, expect, it } from 'vitest';
import { createDraftBook } from '@/lib/staking/drafts';

describe('signing starts once, from a trusted gesture', () => {
  it('a draft is sent once; a newer draft for the same account replaces a waiting one; drafts lapse', () => {
    let t = 0;
    let n = 0;
    const book = createDraftBook<{ address: string }>({ ttlMs: 1_000, now: () => t, newId: () => `d${++n}` });
    const a = book.add({ address: 'A' });
    const other = book.add({ address: 'B' });
    expect(book.waiting(a.id).address).toBe('A');
    book.use(a.id);
    expect(() => book.waiting(a.id)).toThrow(/no longer waiting/);
    const first = book.add({ address: 'A' });
    const second = book.add({ address: 'A' }); // a double click built twice
    expect(() => book.waiting(first.id)).toThrow(/newer transaction from this account/);
    expect(book.waiting(second.id).id).toBe(second.id);
    expect(book.waiting(other.id).address).toBe('B');
    t = 1_001;
    expect(() => book.waiting(second.id)).toThrow(/expired/);
    expect(() => book.waiting('nope')).toThrow(/no longer waiting/);
  });
});
