import { readFileSync } from 'node:fs';
import type { Codec } from '@polkadot/types/types';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fieldsFromDynamicInfo, lockedFromAvailability, stakeRecordFromInfo } from '@/lib/chain/decode';
import { cleanChainText, decodeChainBytes } from '@/lib/chain/text';
import { ScaleReader, type Plain, type TypeDefJson } from '@/lib/chain/scale-reader';
import { BUNDLED_METADATA, buildChainTypes, type ChainTypes } from '../devnet/metadata';
import { callRuntimeApi } from '../devnet/runtime-apis';
import { loadScenario } from '../devnet/scenario';

// The plain decoder against polkadot.js's codecs for the same bytes: the devnet's real answers (mainnet
// metadata V16, spec 424) and random values at every compact width, over the whole type of each answer.
let t: ChainTypes;
let reader: ScaleReader;
const typeIdOf = (name: string) => Number(t.apiMethods.get(name)!.output.replace('Lookup', ''));
const addressOf = (key: Uint8Array) => encodeAddress(key, 42);

beforeAll(() => {
  t = buildChainTypes(readFileSync(BUNDLED_METADATA));
  reader = new ScaleReader((id) => t.registry.lookup.getSiType(id).def.toJSON() as unknown as TypeDefJson);
});

/** Walks the codec and the plain value together; every leaf must be equal (numbers exactly, bytes byte for byte). */
function expectSame(codec: Codec, plain: Plain, path = 'value'): void {
  const c = codec as unknown as Record<string, unknown> & Codec;
  const type = codec.toRawType();
  if (typeof plain === 'bigint' || typeof plain === 'number') {
    expect(BigInt((c as unknown as { toBigInt(): bigint }).toBigInt()), path).toBe(BigInt(plain));
  } else if (typeof plain === 'boolean') {
    expect(codec.toJSON(), path).toBe(plain);
  } else if (plain instanceof Uint8Array && typeof (c as unknown as { toArray?: unknown }).toArray === 'function') {
    // Vec<Compact<u8>>: one number per byte.
    expect((c as unknown as { toArray(): Codec[] }).toArray().map((b) => Number(b.toString())), path).toEqual([...plain]);
  } else if (plain instanceof Uint8Array) {
    expect([...codec.toU8a(true)], path).toEqual([...plain]);
  } else if (plain === null) {
    expect(codec.isEmpty || (c as unknown as { isNone?: boolean }).isNone === true || type === '()', `${path} is None (${type})`).toBe(true);
  } else if ('isSome' in c && typeof (c as unknown as { unwrap?: unknown }).unwrap === 'function') {
    expect((c as unknown as { isSome: boolean }).isSome, path).toBe(true);
    expectSame((c as unknown as { unwrap(): Codec }).unwrap(), plain, `${path}.Some`);
  } else if (Array.isArray(plain) && c instanceof Map && !('defKeys' in c)) {
    // A map (BTreeMap): the plain value is its list of (key, value) pairs.
    const pairs = [...(c as unknown as Map<Codec, Codec>)];
    expect(pairs.length, `${path}.size`).toBe(plain.length);
    pairs.forEach(([k, v], i) => {
      expectSame(k, (plain[i] as Plain[])[0]!, `${path}[${i}].key`);
      expectSame(v, (plain[i] as Plain[])[1]!, `${path}[${i}].value`);
    });
  } else if (Array.isArray(plain)) {
    const items = (c as unknown as { toArray(): Codec[] }).toArray?.() ?? [...(c as unknown as Iterable<Codec>)];
    expect(items.length, `${path}.length`).toBe(plain.length);
    plain.forEach((p, i) => expectSame(items[i]!, p, `${path}[${i}]`));
  } else {
    // A struct: polkadot.js names its fields in camelCase, the metadata (and the plain value) in snake_case.
    const record = plain as { [field: string]: Plain };
    const snake = (k: string) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
    const fields = [...(c as unknown as { entries(): Iterable<[string, Codec]> }).entries()];
    expect(fields.map(([k]) => snake(k)), `${path} fields`).toEqual(Object.keys(record));
    for (const [k, v] of fields) expectSame(v, record[snake(k)]!, `${path}.${k}`);
  }
}

async function devnetAnswer(scenario: string, name: string, argsHex = '0x'): Promise<Uint8Array> {
  const { state } = await loadScenario(scenario);
  return hexToU8a(callRuntimeApi(t, name, argsHex, { state, blockNumber: 1000, t }));
}

/** Text as the hex a polkadot.js `Bytes` takes as its content (a Uint8Array would be read as already length-prefixed). */
const bytesHex = (text: string) => u8aToHex(new TextEncoder().encode(text));

