/**
 * The staking panel's form → the order it would send, or the first thing wrong with it in plain words.
 * Pure. Run by the background for the panel (`stake/panel-order`: these rules and their messages stay out of the
 * panel's injected code); the background checks the order again before building anything.
 */
import { parseWeight, splitByWeights, splitEqually } from './batch';
import { upperFirst } from './errors';
import { checkOrder, parseOrderAmount } from './order-checks';
import type { StakeAction, StakeContext, StakeOrder } from './types';

export type PanelMode = StakeAction | 'batch';

export interface PanelForm {
  mode: PanelMode;
  address: string;
  /** The subnet field as typed. */
  netuidText: string;
  hotkey: string;
  amountText: string;
  /** The amount's unit as shown: TAO for stake and batch, the subnet's symbol otherwise. */
  amountUnit: string;
  /** The slippage field as typed; empty means `defaultSlippageBps`. */
  slippageText: string;
  defaultSlippageBps: number;
  /** null: follow the settings (shielded from their threshold). */
  shield: boolean | null;
  batchText: string;
  weightsText: string;
  /** Each batch subnet's validator: null when it has none, missing while it loads. */
  batchHotkeys: Readonly<Record<number, string | null>>;
  destNetuidText: string;
  destHotkey: string;
}

export type PanelOrder = { order: StakeOrder } | { error: string } | null;

/** What the order is checked against: the account's context on the subnet, as the panel holds it. */
export type PanelFacts = Pick<StakeContext, 'freeRao' | 'existentialDeposit' | 'positions'>;

/** "0.5", "1.25 %", "3" → basis points; null for anything else (at most 99.99 %, two decimals). */
export function parsePercentToBps(text: string): number | null {
  const m = /^\s*(\d{1,2})(?:\.(\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const NETUID = /^\d{1,5}$/;

/** "1, 4 64" → [1, 4, 64] (each once); null when any part is not a subnet number. */
export function parseNetuids(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (!parts.length || parts.some((p) => !NETUID.test(p))) return null;
  return [...new Set(parts.map(Number))];
}

export function parseNetuid(text: string): number | null {
  return NETUID.test(text.trim()) ? Number(text.trim()) : null;
}

export function effectiveSlippageBps(form: Pick<PanelForm, 'slippageText' | 'defaultSlippageBps'>): number | null {
  return form.slippageText.trim() ? parsePercentToBps(form.slippageText) : form.defaultSlippageBps;
}

/**
 * null while there is nothing to check yet (no account, subnet or context; an empty amount; batch validators
 * still loading). `spotPrice`: the subnet's price, for the minimum an unstake must return.
 */
export function panelOrder(form: PanelForm, ctx: PanelFacts | null, spotPrice: bigint | null): PanelOrder {
  const netuid = parseNetuid(form.netuidText);
  if (!form.address || netuid === null || !ctx) return null;
  const slippageBps = effectiveSlippageBps(form);
  if (slippageBps === null) return { error: 'Slippage: write a percentage such as 0.5' };
  const parsed = form.mode === 'unstake-all' ? ({ ok: true, value: 0n } as const) : parseOrderAmount(form.amountText, form.amountUnit);
  if (!parsed.ok) return form.amountText.trim() ? { error: parsed.error } : null;
  const base = { address: form.address, slippageBps, shield: form.shield };
  const explain = (problem: string | null, order: StakeOrder): PanelOrder => (problem ? { error: upperFirst(problem) } : { order });

  if (form.mode === 'batch') {
    const netuids = parseNetuids(form.batchText);
    if (!netuids) return { error: 'Subnets: write their numbers, separated by commas' };
    let parts: { netuid: number; amount: bigint }[];
    try {
      if (form.weightsText.trim()) {
        const weights = form.weightsText.split(/[\s,]+/).filter(Boolean).map(parseWeight);
        if (weights.length !== netuids.length || weights.some((w) => w === null)) return { error: 'Give one weight per subnet, or leave empty to split equally' };
        parts = splitByWeights(parsed.value, netuids.map((n, i) => ({ netuid: n, weight: weights[i]! })));
      } else parts = splitEqually(parsed.value, netuids);
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
    const none = parts.find((p) => form.batchHotkeys[p.netuid] === null);
    if (none) return { error: `SN${none.netuid} has no validator to stake with` };
    const legs = parts.map((p) => ({ ...p, hotkey: form.batchHotkeys[p.netuid] ?? '' }));
    if (legs.some((l) => !l.hotkey)) return null; // validators still loading
    const batch: StakeOrder = { ...base, action: 'stake', legs };
    return explain(checkOrder(batch, { freeRao: ctx.freeRao, existentialDeposit: ctx.existentialDeposit, networkFee: null, position: null, spotPrice: null }), batch);
  }

  if (!form.hotkey) return { error: 'Choose a validator' };
  const order: StakeOrder = { ...base, action: form.mode, legs: [{ netuid, hotkey: form.hotkey, amount: parsed.value }] };
  if (form.mode === 'move') {
    const dest = parseNetuid(form.destNetuidText);
    if (dest === null) return { error: 'Choose the subnet to move to' };
    order.destNetuid = dest;
  }
  if (form.mode === 'change-validator') {
    if (!form.destHotkey) return { error: 'Choose the validator to move to' };
    order.destHotkey = form.destHotkey;
  }
  // What the panel can already tell (the fee comes with the quote, and the service checks again).
  const source = ctx.positions.filter((p) => p.netuid === netuid && p.hotkey === form.hotkey);
  const position = { alpha: source.reduce((a, p) => a + p.alpha, 0n), available: source.reduce((a, p) => a + p.available, 0n) };
  return explain(checkOrder(order, { freeRao: ctx.freeRao, existentialDeposit: ctx.existentialDeposit, networkFee: null, position, spotPrice }), order);
}
