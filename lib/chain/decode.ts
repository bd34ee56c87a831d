/**
 * Chain codecs → the domain model. Takes the decoded runtime-API values (polkadot.js codecs) and
 * turns them into plain bigint/number/string objects the rest of TaoLens uses.
 */
import { BLOCKS_PER_DAY, type Position, type Subnet, type SubnetIdentity } from '../model/types';
import { alphaToTao, RAO_PER_TAO } from '../units/amount';
import { readChainText } from './text';

/** The subset of a polkadot.js codec we read; keeps this module testable and free of @polkadot/api. */
export interface NumberLike {
  toBigInt(): bigint;
  toNumber(): number;
}

/** Account ids as the chain spells them (ss58 with the chain's prefix); cached by the caller. */
export type AddressOf = (publicKey: Uint8Array) => string;
/** On-chain text bytes → cleaned, capped text: text.ts `readChainText`, or a remembering one for what is read every block. */
export type ChainText = (bytes: Uint8Array, maxLength: number) => string;

/** A plain value of one runtime-call answer (scale-reader.ts): read through `field`, which names what is missing. */
type PlainRecord = Record<string, unknown>;

function field(o: PlainRecord, name: string, what: string): unknown {
  if (!(name in o)) throw new Error(`${what} has no field ${name}: the runtime's type is not the one TaoLens reads`);
  return o[name];
}
function bigField(o: PlainRecord, name: string, what: string): bigint {
  const v = field(o, name, what);
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  throw new Error(`${what}.${name} is not a number`);
}
function bytesField(o: PlainRecord, name: string, what: string): Uint8Array {
  const v = field(o, name, what);
  if (v instanceof Uint8Array) return v;
  // Vec<Compact<u8>> (DynamicInfo's name and symbol): one number per byte.
  if (Array.isArray(v)) return Uint8Array.from(v as (bigint | number)[], (b) => Number(b));
  throw new Error(`${what}.${name} is not bytes`);
}

/** What a refresh reads besides the dynamic info, keyed by netuid. */
export interface SubnetExtras {
  priceRao: Map<number, bigint>;
  excessTaoRao: Map<number, bigint>;
  feeRate: Map<number, number>;
  tradingStarted: Map<number, boolean>;
  /** Fields that had to be derived from storage for every subnet. */
  derived: string[];
}

const NAME_MAX = 64;
const TEXT_MAX = 512;
const FIXED_32 = 2 ** 32;

/** SubnetIdentityV3's text fields by their metadata names → the model's. */
const IDENTITY_FIELDS = [
  ['name', 'subnet_name', NAME_MAX],
  ['url', 'subnet_url', TEXT_MAX],
  ['github', 'github_repo', TEXT_MAX],
  ['description', 'description', TEXT_MAX],
  ['discord', 'discord', TEXT_MAX],
  ['contact', 'subnet_contact', TEXT_MAX],
  ['logoUrl', 'logo_url', TEXT_MAX],
] as const;

/** A subnet identity from its fields' bytes, by metadata field name (absent fields read as empty). */
export function identityFromBytes(bytesOf: (metadataName: string) => Uint8Array | undefined, text: ChainText = readChainText): SubnetIdentity {
  const out = {} as Record<(typeof IDENTITY_FIELDS)[number][0], string>;
  for (const [key, name, max] of IDENTITY_FIELDS) {
    const bytes = bytesOf(name);
    out[key] = bytes ? text(bytes, max) : '';
  }
  return out;
}

/** I96F32 (`bits` = value × 2³²) to a float; display only. */
export function fixedI96F32ToNumber(bits: bigint): number {
  const whole = bits >> 32n;
  const frac = bits - (whole << 32n);
  return Number(whole) + Number(frac) / FIXED_32;
}

export function marketCapRao(priceRao: bigint, alphaIn: bigint, alphaOut: bigint): bigint {
  return alphaToTao(alphaIn + alphaOut, priceRao);
}

