/**
 * Reads everything TaoLens shows from one block, in as few round trips as the node allows:
 * two runtime calls for every subnet (dynamic info, prices), one storage query shared by subnets and
 * portfolios (excess TAO, fee rates, trading switches, free balances), two runtime calls for every
 * watched coldkey's positions (stake info, availability), and one swap simulation per held subnet for
 * exit values.
 */
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { hexToU8a, u8aToNumber } from '@polkadot/util';
import type { Portfolio, Subnet, Validator } from '../model/types';
import { decodePositions, fieldsFromDynamicInfo, identityFromBytes, subnetFromFields, weightedPoolPriceRao, type SubnetFields, type DynamicInfoCodec, type NumberLike, type StakeInfoCodec, type SubnetExtras } from './decode';
import { RUNTIME_API } from './runtime-api-names';
import { RuntimeApis } from './runtime-call';
import { cleanChainText, decodeChainBytes } from './text';

const DYNAMIC_INFO = RUNTIME_API.allDynamicInfo;
const PRICES = RUNTIME_API.alphaPriceAll;
const STAKE_INFO = RUNTIME_API.stakeInfoForColdkeys;
const AVAILABILITY = RUNTIME_API.stakeAvailability;
const SIM_SELL = RUNTIME_API.simSell;
const DELEGATES = RUNTIME_API.delegates;

const HALF = 500_000_000_000_000_000n; // the default quote weight, 0.5 as a Perquintill
const u8aToNumberLE = (bytes: Uint8Array) => u8aToNumber(bytes, { isLe: true });

/** The parts of a polkadot.js storage entry the reader needs. */
interface StorageEntryLike {
  key(...args: unknown[]): string;
  creator: {
    meta: {
      type: { isMap: boolean; asMap: { value: Parameters<ApiPromise['registry']['createLookupType']>[0] }; asPlain: Parameters<ApiPromise['registry']['createLookupType']>[0] };
      modifier: { isDefault: boolean };
      fallback: { toU8a(bare: boolean): Uint8Array };
    };
  };
}

export interface ChainRead {
  subnets: Subnet[];
  portfolios: Portfolio[];
}

interface VecLike<T> extends Codec {
  toArray(): T[];
}
interface OptionCodec<T> {
  isSome: boolean;
  unwrap(): T;
}

export class ChainReader {
  readonly apis: RuntimeApis;

  /** `send`: the raw JSON-RPC request of the session's provider, for calls we decode ourselves. */
  constructor(
    private readonly api: ApiPromise,
    private readonly send: <T>(method: string, params: unknown[]) => Promise<T>,
    options: { /** Runtime APIs to treat as absent (to exercise the storage fallbacks). */ pretendMissing?: string[] } = {},
  ) {
    this.apis = new RuntimeApis(api, send, options.pretendMissing);
  }

