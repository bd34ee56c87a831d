/**
 * What a staking order may ask for: the amount as typed, the balance, the minimum, the position and its
 * locked part. The panel runs these to explain and disable Confirm; the background service runs them
 * again before it builds anything (a panel is never trusted). Pure, bigint only.
 */
import { alphaToTao, formatAmount, parseAmount, stakeUnit, TAO_DECIMALS, type ParseAmountResult } from '../units/amount';
import type { StakeOrder } from './types';

/** The chain's `DefaultMinStake`: a stake (after the swap fee) or an unstake's TAO must reach it. */
export const MIN_STAKE_RAO = 2_000_000n;
export const MAX_SLIPPAGE_BPS = 5_000;
/** Price protection when the user has not chosen one (settings): 0.5 %. */
export const DEFAULT_SLIPPAGE_BPS = 50;

// Any decimal digit outside 0-9 (Arabic-Indic, fullwidth, Devanagari…): the chain's numbers are ASCII.
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/u;

const tao = (v: bigint) => formatAmount(v, { unit: 'TAO', maxFractionDigits: 9 });
const alpha = (v: bigint, netuid: number) => formatAmount(v, { unit: stakeUnit(netuid), maxFractionDigits: 9 });

/** A typed amount in rao (9 decimals) through the project's one parser, plus the refusals staking adds. */
export function parseOrderAmount(text: string, unitLabel: string): ParseAmountResult {
  if (NON_ASCII_DIGIT.test(text)) return { ok: false, error: 'write the amount with the digits 0–9' };
  const parsed = parseAmount(text, TAO_DECIMALS, unitLabel);
  if (parsed.ok && parsed.value === 0n) return { ok: false, error: 'the amount must be more than zero' };
  return parsed;
}

/** Most TAO a stake can put in: the free balance less the network fee and the existential deposit. */
export function maxStakeable(freeRao: bigint, networkFee: bigint, existentialDeposit: bigint): bigint {
  const max = freeRao - networkFee - existentialDeposit;
  return max > 0n ? max : 0n;
}

export interface OrderFacts {
  /** Spendable TAO (free less frozen). */
  freeRao: bigint;
  existentialDeposit: bigint;
  /** Fee of the exact call; null before a quote (the balance is then checked without it). */
  networkFee: bigint | null;
  /** The stake the order takes from (not for `stake`): alpha with that validator on that subnet, and its unlocked part. */
  position: { alpha: bigint; available: bigint } | null;
  /** Spot price of the origin subnet (rao per alpha), to value alpha against the minimum; null if not known yet. */
  spotPrice: bigint | null;
  /** Swap fee per leg, in the leg's input unit, once quoted (the minimum counts after it). */
  swapFees?: readonly bigint[];
}

/** The first reason the order cannot go, in plain language, or null when it may. */
export function checkOrder(order: StakeOrder, facts: OrderFacts): string | null {
  if (!Number.isInteger(order.slippageBps) || order.slippageBps < 0 || order.slippageBps > MAX_SLIPPAGE_BPS) {
    return 'the slippage tolerance must be between 0 and 50 %';
  }
  if (order.legs.length === 0) return 'choose a subnet and an amount';
  if (order.legs.length > 1 && order.action !== 'stake') return 'only stakes can go to several subnets at once';
  const fee = facts.networkFee ?? 0n;
  if (order.action === 'stake') return checkStake(order, facts, fee);

  const leg = order.legs[0]!;
  if (order.action === 'move' && order.destNetuid === leg.netuid) return 'the stake is already on that subnet: choose a different one';
  if (order.action === 'change-validator' && order.destHotkey === leg.hotkey) return 'the stake is already with that validator: choose a different one';
  const held = facts.position?.alpha ?? 0n;
  const available = facts.position?.available ?? 0n;
  if (held <= 0n) return `you have no stake with this validator on SN${leg.netuid}`;
  const amount = order.action === 'unstake-all' ? held : leg.amount;
  if (amount <= 0n) return 'the amount must be more than zero';
  if (amount > held) return `you have only ${alpha(held, leg.netuid)} with this validator on SN${leg.netuid}`;
  if (amount > available) {
    if (available === 0n) return 'all of this stake is locked: none of it can be unstaked or moved yet';
    return order.action === 'unstake-all'
      ? `only ${alpha(available, leg.netuid)} of this stake is unlocked: unstake that amount instead of everything`
      : `only ${alpha(available, leg.netuid)} of this stake is unlocked; the rest cannot be unstaked or moved yet`;
  }
  // A swap happens for everything but a change of validator; what it yields must reach the minimum.
  if (order.action !== 'change-validator' && facts.spotPrice !== null) {
    const afterFee = amount - (facts.swapFees?.[0] ?? 0n);
    if (alphaToTao(afterFee > 0n ? afterFee : 0n, facts.spotPrice) < MIN_STAKE_RAO) {
      return `that is worth less than the chain's minimum of ${tao(MIN_STAKE_RAO)}${facts.swapFees ? ' after the swap fee' : ''}`;
    }
  }
  if (facts.freeRao < fee) return `your free TAO (${tao(facts.freeRao)}) does not cover the network fee of ${tao(fee)}`;
  return null;
}

function checkStake(order: StakeOrder, facts: OrderFacts, fee: bigint): string | null {
  const seen = new Set<string>();
  for (const [i, leg] of order.legs.entries()) {
    const key = `${leg.netuid}/${leg.hotkey}`;
    if (seen.has(key)) return `SN${leg.netuid} with the same validator appears twice: merge those`;
    seen.add(key);
    const where = order.legs.length > 1 ? `the share for SN${leg.netuid} (${tao(leg.amount)})` : 'the amount';
    if (leg.amount <= 0n) return `${where} must be more than zero`;
    if (leg.amount < MIN_STAKE_RAO) return `${where} is below the chain's minimum stake of ${tao(MIN_STAKE_RAO)}`;
    const swapFee = facts.swapFees?.[i] ?? 0n;
    if (leg.amount - swapFee < MIN_STAKE_RAO) {
      return `${where} less the swap fee of ${tao(swapFee)} is below the chain's minimum stake of ${tao(MIN_STAKE_RAO)}`;
    }
  }
  const total = order.legs.reduce((s, l) => s + l.amount, 0n);
  const max = maxStakeable(facts.freeRao, fee, facts.existentialDeposit);
  if (max === 0n) {
    return `your free balance (${tao(facts.freeRao)}) does not cover the network fee and the ${tao(facts.existentialDeposit)} the account must keep`;
  }
  if (total > max) {
    const feeText = facts.networkFee === null ? '' : `, less the ${tao(fee)} network fee`;
    return `that is more than you can stake: ${tao(facts.freeRao)} free${feeText} and the ${tao(facts.existentialDeposit)} the account must keep leaves at most ${tao(max)}`;
  }
  return null;
}
