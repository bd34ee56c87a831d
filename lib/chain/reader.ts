/**
 * Reads everything TaoLens shows from one block, in as few round trips as the node allows. Per
 * refresh: two runtime calls for every subnet (dynamic info, prices) and two for every watched
 * coldkey's positions (stake info, availability), all pinned to the block. Storage the figures also
 * need (excess TAO, fee rates, trading switches, free balances, validators' total stake) is followed
 * with one storage subscription, so it costs no request per refresh; a refresh that comes before the
 * subscription's first values (right after connecting, or when the key set changes) queries the
 * missing keys once at the block instead. Followed values are as of the node's best block (see
 * storage-follower.ts). Exit values: one swap simulation per held subnet, when asked for.
 */
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { hexToU8a, u8aToNumber } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import type { Portfolio, Subnet, Validator } from '../model/types';
import { fieldsFromDynamicInfo, identityFromBytes, lockedFromAvailability, positionsFromStakes, stakeRecordFromInfo, subnetFromFields, weightedPoolPriceRao, type SubnetFields, type NumberLike, type StakeRecord, type SubnetExtras } from './decode';
import { spendableRao, type AccountBalance } from '../portfolio/balance';
import { RUNTIME_API } from './runtime-api-names';
import { RuntimeApis } from './runtime-call';
import { PositionSignals } from './position-signals';
import { alphaOfShares, sharesFromSafeFloat, sharesFromU64F64, type Shares } from './share-pool';
import { StorageFollower, type SubscribeStorage } from './storage-follower';
import { readChainText, rememberingTextReader } from './text';
import { BytesMemo } from './bytes-memo';

const DYNAMIC_INFO = RUNTIME_API.allDynamicInfo;
const PRICES = RUNTIME_API.alphaPriceAll;
const STAKE_INFO = RUNTIME_API.stakeInfoForColdkeys;
const STAKE_INFO_ONE = RUNTIME_API.stakeInfoForPosition;
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
  /** On-chain identity names of the validators the portfolios stake through, by hotkey (cleaned text). */
  validatorNames: Record<string, string>;
  /**
   * Exit-value simulations asked and failed in this read (a node refusing or misanswering some of them): their
   * positions have no exit value from this block, and the read stands. Absent when none were asked.
   */
  exitSims?: { asked: number; failed: number };
}

/**
 * How a read may reuse what earlier reads took, while storage is followed (someone is looking): prices are read
 * at every block; every subnet's dynamic info (pools, emission, volume, names) only every `subnetInfoEveryBlocks`;
 * the watched positions in full every `positionsEveryBlocks`, and in between only those whose signals moved
 * (position-signals.ts). Without it, or while storage is not followed, every read is a full one.
 */
export interface ReadCadence {
  /** The number of the block read. */
  blockNumber: number;
  subnetInfoEveryBlocks: number;
  positionsEveryBlocks: number;
}

/** Above this many positions of one coldkey due at once, its whole list is one call instead of one call each. */
const SINGLE_POSITION_READS_MAX = 8;

/** Validator names change rarely: each held hotkey's is read again after this long (two storage queries). */
const NAME_MAX_AGE_MS = 10 * 60_000;

interface VecLike<T> extends Codec {
  toArray(): T[];
}
type PlainRecord = Record<string, unknown>;

