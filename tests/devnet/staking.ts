// Call dispatch with the staking rules: add/remove/swap/move stake (with limit prices and
// allow_partial), unstake_all, balance transfers and Utility batches. Errors carry the real module
// error indices from the metadata so polkadot.js decodes their names.
import type { Call } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { moduleError } from './events';
import { callArgs } from './extrinsic';
import type { ChainTypes } from './metadata';
import { maxFill, priceAfter, RAO, spotPrice, swapAlphaForTao, swapTaoForAlpha, type Pool } from './pool';
import { account, cloneState, hotkeyExists, poolOf, posKey, type ChainState, type SubnetState } from './state';

export class DispatchFailure extends Error {
  constructor(public error: unknown, public label: string) { super(label); }
}

export interface RawEvent { pallet: string; name: string; args: unknown[] }

export interface DispatchCtx { t: ChainTypes; state: ChainState; events: RawEvent[]; who: string }

const fail = (t: ChainTypes, pallet: string, error: string): never => { throw new DispatchFailure(moduleError(t, pallet, error), `${pallet}.${error}`); };
const st = (ctx: DispatchCtx, e: string) => fail(ctx.t, 'SubtensorModule', e);

const acc = (c: Codec): string => {
  // MultiAddress (an enum) for Balances' dest, plain AccountId32 for hotkeys
  const e = c as unknown as { type?: string; value?: Codec; isId?: boolean; asId?: Codec };
  if (typeof e.type === 'string') {
    if (e.type !== 'Id') throw new Error(`only MultiAddress::Id is supported, got ${e.type}`);
    return u8aToHex(e.value!.toU8a());
  }
  const u = c.toU8a();
  if (u.length !== 32) throw new Error('expected a 32-byte account id');
  return u8aToHex(u);
};
const num = (c: Codec) => Number((c as unknown as { toBigInt(): bigint }).toBigInt());
const big = (c: Codec) => {
  const x = c as unknown as { unwrap?: () => { toBigInt(): bigint }; toBigInt?: () => bigint };
  return x.toBigInt ? x.toBigInt() : x.unwrap!().toBigInt();
};
const bool = (c: Codec) => (c as unknown as { isTrue: boolean }).isTrue;
const optBig = (c: Codec) => { const o = c as unknown as { isSome: boolean; unwrap(): { toBigInt(): bigint } }; return o.isSome ? o.unwrap().toBigInt() : null; };

function subnet(ctx: DispatchCtx, netuid: number): SubnetState {
  const s = ctx.state.subnets.get(netuid);
  if (!s) return st(ctx, 'SubnetNotExists');
  return s;
}

function spendable(ctx: DispatchCtx, who: string): bigint {
  const a = account(ctx.state, who);
  return a.free > a.frozen ? a.free - a.frozen : 0n;
}

function position(state: ChainState, coldkey: string, hotkey: string, netuid: number) {
  const k = posKey(coldkey, hotkey, netuid);
  let p = state.positions.get(k);
  if (!p) { p = { coldkey, hotkey, netuid, alpha: 0n, locked: 0n, lastEmission: 0n }; state.positions.set(k, p); }
  return p;
}

function applyPool(s: SubnetState, taoIn: bigint, alphaIn: bigint) { s.taoIn = taoIn; s.alphaIn = alphaIn; }

// ---- staking primitives (validated first, then applied; nothing is applied on error) ----

function checkSubnetTradable(ctx: DispatchCtx, netuid: number): SubnetState {
  const s = subnet(ctx, netuid);
  if (netuid !== 0 && !s.subtokenEnabled) st(ctx, 'SubtokenDisabled');
  return s;
}

/** Buy alpha for `tao` on `netuid` through `hotkey`; limit = highest acceptable price (rao/alpha). */
export function stakeTao(ctx: DispatchCtx, hotkey: string, netuid: number, tao: bigint, limit: bigint | null, allowPartial: boolean): { alpha: bigint; tao: bigint; fee: bigint } {
  const s = checkSubnetTradable(ctx, netuid);
  if (!hotkeyExists(ctx.state, hotkey)) st(ctx, 'HotKeyAccountNotExists');
  const pool = poolOf(s);
  let amount = tao;
  if (limit !== null) {
    if (spotPrice(pool) > limit) st(ctx, 'SlippageTooHigh');
    const ok = (a: bigint) => a === 0n || priceAfter(pool, swapTaoForAlpha(pool, a)) <= limit;
    if (!ok(amount)) {
      if (!allowPartial) st(ctx, 'SlippageTooHigh');
      amount = maxFill(amount, ok);
      if (amount === 0n) st(ctx, 'SlippageTooHigh');
    }
  }
  const fee0 = swapTaoForAlpha(pool, amount).fee;
  if (amount < ctx.state.minStake + fee0) st(ctx, 'AmountTooLow');
  if (spendable(ctx, ctx.who) < amount) st(ctx, 'NotEnoughBalanceToStake');
  const r = swapTaoForAlpha(pool, amount);
  if (r.amountOut === 0n) st(ctx, 'InsufficientLiquidity');
  account(ctx.state, ctx.who).free -= amount;
  applyPool(s, r.taoIn, r.alphaIn);
  if (s.mechanism === 1) s.alphaOut += r.amountOut;
  s.volume += amount;
  position(ctx.state, ctx.who, hotkey, netuid).alpha += r.amountOut;
  ctx.events.push({ pallet: 'SubtensorModule', name: 'StakeAdded', args: [ctx.who, hotkey, amount, r.amountOut, netuid, r.fee] });
  return { alpha: r.amountOut, tao: amount, fee: r.fee };
}