  /**
   * Reads subnets and the watched coldkeys' portfolios at block `at`. `knownNetuids` (from the last
   * snapshot) lets the storage query go out beside the runtime calls instead of after them.
   */
  async read(
    at: string,
    coldkeys: readonly string[],
    knownNetuids: readonly number[],
    /** Block number of `at` when exit values should be simulated now; omit to skip the simulations. */
    simulateExitsAt?: number,
  ): Promise<ChainRead> {
    const netuidsGuess = knownNetuids.length ? knownNetuids : null;
    const [fields, prices, storageFirst, stakeInfos, availability] = await Promise.all([
      this.apis.has(DYNAMIC_INFO)
        ? this.apis
            .call<VecLike<OptionCodec<DynamicInfoCodec>>>(DYNAMIC_INFO, [], at)
            .then((v) => v.toArray().filter((o) => o.isSome).map((o) => fieldsFromDynamicInfo(o.unwrap())))
        : this.subnetFieldsFromStorage(at),
      this.apis.has(PRICES) ? this.apis.call<VecLike<{ netuid: NumberLike; price: NumberLike }>>(PRICES, [], at) : null,
      netuidsGuess ? this.queryStorage(at, netuidsGuess, coldkeys) : null,
      coldkeys.length ? this.apis.call<VecLike<[unknown, VecLike<StakeInfoCodec>]>>(STAKE_INFO, [coldkeys], at) : null,
      coldkeys.length && this.apis.has(AVAILABILITY) ? this.apis.call(AVAILABILITY, [coldkeys, null], at) : null,
    ]);

    const netuids = fields.map((f) => f.netuid);
    // A subnet appeared (or first read): one more query covering every netuid.
    const storage =
      storageFirst && netuids.every((n) => storageFirst.netuids.has(n))
        ? storageFirst
        : await this.queryStorage(at, netuids, coldkeys);

    const priceRao = new Map<number, bigint>();
    for (const p of prices?.toArray() ?? []) priceRao.set(p.netuid.toNumber(), p.price.toBigInt());
    if (!prices) {
      // No swap price API: the weighted-pool formula on the reserves and quote weights.
      for (const f of fields) priceRao.set(f.netuid, weightedPoolPriceRao(f.netuid, f.taoIn, f.alphaIn, storage.quotes.get(f.netuid) ?? HALF));
    }
    const derived = [...(prices ? [] : ['price']), ...(this.apis.has(DYNAMIC_INFO) ? [] : ['pool', 'emission', 'identity'])];
    const extras: SubnetExtras = { ...storage.extras, priceRao, derived };
    const subnets = fields.map((f) => subnetFromFields(f, extras)).sort((a, b) => a.netuid - b.netuid);
    const priceOf = (netuid: number) => subnets.find((s) => s.netuid === netuid)?.priceRao ?? 0n;

    const locked = decodeLocked(availability);
    // One (coldkey, Vec<StakeInfo>) pair per coldkey asked for.
    const flatInfos = stakeInfos ? stakeInfos.toArray().flatMap(([, infos]) => infos.toArray()) : [];
    const positions = decodePositions(flatInfos, priceOf, locked);
    const portfolios: Portfolio[] = coldkeys.map((coldkey) => ({
      coldkey,
      freeRao: storage.free.get(coldkey) ?? 0n,
      positions: positions.filter((p) => p.coldkey === coldkey),
    }));
    if (simulateExitsAt !== undefined) await this.fillExitValues(at, portfolios, simulateExitsAt);
    return { subnets, portfolios };
  }

  /** Exit value: one sell simulation per (coldkey, subnet), shared pro rata across that coldkey's hotkeys there. */
  private async fillExitValues(at: string, portfolios: Portfolio[], blockNumber: number): Promise<void> {
    if (!this.apis.has(SIM_SELL)) return;
    const jobs: Promise<void>[] = [];
    for (const portfolio of portfolios) {
      const byNetuid = new Map<number, typeof portfolio.positions>();
      for (const p of portfolio.positions) byNetuid.set(p.netuid, [...(byNetuid.get(p.netuid) ?? []), p]);
      for (const [netuid, group] of byNetuid) {
        const total = group.reduce((sum, p) => sum + p.alpha, 0n);
        if (netuid === 0) {
          for (const p of group) Object.assign(p, { exitValueRao: p.alpha, exitValueBlock: blockNumber }); // root stake is TAO
          continue;
        }
        jobs.push(
          this.apis.call<Codec & { taoAmount: NumberLike }>(SIM_SELL, [netuid, total], at).then((sim) => {
            const tao = sim.taoAmount.toBigInt();
            for (const p of group) {
              p.exitValueRao = total > 0n ? (tao * p.alpha) / total : 0n;
              p.exitValueBlock = blockNumber;
            }
          }),
        );
      }
    }
    await Promise.all(jobs);
  }

  private async queryStorage(at: string, netuids: readonly number[], coldkeys: readonly string[]) {
    const q = this.api.query;
    const excess = q.subtensorModule?.subnetExcessTao;
    const fee = q.swap?.feeRate;
    const subtoken = q.subtensorModule?.subtokenEnabled;
    const account = q.system?.account;
    const balancer = this.apis.has(PRICES) ? undefined : q.swap?.swapBalancer;
    const groups = [
      { entry: excess, args: netuids },
      { entry: fee, args: netuids },
      { entry: subtoken, args: netuids },
      { entry: account, args: coldkeys },
      { entry: balancer, args: netuids },
    ].map((g) => ({ ...g, keys: g.entry ? g.args.map((a) => g.entry!.key(a)) : [] }));
    const all = groups.flatMap((g) => g.keys);
    const raw = all.length ? await this.rawStorageAt(all, at) : new Map<string, string | null>();
    // Decoded here with the session's registry: polkadot.js's own decoding would first fetch the
    // header and runtime version of `at` (two more round trips per refresh).
    const decode = (g: (typeof groups)[number]) =>
      g.entry ? g.keys.map((k) => this.decodeStorageValue(g.entry!, raw.get(k.toLowerCase()) ?? null)) : [];
    const [excessV, feeV, subtokenV, accountV, balancerV] = groups.map(decode) as [Codec[], Codec[], Codec[], Codec[], Codec[]];
    const quotes = new Map<number, bigint>(
      balancer ? netuids.map((n, k) => [n, (balancerV[k] as unknown as { quote: NumberLike }).quote.toBigInt()]) : [],
    );
    const extras: Omit<SubnetExtras, 'priceRao' | 'derived'> = {
      excessTaoRao: new Map(excess ? netuids.map((n, k) => [n, (excessV[k] as unknown as NumberLike).toBigInt()]) : []),
      feeRate: new Map(fee ? netuids.map((n, k) => [n, (feeV[k] as unknown as NumberLike).toNumber()]) : []),
      tradingStarted: new Map(subtoken ? netuids.map((n, k) => [n, n === 0 || subtokenV[k]?.toJSON() === true]) : []),
    };
    const free = new Map<string, bigint>(
      account
        ? coldkeys.map((c, k) => [c, (accountV[k] as unknown as { data: { free: NumberLike } }).data.free.toBigInt()])
        : [],
    );
    return { netuids: new Set(netuids), extras, free, quotes };
  }