/** Deterministic pseudo-random numbers (xorshift), so a failure names a reproducible case. */
function random(seed: number) {
  let x = Math.imul(seed, 2654435761) | 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  for (let i = 0; i < 8; i++) next();
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  // Every compact width's edges and the integer type's maximum.
  const edges = [0n, 1n, 63n, 64n, 16383n, 16384n, 2n ** 30n - 1n, 2n ** 30n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 64n - 1n];
  const big = (bits: number) => {
    if (next() < 0.5) return pick(edges.filter((e) => e < 2n ** BigInt(bits)));
    let v = 0n;
    for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(Math.floor(next() * 65536));
    return v & (2n ** BigInt(Math.floor(next() * bits) + 1) - 1n);
  };
  const text = () => Array.from({ length: Math.floor(next() * (next() < 0.1 ? 400 : 40)) }, () => pick(['a', 'Z', '7', ' ', 'é', '€', '𝔸', '<', '\u202e', '\u0000'])).join('');
  const key = () => Uint8Array.from({ length: 32 }, () => Math.floor(next() * 256));
  return { next, big, text, key };
}

describe('ScaleReader: the same values as polkadot.js codecs, from the same bytes', () => {
  it.each(['default', 'scale'])('get_all_dynamic_info from the %s scenario (every subnet, every field)', async (scenario) => {
    const name = 'SubnetInfoRuntimeApi_get_all_dynamic_info';
    const bytes = await devnetAnswer(scenario, name);
    const plain = reader.decode(typeIdOf(name), bytes) as Plain[];
    const codec = t.registry.createType(t.apiMethods.get(name)!.output, bytes);
    expect(plain.filter((p) => p !== null).length).toBeGreaterThanOrEqual(128);
    expectSame(codec, plain);
  });

  it('current_alpha_price_all from the scale scenario', async () => {
    const name = 'SwapRuntimeApi_current_alpha_price_all';
    const bytes = await devnetAnswer('scale', name);
    const plain = reader.decode(typeIdOf(name), bytes) as Plain[];
    expect(plain.length).toBe(256);
    expectSame(t.registry.createType(t.apiMethods.get(name)!.output, bytes), plain);
  });

  it("stake info and availability for //Alice's 200 positions (scale scenario)", async () => {
    const { accounts } = await loadScenario('scale');
    const args = t.registry.createType('Vec<AccountId32>', [accounts.Alice]).toHex();
    const stakeName = 'StakeInfoRuntimeApi_get_stake_info_for_coldkeys';
    const stakeBytes = await devnetAnswer('scale', stakeName, args);
    const stakes = reader.decode(typeIdOf(stakeName), stakeBytes) as [Uint8Array, Plain[]][];
    expect(stakes[0]![1].length).toBe(200);
    expectSame(t.registry.createType(t.apiMethods.get(stakeName)!.output, stakeBytes), stakes);
    const records = stakes.flatMap(([, infos]) => infos.map((i) => stakeRecordFromInfo(i as Record<string, unknown>, addressOf)));
    expect(new Set(records.map((r) => r.coldkey))).toEqual(new Set([accounts.Alice]));

    const availName = 'StakeInfoRuntimeApi_get_stake_availability_for_coldkeys';
    const availBytes = await devnetAnswer('scale', availName, u8aConcat(hexToU8a(args), [0]).reduce((h, b) => h + b.toString(16).padStart(2, '0'), '0x'));
    const avail = reader.decode(typeIdOf(availName), availBytes);
    const codec = t.registry.createType(t.apiMethods.get(availName)!.output, availBytes);
    expectSame(codec, avail, 'availability');
    const locked = lockedFromAvailability(avail, addressOf)!;
    for (const [coldkey, perNetuid] of codec as unknown as Map<Codec, Map<Codec, { locked: Codec }>>) {
      for (const [netuid, av] of perNetuid) expect(locked.get(`${coldkey.toString()}/${netuid.toString()}`)).toBe(BigInt(av.locked.toString()));
    }
  });

  it('random DynamicInfo lists at every compact width, with multi-byte and hostile text: codec and plain agree, and so do the subnet fields', () => {
    const name = 'SubnetInfoRuntimeApi_get_all_dynamic_info';
    const type = t.apiMethods.get(name)!.output;
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = random(seed);
      const infos = Array.from({ length: 1 + Math.floor(r.next() * 6) }, () =>
        r.next() < 0.2
          ? null
          : {
              netuid: r.big(16), ownerHotkey: r.key(), ownerColdkey: r.key(),
              subnetName: [...new TextEncoder().encode(r.text())], tokenSymbol: [...new TextEncoder().encode(r.text())],
              tempo: r.big(16), lastStep: r.big(64), blocksSinceLastStep: r.big(64), emission: r.big(64),
              alphaIn: r.big(64), alphaOut: r.big(64), taoIn: r.big(64), alphaOutEmission: r.big(64), alphaInEmission: r.big(64),
              taoInEmission: r.big(64), pendingAlphaEmission: r.big(64), pendingRootEmission: r.big(64), subnetVolume: r.big(128),
              networkRegisteredAt: r.big(64),
              subnetIdentity: r.next() < 0.3 ? null : {
                subnetName: bytesHex(r.text()), githubRepo: bytesHex(r.text()), subnetContact: bytesHex(r.text()),
                subnetUrl: bytesHex(r.text()), discord: bytesHex(r.text()), description: bytesHex(r.text()),
                logoUrl: bytesHex(r.text()), additional: bytesHex(r.text()),
              },
              // I96F32 is signed: both signs.
              movingPrice: { bits: (r.next() < 0.5 ? -1n : 1n) * r.big(126) },
            },
      );
      const bytes = t.registry.createType(type, infos).toU8a();
      const codec = t.registry.createType(type, bytes);
      const plain = reader.decode(typeIdOf(name), bytes) as (Record<string, unknown> | null)[];
      expectSame(codec, plain as Plain, `seed ${seed}`);
      plain.forEach((p, i) => {
        if (!p) return;
        const f = fieldsFromDynamicInfo(p, addressOf);
        const c = (codec as unknown as Codec[])[i] as unknown as { unwrap(): Record<string, Codec> };
        const d = c.unwrap();
        expect(f.ownerHotkey).toBe(d.ownerHotkey!.toString());
        expect(f.ownerColdkey).toBe(d.ownerColdkey!.toString());
        expect(f.volume).toBe(BigInt(d.subnetVolume!.toString()));
        expect(f.movingPriceBits).toBe(BigInt((d.movingPrice as unknown as { bits: Codec }).bits.toString()));
        expect(f.netuid).toBe(Number(d.netuid!.toString()));
        const text = (c: Codec | undefined, max: number) => cleanChainText(decodeChainBytes((c as unknown as Codec[]).map((b) => Number(b.toString()))), max);
        expect(f.name).toBe(text(d.subnetName, 64));
        expect(f.symbol).toBe(text(d.tokenSymbol, 16));
        const id = d.subnetIdentity as unknown as { isSome: boolean; unwrap(): Record<string, Codec> };
        expect(f.identity?.description ?? null).toBe(id.isSome ? cleanChainText(decodeChainBytes(id.unwrap().description!.toU8a(true)), 512) : null);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(60);
  });
});

describe('ScaleReader: an answer is believed only when it is exactly one value', () => {
  const name = 'SwapRuntimeApi_current_alpha_price_all';
  it('a short answer, a padded one and a list claiming more items than it holds are errors', async () => {
    const bytes = await devnetAnswer('default', name);
    expect(() => reader.decode(typeIdOf(name), bytes.slice(0, -4))).toThrow(/ends after/);
    expect(() => reader.decode(typeIdOf(name), u8aConcat(bytes, [0]))).toThrow(/takes/);
    expect(() => reader.decode(typeIdOf(name), Uint8Array.from([0xfd, 0xff, 0xff, 0xff]))).toThrow(/claims/);
    // A name byte (Compact<u8>) of 256.
    const nameType = (t.registry.lookup.getSiType(typeIdOf('SubnetInfoRuntimeApi_get_dynamic_info')).def.toJSON() as { variant: { variants: { fields: { type: number }[] }[] } }).variant.variants[1]!.fields[0]!.type;
    const nameField = (t.registry.lookup.getSiType(nameType).def.toJSON() as { composite: { fields: { name: string; type: number }[] } }).composite.fields.find((f) => f.name === 'subnet_name')!;
    expect(() => reader.decode(nameField.type, Uint8Array.from([0x04, 0x01, 0x04]))).toThrow(/Compact<u8> of 256/);
  });

  it('an unknown enum variant is an error; Option<bool> is the generic Option (no one-byte special case in SCALE)', () => {
    const optionId = typeIdOf('SubnetInfoRuntimeApi_get_dynamic_info');
    expect(() => reader.decode(optionId, Uint8Array.from([2]))).toThrow(/unknown variant 2/);
    const isBool = (id: number) => JSON.stringify(t.registry.lookup.getSiType(id).def.toJSON()) === '{"primitive":"Bool"}';
    const optionBool = t.registry.lookup.types.find(({ type }) => {
      const some = type.def.isVariant ? type.def.asVariant.variants.find((v) => v.name.toString() === 'Some') : undefined;
      return type.path.map(String).join() === 'Option' && some !== undefined && isBool(some.fields[0]!.type.toNumber());
    });
    expect(optionBool).toBeDefined();
    const id = optionBool!.id.toNumber();
    const cases = [[0], [1, 1], [1, 0]].map((b) => Uint8Array.from(b));
    expect(cases.map((b) => reader.decode(id, b))).toEqual([null, true, false]);
    expect(cases.map((b) => t.registry.createType(t.lookup(id), b).toJSON())).toEqual([null, true, false]);
    expect(() => reader.decode(id, Uint8Array.from([1]))).toThrow(/ends after/);
    expect(() => reader.decode(id, Uint8Array.from([1, 2]))).toThrow(/bool byte 2/);
  });
});