/** Sell `alpha` of (who, hotkey, netuid); limit = lowest acceptable price. Returns TAO out (not credited when `credit` is false). */
export function unstakeAlpha(ctx: DispatchCtx, hotkey: string, netuid: number, alpha: bigint, limit: bigint | null, allowPartial: boolean, credit = true): { alpha: bigint; tao: bigint; fee: bigint } {
  const s = checkSubnetTradable(ctx, netuid);
  if (!hotkeyExists(ctx.state, hotkey)) st(ctx, 'HotKeyAccountNotExists');
  if (alpha === 0n) st(ctx, 'AmountTooLow');
  const p = ctx.state.positions.get(posKey(ctx.who, hotkey, netuid));
  const have = p?.alpha ?? 0n;
  if (have < alpha) st(ctx, 'NotEnoughStakeToWithdraw');
  if (have - (p?.locked ?? 0n) < alpha) st(ctx, 'StakeUnavailable');
  const pool = poolOf(s);
  let amount = alpha;
  if (limit !== null) {
    if (spotPrice(pool) < limit) st(ctx, 'SlippageTooHigh');
    const ok = (a: bigint) => a === 0n || priceAfter(pool, swapAlphaForTao(pool, a)) >= limit;
    if (!ok(amount)) {
      if (!allowPartial) st(ctx, 'SlippageTooHigh');
      amount = maxFill(amount, ok);
      if (amount === 0n) st(ctx, 'SlippageTooHigh');
    }
  }
  const r = swapAlphaForTao(pool, amount);
  if (r.amountOut < ctx.state.minStake) st(ctx, 'AmountTooLow');
  if (r.amountOut === 0n) st(ctx, 'InsufficientLiquidity');
  applyPool(s, r.taoIn, r.alphaIn);
  if (s.mechanism === 1) s.alphaOut -= amount;
  s.volume += r.amountOut;
  p!.alpha -= amount;
  if (credit) account(ctx.state, ctx.who).free += r.amountOut;
  ctx.events.push({ pallet: 'SubtensorModule', name: 'StakeRemoved', args: [ctx.who, hotkey, r.amountOut, amount, netuid, r.fee] });
  return { alpha: amount, tao: r.amountOut, fee: r.fee };
}

/** Price ratio origin/destination in rao (×1e9), the unit of swap_stake_limit's limit_price. */
function ratio(o: Pool, d: Pool) { const dp = spotPrice(d); return dp === 0n ? 0n : (spotPrice(o) * RAO) / dp; }

