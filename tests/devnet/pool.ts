// Pure bigint pool math for subnet swaps: weighted (balancer) pools for dynamic subnets and the
// stable 1:1 mechanism for root. The runtime APIs' quotes and the applied swaps use these same
// functions, so a quote always equals what a swap would do on the same state.

export const RAO = 1_000_000_000n;
export const PERQUINTILL = 1_000_000_000_000_000_000n; // 1e18 = weight 1.0
export const FEE_DENOM = 65_535n;

export interface Pool {
  /** 0 = stable (root: 1 alpha = 1 TAO, no fee), 1 = dynamic weighted pool */
  mechanism: 0 | 1;
  taoIn: bigint;
  alphaIn: bigint;
  /** quote (TAO) weight as Perquintill; 0.5e18 = constant product */
  quote: bigint;
  /** Swap.FeeRate: fee = amount * feeRate / 65535, taken from the input */
  feeRate: number;
}

export interface SwapResult {
  amountIn: bigint; // gross input including fee
  fee: bigint; // in input units
  amountOut: bigint;
  /** ideal output at the spot price minus the actual output (output units) */
  slippage: bigint;
  taoIn: bigint; // reserves after the swap
  alphaIn: bigint;
}

// ---- fixed-point helpers (scale 1e30: ample headroom for 64-bit reserves) ----
const S = 10n ** 30n;
const LN2 = 693147180559945309417232121458n; // ln(2) * 1e30

function lnFixed(x: bigint): bigint {
  if (x <= 0n) throw new Error('ln of non-positive');
  let k = 0n;
  while (x >= 2n * S) { x /= 2n; k++; }
  while (x < S) { x *= 2n; k--; }
  // ln(x) = 2 atanh(z), z = (x-1)/(x+1) in [0, 1/3)
  const z = ((x - S) * S) / (x + S);
  const z2 = (z * z) / S;
  let term = z;
  let sum = 0n;
  for (let n = 1n; term !== 0n; n += 2n) {
    sum += term / n;
    term = (term * z2) / S;
  }
  return 2n * sum + k * LN2;
}

function expFixed(x: bigint): bigint {
  // exp(x) = 2^k * exp(r), r in [0, ln2)
  let k = x / LN2;
  let r = x - k * LN2;
  if (r < 0n) { r += LN2; k -= 1n; }
  let term = S;
  let sum = S;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * r) / (S * n);
    sum += term;
  }
  return k >= 0n ? sum << k : sum >> -k;
}

/** (num/den)^(eNum/eDen) as a fixed-point number scaled by S; 0 < num/den <= 1 in practice. */
function powRatio(num: bigint, den: bigint, eNum: bigint, eDen: bigint): bigint {
  if (num === den) return S;
  return expFixed((lnFixed((num * S) / den) * eNum) / eDen);
}

// ---- prices ----

/** Spot price in rao per 1 alpha: ((1-q)/q) * tao / alpha. */
export function spotPrice(p: Pool): bigint {
  if (p.mechanism === 0) return RAO;
  if (p.alphaIn === 0n || p.quote === 0n) return 0n;
  return ((PERQUINTILL - p.quote) * p.taoIn * RAO) / (p.quote * p.alphaIn);
}

export function feeOf(p: Pool, amount: bigint): bigint {
  if (p.mechanism === 0) return 0n;
  return (amount * BigInt(p.feeRate)) / FEE_DENOM;
}

/** Buy alpha with `tao` (gross). */
export function swapTaoForAlpha(p: Pool, tao: bigint): SwapResult {
  if (p.mechanism === 0) return { amountIn: tao, fee: 0n, amountOut: tao, slippage: 0n, taoIn: p.taoIn + tao, alphaIn: p.alphaIn };
  const fee = feeOf(p, tao);
  const net = tao - fee;
  // weighted pool: out = A * (1 - (T / (T + net))^(wq / wb)), wq = q, wb = 1 - q
  const powed = powRatio(p.taoIn, p.taoIn + net, p.quote, PERQUINTILL - p.quote);
  let out = (p.alphaIn * (S - powed)) / S;
  if (out < 0n) out = 0n;
  if (out > p.alphaIn) out = p.alphaIn;
  const spot = spotPrice(p);
  const ideal = spot > 0n ? (net * RAO) / spot : 0n;
  // fees stay in the pool as protocol liquidity
  return { amountIn: tao, fee, amountOut: out, slippage: ideal > out ? ideal - out : 0n, taoIn: p.taoIn + tao, alphaIn: p.alphaIn - out };
}

/** Sell `alpha` (gross) for TAO. */
export function swapAlphaForTao(p: Pool, alpha: bigint): SwapResult {
  if (p.mechanism === 0) {
    const out = alpha > p.taoIn ? p.taoIn : alpha;
    return { amountIn: alpha, fee: 0n, amountOut: out, slippage: 0n, taoIn: p.taoIn - out, alphaIn: p.alphaIn };
  }
  const fee = feeOf(p, alpha);
  const net = alpha - fee;
  const powed = powRatio(p.alphaIn, p.alphaIn + net, PERQUINTILL - p.quote, p.quote);
  let out = (p.taoIn * (S - powed)) / S;
  if (out < 0n) out = 0n;
  if (out > p.taoIn) out = p.taoIn;
  const ideal = (net * spotPrice(p)) / RAO;
  return { amountIn: alpha, fee, amountOut: out, slippage: ideal > out ? ideal - out : 0n, taoIn: p.taoIn - out, alphaIn: p.alphaIn + alpha };
}

export function priceAfter(p: Pool, r: SwapResult): bigint {
  return spotPrice({ ...p, taoIn: r.taoIn, alphaIn: r.alphaIn });
}

/**
 * Largest amount <= `max` whose swap keeps the price within `ok`. Monotone in amount, so a
 * binary search over the same swap function gives exactly the fill a limit order gets.
 */
export function maxFill(max: bigint, ok: (amount: bigint) => boolean): bigint {
  if (ok(max)) return max;
  let lo = 0n;
  let hi = max;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (ok(mid)) lo = mid; else hi = mid;
  }
  return lo;
}

/** I96F32 bits of a rao-per-alpha price (value in TAO * 2^32). */
export function priceToI96F32(priceRao: bigint): bigint {
  return (priceRao << 32n) / RAO;
}
