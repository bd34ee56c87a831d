/**
 * From what the user asked for (an intent with the amount as typed) and the chain facts, the exact
 * price-protected call to sign — or a plain-language refusal. Pure: no chain access, no floats.
 *
 * Calls used: add_stake_limit, remove_stake_limit, remove_stake_full_limit, swap_stake_limit,
 * move_stake, and utility.batch_all of add_stake_limit legs. Never `unstake_all_alpha` (it re-stakes
 * on root) nor `transfer_stake` (it gives the stake away), nor the unprotected add_stake/remove_stake.
 */
import {
  RAO_PER_TAO,
  alphaToTao,
  formatExact,
  parseAmount,
  stakeLimitPrice,
  unstakeLimitPrice,
} from '../units/amount';

export type StakeAction = 'stake' | 'unstake' | 'unstake-all' | 'move' | 'change-validator';

export interface StakeIntent {
  action: StakeAction;
  /** The signer (ss58). */
  coldkey: string;
  /** Validator hotkey (ss58): where the stake is (or goes, for `stake`). */
  hotkey: string;
  netuid: number;
  /** `move`: the subnet the stake goes to (same validator). `change-validator`: optional, defaults to `netuid`. */
  destNetuid?: number;
  /** `change-validator`: the validator the stake goes to. */
  destHotkey?: string;
  /** As typed: TAO for `stake`, alpha of `netuid` otherwise; "max" = the most allowed. Ignored for `unstake-all`. */
  amountText: string;
  /** Tolerance in basis points (50 = 0.5 %). */
  slippageBps: number;
}

export interface ChainFacts {
  /** Spot price of `netuid`, rao per 1 alpha (root: 1e9). */
  priceRao: bigint;
  /** Spot price of the destination subnet (`move`, and `change-validator` across subnets). */
  destPriceRao?: bigint;
  /** Free (spendable) TAO of the coldkey, rao. */
  freeRao: bigint;
  /** The coldkey's alpha with `hotkey` on `netuid`. */
  positionAlpha: bigint;
  /** Of which can be unstaked (not locked); defaults to `positionAlpha`. */
  availableAlpha?: bigint;
  /** `DefaultMinStake`: 2,000,000 rao unless the node says otherwise. */
  minStakeRao?: bigint;
  /** Estimated transaction fee, rao of TAO. */
  feeRao: bigint;
  /** Balances existential deposit, rao. */
  existentialDeposit: bigint;
}

export type CallArg = string | number | bigint | boolean | null;

export type SubtensorMethod = 'addStakeLimit' | 'removeStakeLimit' | 'removeStakeFullLimit' | 'swapStakeLimit' | 'moveStake';

export type PlannedCall =
  | { pallet: 'subtensorModule'; method: SubtensorMethod; args: CallArg[] }
  | { pallet: 'utility'; method: 'batchAll'; args: [PlannedCall[]] };

export interface PlanOk {
  ok: true;
  call: PlannedCall;
  /** The exact call, for the user to read before signing. */
  describe: string;
  /** What goes in: rao of TAO for stake, alpha otherwise (the whole position for unstake-all). */
  amount: bigint;
  /** `limit_price` of the call (null for move_stake, which takes none). */
  limitPrice: bigint | null;
  /** Unit of `amount`. */
  unit: 'tao' | 'alpha';
}
export type Plan = PlanOk | { ok: false; error: string };

export const DEFAULT_MIN_STAKE_RAO = 2_000_000n;
export const MAX_SLIPPAGE_BPS = 5_000;

const fail = (error: string): Plan => ({ ok: false, error });

/** `1.000000000 τ` — every decimal shown, so what is signed is what is read. */
export function describeTao(rao: bigint): string {
  return `${fixed9(rao)} τ`;
}
/** `12.500000000 α` of a subnet: `α1`. */
export function describeAlpha(alpha: bigint, netuid: number): string {
  return `${fixed9(alpha)} α${netuid}`;
}
function fixed9(v: bigint): string {
  const s = formatExact(v);
  const [i, f = ''] = s.split('.');
  return `${i}.${f.padEnd(9, '0')}`;
}
/** Limit price (rao per alpha) as TAO per alpha, exact: `0.021105 τ/α`. */
export function describePrice(rao: bigint): string {
  return `${formatExact(rao)} τ/α`;
}

function isMax(text: string): boolean {
  return text.trim().toLowerCase() === 'max';
}

function checkCommon(intent: StakeIntent): string | null {
  if (!Number.isInteger(intent.slippageBps) || intent.slippageBps < 0 || intent.slippageBps > MAX_SLIPPAGE_BPS) {
    return `the slippage tolerance must be a whole number of basis points from 0 to ${MAX_SLIPPAGE_BPS} (50 %)`;
  }
  if (!intent.hotkey) return 'choose a validator';
  if (!Number.isInteger(intent.netuid) || intent.netuid < 0 || intent.netuid > 65535) return 'choose a subnet';
  return null;
}

