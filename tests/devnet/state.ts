// The devnet's chain state: plain data with bigint amounts, cloned per block with structuredClone
// (which keeps bigints and Maps) so historical reads and batch rollbacks are cheap and exact.
import { encodeAddress } from '@polkadot/util-crypto';
import { PERQUINTILL, priceToI96F32, spotPrice, type Pool } from './pool';

export interface SubnetIdentity {
  subnetName: string; githubRepo: string; subnetContact: string; subnetUrl: string;
  discord: string; description: string; logoUrl: string; additional: string;
}

export interface SubnetState {
  netuid: number; name: string; symbol: string;
  ownerHotkey: string; ownerColdkey: string; // hex public keys
  tempo: number; registeredAt: bigint; lastStep: bigint;
  mechanism: 0 | 1;
  taoIn: bigint; alphaIn: bigint; alphaOut: bigint;
  quote: bigint; feeRate: number;
  taoInEmission: bigint; excessTao: bigint; alphaInEmission: bigint; alphaOutEmission: bigint;
  /** I96F32 bits (TAO per alpha × 2^32) */
  movingPrice: bigint;
  volume: bigint;
  subtokenEnabled: boolean;
  identity?: SubnetIdentity;
  /** Stakers' dividends accrued since the subnet's last epoch (per-epoch dividends only). */
  pendingDividends?: bigint;
}

export interface AccountState { free: bigint; reserved: bigint; /** balance under locks/freezes */ frozen: bigint; nonce: number }

export interface PositionState { coldkey: string; hotkey: string; netuid: number; alpha: bigint; locked: bigint; /** dividends credited last block */ lastEmission: bigint }

export interface ValidatorIdentity { name: string; url: string; githubRepo: string; image: string; discord: string; description: string; additional: string }

export interface ValidatorState { hotkey: string; owner: string; take: number; identity?: ValidatorIdentity; registrations: number[] }

export interface ChainState {
  subnets: Map<number, SubnetState>;
  accounts: Map<string, AccountState>;
  positions: Map<string, PositionState>;
  validators: Map<string, ValidatorState>;
  blockEmission: bigint;
  minStake: bigint;
  existentialDeposit: bigint;
  /** share of alpha_out_emission paid to stakers as dividends, in percent */
  stakerSharePct: bigint;
  /**
   * Dividends paid at each subnet's epoch, as on mainnet (accrued every block, credited when
   * (block + netuid + 1) % (tempo + 1) = 0), instead of every block. Off by default: the tests were written
   * against per-block dividends; the cadence bench turns it on to see mainnet's traffic shape.
   */
  dividendsPerEpoch?: boolean;
}

export const posKey = (coldkey: string, hotkey: string, netuid: number) => `${coldkey}:${hotkey}:${netuid}`;

export function cloneState(s: ChainState): ChainState {
  return structuredClone(s);
}

export function poolOf(s: SubnetState): Pool {
  return { mechanism: s.mechanism, taoIn: s.taoIn, alphaIn: s.alphaIn, quote: s.quote, feeRate: s.feeRate };
}

export function priceOf(s: SubnetState): bigint {
  return spotPrice(poolOf(s));
}

export function account(state: ChainState, who: string): AccountState {
  let a = state.accounts.get(who);
  if (!a) { a = { free: 0n, reserved: 0n, frozen: 0n, nonce: 0 }; state.accounts.set(who, a); }
  return a;
}

export function hotkeyExists(state: ChainState, hotkey: string): boolean {
  if (state.validators.has(hotkey)) return true;
  for (const s of state.subnets.values()) if (s.ownerHotkey === hotkey) return true;
  return false;
}

export function hotkeyOwner(state: ChainState, hotkey: string): string | undefined {
  const v = state.validators.get(hotkey);
  if (v) return v.owner;
  for (const s of state.subnets.values()) if (s.ownerHotkey === hotkey) return s.ownerColdkey;
  return undefined;
}

/**
 * One block's emission (on_initialize): TAO (emission + excess) and alpha go into each pool,
 * alpha_out grows, and stakers get their share of alpha_out as dividends, pro rata.
 */
