/**
 * Quote math from the node's swap simulations (SwapRuntimeApi_sim_swap_*), all in bigint.
 * The simulation gives what comes out; the pool's reserves give the price after the trade, which is
 * what the chain compares `limit_price` with (add: price after ≤ limit; remove: price after ≥ limit).
 */
import { alphaLabel, applyBps, BPS_PER_WHOLE, RAO_PER_TAO } from '../units/amount';
import type { LegQuote, Unit } from './types';

export interface PoolView {
  netuid: number;
  /** Spot price, rao per 1 alpha. */
  spotPrice: bigint;
  /** Reserves (SubnetTAO, SubnetAlphaIn); zero for root, whose price is fixed. */
  taoReserve: bigint;
  alphaReserve: bigint;
}

/** What a swap simulation returns (field names of the runtime API). */
export interface SimResult {
  taoAmount: bigint;
  alphaAmount: bigint;
  taoFee: bigint;
  alphaFee: bigint;
}

export const IMPACT_WARN_BPS = 200;
export const IMPACT_DANGER_BPS = 500;

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** Price after reserves move by (dTao, dAlpha): the weighted pool's price scales with TAO/alphaIn. */
export function priceAfter(pool: PoolView, dTao: bigint, dAlpha: bigint): bigint {
  if (pool.taoReserve <= 0n || pool.alphaReserve <= 0n) return pool.spotPrice; // root or no pool: fixed price
  const tao = pool.taoReserve + dTao;
  const alpha = pool.alphaReserve + dAlpha;
  if (tao <= 0n || alpha <= 0n) return pool.spotPrice;
  // spot × (tao/T) × (A/alpha), rounded up for buys (dTao > 0) and down for sells: the limit errs toward passing.
  const num = pool.spotPrice * tao * pool.alphaReserve;
  const den = pool.taoReserve * alpha;
  return dTao > 0n ? ceilDiv(num, den) : num / den;
}

function impactBps(ideal: bigint, actual: bigint): number {
  if (ideal <= 0n || actual >= ideal) return 0;
  return Number(((ideal - actual) * BPS_PER_WHOLE) / ideal);
}

/** TAO → alpha (add_stake_limit). `tao` is the amount staked; the fee comes out of it. */
export function stakeLegQuote(pool: PoolView, hotkey: string, tao: bigint, sim: SimResult, slippageBps: number): LegQuote {
  const net = tao - sim.taoFee;
  const alpha = sim.alphaAmount;
  const effective = alpha > 0n ? (net * RAO_PER_TAO) / alpha : 0n;
  const ideal = pool.spotPrice > 0n ? (net * RAO_PER_TAO) / pool.spotPrice : 0n; // alpha at spot, fee excluded
  const post = priceAfter(pool, tao, -alpha);
  return {
    netuid: pool.netuid,
    hotkey,
    amountIn: tao,
    inUnit: 'tao',
    amountOut: alpha,
    outUnit: 'alpha',
    outNetuid: pool.netuid,
    spotPrice: pool.spotPrice,
    effectivePrice: effective,
    impactBps: impactBps(ideal, alpha),
    swapFee: sim.taoFee,
    postPrice: post,
    limitPrice: applyBps(post > pool.spotPrice ? post : pool.spotPrice, slippageBps, 'up'),
    minReceived: applyBps(alpha, slippageBps, 'down'),
  };
}

/** alpha → TAO (remove_stake_limit / remove_stake_full_limit). */
export function unstakeLegQuote(pool: PoolView, hotkey: string, alpha: bigint, sim: SimResult, slippageBps: number): LegQuote {
  const net = alpha - sim.alphaFee;
  const tao = sim.taoAmount;
  const ideal = (net * pool.spotPrice) / RAO_PER_TAO;
  const post = priceAfter(pool, -tao, alpha);
  return {
    netuid: pool.netuid,
    hotkey,
    amountIn: alpha,
    inUnit: 'alpha',
    amountOut: tao,
    outUnit: 'tao',
    outNetuid: pool.netuid,
    spotPrice: pool.spotPrice,
    effectivePrice: net > 0n ? (tao * RAO_PER_TAO) / net : 0n,
    impactBps: impactBps(ideal, tao),
    swapFee: sim.alphaFee,
    postPrice: post,
    limitPrice: unstakeLimit(post < pool.spotPrice ? post : pool.spotPrice, slippageBps),
    minReceived: applyBps(tao, slippageBps, 'down'),
  };
}