export class ChainReader {
  readonly apis: RuntimeApis;
  private readonly follower: StorageFollower | null;
  /** (hotkey, netuid) pairs held at the last refresh: their keys are followed before this one's answers. */
  private lastHeld: { hotkey: string; netuid: number }[] = [];
  private readonly keyCache = new WeakMap<StorageEntryLike, Map<string, string>>();
  /** Storage values as last decoded, by key, with the raw value they were decoded from. */
  private readonly decodedStorage = new Map<string, { hex: string | null; value: unknown }>();
  /** Each storage entry's value type and default, read from the metadata once. */
  private readonly valueTypes = new WeakMap<StorageEntryLike, { id: number; fallback: Uint8Array | null }>();
  /** Held validators' names by hotkey (null: none set), with when they were read. */
  private readonly names = new Map<string, { name: string | null; at: number }>();
  /** Names and identities come back unchanged every block: decoded and cleaned once. */
  private readonly text = rememberingTextReader();
  private lastPlan: { signature: string; plan: ReturnType<ChainReader['buildStoragePlan']> } | null = null;
  /** Every subnet's fields as last read in full, and at which block (reused while the cadence allows). */
  private lastSubnetInfo: { fields: SubnetFields[]; block: number } | null = null;
  /** Each watched coldkey's stakes and locks as last read, and the block of its last full read. */
  private readonly stakesByColdkey = new Map<string, { records: StakeRecord[]; locked: Map<string, bigint> | null; fullAt: number }>();
  private readonly signals = new PositionSignals();
  /** Whether `signals` holds a baseline taken from the current subscription's values. */
  private signalsSeeded = false;
  /** ss58 addresses by public key: the same owners and hotkeys come back every block (512 a refresh at 256 subnets). */
  private readonly addresses = new BytesMemo<string>(1_000_000, (address) => address.length * 2);
  private readonly encodeAddress = (publicKey: Uint8Array) => encodeAddress(publicKey, this.api.registry.chainSS58 ?? 42);
  readonly addressOf = (publicKey: Uint8Array): string => this.addresses.get(publicKey, 0, this.encodeAddress);

  /** `send`: the raw JSON-RPC request of the session's provider, for calls we decode ourselves. */
  constructor(
    private readonly api: ApiPromise,
    private readonly send: <T>(method: string, params: unknown[]) => Promise<T>,
    options: {
      /** Runtime APIs to treat as absent (to exercise the storage fallbacks). */
      pretendMissing?: string[];
      /** Follows storage by subscription; without it every refresh queries that storage once. */
      subscribeStorage?: SubscribeStorage;
    } = {},
  ) {
    this.apis = new RuntimeApis(api, send, options.pretendMissing);
    this.follower = options.subscribeStorage ? new StorageFollower(options.subscribeStorage) : null;
  }

  /** Ends the storage subscription (the session closes its socket anyway). */
  stop(): void {
    this.follower?.stop();
  }

  private following = true;
  /**
   * Whether the storage the figures need is followed by subscription (someone is looking: a read every block, and
   * the node pushes only what changed) or queried once per read (reads minutes apart: the pushes in between would
   * cost more than the query, and a reopened subscription's first push would come on top of it).
   */
  followStorage(on: boolean): void {
    this.following = on;
    if (!on) {
      this.follower?.stop();
      this.signalsSeeded = false;
    }
  }

