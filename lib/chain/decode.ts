/**
 * Chain codecs → the domain model. Takes the decoded runtime-API values (polkadot.js codecs) and
 * turns them into plain bigint/number/string objects the rest of TaoLens uses.
 */
import { BLOCKS_PER_DAY, type Position, type Subnet, type SubnetIdentity } from '../model/types';
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
  return (priceRao * (alphaIn + alphaOut)) / 1_000_000_000n;
}

export function decodeSubnet(info: DynamicInfoCodec, extras: SubnetExtras): Subnet {
  const netuid = info.netuid.toNumber();
  const alphaIn = info.alphaIn.toBigInt();
  const alphaOut = info.alphaOut.toBigInt();
  const taoIn = info.taoIn.toBigInt();
  const derived = [...extras.derived];
  let priceRao = extras.priceRao.get(netuid);
  if (priceRao === undefined) {
    // No price from the swap API for this subnet: constant-product estimate, flagged.
    priceRao = netuid === 0 ? 1_000_000_000n : alphaIn > 0n ? (taoIn * 1_000_000_000n) / alphaIn : 0n;
    derived.push('price');
  }
  const taoPerBlock = info.taoInEmission.toBigInt() + (extras.excessTaoRao.get(netuid) ?? 0n);
  const name = compactBytesToText(info.subnetName, NAME_MAX);
  return {
    netuid,
    name: name || `Subnet ${netuid}`,
    symbol: compactBytesToText(info.tokenSymbol, 16),
    identity: decodeIdentity(info.subnetIdentity),
    ownerColdkey: info.ownerColdkey.toString(),
    ownerHotkey: info.ownerHotkey.toString(),
    priceRao,
    movingPrice: fixedI96F32ToNumber(info.movingPrice.bits.toBigInt()),
    taoInPoolRao: taoIn,
    alphaInPool: alphaIn,
    alphaOutstanding: alphaOut,
    marketCapRao: marketCapRao(priceRao, alphaIn, alphaOut),
    feeRate: extras.feeRate.get(netuid) ?? null,
    registeredAtBlock: info.networkRegisteredAt.toNumber(),
    taoInjectedPerBlockRao: taoPerBlock,
    taoInjectedPerDayRao: taoPerBlock * BLOCKS_PER_DAY,
    alphaEmittedPerDay: (info.alphaInEmission.toBigInt() + info.alphaOutEmission.toBigInt()) * BLOCKS_PER_DAY,
    volumeRao: info.subnetVolume.toBigInt(),
    tradingStarted: extras.tradingStarted.get(netuid) ?? true,
    tempo: info.tempo.toNumber(),
    derived,
  };
}

export interface StakeInfoCodec {
  hotkey: { toString(): string };
  coldkey: { toString(): string };
  netuid: NumberLike;
  stake: NumberLike;
  emission: NumberLike;
}

/**
 * Positions from StakeInfo, valued at spot. `locked` maps "coldkey/netuid" to locked alpha
 * (from get_stake_availability_for_coldkeys), spread over that coldkey's hotkeys on the subnet in order.
 */
export function decodePositions(
  infos: readonly StakeInfoCodec[],
  priceRao: (netuid: number) => bigint,
  locked: Map<string, bigint>,
): Position[] {
  const remainingLock = new Map(locked);
  return infos
    .map((s) => {
      const netuid = s.netuid.toNumber();
      const coldkey = s.coldkey.toString();
      const alpha = s.stake.toBigInt();
      const lockKey = `${coldkey}/${netuid}`;
      const lockLeft = remainingLock.get(lockKey) ?? 0n;
      const lockedAlpha = lockLeft < alpha ? lockLeft : alpha;
      remainingLock.set(lockKey, lockLeft - lockedAlpha);
      return {
        coldkey,
        hotkey: s.hotkey.toString(),
        netuid,
        alpha,
        lockedAlpha,
        spotValueRao: (alpha * priceRao(netuid)) / 1_000_000_000n,
        exitValueRao: null,
        exitValueBlock: null,
        hotkeyEmission: s.emission.toBigInt(),
      };
    })
    .filter((p) => p.alpha > 0n);
}
