// Runtime APIs served through state_call: inputs decoded and outputs encoded with the metadata's
// own API signatures, from the state of the block asked for.
import type { Codec } from '@polkadot/types/types';
import { compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import type { ChainTypes } from './metadata';
import { metadataBytesAtVersion } from './metadata-versions';
import { feeOf, RAO, swapAlphaForTao, swapTaoForAlpha, spotPrice } from './pool';
import { poolOf, priceOf, type ChainState, type SubnetState } from './state';

export const BASE_FEE = 100_000n; // rao
export const BYTE_FEE = 1_000n; // rao per encoded byte
export const txFee = (len: number) => BASE_FEE + BYTE_FEE * BigInt(len);
export const txWeight = (len: number) => 150_000_000n + 10_000n * BigInt(len);

export interface ApiContext { state: ChainState; blockNumber: number; t: ChainTypes; nonceOf?: (who: string) => number }

export class RpcError extends Error {
  constructor(public code: number, message: string, public data?: string) { super(message); }
}

const bytes = (s: string) => [...new TextEncoder().encode(s)];
const text = (s: string) => u8aToHex(new TextEncoder().encode(s));

function dynamicInfo(s: SubnetState, blockNumber: number) {
  const i = s.identity;
  const bn = BigInt(blockNumber);
  return {
    netuid: s.netuid, ownerHotkey: s.ownerHotkey, ownerColdkey: s.ownerColdkey,
    subnetName: bytes(s.name), tokenSymbol: bytes(s.symbol), tempo: s.tempo,
    lastStep: s.lastStep, blocksSinceLastStep: bn > s.lastStep ? bn - s.lastStep : 0n,
    emission: 0, alphaIn: s.alphaIn, alphaOut: s.alphaOut, taoIn: s.taoIn,
    alphaOutEmission: s.alphaOutEmission, alphaInEmission: s.alphaInEmission, taoInEmission: s.taoInEmission,
    pendingAlphaEmission: s.alphaOutEmission * ((bn > s.lastStep ? bn - s.lastStep : 0n) % BigInt(s.tempo + 1)),
    pendingRootEmission: 0, subnetVolume: s.volume, networkRegisteredAt: s.registeredAt,
    subnetIdentity: i ? {
      subnetName: text(i.subnetName), githubRepo: text(i.githubRepo), subnetContact: text(i.subnetContact), subnetUrl: text(i.subnetUrl),
      discord: text(i.discord), description: text(i.description), logoUrl: text(i.logoUrl), additional: text(i.additional),
    } : null,
    movingPrice: { bits: s.movingPrice },
  };
}

/**
 * AlphaDividendsPerSubnet (= StakeInfo.emission): on the chain, the dividends a hotkey's nominators got
 * at the subnet's last epoch, written once per tempo + 1 blocks. A devnet paying dividends every block
 * reports the last block's dividends × (tempo + 1); one paying them per epoch, the last epoch's.
 */
export function dividendsPerEpoch(state: ChainState, lastEmission: bigint, tempo: number): bigint {
  return state.dividendsPerEpoch ? lastEmission : lastEmission * BigInt(tempo + 1);
}

function hotkeyEmission(state: ChainState, hotkey: string, netuid: number) {
  let e = 0n;
  for (const p of state.positions.values()) if (p.hotkey === hotkey && p.netuid === netuid) e += p.lastEmission;
  return dividendsPerEpoch(state, e, state.subnets.get(netuid)?.tempo ?? 0);
}

function stakeInfos(state: ChainState, coldkey: string) {
  return [...state.positions.values()].filter((p) => p.coldkey === coldkey && p.alpha > 0n).map((p) => ({
    hotkey: p.hotkey, coldkey: p.coldkey, netuid: p.netuid, stake: p.alpha, locked: p.locked,
    emission: hotkeyEmission(state, p.hotkey, p.netuid), taoEmission: 0, drain: 0,
    isRegistered: state.validators.get(p.hotkey)?.registrations.includes(p.netuid) ?? false,
  }));
}

function delegateInfo(state: ChainState, hotkey: string) {
  const v = state.validators.get(hotkey);
  if (!v) return null;
  const noms = new Map<string, [number, bigint][]>();
  for (const p of state.positions.values()) {
    if (p.hotkey !== hotkey || p.alpha === 0n) continue;
    let l = noms.get(p.coldkey);
    if (!l) noms.set(p.coldkey, (l = []));
    l.push([p.netuid, p.alpha]);
  }
  return {
    delegateSs58: v.hotkey, take: v.take, nominators: [...noms.entries()], ownerSs58: v.owner,
    registrations: v.registrations, validatorPermits: v.registrations, returnPer1000: 0, totalDailyReturn: 0,
  };
}

function simResult(kind: 'tao' | 'alpha', s: SubnetState | undefined, amount: bigint) {
  if (!s) return { taoAmount: 0, alphaAmount: 0, taoFee: 0, alphaFee: 0, taoSlippage: 0, alphaSlippage: 0 };
  if (kind === 'tao') {
    const r = swapTaoForAlpha(poolOf(s), amount);
    return { taoAmount: amount, alphaAmount: r.amountOut, taoFee: r.fee, alphaFee: 0, taoSlippage: 0, alphaSlippage: r.slippage };
  }
  const r = swapAlphaForTao(poolOf(s), amount);
  return { taoAmount: r.amountOut, alphaAmount: amount, taoFee: 0, alphaFee: r.fee, taoSlippage: r.slippage, alphaSlippage: 0 };
}

type Args = [Codec, Codec, Codec, Codec, Codec];
type Handler = (args: Args, c: ApiContext) => unknown;
const str = (c: Codec) => u8aToHex(c.toU8a());
const n = (c: Codec) => Number((c as unknown as { toBigInt(): bigint }).toBigInt());
const b = (c: Codec) => (c as unknown as { toBigInt(): bigint }).toBigInt();

const handlers: Record<string, Handler> = {
  SubnetInfoRuntimeApi_get_all_dynamic_info: (_a, c) => {
    const max = Math.max(...c.state.subnets.keys());
    return Array.from({ length: max + 1 }, (_, i) => { const s = c.state.subnets.get(i); return s ? dynamicInfo(s, c.blockNumber) : null; });
  },
  SubnetInfoRuntimeApi_get_dynamic_info: ([netuid], c) => { const s = c.state.subnets.get(n(netuid)); return s ? dynamicInfo(s, c.blockNumber) : null; },
  SwapRuntimeApi_current_alpha_price: ([netuid], c) => { const s = c.state.subnets.get(n(netuid)); return s ? priceOf(s) : 0n; },
  SwapRuntimeApi_current_alpha_price_all: (_a, c) => [...c.state.subnets.values()].map((s) => ({ netuid: s.netuid, price: priceOf(s) })),
  SwapRuntimeApi_sim_swap_tao_for_alpha: ([netuid, tao], c) => simResult('tao', c.state.subnets.get(n(netuid)), b(tao)),
  SwapRuntimeApi_sim_swap_alpha_for_tao: ([netuid, alpha], c) => simResult('alpha', c.state.subnets.get(n(netuid)), b(alpha)),
  StakeInfoRuntimeApi_get_stake_info_for_coldkey: ([ck], c) => stakeInfos(c.state, str(ck)),
  StakeInfoRuntimeApi_get_stake_info_for_coldkeys: ([cks], c) => (cks as unknown as Codec[]).map((ck) => [str(ck), stakeInfos(c.state, str(ck))]),
  StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid: ([hk, ck, netuid], c) =>
    stakeInfos(c.state, str(ck)).find((p) => p.hotkey === str(hk) && p.netuid === n(netuid)) ?? null,
  StakeInfoRuntimeApi_get_stake_availability_for_coldkeys: ([cks, netuids], c) => {
    const filter = (netuids as unknown as { isSome: boolean; unwrap(): Codec[] }).isSome ? new Set((netuids as unknown as { unwrap(): Codec[] }).unwrap().map(n)) : null;
    const out = new Map<string, Map<number, { total: bigint; locked: bigint; available: bigint }>>();
    for (const ckc of cks as unknown as Codec[]) {
      const ck = str(ckc);
      const per = new Map<number, { total: bigint; locked: bigint; available: bigint }>();
      for (const p of c.state.positions.values()) {
        if (p.coldkey !== ck || p.alpha === 0n || (filter && !filter.has(p.netuid))) continue;
        const e = per.get(p.netuid) ?? { total: 0n, locked: 0n, available: 0n };
        e.total += p.alpha; e.locked += p.locked; e.available += p.alpha - p.locked;
        per.set(p.netuid, e);
      }
      out.set(ck, per);
    }
    return out;
  },
  StakeInfoRuntimeApi_get_stake_fee: ([origin, , destination, , amount], c) => {
    const o = origin as unknown as { isSome: boolean; unwrap(): Codec[] };
    const d = destination as unknown as { isSome: boolean; unwrap(): Codec[] };
    const amt = b(amount);
    if (!o.isSome && d.isSome) { const s = c.state.subnets.get(n(d.unwrap()[1]!)); return s ? feeOf(poolOf(s), amt) : 0n; }
    if (o.isSome) {
      const s = c.state.subnets.get(n(o.unwrap()[1]!));
      if (!s) return 0n;
      // alpha fee expressed in TAO at the spot price
      return (feeOf(poolOf(s), amt) * spotPrice(poolOf(s))) / RAO;
    }
    return 0n;
  },
  DelegateInfoRuntimeApi_get_delegates: (_a, c) => [...c.state.validators.keys()].map((hk) => delegateInfo(c.state, hk)),
  DelegateInfoRuntimeApi_get_delegate: ([hk], c) => delegateInfo(c.state, str(hk)),
  AccountNonceApi_account_nonce: ([who], c) => c.nonceOf ? c.nonceOf(str(who)) : (c.state.accounts.get(str(who))?.nonce ?? 0),
  TransactionPaymentApi_query_info: ([uxt], c) => queryInfo(uxt, c),
  TransactionPaymentApi_query_fee_details: ([uxt]) => {
    const len = (uxt as unknown as { length: number }).length ?? uxt.toU8a(true).length;
    return { inclusionFee: { baseFee: BASE_FEE, lenFee: BYTE_FEE * BigInt(len), adjustedWeightFee: 0 }, tip: 0 };
  },
  TransactionPaymentApi_query_length_to_fee: ([len]) => BYTE_FEE * b(len),
  Metadata_metadata_versions: () => [14, 15, 16],
};

function queryInfo(uxt: Codec, _c: ApiContext) {
  // `uxt` is the opaque extrinsic; its length is that of the full (length-prefixed) encoding
  const raw = uxt.toU8a(true);
  const len = compactToU8a(raw.length).length + raw.length;
  return { weight: { refTime: txWeight(len), proofSize: 0 }, class: 'Normal', partialFee: txFee(len) };
}

const derived = new WeakMap<ChainTypes, Map<number, Uint8Array>>();
export function metadataAtVersion(t: ChainTypes, v: 14 | 15 | 16): Uint8Array {
  let m = derived.get(t);
  if (!m) derived.set(t, (m = new Map()));
  let b = m.get(v);
  if (!b) m.set(v, (b = metadataBytesAtVersion(hexToU8a(t.metadataHex), v)));
  return b;
}

export function callRuntimeApi(t: ChainTypes, name: string, argsHex: string, c: ApiContext): string {
  if (name === 'Metadata_metadata_at_version') {
    const v = t.registry.createType('u32', hexToU8a(argsHex)).toNumber();
    if (v !== 14 && v !== 15 && v !== 16) return '0x00';
    // older versions are derived from the V16 bytes (same lookup and pallets) for older clients
    const m = metadataAtVersion(t, v as 14 | 15 | 16);
    return u8aToHex(u8aConcat(new Uint8Array([1]), compactToU8a(m.length), m));
  }
  if (name === 'Metadata_metadata') {
    // Like state_getMetadata: a real runtime answers with V14.
    const m = metadataAtVersion(t, 14);
    return u8aToHex(u8aConcat(compactToU8a(m.length), m));
  }
  if (name === 'Core_version') {
    return u8aToHex(t.registry.createType(t.apiMethods.get('Core_version')!.output, { ...t.runtimeVersion, apis: t.runtimeVersion.apis }).toU8a());
  }
  const m = t.apiMethods.get(name);
  const h = handlers[name];
  if (!m || !h) throw new RpcError(4003, `Client error: Execution failed: Other("Exported method ${name} is not found")`);
  const input = hexToU8a(argsHex);
  let o = 0;
  const args: Codec[] = [];
  for (const i of m.inputs) {
    const v = t.registry.createType(i.type, input.subarray(o)) as Codec;
    o += v.encodedLength;
    args.push(v);
  }
  if (o !== input.length) throw new RpcError(4003, `Client error: Execution failed: could not decode arguments of ${name}`);
  return u8aToHex(t.registry.createType(m.output, h(args as unknown as Args, c)).toU8a());
}