  /**
   * Reads subnets and the watched coldkeys' portfolios at block `at`. `knownNetuids` (from the last
   * snapshot) lets the storage subscription start beside the runtime calls instead of after them.
   */
  async read(
    at: string,
    coldkeys: readonly string[],
    knownNetuids: readonly number[],
    /** Block number of `at` when exit values should be simulated now; omit to skip the simulations. */
    simulateExitsAt?: number,
    cadence?: ReadCadence,
  ): Promise<ChainRead> {
    const reuse = cadence && this.following && this.follower ? cadence : null;
    if (knownNetuids.length && this.following) this.follower?.follow(this.storagePlan(knownNetuids, coldkeys, this.lastHeld).keys);
    const infoKept = reuse && this.subnetInfoFresh(reuse) ? this.lastSubnetInfo : null;
    // Positions only where signals moved needs StakeInfo (the share-pool fallback reads in full).
    const bySignal = reuse && coldkeys.length && this.apis.has(STAKE_INFO) ? reuse : null;
    const readAllStakes = coldkeys.length > 0 && !bySignal;
    const [fields, prices, stakeInfos, locked] = await Promise.all([
      infoKept ? infoKept.fields : this.readSubnetFields(at, cadence?.blockNumber),
      this.apis.has(PRICES) ? this.apis.callPlain<{ netuid: number; price: bigint }[]>(PRICES, [], at) : null,
      readAllStakes ? this.readStakeInfos(at, coldkeys) : null,
      readAllStakes ? this.readLocked(at, coldkeys) : null,
    ]);
    for (const coldkey of [...this.stakesByColdkey.keys()]) if (!coldkeys.includes(coldkey)) this.stakesByColdkey.delete(coldkey);
    if (stakeInfos && cadence) this.keepStakes(coldkeys, stakeInfos, locked, cadence.blockNumber);
    // While followed, positions are read again only where a signal moved (after one round trip, so that the node's
    // pushes for this block are in: it sends them before it answers anything asked after the head).
    const changed = bySignal ? await this.readChangedStakes(at, coldkeys, knownNetuids, bySignal) : null;
    const netuids = fields.map((f) => f.netuid);

    // From the share pools where the stake info API is missing.
    const stakes: StakeRecord[] = changed?.records ?? stakeInfos ?? (coldkeys.length ? await this.stakesFromStorage(at, coldkeys, netuids) : []);
    const lockedNow = changed ? changed.locked : locked;
    // Validators' totals are followed for positions from StakeInfo; the share-pool fallback read them already.
    const held = stakeInfos || changed ? uniquePairs(stakes.filter((s) => s.alpha > 0n)) : [];
    this.lastHeld = held;
    const [storage, validatorNames] = await Promise.all([
      this.readStorage(at, netuids, coldkeys, held),
      this.hotkeyNames(at, [...new Set(stakes.filter((s) => s.alpha > 0n).map((s) => s.hotkey))]),
    ]);

    const priceRao = new Map<number, bigint>();
    for (const p of prices ?? []) priceRao.set(Number(p.netuid), p.price);
    if (!prices) {
      // No swap price API: the weighted-pool formula on the reserves and quote weights.
      for (const f of fields) priceRao.set(f.netuid, weightedPoolPriceRao(f.netuid, f.taoIn, f.alphaIn, storage.quotes.get(f.netuid) ?? HALF));
    }
    const derived = [...(prices ? [] : ['price']), ...(this.apis.has(DYNAMIC_INFO) ? [] : ['pool', 'emission', 'identity'])];
    const extras: SubnetExtras = { ...storage.extras, priceRao, derived };
    const subnets = fields.map((f) => subnetFromFields(f, extras)).sort((a, b) => a.netuid - b.netuid);
    if (infoKept && infoKept.block !== cadence?.blockNumber) for (const subnet of subnets) subnet.infoBlock = infoKept.block;
    const priceByNetuid = new Map(subnets.map((s) => [s.netuid, s.priceRao]));
    const priceOf = (netuid: number) => priceByNetuid.get(netuid) ?? 0n;

    const positions = positionsFromStakes(stakes, priceOf, lockedNow, (hotkey, netuid) =>
      storage.hotkeyAlpha.get(`${hotkey}/${netuid}`),
    );
    const ed = (this.api.consts.balances?.existentialDeposit as unknown as NumberLike | undefined)?.toBigInt() ?? 0n;
    const portfolios: Portfolio[] = coldkeys.map((coldkey) => {
      const balance = storage.balances.get(coldkey) ?? { freeRao: 0n, reservedRao: 0n, frozenRao: 0n };
      return {
        coldkey,
        ...balance,
        spendableRao: spendableRao(balance, ed),
        positions: positions.filter((p) => p.coldkey === coldkey),
      };
    });
    const exitSims = simulateExitsAt !== undefined ? await this.fillExitValues(at, portfolios, simulateExitsAt) : undefined;
    return { subnets, portfolios, validatorNames, ...(exitSims ? { exitSims } : {}) };
  }

  /** Every subnet's fields: the dynamic info API (remembered for the cadence when `block` is given), else storage. */
  private async readSubnetFields(at: string, block: number | undefined): Promise<SubnetFields[]> {
    if (!this.apis.has(DYNAMIC_INFO)) return this.subnetFieldsFromStorage(at);
    const plain = await this.apis.callPlain<(PlainRecord | null)[]>(DYNAMIC_INFO, [], at);
    const fields = plain.filter((o): o is PlainRecord => o !== null).map((o) => fieldsFromDynamicInfo(o, this.addressOf, this.text));
    if (block !== undefined) this.lastSubnetInfo = { fields, block };
    return fields;
  }

  private subnetInfoFresh(cadence: ReadCadence): boolean {
    const last = this.lastSubnetInfo;
    return !!last && cadence.blockNumber >= last.block && cadence.blockNumber - last.block < cadence.subnetInfoEveryBlocks;
  }

  private keepStakes(coldkeys: readonly string[], records: StakeRecord[], locked: Map<string, bigint> | null, block: number): void {
    for (const coldkey of coldkeys) {
      this.stakesByColdkey.set(coldkey, {
        records: records.filter((r) => r.coldkey === coldkey),
        locked: locked && new Map([...locked].filter(([k]) => k.startsWith(`${coldkey}/`))),
        fullAt: block,
      });
    }
  }