/** Most TAO a stake can put in: free − fee − existential deposit (never negative). */
export function maxStakeRao(facts: Pick<ChainFacts, 'freeRao' | 'feeRao' | 'existentialDeposit'>): bigint {
  const m = facts.freeRao - facts.feeRao - facts.existentialDeposit;
  return m > 0n ? m : 0n;
}

function minStake(facts: ChainFacts): bigint {
  return facts.minStakeRao ?? DEFAULT_MIN_STAKE_RAO;
}

function feeCheck(facts: ChainFacts): string | null {
  if (facts.freeRao < facts.feeRao) {
    return `your free balance (${describeTao(facts.freeRao)}) does not cover the network fee of about ${describeTao(facts.feeRao)}`;
  }
  return null;
}

/** Parse an alpha amount ("max" = everything available) and check it against the position. */
function alphaAmount(intent: StakeIntent, facts: ChainFacts): { ok: true; value: bigint } | { ok: false; error: string } {
  const available = facts.availableAlpha ?? facts.positionAlpha;
  if (facts.positionAlpha <= 0n) return { ok: false, error: `you have no stake with this validator on subnet ${intent.netuid}` };
  let value: bigint;
  if (isMax(intent.amountText)) {
    value = available;
    if (value <= 0n) return { ok: false, error: 'all of this stake is locked: none of it can be moved or unstaked now' };
  } else {
    const parsed = parseAmount(intent.amountText, 9, 'alpha');
    if (!parsed.ok) return parsed;
    value = parsed.value;
  }
  if (value === 0n) return { ok: false, error: 'the amount must be more than zero' };
  if (value > facts.positionAlpha) {
    return { ok: false, error: `you have only ${describeAlpha(facts.positionAlpha, intent.netuid)} with this validator on subnet ${intent.netuid}` };
  }
  if (value > available) {
    return { ok: false, error: `only ${describeAlpha(available, intent.netuid)} of this stake is unlocked; the rest cannot be moved yet` };
  }
  return { ok: true, value };
}

export function planStake(intent: StakeIntent, facts: ChainFacts): Plan {
  const common = checkCommon(intent);
  if (common) return fail(common);
  if (facts.priceRao <= 0n) return fail(`subnet ${intent.netuid} has no price right now: it cannot be traded`);
  switch (intent.action) {
    case 'stake':
      return planAdd(intent, facts);
    case 'unstake':
      return planRemove(intent, facts);
    case 'unstake-all':
      return planRemoveAll(intent, facts);
    case 'move':
      return planSwap(intent, facts);
    case 'change-validator':
      return planMove(intent, facts);
    default:
      return fail('unknown action');
  }
}

function planAdd(intent: StakeIntent, facts: ChainFacts): Plan {
  const max = maxStakeRao(facts);
  let amount: bigint;
  if (isMax(intent.amountText)) {
    amount = max;
  } else {
    const parsed = parseAmount(intent.amountText);
    if (!parsed.ok) return fail(parsed.error);
    amount = parsed.value;
  }
  const min = minStake(facts);
  if (amount === 0n && isMax(intent.amountText)) {
    return fail(`your free balance (${describeTao(facts.freeRao)}) does not cover the network fee and the ${describeTao(facts.existentialDeposit)} the account must keep`);
  }
  if (amount < min) return fail(`the minimum stake is ${describeTao(min)}`);
  if (amount > max) {
    return fail(
      `that is more than you can stake: ${describeTao(facts.freeRao)} free, less about ${describeTao(facts.feeRao)} network fee and the ${describeTao(facts.existentialDeposit)} the account must keep, leaves at most ${describeTao(max)}`,
    );
  }
  const limit = stakeLimitPrice(facts.priceRao, intent.slippageBps);
  return {
    ok: true,
    call: { pallet: 'subtensorModule', method: 'addStakeLimit', args: [intent.hotkey, intent.netuid, amount, limit, false] },
    describe: `subtensorModule.addStakeLimit(${intent.hotkey}, ${intent.netuid}, ${describeTao(amount)}, limit ${describePrice(limit)}, allow_partial=false)`,
    amount,
    limitPrice: limit,
    unit: 'tao',
  };
}

function planRemove(intent: StakeIntent, facts: ChainFacts): Plan {
  const a = alphaAmount(intent, facts);
  if (!a.ok) return fail(a.error);
  const fee = feeCheck(facts);
  if (fee) return fail(fee);
  const min = minStake(facts);
  if (alphaToTao(a.value, facts.priceRao) < min) {
    return fail(`that is worth less than the minimum of ${describeTao(min)} the chain accepts for an unstake`);
  }
  const limit = unstakeLimitPrice(facts.priceRao, intent.slippageBps);
  return {
    ok: true,
    call: { pallet: 'subtensorModule', method: 'removeStakeLimit', args: [intent.hotkey, intent.netuid, a.value, limit, false] },
    describe: `subtensorModule.removeStakeLimit(${intent.hotkey}, ${intent.netuid}, ${describeAlpha(a.value, intent.netuid)}, limit ${describePrice(limit)}, allow_partial=false)`,
    amount: a.value,
    limitPrice: limit,
    unit: 'alpha',
  };
}