  /**
   * Every subnet's fields from raw storage, for a node without SubnetInfoRuntimeApi: the netuids from
   * NetworksAdded's keys, then one query for every item of every subnet.
   */
  private async subnetFieldsFromStorage(at: string): Promise<SubnetFields[]> {
    const m = this.api.query.subtensorModule as unknown as Record<string, StorageEntryLike & { keyPrefix(): string }>;
    const added = m.networksAdded;
    if (!added) throw new Error('this node has neither SubnetInfoRuntimeApi nor SubtensorModule.NetworksAdded');
    const prefix = added.keyPrefix();
    const keys: string[] = [];
    for (let start: string | null = null; ; ) {
      const page: string[] = await this.send<string[]>('state_getKeysPaged', [prefix, 1000, start, at]);
      keys.push(...page);
      if (page.length < 1000) break;
      start = page.at(-1)!;
    }
    // NetworksAdded is keyed by the netuid itself (Identity hasher): its last two bytes, little-endian.
    const netuids = keys.map((k) => u8aToNumberLE(hexToU8a(k).slice(-2))).sort((a, b) => a - b);
    const items = ['subnetTAO', 'subnetAlphaIn', 'subnetAlphaOut', 'subnetTaoInEmission', 'subnetAlphaInEmission',
      'subnetAlphaOutEmission', 'subnetMovingPrice', 'subnetVolume', 'tokenSymbol', 'networkRegisteredAt',
      'subnetOwner', 'subnetOwnerHotkey', 'tempo', 'subnetIdentitiesV3'] as const;
    const entries = items.map((name) => m[name]);
    const itemKeys = netuids.map((n) => entries.map((e) => e?.key(n) ?? null));
    const raw = await this.rawStorageAt(itemKeys.flat().filter((k): k is string => !!k), at);
    const value = (n: number, i: number): Codec | null => {
      const e = entries[i];
      const k = itemKeys[n]![i];
      return e && k ? this.decodeStorageValue(e, raw.get(k.toLowerCase()) ?? null) : null;
    };
    const big = (c: Codec | null) => (c ? (c as unknown as NumberLike).toBigInt() : 0n);
    return netuids.map((netuid, n) => {
      // Optional items: absent means none (not a default value).
      const identityKey = itemKeys[n]![13];
      const identity = identityKey && raw.get(identityKey.toLowerCase())
        ? (value(n, 13) as unknown as Record<string, { toU8a(b: boolean): Uint8Array }>)
        : null;
      const symbolBytes = value(n, 8) as unknown as { toU8a(b: boolean): Uint8Array } | null;
      return {
        netuid,
        taoIn: big(value(n, 0)),
        alphaIn: big(value(n, 1)),
        alphaOut: big(value(n, 2)),
        taoInEmission: big(value(n, 3)),
        alphaInEmission: big(value(n, 4)),
        alphaOutEmission: big(value(n, 5)),
        movingPriceBits: (value(n, 6) as unknown as { bits: NumberLike } | null)?.bits.toBigInt() ?? 0n,
        volume: big(value(n, 7)),
        symbol: symbolBytes ? cleanChainText(decodeChainBytes(symbolBytes.toU8a(true)), 16) : '',
        registeredAt: Number(big(value(n, 9))),
        ownerColdkey: value(n, 10)?.toString() ?? '',
        ownerHotkey: value(n, 11)?.toString() ?? '',
        tempo: Number(big(value(n, 12))),
        identity: identity ? identityFromBytes(identity) : null,
        name: '', // no name item in storage: the identity's name stands in
      };
    });
  }