/** A subnet's chain fields as plain values, from the runtime API or from storage. */
export interface SubnetFields {
  netuid: number;
  ownerHotkey: string;
  ownerColdkey: string;
  name: string;
  symbol: string;
  tempo: number;
  alphaIn: bigint;
  alphaOut: bigint;
  taoIn: bigint;
  alphaOutEmission: bigint;
  alphaInEmission: bigint;
  taoInEmission: bigint;
  volume: bigint;
  registeredAt: number;
  identity: SubnetIdentity | null;
  movingPriceBits: bigint;
}

/** One `DynamicInfo` (plain, from `get_all_dynamic_info`) → the subnet's fields. */
export function fieldsFromDynamicInfo(info: PlainRecord, addressOf: AddressOf, text: ChainText = readChainText): SubnetFields {
  const what = 'DynamicInfo';
  const identity = field(info, 'subnet_identity', what) as PlainRecord | null;
  const movingPrice = field(info, 'moving_price', what) as PlainRecord;
  return {
    netuid: Number(bigField(info, 'netuid', what)),
    ownerHotkey: addressOf(bytesField(info, 'owner_hotkey', what)),
    ownerColdkey: addressOf(bytesField(info, 'owner_coldkey', what)),
    name: text(bytesField(info, 'subnet_name', what), NAME_MAX),
    symbol: text(bytesField(info, 'token_symbol', what), 16),
    tempo: Number(bigField(info, 'tempo', what)),
    alphaIn: bigField(info, 'alpha_in', what),
    alphaOut: bigField(info, 'alpha_out', what),
    taoIn: bigField(info, 'tao_in', what),
    alphaOutEmission: bigField(info, 'alpha_out_emission', what),
    alphaInEmission: bigField(info, 'alpha_in_emission', what),
    taoInEmission: bigField(info, 'tao_in_emission', what),
    volume: bigField(info, 'subnet_volume', what),
    registeredAt: Number(bigField(info, 'network_registered_at', what)),
    identity: identity ? identityFromBytes((name) => (name in identity ? bytesField(identity, name, 'SubnetIdentityV3') : undefined), text) : null,
    movingPriceBits: bigField(movingPrice, 'bits', 'DynamicInfo.moving_price'),
  };
}

export function subnetFromFields(f: SubnetFields, extras: SubnetExtras): Subnet {
  const derived = [...extras.derived];
  let priceRao = extras.priceRao.get(f.netuid);
  if (priceRao === undefined) {
    // No price from the swap API for this subnet: constant-product estimate, flagged.
    priceRao = f.netuid === 0 ? RAO_PER_TAO : f.alphaIn > 0n ? (f.taoIn * RAO_PER_TAO) / f.alphaIn : 0n;
    derived.push('price');
  }
  const taoPerBlock = f.taoInEmission + (extras.excessTaoRao.get(f.netuid) ?? 0n);
  return {
    netuid: f.netuid,
    name: f.name || f.identity?.name || `Subnet ${f.netuid}`,
    symbol: f.symbol,
    identity: f.identity,
    ownerColdkey: f.ownerColdkey,
    ownerHotkey: f.ownerHotkey,
    priceRao,
    movingPrice: fixedI96F32ToNumber(f.movingPriceBits),
    taoInPoolRao: f.taoIn,
    alphaInPool: f.alphaIn,
    alphaOutstanding: f.alphaOut,
    marketCapRao: marketCapRao(priceRao, f.alphaIn, f.alphaOut),
    feeRate: extras.feeRate.get(f.netuid) ?? null,
    registeredAtBlock: f.registeredAt,
    taoInjectedPerBlockRao: taoPerBlock,
    taoInjectedPerDayRao: taoPerBlock * BLOCKS_PER_DAY,
    alphaEmittedPerDay: (f.alphaInEmission + f.alphaOutEmission) * BLOCKS_PER_DAY,
    volumeRao: f.volume,
    tradingStarted: extras.tradingStarted.get(f.netuid) ?? true,
    tempo: f.tempo,
    derived,
  };
}

/**
 * Spot price of a weighted (balancer) pool from its reserves: ((1 − q) / q) × TAO / alpha, with q the
 * quote weight as a Perquintill (parts of 1e18). Only used where the node has no swap price API.
 */
