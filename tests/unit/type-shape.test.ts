import { describe, expect, it } from 'vitest';
import { readableByName, shapeDiff, shapeName, type Shape } from '../tools/type-shape';

const u64: Shape = { t: 'prim', name: 'u64' };
const u128: Shape = { t: 'prim', name: 'u128' };
const info = (fields: [string, Shape][]): Shape => ({ t: 'struct', name: 'DynamicInfo', fields });
const option = (of: Shape): Shape => ({ t: 'enum', name: 'Option', variants: [['None', 0, []], ['Some', 1, [['0', of]]]] });

describe('shapeDiff (npm run check-live)', () => {
  it('equal shapes: no difference', () => {
    const s = { t: 'vec', of: option(info([['netuid', { t: 'compact', of: u64 }], ['subnet_volume', { t: 'compact', of: u128 }]])) } as Shape;
    expect(shapeDiff(s, structuredClone(s), 'output')).toEqual([]);
  });

  it('a retyped field is named with the path to it and both types', () => {
    const before = { t: 'vec', of: option(info([['subnet_volume', { t: 'compact', of: u128 }]])) } as Shape;
    const after = { t: 'vec', of: option(info([['subnet_volume', u64]])) } as Shape;
    expect(shapeDiff(before, after, 'output')).toEqual(['output (Option)::Some.0 (DynamicInfo).subnet_volume: Compact<u128> → u64']);
  });

  it('a renamed or removed field is named; the fields that stayed are still compared', () => {
    const before = info([['tao_in', u64], ['subnet_volume', u128]]);
    const after = info([['tao_in', u128], ['volume', u128]]);
    expect(shapeDiff(before, after, 'value')).toEqual([
      'value (DynamicInfo): fields changed, missing subnet_volume, new volume (expected tao_in, subnet_volume)',
      'value (DynamicInfo).tao_in: u64 → u128',
    ]);
  });

  it('a missing enum variant is named; a new variant or a moved index is not a difference (the node\'s own metadata encodes)', () => {
    const before: Shape = { t: 'enum', name: 'Phase', variants: [['ApplyExtrinsic', 0, [['0', u64]]], ['Finalization', 1, []]] };
    const after: Shape = { t: 'enum', name: 'Phase', variants: [['Initialization', 0, []], ['ApplyExtrinsic', 3, [['0', u64]]]] };
    expect(shapeDiff(before, after, 'value')).toEqual(['value (Phase): variant Finalization missing']);
  });

  it('array lengths, tuple arity and kinds of type are compared', () => {
    expect(shapeDiff({ t: 'array', len: 32, of: { t: 'prim', name: 'u8' } }, { t: 'array', len: 33, of: { t: 'prim', name: 'u8' } }, 'key')).toEqual(['key: [u8; 32] → [u8; 33]']);
    expect(shapeDiff({ t: 'tuple', items: [u64, u64] }, { t: 'tuple', items: [u64] }, 'key')).toEqual(['key: (u64, u64) → (u64)']);
    expect(shapeDiff({ t: 'vec', of: u64 }, u64, 'output')).toEqual(['output: Vec<u64> → u64']);
    expect(shapeName({ t: 'compact', of: u128 })).toBe('Compact<u128>');
  });
});

describe('readableByName (check-live: "extended", not "CHANGED")', () => {
  const before = { t: 'vec', of: option(info([['tao_in', u64], ['subnet_volume', u128]])) } as Shape;
  it('fields added to a struct, or moved within it, leave what TaoLens reads by name unaffected', () => {
    expect(readableByName(before, { t: 'vec', of: option(info([['tao_in', u64], ['subnet_volume', u128], ['new_field', u64]])) } as Shape)).toBe(true);
    expect(readableByName(before, { t: 'vec', of: option(info([['subnet_volume', u128], ['tao_in', u64]])) } as Shape)).toBe(true);
  });
  it('a field gone, renamed or retyped, or a variant gone, is not', () => {
    expect(readableByName(before, { t: 'vec', of: option(info([['tao_in', u64]])) } as Shape)).toBe(false);
    expect(readableByName(before, { t: 'vec', of: option(info([['tao_in', u64], ['volume', u128]])) } as Shape)).toBe(false);
    expect(readableByName(before, { t: 'vec', of: option(info([['tao_in', u64], ['subnet_volume', u64]])) } as Shape)).toBe(false);
    expect(readableByName(option(u64), { t: 'enum', name: 'Option', variants: [['None', 0, []]] })).toBe(false);
    expect(readableByName({ t: 'vec', of: u64 }, u64)).toBe(false);
  });
});
