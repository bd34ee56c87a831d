import { describe, expect, it } from 'vitest';
import { TypeRegistry } from '@polkadot/types';
import { hexToU8a } from '@polkadot/util';
import { checkedAnswer } from '@/lib/chain/runtime-call';

// A runtime call's answer is believed only when it is exactly one value of its type.
const registry = new TypeRegistry();
registry.register({ Pair: { netuid: 'u16', price: 'u64' } });

describe('checked runtime answers', () => {
  it('refuse an empty answer for a list (it would read as "no positions")', () => {
    expect(() => checkedAnswer(registry, 'Vec<Pair>', new Uint8Array(), 'StakeInfoRuntimeApi_x')).toThrow('answered StakeInfoRuntimeApi_x with nothing (0 bytes)');
  });

  it('accept an empty answer only for an Option', () => {
    expect(checkedAnswer(registry, 'Option<u64>', new Uint8Array(), 'A_b').isEmpty).toBe(true);
  });

  it('refuse a short answer instead of reading zeros into the missing bytes', () => {
    const full = registry.createType('Vec<Pair>', [{ netuid: 1, price: 837n }, { netuid: 2, price: 900n }]).toU8a();
    expect(checkedAnswer(registry, 'Vec<Pair>', full, 'SwapRuntimeApi_p').toJSON()).toEqual([{ netuid: 1, price: 837 }, { netuid: 2, price: 900 }]);
    expect(() => checkedAnswer(registry, 'Vec<Pair>', full.slice(0, full.length - 3), 'SwapRuntimeApi_p')).toThrow(/SwapRuntimeApi_p/);
  });

  it('refuse trailing bytes after the value', () => {
    expect(() => checkedAnswer(registry, 'u64', hexToU8a('0x01000000000000000000'), 'A_b')).toThrow('is 10 bytes but its value takes 8');
  });
});
