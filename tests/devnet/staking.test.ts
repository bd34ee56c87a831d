// Staking rules at the dispatch level (no RPC): limits, partial fills, minimums, locks, errors by name.
import type { Call } from '@polkadot/types/interfaces';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildChainTypes, loadMetadataBytes, type ChainTypes } from './metadata';
import { loadScenario, type LoadedScenario } from './scenario';
import { DispatchFailure, dispatch, type RawEvent } from './staking';
import { cloneState, posKey, priceOf, type ChainState } from './state';
import { decodeAddress } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';

const RAO = 1_000_000_000n;
let t: ChainTypes;
let sc: LoadedScenario;
let state: ChainState;
const hex = (ss58: string) => u8aToHex(decodeAddress(ss58));
type TxFn = (...a: unknown[]) => Call;
const tx = (section: string, method: string): TxFn => (t.decorated.tx as unknown as Record<string, Record<string, TxFn>>)[section]![method]!;

function run(who: string, call: Call): { events: RawEvent[]; error?: string } {
  const ctx = { t, state, events: [] as RawEvent[], who: hex(sc.accounts[who]!) };
  try { dispatch(ctx, call); return { events: ctx.events }; } catch (e) {
    if (!(e instanceof DispatchFailure)) throw e;
    return { events: ctx.events, error: e.label };
  }
}
const alpha = (who: string, v: string, netuid: number) => state.positions.get(posKey(hex(sc.accounts[who]!), hex(sc.validators[v]!), netuid))?.alpha ?? 0n;

beforeAll(async () => {
  t = buildChainTypes((await loadMetadataBytes()).bytes);
  sc = await loadScenario('default');
});
beforeEach(() => { state = cloneState(sc.state); });

describe('staking rules', () => {
  it('errors carry the real module names', () => {
    const v1 = sc.validators.validator1!;
    expect(run('Alice', tx('subtensorModule', 'addStake')(v1, 1, 1000n)).error).toBe('SubtensorModule.AmountTooLow');
    expect(run('Eve', tx('subtensorModule', 'addStake')(v1, 1, 3_000_000n)).error).toBe('SubtensorModule.NotEnoughBalanceToStake');
    expect(run('Alice', tx('subtensorModule', 'addStake')(v1, 127, RAO)).error).toBe('SubtensorModule.SubtokenDisabled');
    expect(run('Alice', tx('subtensorModule', 'addStake')(v1, 300, RAO)).error).toBe('SubtensorModule.SubnetNotExists');
    expect(run('Alice', tx('subtensorModule', 'addStake')(sc.accounts.Bob, 1, RAO)).error).toBe('SubtensorModule.HotKeyAccountNotExists');
    expect(run('Alice', tx('subtensorModule', 'removeStake')(v1, 1, 10_000n * RAO)).error).toBe('SubtensorModule.NotEnoughStakeToWithdraw');
    expect(run('Ferdie', tx('subtensorModule', 'removeStake')(v1, 3, 500n * RAO)).error).toBe('SubtensorModule.StakeUnavailable');
    expect(run('Alice', tx('subtensorModule', 'swapStake')(v1, 1, 1, RAO)).error).toBe('SubtensorModule.SameNetuid');
    expect(run('Alice', tx('system', 'remark')('0x00')).error).toMatch(/CallDisabled/);
    expect(run('Ferdie', tx('balances', 'transferKeepAlive')(sc.accounts.Bob, 1_000n * RAO)).error).toBe('Balances.LiquidityRestrictions');
  });

  it('remove_stake_limit: fill-or-kill fails past the limit, allow_partial fills up to it', () => {
    const v1 = sc.validators.validator1!;
    const p0 = priceOf(state.subnets.get(1)!);
    const limit = (p0 * 999n) / 1000n; // accept down to −0.1 %
    const before = alpha('Alice', 'validator1', 1);
    expect(run('Alice', tx('subtensorModule', 'removeStakeLimit')(v1, 1, 2_000n * RAO, limit, false)).error).toBe('SubtensorModule.SlippageTooHigh');
    expect(alpha('Alice', 'validator1', 1)).toBe(before);
    const r = run('Alice', tx('subtensorModule', 'removeStakeLimit')(v1, 1, 2_000n * RAO, limit, true));
    expect(r.error).toBeUndefined();
    const sold = before - alpha('Alice', 'validator1', 1);
    expect(sold).toBeGreaterThan(0n);
    expect(sold).toBeLessThan(2_000n * RAO);
    expect(priceOf(state.subnets.get(1)!)).toBeGreaterThanOrEqual(limit);
    expect(r.events.map((e) => e.name)).toEqual(['StakeRemoved']);
  });

  it('add_stake_limit with a limit below the current price fails; partial stops at the limit', () => {
    const v1 = sc.validators.validator1!;
    const p0 = priceOf(state.subnets.get(2)!);
    expect(run('Alice', tx('subtensorModule', 'addStakeLimit')(v1, 2, RAO, p0 - 1n, true)).error).toBe('SubtensorModule.SlippageTooHigh');
    const limit = (p0 * 1002n) / 1000n;
    const free0 = state.accounts.get(hex(sc.accounts.Alice!))!.free;
    expect(run('Alice', tx('subtensorModule', 'addStakeLimit')(v1, 2, 5_000n * RAO, limit, true)).error).toBeUndefined();
    const spent = free0 - state.accounts.get(hex(sc.accounts.Alice!))!.free;
    expect(spent).toBeGreaterThan(0n);
    expect(spent).toBeLessThan(5_000n * RAO);
    expect(priceOf(state.subnets.get(2)!)).toBeLessThanOrEqual(limit);
  });

  it('swap_stake, move_stake and unstake_all', () => {
    const v1 = sc.validators.validator1!, v2 = sc.validators.validator2!;
    const a1 = alpha('Alice', 'validator1', 1);
    const s = run('Alice', tx('subtensorModule', 'swapStake')(v1, 1, 3, 100n * RAO));
    expect(s.events.map((e) => e.name)).toEqual(['StakeSwapped']);
    expect(alpha('Alice', 'validator1', 1)).toBe(a1 - 100n * RAO);
    const m = run('Alice', tx('subtensorModule', 'moveStake')(v1, v2, 1, 1, 50n * RAO));
    expect(m.events.map((e) => e.name)).toEqual(['StakeMoved']);
    expect(alpha('Alice', 'validator2', 1)).toBe(50n * RAO); // same subnet: no swap, no fee
    const free0 = state.accounts.get(hex(sc.accounts.Alice!))!.free;
    const u = run('Alice', tx('subtensorModule', 'unstakeAll')(v1));
    expect(u.events.filter((e) => e.name === 'StakeRemoved').length).toBe(3); // netuids 0, 1, 3
    expect(alpha('Alice', 'validator1', 1)).toBe(0n);
    expect(state.accounts.get(hex(sc.accounts.Alice!))!.free).toBeGreaterThan(free0);
  });
});
