/**
 * Quotes from the node's own swap simulations (SwapRuntimeApi_sim_swap_tao_for_alpha /
 * sim_swap_alpha_for_tao), never from reserve arithmetic, and the network fee from the node's
 * payment info for the exact call. All bigint.
 */
import type { ApiPromise } from '@polkadot/api';
import { RUNTIME_API } from '../chain/runtime-api-names';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import { BPS_PER_WHOLE, RAO_PER_TAO, applyBps, stakeLimitPrice, unstakeLimitPrice } from '../units/amount';
import type { PlannedCall } from './plan';
import { toExtrinsic } from './transaction';

export const SIM_BUY = RUNTIME_API.simBuy;
export const SIM_SELL = RUNTIME_API.simSell;
export const SPOT = RUNTIME_API.alphaPrice;
export const IMPACT_WARN_BPS = 200;
export const IMPACT_DANGER_BPS = 500;

interface BigLike {
  toBigInt(): bigint;
}
/** The part of RuntimeApis (lib/chain/runtime-call.ts) a quote needs. */
export interface RuntimeApisLike {
  has(name: string): boolean;
  call<T extends Codec = Codec>(name: string, args: unknown[], at?: string): Promise<T>;
}
export interface QuoteSession {
  reader: { apis: RuntimeApisLike };
}

export interface SimQuote {
  netuid: number;
  /** buy = TAO → alpha (stake); sell = alpha → TAO (unstake). */
  direction: 'buy' | 'sell';
  amountIn: bigint;
  /** Alpha received (buy) or TAO received (sell). */
  amountOut: bigint;
  /** Swap fee, in the input unit. */
  swapFee: bigint;
  /** Spot price before the trade, rao per 1 alpha. */
  spotPrice: bigint;
  /** Average price of the fill, fee excluded, rao per 1 alpha (0 when nothing comes out). */
  effectivePrice: bigint;
  /** How much worse than spot the fill is, in basis points (≥ 0), fee excluded. */
  impactBps: number;
  /** The least that comes out under the tolerance. */
  minReceived: bigint;
  /** `limit_price` the call should carry at this tolerance. */
  limitPrice: bigint;
  warnings: string[];
}

export interface SimQuoteRequest {
  direction: 'buy' | 'sell';
  netuid: number;
  amount: bigint;
  slippageBps: number;
  /** Block hash to simulate at (default best). */
  at?: string;
}

export function impactWarnings(impactBps: number, netuid: number): string[] {
  const pct = `${Math.floor(impactBps / 100)}.${String(impactBps % 100).padStart(2, '0')} %`;
  if (impactBps >= IMPACT_DANGER_BPS) return [`Price impact on subnet ${netuid} is ${pct}: very high for this pool. Consider a smaller amount or splitting it over time.`];
  if (impactBps >= IMPACT_WARN_BPS) return [`Price impact on subnet ${netuid} is ${pct}: high for this pool.`];
  return [];
}

/** Impact of a fill vs spot: (ideal − actual) / ideal, in bps, floor; 0 when the fill is at or better than spot. */
export function impactBpsOf(ideal: bigint, actual: bigint): number {
  if (ideal <= 0n || actual >= ideal) return 0;
  return Number(((ideal - actual) * BPS_PER_WHOLE) / ideal);
}

export async function simQuote(session: QuoteSession, req: SimQuoteRequest): Promise<SimQuote> {
  const apis = session.reader.apis;
  const name = req.direction === 'buy' ? SIM_BUY : SIM_SELL;
  if (!apis.has(name)) throw new Error(`the node cannot simulate swaps (no ${name}): no quote`);
  if (!apis.has(SPOT)) throw new Error(`the node has no ${SPOT}: no quote`);
  const [sim, spotCodec] = await Promise.all([
    apis.call(name, [req.netuid, req.amount], req.at) as Promise<unknown> as Promise<{ taoAmount: BigLike; alphaAmount: BigLike; taoFee: BigLike; alphaFee: BigLike }>,
    apis.call(SPOT, [req.netuid], req.at) as Promise<unknown> as Promise<BigLike>,
  ]);
  const spot = spotCodec.toBigInt();
  const warnings: string[] = [];
  let out: bigint, fee: bigint, effective: bigint, ideal: bigint, limit: bigint;
  if (req.direction === 'buy') {
    out = sim.alphaAmount.toBigInt();
    fee = sim.taoFee.toBigInt();
    const net = req.amount - fee;
    effective = out > 0n ? (net * RAO_PER_TAO) / out : 0n;
    ideal = spot > 0n ? (net * RAO_PER_TAO) / spot : 0n;
    limit = stakeLimitPrice(spot, req.slippageBps);
  } else {
    out = sim.taoAmount.toBigInt();
    fee = sim.alphaFee.toBigInt();
    const net = req.amount - fee;
    effective = net > 0n ? (out * RAO_PER_TAO) / net : 0n;
    ideal = (net * spot) / RAO_PER_TAO;
    limit = unstakeLimitPrice(spot, req.slippageBps);
  }
  const impact = req.netuid === 0 ? 0 : impactBpsOf(ideal, out);
  warnings.push(...impactWarnings(impact, req.netuid));
  if (req.amount > 0n && out === 0n) warnings.push(`This amount gets nothing back on subnet ${req.netuid}.`);
  if (impact >= req.slippageBps && req.slippageBps > 0 && req.netuid !== 0) {
    warnings.push(`The price impact alone (${impact} bps) is beyond your tolerance (${req.slippageBps} bps): with allow_partial off the chain will refuse this trade.`);
  }
  return {
    netuid: req.netuid,
    direction: req.direction,
    amountIn: req.amount,
    amountOut: out,
    swapFee: fee,
    spotPrice: spot,
    effectivePrice: effective,
    impactBps: impact,
    minReceived: applyBps(out, req.slippageBps, 'down'),
    limitPrice: limit,
    warnings,
  };
}

/** Network (transaction) fee of the exact call for `address`, rao of TAO, from the node's payment info. */
export async function networkFee(api: ApiPromise, address: string, call: PlannedCall | SubmittableExtrinsic<'promise'>): Promise<bigint> {
  const tx = 'pallet' in call ? toExtrinsic(api, call) : call;
  const info = await tx.paymentInfo(address);
  return info.partialFee.toBigInt();
}