  /**
   * The watched positions while storage is followed: kept from earlier reads, except coldkeys due a full read
   * (never read, read in full too long ago, their account or validator list changed, many positions moved) and
   * single positions whose validator's pool moved (position-signals.ts).
   */
  private async readChangedStakes(at: string, coldkeys: readonly string[], netuids: readonly number[], cadence: ReadCadence) {
    const signalValues = this.positionSignalValues(netuids, coldkeys);
    const full = new Set(coldkeys.filter((c) => {
      const kept = this.stakesByColdkey.get(c);
      return !kept || cadence.blockNumber < kept.fullAt || cadence.blockNumber - kept.fullAt >= cadence.positionsEveryBlocks;
    }));
    const single: { coldkey: string; hotkey: string; netuid: number }[] = [];
    if (signalValues && this.signalsSeeded) {
      const due = this.signals.due(signalValues);
      for (const coldkey of coldkeys) {
        if (full.has(coldkey)) continue;
        if (due.has(`c|${coldkey}`)) full.add(coldkey);
        else {
          const moved = this.stakesByColdkey.get(coldkey)!.records.filter((r) => due.has(`p|${coldkey}|${r.hotkey}|${r.netuid}`));
          if (moved.length > SINGLE_POSITION_READS_MAX) full.add(coldkey);
          else single.push(...moved.map((r) => ({ coldkey, hotkey: r.hotkey, netuid: r.netuid })));
        }
      }
    } else {
      // The subscription's values are not all in yet (it was just opened, or its keys changed): read in full,
      // then take its values as the baseline.
      for (const coldkey of coldkeys) full.add(coldkey);
      if (signalValues) {
        this.signals.seed(signalValues);
        this.signalsSeeded = true;
      }
    }
    const fullList = coldkeys.filter((c) => full.has(c));
    const [records, locked, singles] = await Promise.all([
      fullList.length ? this.readStakeInfos(at, fullList) : null,
      fullList.length ? this.readLocked(at, fullList) : null,
      Promise.all(single.map((p) => this.readOneStake(at, p))),
    ]);
    if (records) this.keepStakes(fullList, records, locked, cadence.blockNumber);
    single.forEach((p, i) => {
      const kept = this.stakesByColdkey.get(p.coldkey)!;
      const fresh = singles[i];
      kept.records = kept.records.flatMap((r) => (r.hotkey !== p.hotkey || r.netuid !== p.netuid ? [r] : fresh ? [fresh] : []));
    });
    const out = coldkeys.map((c) => this.stakesByColdkey.get(c)!);
    // Locks are null when the node does not serve them: unknown for all, as in a full read.
    const lockedAll = out.some((k) => k.locked === null) ? null : new Map(out.flatMap((k) => [...k.locked!]));
    return { records: out.flatMap((k) => k.records), locked: lockedAll };
  }

  /** Every position signal's current value from the subscription; null while any of them has not arrived yet. */
  private positionSignalValues(netuids: readonly number[], coldkeys: readonly string[]): Map<string, string> | null {
    const { groups } = this.storagePlan(netuids, coldkeys, this.lastHeld);
    const keys = [...groups.account.keys, ...groups.stakingHotkeys.keys, ...groups.hotkeyAlpha.keys];
    const { values, missing } = this.follower!.lookup(keys);
    if (missing.length) return null;
    const raw = (key: string | undefined) => (key === undefined ? '' : (values.get(key.toLowerCase()) ?? 'none'));
    const out = new Map<string, string>();
    coldkeys.forEach((coldkey, i) => out.set(`c|${coldkey}`, `${raw(groups.account.keys[i])}|${raw(groups.stakingHotkeys.keys[i])}`));
    const pairIndex = new Map(this.lastHeld.map((h, i) => [`${h.hotkey}/${h.netuid}`, i]));
    for (const coldkey of coldkeys) {
      for (const r of this.stakesByColdkey.get(coldkey)?.records ?? []) {
        const i = pairIndex.get(`${r.hotkey}/${r.netuid}`);
        out.set(`p|${coldkey}|${r.hotkey}|${r.netuid}`, i === undefined ? 'unfollowed' : raw(groups.hotkeyAlpha.keys[i]));
      }
    }
    return out;
  }

