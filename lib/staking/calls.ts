/**
 * Which extrinsic each action becomes, and its exact preview. Only price-protected calls; never
 * `unstake_all_alpha` (re-stakes on root) or `transfer_stake` (gives the stake away).
 */
import { alphaLabel, formatAmount, formatExact } from '../units/amount';
import type { CallPreview, LegQuote, StakeAction, StakeOrder } from './types';

/** The call names (polkadot.js camelCase) each action needs from subtensorModule. */
export const REQUIRED_CALLS: Record<StakeAction, string> = {
  stake: 'addStakeLimit',
  unstake: 'removeStakeLimit',
  'unstake-all': 'removeStakeFullLimit',
  move: 'swapStakeLimit',
  'change-validator': 'moveStake',
};

export const FORBIDDEN_CALLS = ['unstakeAllAlpha', 'transferStake'] as const;

/** Actions this node can do, from the call names its metadata lists. */
export function availableActions(calls: readonly string[]): StakeAction[] {
  return (Object.keys(REQUIRED_CALLS) as StakeAction[]).filter((a) => calls.includes(REQUIRED_CALLS[a]));
}

export interface CallSpec {
  section: string;
  method: string;
  /** Positional arguments as polkadot.js takes them (bigints stay bigints). */
  args: unknown[];
  preview: CallPreview;
}

type Arg = { name: string; value: unknown; show: string };

function spec(section: string, method: string, args: Arg[]): CallSpec {
  const shown = args.map((a) => ({ name: a.name, value: a.show }));
  return {
    section,
    method,
    args: args.map((a) => a.value),
    preview: { section, method, args: shown, text: `${section}.${method}(${shown.map((a) => `${a.name}: ${a.value}`).join(', ')})` },
  };
}

const tao = (v: bigint) => `${v} rao (${formatAmount(v, { unit: 'TAO', maxFractionDigits: 9 })})`;
const alpha = (v: bigint, netuid: number) => `${v} (${formatExact(v)} ${alphaLabel(netuid)})`;
const price = (v: bigint) => `${v} rao/α (τ${formatExact(v)})`;

/** The call for one leg of an order, with its limit from the quote. */
export function legCall(order: StakeOrder, leg: LegQuote): CallSpec {
  const hk = { name: 'hotkey', value: leg.hotkey, show: leg.hotkey };
  const netuid = { name: 'netuid', value: leg.netuid, show: String(leg.netuid) };
  const limit = leg.limitPrice ?? 0n;
  const noPartial = { name: 'allow_partial', value: false, show: 'false' };
  switch (order.action) {
    case 'stake':
      return spec('subtensorModule', 'addStakeLimit', [
        hk,
        netuid,
        { name: 'amount_staked', value: leg.amountIn, show: tao(leg.amountIn) },
        { name: 'limit_price', value: limit, show: price(limit) },
        noPartial,
      ]);
    case 'unstake':
      return spec('subtensorModule', 'removeStakeLimit', [
        hk,
        netuid,
        { name: 'amount_unstaked', value: leg.amountIn, show: alpha(leg.amountIn, leg.netuid) },
        { name: 'limit_price', value: limit, show: price(limit) },
        noPartial,
      ]);
    case 'unstake-all':
      return spec('subtensorModule', 'removeStakeFullLimit', [hk, netuid, { name: 'limit_price', value: limit, show: `Some(${price(limit)})` }]);
    case 'move': {
      const dest = order.destNetuid;
      if (dest === undefined) throw new Error('choose the subnet to move to');
      return spec('subtensorModule', 'swapStakeLimit', [
        hk,
        { name: 'origin_netuid', value: leg.netuid, show: String(leg.netuid) },
        { name: 'destination_netuid', value: dest, show: String(dest) },
        { name: 'alpha_amount', value: leg.amountIn, show: alpha(leg.amountIn, leg.netuid) },
        { name: 'limit_price', value: limit, show: `${limit} (origin/destination price × 1e9)` },
        noPartial,
      ]);
    }
    case 'change-validator': {
      const dest = order.destHotkey;
      if (!dest) throw new Error('choose the validator to move to');
      return spec('subtensorModule', 'moveStake', [
        { name: 'origin_hotkey', value: leg.hotkey, show: leg.hotkey },
        { name: 'destination_hotkey', value: dest, show: dest },
        { name: 'origin_netuid', value: leg.netuid, show: String(leg.netuid) },
        { name: 'destination_netuid', value: leg.netuid, show: String(leg.netuid) },
        { name: 'alpha_amount', value: leg.amountIn, show: alpha(leg.amountIn, leg.netuid) },
      ]);
    }
  }
}

/** The whole order's call: one leg as is; several stake legs as one all-or-nothing `utility.batchAll`. */
export function orderCall(order: StakeOrder, legs: readonly LegQuote[]): { calls: CallSpec[]; batch: boolean; preview: CallPreview } {
  if (legs.length === 0) throw new Error('nothing to do: no legs');
  if (legs.length > 1 && order.action !== 'stake') throw new Error('only stakes can be batched');
  const calls = legs.map((l) => legCall(order, l));
  if (calls.length === 1) return { calls, batch: false, preview: calls[0]!.preview };
  const inner = calls.map((c) => c.preview);
  return {
    calls,
    batch: true,
    preview: { section: 'utility', method: 'batchAll', args: [{ name: 'calls', value: `${inner.length} calls` }], text: `utility.batchAll([\n  ${inner.map((c) => c.text).join(',\n  ')}\n])`, inner },
  };
}
