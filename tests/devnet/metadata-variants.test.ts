import { readFileSync } from 'node:fs';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { describe, expect, it } from 'vitest';
import { BUNDLED_METADATA } from './metadata';
import { alteredMetadata } from './metadata-variants';

const bundled = readFileSync(BUNDLED_METADATA);

describe('alteredMetadata', () => {
  it('with no change re-encodes the bundled metadata byte for byte', () => {
    expect(Buffer.from(alteredMetadata(bundled, {})).equals(bundled)).toBe(true);
  });

  it('drops the named API method and retypes the named field, nothing else', () => {
    const bytes = alteredMetadata(bundled, {
      removeApiMethods: ['StakeInfoRuntimeApi_get_stake_availability_for_coldkeys'],
      retypeFields: [{ struct: 'DynamicInfo', field: 'subnet_volume', primitive: 'u64' }],
    });
    const registry = new TypeRegistry();
    const v16 = new Metadata(registry, bytes).asV16;
    const before = new Metadata(new TypeRegistry(), bundled).asV16;
    const methods = (m: typeof v16) => m.apis.flatMap((a) => a.methods.map((x) => `${a.name.toString()}_${x.name.toString()}`));
    expect(methods(before).filter((n) => !methods(v16).includes(n))).toEqual(['StakeInfoRuntimeApi_get_stake_availability_for_coldkeys']);
    const info = v16.lookup.types.find((t) => t.type.path.at(-1)?.toString() === 'DynamicInfo')!;
    const volume = info.type.def.asComposite.fields.find((f) => f.name.unwrapOr('').toString() === 'subnet_volume')!;
    expect(v16.lookup.getSiType(volume.type).def.asPrimitive.type).toBe('U64');
    expect(info.type.def.asComposite.fields.length).toBe(21);
  });

  it('refuses a struct the metadata does not have', () => {
    expect(() => alteredMetadata(bundled, { retypeFields: [{ struct: 'NoSuchInfo', field: 'x', primitive: 'u64' }] })).toThrow('metadata has no struct NoSuchInfo');
  });
});