  /** One position's stake (StakeInfo for hotkey, coldkey and subnet); null when it is gone. */
  private async readOneStake(at: string, p: { coldkey: string; hotkey: string; netuid: number }): Promise<StakeRecord | null> {
    const info = await this.apis.callPlain<PlainRecord | null>(STAKE_INFO_ONE, [p.hotkey, p.coldkey, p.netuid], at);
    return info ? stakeRecordFromInfo(info, this.addressOf) : null;
  }

  /** Every stake of the coldkeys (one StakeInfo list per coldkey asked for); null without the API. */
  async readStakeInfos(at: string, coldkeys: readonly string[]): Promise<StakeRecord[] | null> {
    if (!this.apis.has(STAKE_INFO)) return null;
    const pairs = await this.apis.callPlain<[Uint8Array, PlainRecord[]][]>(STAKE_INFO, [coldkeys], at);
    return pairs.flatMap(([, infos]) => infos.map((i) => stakeRecordFromInfo(i, this.addressOf)));
  }

  /** Locked alpha per "coldkey/netuid"; null without the API (the locks are unknown, not 0). */
  async readLocked(at: string, coldkeys: readonly string[]): Promise<Map<string, bigint> | null> {
    if (!this.apis.has(AVAILABILITY)) return null;
    return lockedFromAvailability(await this.apis.callPlain(AVAILABILITY, [coldkeys, null], at), this.addressOf);
  }

  /**
   * Exit value: one sell simulation per (coldkey, subnet), shared pro rata across that coldkey's hotkeys there. One
   * failed simulation costs its positions their exit value from this block, not the read: prices, pools and
   * positions are worth showing without it (the worker carries the last simulated values for those).
   */
  private async fillExitValues(at: string, portfolios: Portfolio[], blockNumber: number): Promise<{ asked: number; failed: number } | undefined> {
    if (!this.apis.has(SIM_SELL)) return undefined;
    let failed = 0;
    const jobs: Promise<void>[] = [];
    for (const portfolio of portfolios) {
      const byNetuid = new Map<number, typeof portfolio.positions>();
      for (const p of portfolio.positions) byNetuid.set(p.netuid, [...(byNetuid.get(p.netuid) ?? []), p]);
      for (const [netuid, group] of byNetuid) {
        const total = group.reduce((sum, p) => sum + p.alpha, 0n);
        if (netuid === 0) {
          for (const p of group) Object.assign(p, { exitValueRao: p.alpha, exitValueBlock: blockNumber, exitValueAlpha: p.alpha }); // root stake is TAO
          continue;
        }
        jobs.push(
          this.apis.call<Codec & { taoAmount: NumberLike }>(SIM_SELL, [netuid, total], at).then((sim) => {
            const tao = sim.taoAmount.toBigInt();
            for (const p of group) {
              p.exitValueRao = total > 0n ? (tao * p.alpha) / total : 0n;
              p.exitValueBlock = blockNumber;
              p.exitValueAlpha = p.alpha;
            }
          }, () => void failed++),
        );
      }
    }
    await Promise.all(jobs);
    return { asked: jobs.length, failed };
  }

  /** The storage items a refresh needs besides the runtime calls, as groups of keys (the last plan reused as is). */
  private storagePlan(netuids: readonly number[], coldkeys: readonly string[], held: readonly { hotkey: string; netuid: number }[]) {
    const signature = `${this.following}|${netuids.join(',')}|${coldkeys.join(',')}|${held.map((h) => `${h.hotkey}/${h.netuid}`).join(',')}`;
    if (this.lastPlan?.signature !== signature) {
      this.lastPlan = { signature, plan: this.buildStoragePlan(netuids, coldkeys, held) };
      this.signalsSeeded = false; // a new key set: a new subscription, whose first values become the baseline
    }
    return this.lastPlan.plan;
  }