function planRemoveAll(intent: StakeIntent, facts: ChainFacts): Plan {
  if (facts.positionAlpha <= 0n) return fail(`you have no stake with this validator on subnet ${intent.netuid}`);
  const available = facts.availableAlpha ?? facts.positionAlpha;
  if (available < facts.positionAlpha) {
    return fail(`only ${describeAlpha(available, intent.netuid)} of this stake is unlocked: unstake that amount instead of everything`);
  }
  const fee = feeCheck(facts);
  if (fee) return fail(fee);
  const min = minStake(facts);
  if (alphaToTao(facts.positionAlpha, facts.priceRao) < min) {
    return fail(`this position is worth less than the minimum of ${describeTao(min)} the chain accepts for an unstake`);
  }
  const limit = unstakeLimitPrice(facts.priceRao, intent.slippageBps);
  return {
    ok: true,
    call: { pallet: 'subtensorModule', method: 'removeStakeFullLimit', args: [intent.hotkey, intent.netuid, limit] },
    describe: `subtensorModule.removeStakeFullLimit(${intent.hotkey}, ${intent.netuid}, limit ${describePrice(limit)})`,
    amount: facts.positionAlpha,
    limitPrice: limit,
    unit: 'alpha',
  };
}

/**
 * swap_stake_limit's limit: origin price / destination price × 1e9 (rao), lowered by the tolerance
 * (the ratio may only fall so far while the origin alpha is sold and the destination's bought).
 */
export function swapLimitPrice(originPriceRao: bigint, destPriceRao: bigint, toleranceBps: number): bigint {
  if (destPriceRao <= 0n) throw new RangeError('the destination subnet has no price');
  return unstakeLimitPrice((originPriceRao * RAO_PER_TAO) / destPriceRao, toleranceBps);
}

function planSwap(intent: StakeIntent, facts: ChainFacts): Plan {
  const dest = intent.destNetuid;
  if (dest === undefined || !Number.isInteger(dest) || dest < 0) return fail('choose the subnet to move the stake to');
  if (dest === intent.netuid) return fail('the stake is already on that subnet: choose a different one');
  if (!facts.destPriceRao || facts.destPriceRao <= 0n) return fail(`subnet ${dest} has no price right now: it cannot be traded`);
  const a = alphaAmount(intent, facts);
  if (!a.ok) return fail(a.error);
  const fee = feeCheck(facts);
  if (fee) return fail(fee);
  const min = minStake(facts);
  if (alphaToTao(a.value, facts.priceRao) < min) return fail(`that is worth less than the minimum of ${describeTao(min)} the chain accepts`);
  const limit = swapLimitPrice(facts.priceRao, facts.destPriceRao, intent.slippageBps);
  return {
    ok: true,
    call: { pallet: 'subtensorModule', method: 'swapStakeLimit', args: [intent.hotkey, intent.netuid, dest, a.value, limit, false] },
    describe: `subtensorModule.swapStakeLimit(${intent.hotkey}, ${intent.netuid} → ${dest}, ${describeAlpha(a.value, intent.netuid)}, limit ${formatExact(limit)} α${dest}/α${intent.netuid}, allow_partial=false)`,
    amount: a.value,
    limitPrice: limit,
    unit: 'alpha',
  };
}

function planMove(intent: StakeIntent, facts: ChainFacts): Plan {
  const destHotkey = intent.destHotkey;
  if (!destHotkey) return fail('choose the validator to move the stake to');
  const dest = intent.destNetuid ?? intent.netuid;
  if (destHotkey === intent.hotkey && dest === intent.netuid) return fail('the stake is already with that validator: choose a different one');
  const a = alphaAmount(intent, facts);
  if (!a.ok) return fail(a.error);
  const fee = feeCheck(facts);
  if (fee) return fail(fee);
  const min = minStake(facts);
  if (alphaToTao(a.value, facts.priceRao) < min) return fail(`that is worth less than the minimum of ${describeTao(min)} the chain accepts`);
  return {
    ok: true,
    call: { pallet: 'subtensorModule', method: 'moveStake', args: [intent.hotkey, destHotkey, intent.netuid, dest, a.value] },
    describe: `subtensorModule.moveStake(${intent.hotkey} → ${destHotkey}, ${intent.netuid} → ${dest}, ${describeAlpha(a.value, intent.netuid)})${dest !== intent.netuid ? ' — no price limit: this call takes none' : ''}`,
    amount: a.value,
    limitPrice: null,
    unit: 'alpha',
  };
}