export function applyEmissions(state: ChainState, blockNumber: bigint): void {
  const byNetuid = new Map<number, PositionState[]>();
  for (const p of state.positions.values()) {
    // Per block, "last emission" is this block's; per epoch, the last epoch's (kept until the next one).
    if (!state.dividendsPerEpoch) p.lastEmission = 0n;
    let l = byNetuid.get(p.netuid);
    if (!l) byNetuid.set(p.netuid, (l = []));
    l.push(p);
  }
  for (const s of state.subnets.values()) {
    if (s.mechanism === 0) continue;
    if (s.subtokenEnabled) {
      s.taoIn += s.taoInEmission + s.excessTao;
      s.alphaIn += s.alphaInEmission;
      s.alphaOut += s.alphaOutEmission;
      const pot = (s.alphaOutEmission * state.stakerSharePct) / 100n;
      if (!state.dividendsPerEpoch) payDividends(byNetuid.get(s.netuid) ?? [], pot);
      else {
        s.pendingDividends = (s.pendingDividends ?? 0n) + pot;
        if (isEpochBlock(s, blockNumber) && payDividends(byNetuid.get(s.netuid) ?? [], s.pendingDividends)) s.pendingDividends = 0n;
      }
    }
    // moving price: slow EMA of the spot price (bits of I96F32)
    const target = priceToI96F32(priceOf(s));
    s.movingPrice += (target - s.movingPrice) / 100n;
    if (s.tempo > 0 && blockNumber % BigInt(s.tempo + 1) === 0n) s.lastStep = blockNumber;
  }
}

/** Subtensor's epoch rule: a subnet runs its epoch when (block + netuid + 1) is a multiple of tempo + 1. */
function isEpochBlock(s: SubnetState, blockNumber: bigint): boolean {
  return s.tempo > 0 && (blockNumber + BigInt(s.netuid) + 1n) % BigInt(s.tempo + 1) === 0n;
}

/** Shares `pot` among the stakers pro rata to their alpha; false when nobody holds any. */
function payDividends(stakers: PositionState[], pot: bigint): boolean {
  const total = stakers.reduce((a, p) => a + p.alpha, 0n);
  if (total === 0n || pot === 0n) return false;
  for (const p of stakers) {
    const d = (pot * p.alpha) / total;
    p.alpha += d;
    p.lastEmission = d;
  }
  return true;
}

/** One subnet in the control read-back; amounts are decimal strings (rao / alpha rao). */
export interface SubnetJson {
  netuid: number; name: string; symbol: string; mechanism: 0 | 1; ownerHotkey: string; ownerColdkey: string;
  taoIn: string; alphaIn: string; alphaOut: string;
  /** rao per 1 alpha */
  price: string;
  feeRate: number;
  /** Perquintill (1e18 = 1.0) and as a float */
  quote: string; quoteWeight: number;
  taoInEmission: string; excessTao: string; alphaInEmission: string; alphaOutEmission: string;
  /** I96F32 bits */
  movingPrice: string; volume: string; subtokenEnabled: boolean; tempo: number; registeredAt: string; identity: SubnetIdentity | null;
}

export interface StateJson {
  subnets: SubnetJson[];
  accounts: Record<string, { free: string; reserved: string; frozen: string; nonce: number }>;
  positions: { coldkey: string; hotkey: string; netuid: number; alpha: string; locked: string; /** dividends credited at the start of the latest block */ lastEmission: string }[];
  validators: { hotkey: string; owner: string; take: number; name?: string; registrations: number[] }[];
}

const ss58 = (hex: string) => encodeAddress(hex, 42);

/** JSON-able read-back: bigints as decimal strings, accounts keyed by ss58. */
export function stateToJson(state: ChainState): StateJson {
  return {
    subnets: [...state.subnets.values()].map((s) => ({
      netuid: s.netuid, name: s.name, symbol: s.symbol, mechanism: s.mechanism,
      ownerHotkey: ss58(s.ownerHotkey), ownerColdkey: ss58(s.ownerColdkey),
      taoIn: String(s.taoIn), alphaIn: String(s.alphaIn), alphaOut: String(s.alphaOut),
      price: String(priceOf(s)), feeRate: s.feeRate, quote: String(s.quote), quoteWeight: Number(s.quote) / Number(PERQUINTILL),
      taoInEmission: String(s.taoInEmission), excessTao: String(s.excessTao),
      alphaInEmission: String(s.alphaInEmission), alphaOutEmission: String(s.alphaOutEmission),
      movingPrice: String(s.movingPrice), volume: String(s.volume), subtokenEnabled: s.subtokenEnabled,
      tempo: s.tempo, registeredAt: String(s.registeredAt), identity: s.identity ?? null,
    })),
    accounts: Object.fromEntries([...state.accounts.entries()].map(([k, a]) => [ss58(k), { free: String(a.free), reserved: String(a.reserved), frozen: String(a.frozen), nonce: a.nonce }])),
    positions: [...state.positions.values()].filter((p) => p.alpha > 0n).map((p) => ({ coldkey: ss58(p.coldkey), hotkey: ss58(p.hotkey), netuid: p.netuid, alpha: String(p.alpha), locked: String(p.locked), lastEmission: String(p.lastEmission) })),
    validators: [...state.validators.values()].map((v) => ({ hotkey: ss58(v.hotkey), owner: ss58(v.owner), take: v.take, name: v.identity?.name, registrations: v.registrations })),
  };
}