function swapStake(ctx: DispatchCtx, originHotkey: string, destHotkey: string, origin: number, dest: number, alpha: bigint, limit: bigint | null, allowPartial: boolean, kind: 'swap' | 'move') {
  if (kind === 'swap' && origin === dest) st(ctx, 'SameNetuid');
  const so = checkSubnetTradable(ctx, origin);
  const sd = checkSubnetTradable(ctx, dest);
  if (!hotkeyExists(ctx.state, destHotkey)) st(ctx, 'HotKeyAccountNotExists');
  let amount = alpha;
  if (limit !== null) {
    const po = poolOf(so), pd = poolOf(sd);
    if (ratio(po, pd) < limit) st(ctx, 'SlippageTooHigh');
    const ok = (a: bigint) => {
      if (a === 0n) return true;
      const ro = swapAlphaForTao(po, a);
      const rd = swapTaoForAlpha(pd, ro.amountOut);
      return ratio({ ...po, taoIn: ro.taoIn, alphaIn: ro.alphaIn }, { ...pd, taoIn: rd.taoIn, alphaIn: rd.alphaIn }) >= limit;
    };
    if (!ok(amount)) {
      if (!allowPartial) st(ctx, 'SlippageTooHigh');
      amount = maxFill(amount, ok);
      if (amount === 0n) st(ctx, 'SlippageTooHigh');
    }
  }
  if (origin === dest) {
    // same subnet, other validator: alpha moves without a swap
    const p = ctx.state.positions.get(posKey(ctx.who, originHotkey, origin));
    if ((p?.alpha ?? 0n) < amount) st(ctx, 'NotEnoughStakeToWithdraw');
    if (p!.alpha - p!.locked < amount) st(ctx, 'StakeUnavailable');
    p!.alpha -= amount;
    position(ctx.state, ctx.who, destHotkey, dest).alpha += amount;
    const taoValue = (amount * spotPrice(poolOf(so))) / RAO;
    ctx.events.push({ pallet: 'SubtensorModule', name: 'StakeMoved', args: [ctx.who, originHotkey, origin, destHotkey, dest, taoValue] });
    return;
  }
  const events = ctx.events;
  ctx.events = []; // the inner unstake/stake events are not emitted by the real swap_stake/move_stake
  try {
    const out = unstakeAlpha(ctx, originHotkey, origin, amount, null, false, false);
    const minted = stakeTaoInternal(ctx, destHotkey, dest, out.tao);
    void minted;
    if (kind === 'swap') events.push({ pallet: 'SubtensorModule', name: 'StakeSwapped', args: [ctx.who, originHotkey, origin, dest, out.tao] });
    else events.push({ pallet: 'SubtensorModule', name: 'StakeMoved', args: [ctx.who, originHotkey, origin, destHotkey, dest, out.tao] });
  } finally {
    ctx.events = events;
  }
}

/** Stake TAO that came out of another pool (not from free balance). */
function stakeTaoInternal(ctx: DispatchCtx, hotkey: string, netuid: number, tao: bigint) {
  const s = checkSubnetTradable(ctx, netuid);
  if (tao < ctx.state.minStake) st(ctx, 'AmountTooLow');
  const r = swapTaoForAlpha(poolOf(s), tao);
  if (r.amountOut === 0n) st(ctx, 'InsufficientLiquidity');
  applyPool(s, r.taoIn, r.alphaIn);
  if (s.mechanism === 1) s.alphaOut += r.amountOut;
  s.volume += tao;
  position(ctx.state, ctx.who, hotkey, netuid).alpha += r.amountOut;
  return r.amountOut;
}

function transfer(ctx: DispatchCtx, dest: string, value: bigint, keepAlive: boolean) {
  const from = account(ctx.state, ctx.who);
  const avail = spendable(ctx, ctx.who);
  if (avail < value) fail(ctx.t, 'Balances', from.free < value ? 'InsufficientBalance' : 'LiquidityRestrictions');
  if (keepAlive && from.free - value < ctx.state.existentialDeposit) fail(ctx.t, 'Balances', 'Expendability');
  const isNew = !ctx.state.accounts.has(dest) || ctx.state.accounts.get(dest)!.free === 0n;
  const to = account(ctx.state, dest);
  if (isNew && value < ctx.state.existentialDeposit) fail(ctx.t, 'Balances', 'ExistentialDeposit');
  from.free -= value;
  to.free += value;
  if (isNew) {
    ctx.events.push({ pallet: 'System', name: 'NewAccount', args: [dest] });
    ctx.events.push({ pallet: 'Balances', name: 'Endowed', args: [dest, value] });
  }
  ctx.events.push({ pallet: 'Balances', name: 'Transfer', args: [ctx.who, dest, value] });
}