  private buildStoragePlan(netuids: readonly number[], coldkeys: readonly string[], held: readonly { hotkey: string; netuid: number }[]) {
    const m = this.api.query.subtensorModule as unknown as Record<string, StorageEntryLike | undefined> | undefined;
    const swap = this.api.query.swap as unknown as Record<string, StorageEntryLike | undefined> | undefined;
    const system = this.api.query.system as unknown as Record<string, StorageEntryLike | undefined> | undefined;
    const perNetuid = netuids.map((n) => [n]);
    const group = (entry: StorageEntryLike | undefined, args: unknown[][]) => ({
      entry,
      keys: entry ? args.map((a) => this.storageKey(entry, a)) : [],
    });
    const groups = {
      excess: group(m?.subnetExcessTao, perNetuid),
      fee: group(swap?.feeRate, perNetuid),
      subtoken: group(m?.subtokenEnabled, perNetuid),
      account: group(system?.account, coldkeys.map((c) => [c])),
      // Only a node without the swap price API needs the pools' quote weights.
      balancer: group(this.apis.has(PRICES) ? undefined : swap?.swapBalancer, perNetuid),
      hotkeyAlpha: group(m?.totalHotkeyAlpha, held.map((h) => [h.hotkey, h.netuid])),
      // A signal that a coldkey staked through a new validator (position-signals.ts); only worth following.
      stakingHotkeys: group(this.following ? m?.stakingHotkeys : undefined, coldkeys.map((c) => [c])),
    };
    return { groups, keys: Object.values(groups).flatMap((g) => g.keys) };
  }

  /** A storage key, hashed once per session: a refresh asks for the same few hundred keys every block. */
  private storageKey(entry: StorageEntryLike, args: unknown[]): string {
    let byArgs = this.keyCache.get(entry);
    if (!byArgs) this.keyCache.set(entry, (byArgs = new Map()));
    const id = args.map(String).join('/');
    let key = byArgs.get(id);
    if (key === undefined) byArgs.set(id, (key = entry.key(...args)));
    return key;
  }

  private async readStorage(
    at: string,
    netuids: readonly number[],
    coldkeys: readonly string[],
    held: readonly { hotkey: string; netuid: number }[],
  ) {
    const { groups, keys } = this.storagePlan(netuids, coldkeys, held);
    const raw = await this.storageValues(at, keys);
    // Decoded here, plainly, with the session's types: polkadot.js's own decoding would first fetch the header
    // and runtime version of `at` (two more round trips per refresh), and its codecs cost more than the read.
    const decode = <T,>(g: { entry: StorageEntryLike | undefined; keys: string[] }) =>
      g.entry ? g.keys.map((k) => this.storageValue(g.entry!, k, raw.get(k.toLowerCase()) ?? null) as T) : null;
    const excess = decode<bigint>(groups.excess);
    const fee = decode<number>(groups.fee);
    const subtoken = decode<boolean | null>(groups.subtoken);
    const accounts = decode<{ data: { free: bigint; reserved: bigint; frozen: bigint } }>(groups.account);
    const balancer = decode<{ quote: bigint }>(groups.balancer);
    const hotkeyAlpha = decode<bigint>(groups.hotkeyAlpha);
    const extras: Omit<SubnetExtras, 'priceRao' | 'derived'> = {
      excessTaoRao: new Map(excess ? netuids.map((n, k) => [n, excess[k]!]) : []),
      feeRate: new Map(fee ? netuids.map((n, k) => [n, fee[k]!]) : []),
      tradingStarted: new Map(subtoken ? netuids.map((n, k) => [n, n === 0 || subtoken[k] === true]) : []),
    };
    return {
      extras,
      balances: new Map<string, AccountBalance>(
        accounts
          ? coldkeys.map((c, k) => {
              const { free, reserved, frozen } = accounts[k]!.data;
              return [c, { freeRao: free, reservedRao: reserved, frozenRao: frozen }];
            })
          : [],
      ),
      quotes: new Map<number, bigint>(balancer ? netuids.map((n, k) => [n, balancer[k]!.quote]) : []),
      hotkeyAlpha: new Map<string, bigint>(hotkeyAlpha ? held.map((h, k) => [`${h.hotkey}/${h.netuid}`, hotkeyAlpha[k]!]) : []),
    };
  }

  /** Followed values where the subscription has them; one query at `at` for the rest (none in steady state). */
  private async storageValues(at: string, keys: string[]): Promise<Map<string, string | null>> {
    if (!keys.length) return new Map();
    if (!this.follower || !this.following) return this.rawStorageAt(keys, at);
    this.follower.follow(keys);
    const { values, missing } = this.follower.lookup(keys);
    if (missing.length) for (const [k, v] of await this.rawStorageAt(missing, at)) values.set(k, v);
    return values;
  }

