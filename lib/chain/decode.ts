/**
 * Chain codecs → the domain model. Takes the decoded runtime-API values (polkadot.js codecs) and
 * turns them into plain bigint/number/string objects the rest of TaoLens uses.
 */
import { BLOCKS_PER_DAY, type Position, type Subnet, type SubnetIdentity } from '../model/types';
import { alphaToTao, RAO_PER_TAO } from '../units/amount';
import { cleanChainText, decodeChainBytes } from './text';

/** The subset of a polkadot.js codec we read; keeps this module testable and free of @polkadot/api. */
export interface NumberLike {
  toBigInt(): bigint;
  toNumber(): number;
}
interface BytesLike {
  toU8a(bare?: boolean): Uint8Array;
}
interface OptionLike<T> {
  isSome: boolean;
  unwrap(): T;
}
interface CompactBytesLike {
  map<U>(f: (b: NumberLike) => U): U[];
}

export interface DynamicInfoCodec {
  netuid: NumberLike;
  ownerHotkey: { toString(): string };
  ownerColdkey: { toString(): string };
  subnetName: CompactBytesLike;
  tokenSymbol: CompactBytesLike;
  tempo: NumberLike;
  alphaIn: NumberLike;
  alphaOut: NumberLike;
  taoIn: NumberLike;
  alphaOutEmission: NumberLike;
  alphaInEmission: NumberLike;
  taoInEmission: NumberLike;
  subnetVolume: NumberLike;
  networkRegisteredAt: NumberLike;
  subnetIdentity: OptionLike<Record<string, BytesLike>>;
  movingPrice: { bits: NumberLike };
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

function compactBytesToText(v: CompactBytesLike, max: number): string {
  return cleanChainText(decodeChainBytes(v.map((b) => b.toNumber())), max);
}

function bytesField(identity: Record<string, BytesLike>, key: string, max: number): string {
  const field = identity[key];
  return field ? cleanChainText(decodeChainBytes(field.toU8a(true)), max) : '';
}

function decodeIdentity(opt: OptionLike<Record<string, BytesLike>>): SubnetIdentity | null {
  if (!opt.isSome) return null;
  const id = opt.unwrap();
  return {
    name: bytesField(id, 'subnetName', NAME_MAX),
    url: bytesField(id, 'subnetUrl', TEXT_MAX),
    github: bytesField(id, 'githubRepo', TEXT_MAX),
    description: bytesField(id, 'description', TEXT_MAX),
    discord: bytesField(id, 'discord', TEXT_MAX),
    contact: bytesField(id, 'subnetContact', TEXT_MAX),
    logoUrl: bytesField(id, 'logoUrl', TEXT_MAX),
  };
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

export function fieldsFromDynamicInfo(info: DynamicInfoCodec): SubnetFields {
  return {
    netuid: info.netuid.toNumber(),
    ownerHotkey: info.ownerHotkey.toString(),
    ownerColdkey: info.ownerColdkey.toString(),
    name: compactBytesToText(info.subnetName, NAME_MAX),
    symbol: compactBytesToText(info.tokenSymbol, 16),
    tempo: info.tempo.toNumber(),
    alphaIn: info.alphaIn.toBigInt(),
    alphaOut: info.alphaOut.toBigInt(),
    taoIn: info.taoIn.toBigInt(),
    alphaOutEmission: info.alphaOutEmission.toBigInt(),
    alphaInEmission: info.alphaInEmission.toBigInt(),
    taoInEmission: info.taoInEmission.toBigInt(),
    volume: info.subnetVolume.toBigInt(),
    registeredAt: info.networkRegisteredAt.toNumber(),
    identity: decodeIdentity(info.subnetIdentity),
    movingPriceBits: info.movingPrice.bits.toBigInt(),
  };
}

export function identityFromBytes(id: Record<string, BytesLike>): SubnetIdentity {
  return decodeIdentity({ isSome: true, unwrap: () => id })!;
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

export interface StakeInfoCodec {
  hotkey: { toString(): string };
  coldkey: { toString(): string };
  netuid: NumberLike;
  stake: NumberLike;
  emission: NumberLike;
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

export function stakeRecordFromInfo(s: StakeInfoCodec): StakeRecord {
  return {
    coldkey: s.coldkey.toString(),
    hotkey: s.hotkey.toString(),
    netuid: s.netuid.toNumber(),
    alpha: s.stake.toBigInt(),
    hotkeyEmission: s.emission.toBigInt(),
  };
}

/**
 * Positions from StakeInfo, valued at spot. `locked` maps "coldkey/netuid" to locked alpha (from
 * get_stake_availability_for_coldkeys), spread over that coldkey's hotkeys on the subnet in order.
 */
export function decodePositions(infos: readonly StakeInfoCodec[], priceRao: (netuid: number) => bigint, locked: Map<string, bigint> | null): Position[] {
  return positionsFromStakes(infos.map(stakeRecordFromInfo), priceRao, locked);
}

/**
 * Positions from stake records (see decodePositions), with each hotkey's total stake where known. `locked`
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
 * Locked alpha per "coldkey/netuid" from `get_stake_availability_for_coldkeys` (locked alpha cannot be unstaked);
 * null when there is no answer (the node lacks the API): the locks are unknown, not 0.
 */
export function decodeLocked(availability: unknown): Map<string, bigint> | null {
  if (!availability) return null;
  const locked = new Map<string, bigint>();
  const outer = availability as Map<{ toString(): string }, Map<NumberLike, { locked: NumberLike }>>;
  for (const [coldkey, perNetuid] of outer) {
    for (const [netuid, av] of perNetuid) locked.set(`${coldkey.toString()}/${netuid.toNumber()}`, av.locked.toBigInt());
  }
  return locked;
}