  /** One `state_queryStorageAt` round trip; values by lowercase key (null where absent). */
  private async rawStorageAt(keys: string[], at: string): Promise<Map<string, string | null>> {
    type ChangeSet = { block: string; changes: [string, string | null][] };
    const sets = await this.send<ChangeSet[]>('state_queryStorageAt', [keys, at]);
    const out = new Map<string, string | null>();
    for (const set of sets) for (const [k, v] of set.changes) out.set(k.toLowerCase(), v);
    return out;
  }

  private decodeStorageValue(entry: StorageEntryLike, hex: string | null): Codec {
    const meta = entry.creator.meta;
    const typeId = meta.type.isMap ? meta.type.asMap.value : meta.type.asPlain;
    const type = this.api.registry.createLookupType(typeId);
    // An absent value decodes as the entry's default, as the runtime would return it.
    // Bytes, not hex strings: polkadot.js reads a hex string given to a number type as a big-endian number.
    const bytes = hex !== null ? hexToU8a(hex) : meta.modifier.isDefault ? meta.fallback.toU8a(true) : undefined;
    return this.api.registry.createType(type, bytes);
  }

  /** Validators with take, permits, stake per subnet and on-chain names; on demand (not per block). */
  async readValidators(at: string): Promise<Validator[]> {
    if (!this.apis.has(DELEGATES)) return [];
    type DelegateCodec = {
      delegateSs58: { toString(): string };
      ownerSs58: { toString(): string };
      take: NumberLike;
      validatorPermits: { map<U>(f: (n: NumberLike) => U): U[] };
      nominators: { map<U>(f: (n: [unknown, { map<V>(f: (x: [NumberLike, NumberLike]) => V): V[] }]) => U): U[] };
    };
    const delegates = (await this.apis.call<VecLike<DelegateCodec>>(DELEGATES, [], at)).toArray();
    const names = await this.readIdentityNames(at, delegates.map((d) => d.ownerSs58.toString()));
    return delegates.map((d) => ({
      hotkey: d.delegateSs58.toString(),
      name: names.get(d.ownerSs58.toString()) ?? null,
      take: d.take.toNumber(),
      permits: d.validatorPermits.map((n) => n.toNumber()),
      stakeByNetuid: sumStakeByNetuid(d.nominators.map(([, stakes]) => stakes.map(([n, a]) => [n.toNumber(), a.toBigInt()] as const)).flat()),
    }));
  }

  /** Display names from SubtensorModule.IdentitiesV2, keyed by coldkey; one storage round trip. */
  private async readIdentityNames(at: string, coldkeys: string[]): Promise<Map<string, string>> {
    const entry = this.api.query.subtensorModule?.identitiesV2 as unknown as StorageEntryLike | undefined;
    const names = new Map<string, string>();
    if (!entry || coldkeys.length === 0) return names;
    const unique = [...new Set(coldkeys)];
    const keys = unique.map((c) => entry.key(c));
    const raw = await this.rawStorageAt(keys, at);
    unique.forEach((coldkey, i) => {
      const hex = raw.get(keys[i]!.toLowerCase());
      if (!hex) return;
      const identity = this.decodeStorageValue(entry, hex) as unknown as { name: { toU8a(bare: boolean): Uint8Array } };
      const name = cleanChainText(decodeChainBytes(identity.name.toU8a(true)), 64);
      if (name) names.set(coldkey, name);
    });
    return names;
  }
}

function sumStakeByNetuid(entries: (readonly [number, bigint])[]): Record<number, bigint> {
  const out: Record<number, bigint> = {};
  for (const [netuid, amount] of entries) out[netuid] = (out[netuid] ?? 0n) + amount;
  return out;
}

function decodeLocked(availability: Codec | null): Map<string, bigint> {
  const locked = new Map<string, bigint>();
  if (!availability) return locked;
  const outer = availability as unknown as Map<{ toString(): string }, Map<NumberLike, { locked: NumberLike }>>;
  for (const [coldkey, perNetuid] of outer) {
    for (const [netuid, av] of perNetuid) locked.set(`${coldkey.toString()}/${netuid.toNumber()}`, av.locked.toBigInt());
  }
  return locked;
}