  /**
   * Positions from the share pools in storage, for a node without StakeInfoRuntimeApi (figures marked
   * derived): the hotkeys each coldkey stakes through, then its shares on every subnet, then the pools
   * those shares are in. Three queries at `at`; not followed (this path is the exception).
   */
  private async stakesFromStorage(at: string, coldkeys: readonly string[], netuids: readonly number[]): Promise<StakeRecord[]> {
    const m = this.api.query.subtensorModule as unknown as Record<string, StorageEntryLike | undefined>;
    const stakingHotkeys = m.stakingHotkeys;
    if (!stakingHotkeys) throw new Error('this node has neither StakeInfoRuntimeApi nor SubtensorModule.StakingHotkeys');
    const value = (entry: StorageEntryLike, raw: Map<string, string | null>, key: string) => {
      const hex = raw.get(key.toLowerCase()) ?? null;
      return hex === null ? null : this.decodeStorageValue(entry, hex);
    };

    const hotkeyKeys = coldkeys.map((c) => stakingHotkeys.key(c));
    const hotkeysRaw = await this.rawStorageAt(hotkeyKeys, at);
    const pairs = coldkeys.flatMap((coldkey, i) => {
      const list = value(stakingHotkeys, hotkeysRaw, hotkeyKeys[i]!) as VecLike<Codec> | null;
      return [...new Set(list?.toArray().map((h) => h.toString()) ?? [])].map((hotkey) => ({ coldkey, hotkey }));
    });

    // The runtime reads the legacy U64F64 map first, then the SafeFloat V2 map.
    const [alphaV1, alphaV2] = [m.alpha, m.alphaV2];
    const cells = pairs.flatMap((p) => netuids.map((netuid) => ({ ...p, netuid })));
    const cellKeys = cells.map((c) => [alphaV1?.key(c.hotkey, c.coldkey, c.netuid), alphaV2?.key(c.hotkey, c.coldkey, c.netuid)] as const);
    const sharesRaw = await this.rawStorageAt(cellKeys.flatMap((k) => k.filter((x): x is string => !!x)), at);
    const shareOf = (i: number): Shares | null => {
      const [k1, k2] = cellKeys[i]!;
      return sharesFromEither(alphaV1 && k1 ? value(alphaV1, sharesRaw, k1) : null, alphaV2 && k2 ? value(alphaV2, sharesRaw, k2) : null);
    };
    const holdings = cells.map((c, i) => ({ ...c, shares: shareOf(i) })).filter((c) => c.shares && c.shares.num > 0n);

    const pools = uniquePairs(holdings);
    const poolEntries = [m.totalHotkeyAlpha, m.totalHotkeyShares, m.totalHotkeySharesV2, m.alphaDividendsPerSubnet];
    const poolKeys = pools.map((p) => [
      m.totalHotkeyAlpha?.key(p.hotkey, p.netuid),
      m.totalHotkeyShares?.key(p.hotkey, p.netuid),
      m.totalHotkeySharesV2?.key(p.hotkey, p.netuid),
      m.alphaDividendsPerSubnet?.key(p.netuid, p.hotkey),
    ]);
    const poolsRaw = await this.rawStorageAt(poolKeys.flat().filter((x): x is string => !!x), at);
    const pool = new Map(
      pools.map((p, i) => {
        const [total, sharesV1, sharesV2, dividends] = poolEntries.map((e, j) => {
          const k = poolKeys[i]![j];
          return e && k ? value(e, poolsRaw, k) : null;
        });
        const totalShares = sharesFromEither(sharesV1 ?? null, sharesV2 ?? null) ?? { num: 0n, den: 1n };
        return [
          `${p.hotkey}/${p.netuid}`,
          {
            totalAlpha: (total as unknown as NumberLike | null)?.toBigInt() ?? 0n,
            totalShares,
            dividends: (dividends as unknown as NumberLike | null)?.toBigInt() ?? 0n,
          },
        ] as const;
      }),
    );
    return holdings.map((h) => {
      const p = pool.get(`${h.hotkey}/${h.netuid}`)!;
      return {
        coldkey: h.coldkey,
        hotkey: h.hotkey,
        netuid: h.netuid,
        alpha: alphaOfShares(p.totalAlpha, h.shares!, p.totalShares),
        hotkeyEmission: p.dividends,
        hotkeyAlpha: p.totalAlpha,
        derived: ['alpha', 'emission'],
      };
    });
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
        symbol: symbolBytes ? readChainText(symbolBytes.toU8a(true), 16) : '',
        registeredAt: Number(big(value(n, 9))),
        ownerColdkey: value(n, 10)?.toString() ?? '',
        ownerHotkey: value(n, 11)?.toString() ?? '',
        tempo: Number(big(value(n, 12))),
        identity: identity ? identityFromBytes((name) => identity[camelCase(name)]?.toU8a(true)) : null,
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

  /** A storage value as a plain value (scale-reader.ts); absent: the entry's default, or null for an optional item. */
  /** A followed key's value, decoded again only when its raw value changed (most do not, block after block). */
  private storageValue(entry: StorageEntryLike, key: string, hex: string | null): unknown {
    const last = this.decodedStorage.get(key);
    if (last && last.hex === hex) return last.value;
    const value = this.plainStorageValue(entry, hex);
    if (this.decodedStorage.size > 50_000) this.decodedStorage.clear();
    this.decodedStorage.set(key, { hex, value });
    return value;
  }

  private plainStorageValue(entry: StorageEntryLike, hex: string | null): unknown {
    let type = this.valueTypes.get(entry);
    if (!type) {
      const meta = entry.creator.meta;
      const id = (meta.type.isMap ? meta.type.asMap.value : meta.type.asPlain) as unknown as { toNumber(): number };
      type = { id: id.toNumber(), fallback: meta.modifier.isDefault ? meta.fallback.toU8a(true) : null };
      this.valueTypes.set(entry, type);
    }
    const bytes = hex !== null ? hexToU8a(hex) : type.fallback;
    return bytes === null ? null : this.apis.plain.decode(type.id, bytes);
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

  /**
   * Names of the validators behind `hotkeys`: the identity (IdentitiesV2) of each hotkey's owning coldkey
   * (Owner). Two storage queries for hotkeys not read in the last ten minutes; none otherwise.
   */
  private async hotkeyNames(at: string, hotkeys: readonly string[]): Promise<Record<string, string>> {
    const owner = this.api.query.subtensorModule?.owner as unknown as StorageEntryLike | undefined;
    const now = Date.now();
    const due = hotkeys.filter((h) => now - (this.names.get(h)?.at ?? -Infinity) > NAME_MAX_AGE_MS);
    if (owner && due.length) {
      const keys = due.map((h) => this.storageKey(owner, [h]));
      const raw = await this.rawStorageAt(keys, at);
      const owners = keys.map((k) => {
        const hex = raw.get(k.toLowerCase());
        return hex ? this.decodeStorageValue(owner, hex).toString() : null;
      });
      const names = await this.readIdentityNames(at, owners.filter((o): o is string => o !== null));
      due.forEach((h, i) => this.names.set(h, { name: names.get(owners[i] ?? '') ?? null, at: now }));
    }
    const out: Record<string, string> = {};
    for (const h of hotkeys) {
      const name = this.names.get(h)?.name;
      if (name) out[h] = name;
    }
    return out;
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
      const name = readChainText(identity.name.toU8a(true), 64);
      if (name) names.set(coldkey, name);
    });
    return names;
  }
}