/** Dispatch one call as `ctx.who`. Throws DispatchFailure; the caller rolls state back. */
export function dispatch(ctx: DispatchCtx, call: Call): void {
  const a = callArgs(call);
  const arg = (name: string): Codec => { const v = a[name]; if (!v) throw new Error(`call ${call.section}.${call.method} has no argument ${name}`); return v; };
  const id = `${call.section}.${call.method}`;
  switch (id) {
    case 'subtensorModule.addStake':
      stakeTao(ctx, acc(arg('hotkey')), num(arg('netuid')), big(arg('amount_staked')), null, false); return;
    case 'subtensorModule.addStakeLimit':
      stakeTao(ctx, acc(arg('hotkey')), num(arg('netuid')), big(arg('amount_staked')), big(arg('limit_price')), bool(arg('allow_partial'))); return;
    case 'subtensorModule.removeStake':
      unstakeAlpha(ctx, acc(arg('hotkey')), num(arg('netuid')), big(arg('amount_unstaked')), null, false); return;
    case 'subtensorModule.removeStakeLimit':
      unstakeAlpha(ctx, acc(arg('hotkey')), num(arg('netuid')), big(arg('amount_unstaked')), big(arg('limit_price')), bool(arg('allow_partial'))); return;
    case 'subtensorModule.removeStakeFullLimit': {
      const hk = acc(arg('hotkey')), n = num(arg('netuid'));
      const p = ctx.state.positions.get(posKey(ctx.who, hk, n));
      const avail = p ? p.alpha - p.locked : 0n;
      if (!p || p.alpha === 0n) st(ctx, 'NotEnoughStakeToWithdraw');
      if (avail === 0n) st(ctx, 'StakeUnavailable');
      unstakeAlpha(ctx, hk, n, avail, optBig(arg('limit_price')), false); return;
    }
    case 'subtensorModule.unstakeAll': {
      const hk = acc(arg('hotkey'));
      if (!hotkeyExists(ctx.state, hk)) st(ctx, 'HotKeyAccountNotExists');
      const mine = [...ctx.state.positions.values()].filter((p) => p.coldkey === ctx.who && p.hotkey === hk && p.alpha - p.locked > 0n);
      for (const p of mine) unstakeAlpha(ctx, hk, p.netuid, p.alpha - p.locked, null, false);
      return;
    }
    case 'subtensorModule.swapStake':
      swapStake(ctx, acc(arg('hotkey')), acc(arg('hotkey')), num(arg('origin_netuid')), num(arg('destination_netuid')), big(arg('alpha_amount')), null, false, 'swap'); return;
    case 'subtensorModule.swapStakeLimit':
      swapStake(ctx, acc(arg('hotkey')), acc(arg('hotkey')), num(arg('origin_netuid')), num(arg('destination_netuid')), big(arg('alpha_amount')), big(arg('limit_price')), bool(arg('allow_partial')), 'swap'); return;
    case 'subtensorModule.moveStake':
      swapStake(ctx, acc(arg('origin_hotkey')), acc(arg('destination_hotkey')), num(arg('origin_netuid')), num(arg('destination_netuid')), big(arg('alpha_amount')), null, false, 'move'); return;
    case 'balances.transferAllowDeath':
      transfer(ctx, acc(arg('dest')), big(arg('value')), false); return;
    case 'balances.transferKeepAlive':
      transfer(ctx, acc(arg('dest')), big(arg('value')), true); return;
    case 'balances.transferAll': {
      const keep = bool(arg('keep_alive'));
      const avail = spendable(ctx, ctx.who) - (keep ? ctx.state.existentialDeposit : 0n);
      transfer(ctx, acc(arg('dest')), avail > 0n ? avail : 0n, keep); return;
    }
    case 'utility.batchAll': {
      // all-or-nothing: any inner failure rolls back every leg and fails the extrinsic with that error
      const calls = arg('calls') as unknown as Call[];
      const before = cloneState(ctx.state);
      const eventsBefore = ctx.events.length;
      try {
        for (const c of calls) {
          dispatch(ctx, c);
          ctx.events.push({ pallet: 'Utility', name: 'ItemCompleted', args: [] });
        }
      } catch (e) {
        restore(ctx.state, before);
        ctx.events.length = eventsBefore;
        throw e;
      }
      ctx.events.push({ pallet: 'Utility', name: 'BatchCompleted', args: [] });
      return;
    }
    case 'utility.batch': {
      // non-atomic: stops at the first failure, keeps earlier legs, the extrinsic succeeds
      const calls = arg('calls') as unknown as Call[];
      for (let i = 0; i < calls.length; i++) {
        const before = cloneState(ctx.state);
        const n = ctx.events.length;
        try { dispatch(ctx, calls[i]!); } catch (e) {
          if (!(e instanceof DispatchFailure)) throw e;
          restore(ctx.state, before);
          ctx.events.length = n;
          ctx.events.push({ pallet: 'Utility', name: 'BatchInterrupted', args: [i, e.error] });
          return;
        }
        ctx.events.push({ pallet: 'Utility', name: 'ItemCompleted', args: [] });
      }
      ctx.events.push({ pallet: 'Utility', name: 'BatchCompleted', args: [] });
      return;
    }
    default:
      // nothing silently succeeds: calls the devnet does not model fail visibly
      throw new DispatchFailure(moduleError(ctx.t, 'SubtensorModule', 'CallDisabled'), `devnet does not implement ${id} (SubtensorModule.CallDisabled)`);
  }
}

/** Copy a snapshot back into the live state object (callers hold references to it). */
export function restore(target: ChainState, snap: ChainState) {
  const c = cloneState(snap);
  Object.assign(target, c);
}