// ---- batches: one total split over several add_stake_limit legs ----

/**
 * Split `total` by weights into bigint amounts that sum exactly to `total`: each leg gets
 * floor(total × w / Σw), the remainder goes to the last leg. Weights are non-negative integers
 * (bps, percent, any scale) and must not all be zero.
 */
export function splitByWeights(total: bigint, weights: readonly (number | bigint)[]): bigint[] {
  if (weights.length === 0) throw new RangeError('no legs');
  if (total < 0n) throw new RangeError('total must not be negative');
  const w = weights.map((x) => {
    if (typeof x === 'number' && !Number.isInteger(x)) throw new RangeError(`weights must be whole numbers, got ${x}`);
    const b = BigInt(x);
    if (b < 0n) throw new RangeError('weights must not be negative');
    return b;
  });
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('weights must not all be zero');
  const out = w.map((x) => (total * x) / sum);
  const assigned = out.reduce((a, b) => a + b, 0n);
  out[out.length - 1] = (out[out.length - 1] ?? 0n) + (total - assigned);
  return out;
}

export interface BatchLeg {
  hotkey: string;
  netuid: number;
  /** Relative weight (whole number). */
  weight: number | bigint;
  /** Spot price of the leg's subnet, rao per alpha. */
  priceRao: bigint;
}

export interface BatchIntent {
  coldkey: string;
  /** Total TAO as typed ("max" = free − fee − existential deposit). */
  amountText: string;
  slippageBps: number;
  legs: BatchLeg[];
}

export interface BatchPlanOk extends PlanOk {
  legs: { hotkey: string; netuid: number; amount: bigint; limitPrice: bigint }[];
}

export function planBatchStake(intent: BatchIntent, facts: Pick<ChainFacts, 'freeRao' | 'feeRao' | 'existentialDeposit' | 'minStakeRao'>): BatchPlanOk | { ok: false; error: string } {
  if (intent.legs.length === 0) return { ok: false, error: 'choose at least one subnet' };
  if (!Number.isInteger(intent.slippageBps) || intent.slippageBps < 0 || intent.slippageBps > MAX_SLIPPAGE_BPS) {
    return { ok: false, error: `the slippage tolerance must be a whole number of basis points from 0 to ${MAX_SLIPPAGE_BPS} (50 %)` };
  }
  const seen = new Set<string>();
  for (const leg of intent.legs) {
    const key = `${leg.hotkey}/${leg.netuid}`;
    if (seen.has(key)) return { ok: false, error: `subnet ${leg.netuid} with the same validator appears twice: merge those legs` };
    seen.add(key);
    if (leg.priceRao <= 0n) return { ok: false, error: `subnet ${leg.netuid} has no price right now: it cannot be traded` };
  }
  const max = maxStakeRao(facts);
  let total: bigint;
  if (isMax(intent.amountText)) total = max;
  else {
    const parsed = parseAmount(intent.amountText);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    total = parsed.value;
  }
  if (total > max) {
    return {
      ok: false,
      error: `that is more than you can stake: ${describeTao(facts.freeRao)} free, less about ${describeTao(facts.feeRao)} network fee and the ${describeTao(facts.existentialDeposit)} the account must keep, leaves at most ${describeTao(max)}`,
    };
  }
  let amounts: bigint[];
  try {
    amounts = splitByWeights(total, intent.legs.map((l) => l.weight));
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const min = facts.minStakeRao ?? DEFAULT_MIN_STAKE_RAO;
  const legs = intent.legs.map((l, i) => ({ hotkey: l.hotkey, netuid: l.netuid, amount: amounts[i] ?? 0n, limitPrice: stakeLimitPrice(l.priceRao, intent.slippageBps) }));
  const small = legs.find((l) => l.amount < min);
  if (small) return { ok: false, error: `the share for subnet ${small.netuid} (${describeTao(small.amount)}) is below the minimum stake of ${describeTao(min)}` };
  const inner: PlannedCall[] = legs.map((l) => ({ pallet: 'subtensorModule', method: 'addStakeLimit', args: [l.hotkey, l.netuid, l.amount, l.limitPrice, false] }));
  const innerText = legs.map(
    (l) => `subtensorModule.addStakeLimit(${l.hotkey}, ${l.netuid}, ${describeTao(l.amount)}, limit ${describePrice(l.limitPrice)}, allow_partial=false)`,
  );
  return {
    ok: true,
    call: { pallet: 'utility', method: 'batchAll', args: [inner] },
    describe: `utility.batchAll([\n  ${innerText.join(',\n  ')}\n])`,
    amount: total,
    limitPrice: null,
    unit: 'tao',
    legs,
  };
}
