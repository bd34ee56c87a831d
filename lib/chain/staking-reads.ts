/**
 * What the staking service reads from the node for one order: the pool and its swap simulations, the
 * coldkey's positions with their locked part, free balance, existential deposit, nonce, MEV Shield keys and
 * the best head. Each read is pinned to the block hash it is given where the node allows it.
 */
import { hexToU8a, u8aToBigInt } from '@polkadot/util';
import { RUNTIME_API } from './runtime-api-names';
import { positionsFromStakes } from './decode';
import type { ChainSession } from './session';
import { big, optionValue } from './codec';
import type { PoolView, SimResult } from '../staking/quote';
import { shieldKeyUsable, type ShieldKeys } from '../staking/shield';
import { StakingError } from '../staking/errors';
import { RAO_PER_TAO } from '../units/amount';

const { alphaPrice: PRICE, dynamicInfo: DYNAMIC, accountNonce: NONCE } = RUNTIME_API;

type Api = ChainSession['api'];

export interface HeldPosition {
  netuid: number;
  hotkey: string;
  alpha: bigint;
  /** The part not locked (what can be unstaked or moved). */
  available: bigint;
}

export async function bestHead(api: Api): Promise<{ number: number; hash: string }> {
  const header = await api.rpc.chain.getHeader();
  return { number: header.number.toNumber(), hash: header.hash.toHex() };
}

/** The subnet's pool: spot price (rao per alpha) and reserves; root is 1:1 with no pool. */
export async function readPool(s: ChainSession, netuid: number, at: string): Promise<PoolView> {
  const apis = s.reader.apis;
  const spotP = apis.has(PRICE) ? apis.call(PRICE, [netuid], at).then(big) : Promise.resolve(null);
  const infoP = apis.has(DYNAMIC) ? apis.call(DYNAMIC, [netuid], at) : Promise.resolve(null);
  const [spot, info] = await Promise.all([spotP, infoP]);
  let taoReserve = 0n;
  let alphaReserve = 0n;
  const opt = info as unknown as { isSome?: boolean; unwrap(): { taoIn: unknown; alphaIn: unknown; netuid: unknown } } | null;
  if (opt && opt.isSome) {
    const d = opt.unwrap();
    taoReserve = big(d.taoIn);
    alphaReserve = big(d.alphaIn);
  } else if (opt && opt.isSome === false) {
    throw new StakingError(`subnet ${netuid} does not exist`);
  } else {
    const q = s.api.query.subtensorModule;
    if (q?.subnetTAO && q.subnetAlphaIn) {
      const [t, a] = await Promise.all([q.subnetTAO.at(at, netuid), q.subnetAlphaIn.at(at, netuid)]);
      taoReserve = big(t);
      alphaReserve = big(a);
    }
  }
  if (netuid === 0) return { netuid, spotPrice: RAO_PER_TAO, taoReserve: 0n, alphaReserve: 0n };
  const spotPrice = spot ?? (alphaReserve > 0n ? (taoReserve * RAO_PER_TAO) / alphaReserve : 0n);
  return { netuid, spotPrice, taoReserve, alphaReserve };
}

/** One swap simulation (`sim_swap_tao_for_alpha` / `sim_swap_alpha_for_tao`) at the block. */
export async function simulateSwap(s: ChainSession, name: string, netuid: number, amount: bigint, at: string): Promise<SimResult> {
  if (!s.reader.apis.has(name)) throw new StakingError(`this node cannot simulate swaps (${name} is missing), so no safe quote is possible`);
  const r = (await s.reader.apis.call(name, [netuid, amount], at)) as unknown as Record<string, unknown>;
  return { taoAmount: big(r.taoAmount), alphaAmount: big(r.alphaAmount), taoFee: big(r.taoFee), alphaFee: big(r.alphaFee) };
}