export function weightedPoolPriceRao(netuid: number, taoIn: bigint, alphaIn: bigint, quotePerquintill: bigint): bigint {
  if (netuid === 0) return RAO_PER_TAO;
  if (alphaIn <= 0n || quotePerquintill <= 0n) return 0n;
  const ONE = 1_000_000_000_000_000_000n;
  return (taoIn * (ONE - quotePerquintill) * RAO_PER_TAO) / (alphaIn * quotePerquintill);
}

/** One stake as read from the chain (StakeInfo, or the share pool in storage), before valuing. */
export interface StakeRecord {
  coldkey: string;
  hotkey: string;
  netuid: number;
  alpha: bigint;
  /** AlphaDividendsPerSubnet: the hotkey's nominators' dividends on this subnet in its last epoch. */
  hotkeyEmission: bigint;
  /** TotalHotkeyAlpha, when read. */
  hotkeyAlpha?: bigint;
  /** Fields taken from raw storage instead of StakeInfoRuntimeApi. */
  derived?: string[];
}

/** One `StakeInfo` (plain, from `get_stake_info_for_coldkeys`) → a stake record. */
export function stakeRecordFromInfo(s: PlainRecord, addressOf: AddressOf): StakeRecord {
  const what = 'StakeInfo';
  return {
    coldkey: addressOf(bytesField(s, 'coldkey', what)),
    hotkey: addressOf(bytesField(s, 'hotkey', what)),
    netuid: Number(bigField(s, 'netuid', what)),
    alpha: bigField(s, 'stake', what),
    hotkeyEmission: bigField(s, 'emission', what),
  };
}

/**
 * Positions from stake records, valued at spot, with each hotkey's total stake where known. `locked`
 * null: the locks are unknown (no availability API), and each position says so rather than showing 0.
 */
export function positionsFromStakes(
  stakes: readonly StakeRecord[],
  priceRao: (netuid: number) => bigint,
  locked: Map<string, bigint> | null,
  hotkeyAlpha: (hotkey: string, netuid: number) => bigint | undefined = () => undefined,
): Position[] {
  const remainingLock = new Map(locked ?? []);
  return stakes
    .filter((s) => s.alpha > 0n)
    .map((s) => {
      const lockKey = `${s.coldkey}/${s.netuid}`;
      const lockLeft = remainingLock.get(lockKey) ?? 0n;
      const lockedAlpha = locked === null ? null : lockLeft < s.alpha ? lockLeft : s.alpha;
      remainingLock.set(lockKey, lockLeft - (lockedAlpha ?? 0n));
      const total = s.hotkeyAlpha ?? hotkeyAlpha(s.hotkey, s.netuid);
      return {
        coldkey: s.coldkey,
        hotkey: s.hotkey,
        netuid: s.netuid,
        alpha: s.alpha,
        lockedAlpha,
        spotValueRao: alphaToTao(s.alpha, priceRao(s.netuid)),
        exitValueRao: null,
        exitValueBlock: null,
        hotkeyEmission: s.hotkeyEmission,
        ...(total !== undefined ? { hotkeyAlpha: total } : {}),
        ...(s.derived?.length ? { derived: [...s.derived] } : {}),
      };
    });
}

/**
 * Locked alpha per "coldkey/netuid" from `get_stake_availability_for_coldkeys` (plain: a map as a list of
 * (coldkey, list of (netuid, { total, locked, available })) pairs; locked alpha cannot be unstaked); null when
 * there is no answer (the node lacks the API): the locks are unknown, not 0.
 */
export function lockedFromAvailability(availability: unknown, addressOf: AddressOf): Map<string, bigint> | null {
  if (!availability) return null;
  const locked = new Map<string, bigint>();
  for (const [coldkey, perNetuid] of availability as [Uint8Array, [bigint | number, PlainRecord][]][]) {
    const who = addressOf(coldkey);
    for (const [netuid, av] of perNetuid) locked.set(`${who}/${Number(netuid)}`, bigField(av, 'locked', 'StakeAvailability'));
  }
  return locked;
}