/** Metadata field names (snake_case) as polkadot.js codecs spell them. */
function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function sumStakeByNetuid(entries: (readonly [number, bigint])[]): Record<number, bigint> {
  const out: Record<number, bigint> = {};
  for (const [netuid, amount] of entries) out[netuid] = (out[netuid] ?? 0n) + amount;
  return out;
}

interface SafeFloatCodec {
  mantissa: NumberLike;
  exponent: NumberLike;
}

/** Shares as the runtime reads them: the legacy U64F64 value when present, else the SafeFloat V2 one. */
function sharesFromEither(legacy: Codec | null, v2: Codec | null): Shares | null {
  if (legacy) return sharesFromU64F64((legacy as unknown as { bits: NumberLike }).bits.toBigInt());
  if (!v2) return null;
  const f = v2 as unknown as SafeFloatCodec;
  return sharesFromSafeFloat(f.mantissa.toBigInt(), f.exponent.toBigInt());
}

function uniquePairs<T extends { hotkey: string; netuid: number }>(items: readonly T[]): { hotkey: string; netuid: number }[] {
  const seen = new Map<string, { hotkey: string; netuid: number }>();
  for (const { hotkey, netuid } of items) seen.set(`${hotkey}/${netuid}`, { hotkey, netuid });
  return [...seen.values()];
}