/** The coldkey's positions with their locked part (availability per subnet, spread over hotkeys as the reader does). */
export async function readPositions(s: ChainSession, address: string, at: string): Promise<HeldPosition[]> {
  const [stakes, locked] = await Promise.all([s.reader.readStakeInfos(at, [address]), s.reader.readLocked(at, [address])]);
  if (!stakes) return [];
  // Locks unknown (no availability API): offer the whole position; the chain refuses locked alpha itself.
  return positionsFromStakes(stakes, () => 0n, locked).map((p) => ({ netuid: p.netuid, hotkey: p.hotkey, alpha: p.alpha, available: p.alpha - (p.lockedAlpha ?? 0n) }));
}

/**
 * Alpha staked through each hotkey on the subnet (`TotalHotkeyAlpha`) at the block, in one query: the validator
 * list's stake as of now, not as of when the list was cached. Null where the node lacks the item.
 */
export async function readHotkeyStakes(s: ChainSession, hotkeys: readonly string[], netuid: number, at: string): Promise<Map<string, bigint> | null> {
  const entry = s.api.query.subtensorModule?.totalHotkeyAlpha;
  if (!entry || !hotkeys.length) return null;
  const keys = hotkeys.map((h) => entry.key(h, netuid));
  const sets = await s.send<{ changes: [string, string | null][] }[]>('state_queryStorageAt', [keys, at]);
  const raw = new Map(sets.flatMap((set) => set.changes).map(([k, v]) => [k.toLowerCase(), v] as const));
  // AlphaCurrency is a u64 (little-endian); an absent value is 0.
  return new Map(hotkeys.map((h, i) => [h, u8aToBigInt(hexToU8a(raw.get(keys[i]!.toLowerCase()) ?? '0x'), { isLe: true })]));
}

/** Free TAO less what is frozen (what a stake can spend). */
export async function readFreeBalance(api: Api, address: string, at: string): Promise<bigint> {
  const acct = (await api.query.system!.account!.at(at, address)) as unknown as { data: { free: unknown; frozen?: unknown } };
  const free = big(acct.data.free);
  const frozen = acct.data.frozen !== undefined ? big(acct.data.frozen) : 0n;
  return free > frozen ? free - frozen : 0n;
}

export function existentialDeposit(api: Api): bigint {
  const ed = api.consts.balances?.existentialDeposit;
  return ed ? big(ed) : 0n;
}

/** The account's next nonce, counting its transactions in the pool (runtime API), else from storage. */
export async function nextNonce(s: ChainSession, address: string): Promise<number> {
  if (s.reader.apis.has(NONCE)) return Number(big(await s.reader.apis.call(NONCE, [address])));
  const acct = (await s.api.query.system!.account!(address)) as unknown as { nonce: unknown };
  return Number(big(acct.nonce));
}

export function shieldAvailable(api: Api): boolean {
  return !!api.tx.mevShield?.submitEncrypted && !!api.query.mevShield?.nextKey;
}

/** Calls the node's metadata offers (camelCase method names of subtensorModule). */
export function availableCalls(api: Api): string[] {
  return Object.keys(api.tx.subtensorModule ?? {});
}

export async function readShieldKeys(api: Api): Promise<ShieldKeys> {
  const q = api.query.mevShield ?? {};
  const read = async (name: string) => (q[name] ? optionValue(await q[name]!()) : null);
  const [nextKey, nextKeyExpiresAt, pendingKey, pendingKeyExpiresAt] = await Promise.all(
    ['nextKey', 'nextKeyExpiresAt', 'pendingKey', 'pendingKeyExpiresAt'].map(read),
  );
  const bytes = (v: unknown) => {
    const b = v ? (v as { toU8a(bare: boolean): Uint8Array }).toU8a(true) : null;
    return b && b.length ? b : null;
  };
  const block = (v: unknown) => (v === null ? null : Number(big(v)));
  return { nextKey: bytes(nextKey), nextKeyExpiresAt: block(nextKeyExpiresAt), pendingKey: bytes(pendingKey), pendingKeyExpiresAt: block(pendingKeyExpiresAt) };
}

/** Whether the next block takes an envelope sealed for `key` (the keys read now unless given). */
export async function shieldKeyTaken(api: Api, key: Uint8Array, keys?: ShieldKeys): Promise<boolean> {
  const [known, best] = await Promise.all([keys ?? readShieldKeys(api), bestHead(api)]);
  return shieldKeyUsable(key, known, best.number + 1);
}