function unstakeLimit(price: bigint, bps: number): bigint {
  const p = applyBps(price, bps, 'down');
  return p > 0n ? p : 0n;
}

/**
 * alpha of `origin` → TAO → alpha of `dest` (swap_stake_limit). The limit is the origin/destination
 * price ratio × 1e9 after both trades, lowered by the tolerance.
 */
export function moveLegQuote(
  origin: PoolView,
  dest: PoolView,
  hotkey: string,
  alpha: bigint,
  sell: SimResult,
  buy: SimResult,
  slippageBps: number,
): LegQuote {
  const tao = sell.taoAmount;
  const out = buy.alphaAmount;
  const postO = priceAfter(origin, -tao, alpha);
  const postD = priceAfter(dest, tao, -out);
  const ratio = postD > 0n ? (postO * RAO_PER_TAO) / postD : 0n;
  const spotRatio = dest.spotPrice > 0n ? (origin.spotPrice * RAO_PER_TAO) / dest.spotPrice : 0n;
  const ideal = (alpha * spotRatio) / RAO_PER_TAO;
  return {
    netuid: origin.netuid,
    hotkey,
    amountIn: alpha,
    inUnit: 'alpha',
    amountOut: out,
    outUnit: 'alpha',
    outNetuid: dest.netuid,
    spotPrice: origin.spotPrice,
    effectivePrice: alpha > 0n ? (tao * RAO_PER_TAO) / alpha : 0n,
    impactBps: impactBps(ideal, out),
    swapFee: sell.alphaFee,
    postPrice: postO,
    limitPrice: unstakeLimit(ratio < spotRatio ? ratio : spotRatio, slippageBps),
    minReceived: applyBps(out, slippageBps, 'down'),
  };
}

/** Same subnet, another validator (move_stake): no swap, no price. */
export function changeValidatorLegQuote(pool: PoolView, hotkey: string, alpha: bigint): LegQuote {
  return {
    netuid: pool.netuid,
    hotkey,
    amountIn: alpha,
    inUnit: 'alpha',
    amountOut: alpha,
    outUnit: 'alpha',
    outNetuid: pool.netuid,
    spotPrice: pool.spotPrice,
    effectivePrice: 0n,
    impactBps: 0,
    swapFee: 0n,
    postPrice: pool.spotPrice,
    limitPrice: null,
    minReceived: alpha,
  };
}

/** Plain-language warnings for a set of legs. */
export function quoteWarnings(legs: readonly LegQuote[], unitLabel: (unit: Unit, netuid: number) => string = defaultLabel): string[] {
  const out: string[] = [];
  for (const leg of legs) {
    const pct = (leg.impactBps / 100).toFixed(2);
    if (leg.impactBps >= IMPACT_DANGER_BPS) {
      out.push(`SN${leg.netuid}: price impact ${pct} % — very high; the pool is small for this amount. Consider a smaller amount.`);
    } else if (leg.impactBps >= IMPACT_WARN_BPS) {
      out.push(`SN${leg.netuid}: price impact ${pct} % — high for this pool.`);
    }
    if (leg.amountIn > 0n && leg.amountOut === 0n) out.push(`SN${leg.netuid}: this amount buys nothing (${unitLabel(leg.outUnit, leg.outNetuid)}).`);
  }
  return out;
}

function defaultLabel(unit: Unit, netuid: number): string {
  return unit === 'tao' ? 'TAO' : alphaLabel(netuid);
}
