/**
 * Module errors the chain returns for staking calls, in plain language. Pure.
 * Keys are `section.name` as `api.registry.findMetaError` gives them (section camelCase or not).
 */

export interface ModuleErrorName {
  section: string;
  name: string;
  /** The metadata's doc lines, if any: shown in the fallback. */
  docs?: readonly string[];
}

const SUBTENSOR: Record<string, string> = {
  NotEnoughBalanceToStake: 'Your free TAO balance is too low for this stake (the network fee is paid from it too). Lower the amount.',
  NotEnoughStakeToWithdraw: 'You do not have that much stake with this validator on this subnet. Lower the amount.',
  HotKeyAccountNotExists: 'That validator hotkey is not registered on the chain. Choose another validator.',
  SubnetNotExists: 'That subnet does not exist (it may have been deregistered).',
  AmountTooLow: 'The amount is below the chain minimum of 0.002 τ (plus the swap fee). Raise the amount.',
  InsufficientLiquidity: "The subnet's pool does not have enough liquidity for this trade. Try a smaller amount.",
  // Wording fixed by issue 7.
  SlippageTooHigh: 'The price moved past your limit. Nothing was bought; only the network fee was spent.',
  SubtokenDisabled: 'Trading has not started on this subnet yet: its token cannot be staked or unstaked.',
  StakeUnavailable: 'Part of this stake is locked and cannot be moved or unstaked yet.',
  SameNetuid: 'The origin and destination subnet are the same: choose a different destination.',
  CallDisabled: 'The chain does not accept this call right now.',
  StakingRateLimitExceeded: 'Too many staking operations in a short time. Wait a block or two and try again.',
  ZeroMaxStakeAmount: 'Under your price limit not even a small part of this trade can fill. Check the price and try again.',
};

const SWAP: Record<string, string> = {
  PriceLimitExceeded:
    'The price moved beyond your limit before the transaction ran, so nothing was traded. Only the network fee was charged.',
  InsufficientLiquidity: "The subnet's pool does not have enough liquidity for this trade. Try a smaller amount.",
};

const OTHER: Record<string, string> = {
  'balances.InsufficientBalance': 'Your free balance is too low for this.',
  'balances.Expendability': 'This would take your balance below the minimum the account must keep.',
  'balances.LiquidityRestrictions': 'Part of your balance is locked and cannot be spent.',
  'utility.BatchInterrupted': 'One of the calls in the batch failed, so the batch stopped.',
};

const norm = (s: string) => s.replace(/[_\s]/g, '').toLowerCase();

/** The plain-language message for a module error; unknown ones name `section.name` and the chain's docs. */
export function explainModuleError(err: ModuleErrorName): string {
  const section = norm(err.section);
  if (section === 'subtensormodule') {
    const m = SUBTENSOR[err.name];
    if (m) return m;
  }
  if (section === 'swap') {
    const m = SWAP[err.name];
    if (m) return m;
  }
  for (const [k, v] of Object.entries(OTHER)) {
    const [s, n] = k.split('.');
    if (s === section && n === err.name) return v;
  }
  const docs = (err.docs ?? []).join(' ').trim();
  return `The chain refused the transaction: ${err.section}.${err.name}${docs ? ` (${docs})` : ''}.`;
}

/** Node pool rejections (author_submitExtrinsic errors), in plain language. */
export function explainPoolRejection(message: string): string {
  if (/1010|bad signature|badproof/i.test(message)) return `The node refused the transaction: the signature or its data is invalid (${message}).`;
  if (/outdated|stale|1010.*nonce/i.test(message)) return `The node refused the transaction: it was signed with an old nonce. Sign it again. (${message})`;
  if (/1014|priority is too low|same nonce/i.test(message)) return `Another transaction with the same nonce is already waiting. Wait for it to land. (${message})`;
  if (/1013|already imported/i.test(message)) return `This exact transaction was already sent. (${message})`;
  if (/payment|fees|inability to pay/i.test(message)) return `Your free balance cannot pay the network fee. (${message})`;
  if (/ancient|birth block/i.test(message)) return `The transaction's validity window has passed. Sign it again. (${message})`;
  return `The node refused the transaction: ${message}`;
}

/** "subtensorModule" → "SubtensorModule": pallet names as the chain's error names print them, and sentences. */
export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A staking request refused with a sentence for the user (bad input, a node without a needed call, no quote). */
export class StakingError extends Error {}
