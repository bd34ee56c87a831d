import { describe, expect, it } from 'vitest';
import { parseWeight, splitByWeights, splitEqually } from '@/lib/staking/batch';
import { availableActions, orderCall } from '@/lib/staking/calls';
import { applyTxEvent, eraExpired, isPending, statusText, upsertEntry, JOURNAL_LIMIT, type TxEntry } from '@/lib/staking/journal';
import { createRouteTokens, ROUTE_HASH } from '@/lib/staking/route-tokens';
import { fingerprintText, payloadFingerprint } from '@/lib/staking/fingerprint';
import { isBridgeRequest, isChallengeText } from '@/lib/wallet/protocol';
import { priceAfter, quoteWarnings, stakeLegQuote, unstakeLegQuote, moveLegQuote, type PoolView } from '@/lib/staking/quote';
import { checkOrder, maxStakeable, parseOrderAmount, type OrderFacts } from '@/lib/staking/order-checks';
import { createConfirmGate } from '@/components/staking/confirm-gate';
import { createDraftBook } from '@/lib/staking/drafts';
import { explainModuleError, explainPoolRejection, plainError } from '@/lib/staking/errors';
import { mayBeStaleKeyRejection, shieldKeyUsable, type ShieldKeys } from '@/lib/staking/shield';
import type { StakeOrder } from '@/lib/staking/types';
import { defaultValidator, searchValidators, validatorChoices } from '@/lib/staking/validators';

const RAO = 1_000_000_000n;
const pool: PoolView = { netuid: 1, spotPrice: 20_000_000n, taoReserve: 1_000n * RAO, alphaReserve: 50_000n * RAO };
const HK = '5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY';

describe('quote math', () => {
  it('stake: limit above the post-trade price by the tolerance, minimum received below the simulated output', () => {
    const q = stakeLegQuote(pool, HK, 10n * RAO, { taoAmount: 10n * RAO, alphaAmount: 490n * RAO, taoFee: 5_000_000n, alphaFee: 0n }, 50);
    expect(q.postPrice).toBeGreaterThan(pool.spotPrice);
    expect(q.limitPrice).toBe((q.postPrice * 10_050n) / 10_000n);
    expect(q.minReceived).toBe((490n * RAO * 9_950n + 9_999n) / 10_000n);
    expect(q.impactBps).toBeGreaterThan(0);
    expect(q.swapFee).toBe(5_000_000n);
  });

  it('unstake: limit below the post-trade price; never negative', () => {
    const q = unstakeLegQuote(pool, HK, 100n * RAO, { taoAmount: 1_990_000_000n, alphaAmount: 100n * RAO, taoFee: 0n, alphaFee: 0n }, 50);
    expect(q.postPrice).toBeLessThan(pool.spotPrice);
    expect(q.limitPrice!).toBeLessThan(q.postPrice);
    expect(unstakeLegQuote(pool, HK, RAO, { taoAmount: 0n, alphaAmount: RAO, taoFee: 0n, alphaFee: 0n }, 10_000).limitPrice).toBe(0n);
  });

  it('move: limit is the origin/destination price ratio × 1e9, lowered by the tolerance', () => {
    const dest: PoolView = { netuid: 2, spotPrice: 40_000_000n, taoReserve: 2_000n * RAO, alphaReserve: 50_000n * RAO };
    const q = moveLegQuote(pool, dest, HK, 100n * RAO, { taoAmount: 2n * RAO, alphaAmount: 100n * RAO, taoFee: 0n, alphaFee: 0n }, { taoAmount: 2n * RAO, alphaAmount: 49n * RAO, taoFee: 0n, alphaFee: 0n }, 50);
    expect(q.limitPrice!).toBeLessThan(500_000_000n); // spot ratio 0.02/0.04 = 0.5 → 5e8
    expect(q.outNetuid).toBe(2);
  });

  it('root has a fixed price; Max leaves fee and existential deposit', () => {
    expect(priceAfter({ netuid: 0, spotPrice: RAO, taoReserve: 0n, alphaReserve: 0n }, 5n * RAO, -5n * RAO)).toBe(RAO);
    expect(maxStakeable(10n * RAO, 1_000n, 500n)).toBe(10n * RAO - 1_500n);
    expect(maxStakeable(1_000n, 1_000n, 500n)).toBe(0n);
  });

  it('warns at 2 % and 5 % impact', () => {
    const leg = stakeLegQuote(pool, HK, 10n * RAO, { taoAmount: 10n * RAO, alphaAmount: 490n * RAO, taoFee: 0n, alphaFee: 0n }, 50);
    expect(quoteWarnings([{ ...leg, impactBps: 150 }])).toEqual([]);
    expect(quoteWarnings([{ ...leg, impactBps: 250 }])[0]).toMatch(/high/);
    expect(quoteWarnings([{ ...leg, impactBps: 600 }])[0]).toMatch(/very high/);
  });
});

describe('calls', () => {
  const leg = stakeLegQuote(pool, HK, 1_500_000_000n, { taoAmount: 1_500_000_000n, alphaAmount: 74n * RAO, taoFee: 0n, alphaFee: 0n }, 50);
  const order: StakeOrder = { action: 'stake', address: HK, legs: [{ netuid: 1, hotkey: HK, amount: 1_500_000_000n }], slippageBps: 50 };
  it('a stake is add_stake_limit with exact amounts, fill-or-kill', () => {
    const { calls, batch, preview } = orderCall(order, [leg]);
    expect(batch).toBe(false);
    expect(calls[0]!.method).toBe('addStakeLimit');
    expect(calls[0]!.args).toEqual([HK, 1, 1_500_000_000n, leg.limitPrice, false]);
    expect(preview.text).toContain('amount_staked: 1500000000 rao (τ1.5)');
  });
  it('several legs are one utility.batchAll; only stakes batch', () => {
    const r = orderCall(order, [leg, { ...leg, netuid: 2 }, { ...leg, netuid: 3 }]);
    expect(r.batch).toBe(true);
    expect(r.preview.text).toMatch(/^utility\.batchAll\(\[/);
    expect(() => orderCall({ ...order, action: 'unstake' }, [leg, leg])).toThrow(/only stakes/);
  });
  it('actions are feature-detected; unstake_all_alpha and transfer_stake are never offered', () => {
    expect(availableActions(['addStakeLimit', 'moveStake', 'unstakeAllAlpha', 'transferStake'])).toEqual(['stake', 'change-validator']);
  });
});

describe('batch split', () => {
  it('parts sum exactly to the total, each within 1 rao of its share', () => {
    const parts = splitEqually(10n, [1, 2, 3]);
    expect(parts.map((p) => p.amount)).toEqual([4n, 3n, 3n]);
    const w = splitByWeights(1_000_000_001n, [{ netuid: 1, weight: 5000n }, { netuid: 2, weight: 3000n }, { netuid: 3, weight: 2000n }]);
    // Exact at the edges: the largest u64 over uneven weights, and fewer rao than legs.
    for (const [total, weights] of [[2n ** 64n - 1n, [1n, 2n, 3n, 4n, 5n, 6n, 7n]], [1n, [1n, 1n]], [999_999_999n, [3333n, 3333n, 3334n]]] as const) {
      const parts = splitByWeights(total, weights.map((weight, netuid) => ({ netuid, weight })));
      expect(parts.reduce((a, p) => a + p.amount, 0n)).toBe(total);
      expect(parts.every((p) => p.amount >= 0n)).toBe(true);
    }
    expect(w.reduce((a, p) => a + p.amount, 0n)).toBe(1_000_000_001n);
    expect(w[0]!.amount).toBe(500_000_001n);
    expect(() => splitByWeights(1n, [{ netuid: 1, weight: 0n }])).toThrow();
    expect(parseWeight('12.5')).toBe(1250n);
    expect(parseWeight('abc')).toBeNull();
  });
});

describe('validators', () => {
  const vs = [
    { hotkey: 'A', name: 'Alpha', take: 11796, permits: [1], stakeByNetuid: { 1: 100n } },
    { hotkey: 'B', name: 'Beta', take: 0, permits: [1], stakeByNetuid: { 1: 900n } },
    { hotkey: 'C', name: null, take: 0, permits: [], stakeByNetuid: { 1: 5_000n } },
  ];
  it("defaults to the user's current validator, else the largest with a permit", () => {
    expect(defaultValidator(validatorChoices(vs, 1, []))).toBe('B');
    expect(defaultValidator(validatorChoices(vs, 1, [{ netuid: 1, hotkey: 'A', alpha: 1n }]))).toBe('A');
    expect(defaultValidator(validatorChoices(vs, 2, []))).toBeNull();
    expect(searchValidators(validatorChoices(vs, 1, []), 'bet').map((v) => v.hotkey)).toEqual(['B']);
  });
});

describe('tx journal', () => {
  const base: TxEntry = {
    id: 'x', createdAt: 1, updatedAt: 1, address: HK, action: 'stake', netuids: [1], summary: 's', call: 'c', status: 'submitting',
    hash: '0x01', innerHash: null, shielded: false, signedHex: '0x', eraBirth: 10, eraPeriod: 64, blockHash: null, blockNumber: null, error: null,
  };
  it('moves forward only and ends in a final state', () => {
    const inBlock = applyTxEvent(applyTxEvent(base, { type: 'ready' }, 2), { type: 'in-block', blockHash: '0xb', blockNumber: 12 }, 3);
    expect(inBlock.status).toBe('in-block');
    expect(applyTxEvent(inBlock, { type: 'ready' }, 4).status).toBe('in-block');
    const done = applyTxEvent(inBlock, { type: 'finalized' }, 5);
    expect(statusText(done)).toBe('finalized in block #12');
    expect(applyTxEvent(done, { type: 'failed', name: 'X', message: 'm' }, 6)).toBe(done);
    expect(isPending(done)).toBe(false);
    expect(eraExpired(base, 74)).toBe(true);
    expect(eraExpired(base, 73)).toBe(false);
  });
  it('keeps pending entries when capping', () => {
    let list: TxEntry[] = [{ ...base, id: 'pending', createdAt: 0 }];
    for (let i = 1; i <= JOURNAL_LIMIT + 5; i++) list = upsertEntry(list, { ...base, id: `d${i}`, createdAt: i, status: 'finalized' });
    expect(list).toHaveLength(JOURNAL_LIMIT);
    expect(list.some((e) => e.id === 'pending')).toBe(true);
  });
});

const TOKEN = '0b6c1e2a-4f3d-4c8e-9a1b-2c3d4e5f6a7b';
describe('panel routing', () => {
  it('a route token opens the panel once, only in the tab it was issued for, and not after it expires', () => {
    let t = 0;
    const tokens = createRouteTokens(() => t);
    tokens.issue({ action: 'stake', netuid: 5 }, TOKEN);
    expect(tokens.redeem(TOKEN, 7)).toBeNull(); // not bound to a tab yet
    tokens.bind(TOKEN, 7);
    tokens.bind(TOKEN, 8); // the first binding holds
    expect(tokens.redeem(TOKEN, 8)).toBeNull();
    expect(tokens.redeem(TOKEN, undefined)).toBeNull();
    expect(tokens.redeem(TOKEN, 7)).toEqual({ action: 'stake', netuid: 5 });
    expect(tokens.redeem(TOKEN, 7)).toBeNull(); // once
    tokens.issue({ action: 'unstake', netuid: 1 }, TOKEN);
    tokens.bind(TOKEN, 7);
    t += 3 * 60_000;
    expect(tokens.redeem(TOKEN, 7)).toBeNull();
  });

  it('reads the token from the hash; the old intent hash is not a route', () => {
    expect(ROUTE_HASH.exec(`#taolens-route=${TOKEN}`)?.[1]).toBe(TOKEN);
    expect(ROUTE_HASH.exec('#taolens-stake=stake&netuid=13')).toBeNull();
    expect(ROUTE_HASH.exec('#taolens-route=stake')).toBeNull();
  });
});

describe('what is signed', () => {
  it('the fingerprint shows call, amount, nonce and the ends of the call data', () => {
    const f = payloadFingerprint({ method: '0x0702d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d0d000000e40b5402000000', nonce: '0x00000007' }, 'subtensorModule.addStakeLimit', 'τ10');
    expect(fingerprintText(f)).toBe('subtensorModule.addStakeLimit · τ10 · nonce 7 · call data 0x0702d435…02000000');
    expect(fingerprintText(payloadFingerprint({ method: '0x0a00', nonce: 3 }, 'mevShield.submitEncrypted', null))).toBe('mevShield.submitEncrypted · nonce 3 · call data 0x0a00');
  });

  it('the bridge takes only well-formed requests, and raw signing only of the account challenge', () => {
    const challenge = '<Bytes>TaoLens: prove you control this account for TaoLens on taostats.io. This is not a transaction. Nonce 0123456789abcdef0123456789abcdef</Bytes>';
    expect(isChallengeText(challenge)).toBe(true);
    expect(isChallengeText('0x0503ff')).toBe(false);
    expect(isChallengeText(challenge.replace('This is not a transaction. ', ''))).toBe(false);
    const base = { id: 1, signId: TOKEN, wallet: 'polkadot-js' };
    expect(isBridgeRequest({ ...base, kind: 'signRaw', address: '5F', data: challenge })).toBe(true);
    expect(isBridgeRequest({ ...base, kind: 'signRaw', address: '5F', data: '0x0503ff' })).toBe(false);
    expect(isBridgeRequest({ ...base, kind: 'sign', payload: { address: '5F', method: '0x00' } })).toBe(true);
    expect(isBridgeRequest({ ...base, signId: 'x', kind: 'sign', payload: { address: '5F', method: '0x00' } })).toBe(false);
    expect(isBridgeRequest({ id: 2, kind: 'accounts' })).toBe(true);
  });
});

describe('order checks (panel and service)', () => {
  const HK2 = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
  // 10 τ free, 500 rao existential deposit, 0.0003 τ fee; 100 α held with HK on SN1, of which 40 α unlocked.
  const facts = (over: Partial<OrderFacts> = {}): OrderFacts => ({
    freeRao: 10n * RAO,
    existentialDeposit: 500n,
    networkFee: 300_000n,
    position: { alpha: 100n * RAO, available: 40n * RAO },
    spotPrice: 21_000_000n, // 0.021 τ per α
    ...over,
  });
  const stake = (amount: bigint, more: Partial<StakeOrder> = {}): StakeOrder => ({ action: 'stake', address: HK, legs: [{ netuid: 1, hotkey: HK, amount }], slippageBps: 50, ...more });
  const take = (action: StakeOrder['action'], amount: bigint, more: Partial<StakeOrder> = {}): StakeOrder => ({ ...stake(amount), action, ...more });

  it('typed amounts: decimal strings of at most 9 decimals, ASCII digits, more than zero', () => {
    expect(parseOrderAmount('1.5', 'TAO')).toEqual({ ok: true, value: 1_500_000_000n });
    expect(parseOrderAmount('0.000000001', 'TAO')).toEqual({ ok: true, value: 1n });
    const refusal = (text: string) => {
      const r = parseOrderAmount(text, 'TAO');
      return r.ok ? null : r.error;
    };
    expect(refusal('0')).toMatch(/more than zero/);
    expect(refusal('0.000')).toMatch(/more than zero/);
    expect(refusal('-1')).toMatch(/negative/);
    expect(refusal('\u22121')).toMatch(/negative/);
    expect(refusal('1e3')).toMatch(/exponent/);
    expect(refusal('1.0000000001')).toMatch(/too many decimals/);
    expect(refusal('١٫٥')).toMatch(/digits 0–9/); // Arabic-Indic
    expect(refusal('１')).toMatch(/digits 0–9/); // fullwidth
    expect(refusal('abc')).toMatch(/unexpected character/);
    expect(refusal('')).toMatch(/enter an amount/);
  });

  it('a stake: at least 0.002 τ after the swap fee, at most free − fee − existential deposit', () => {
    const max = 10n * RAO - 300_000n - 500n;
    expect(maxStakeable(10n * RAO, 300_000n, 500n)).toBe(max);
    expect(checkOrder(stake(max), facts())).toBeNull();
    expect(checkOrder(stake(max + 1n), facts())).toMatch(/more than you can stake.*at most τ9\.9996995/);
    expect(checkOrder(stake(1_999_999n), facts())).toMatch(/minimum stake of τ0\.002/);
    expect(checkOrder(stake(2_000_000n), facts())).toBeNull();
    // 0.0021 τ with a 0.0002 τ swap fee leaves 0.0019 τ: below the minimum once the fee is taken.
    expect(checkOrder(stake(2_100_000n), facts({ swapFees: [200_000n] }))).toMatch(/less the swap fee of τ0\.0002.*minimum/);
    expect(checkOrder(stake(RAO), facts({ freeRao: 300_000n }))).toMatch(/does not cover the network fee and the τ0\.0000005/);
    // Before a quote the fee is unknown: only free − existential deposit bounds the amount.
    expect(checkOrder(stake(10n * RAO - 500n), facts({ networkFee: null }))).toBeNull();
    expect(checkOrder(stake(10n * RAO - 499n), facts({ networkFee: null }))).toMatch(/more than you can stake/);
    expect(checkOrder(stake(RAO, { slippageBps: 5001 }), facts())).toMatch(/slippage/);
  });

  it('several subnets: each share reaches the minimum, no subnet twice, the total fits the balance', () => {
    const legs = (amounts: bigint[], netuids = [1, 2, 3]) => amounts.map((amount, i) => ({ netuid: netuids[i]!, hotkey: HK, amount }));
    expect(checkOrder(stake(0n, { legs: legs([RAO, RAO, RAO]) }), facts())).toBeNull();
    expect(checkOrder(stake(0n, { legs: legs([RAO, 1_000_000n, RAO]) }), facts())).toMatch(/share for SN2 .* below the chain's minimum/);
    expect(checkOrder(stake(0n, { legs: legs([RAO, RAO], [4, 4]) }), facts())).toMatch(/SN4 .* twice/);
    expect(checkOrder(stake(0n, { legs: legs([5n * RAO, 5n * RAO]) }), facts())).toMatch(/more than you can stake/);
    expect(checkOrder(take('unstake', RAO, { legs: legs([RAO, RAO]) }), facts())).toMatch(/only stakes/);
  });

  it('unstake and move take only unlocked alpha of the position, worth at least the minimum', () => {
    expect(checkOrder(take('unstake', 40n * RAO), facts())).toBeNull();
    expect(checkOrder(take('unstake', 40n * RAO + 1n), facts())).toMatch(/only 40 α SN1 of this stake is unlocked/);
    expect(checkOrder(take('unstake', 100n * RAO + 1n), facts())).toMatch(/you have only 100 α SN1/);
    expect(checkOrder(take('move', RAO, { destNetuid: 2 }), facts({ position: { alpha: 5n * RAO, available: 0n } }))).toMatch(/all of this stake is locked/);
    expect(checkOrder(take('unstake', RAO), facts({ position: null }))).toMatch(/no stake with this validator on SN1/);
    // 0.05 α × 0.021 τ = 0.00105 τ: below the 0.002 τ minimum. 0.1 α = 0.0021 τ passes, but not after a 0.01 α swap fee.
    expect(checkOrder(take('unstake', 50_000_000n), facts())).toMatch(/worth less than the chain's minimum of τ0\.002/);
    expect(checkOrder(take('unstake', 100_000_000n), facts())).toBeNull();
    expect(checkOrder(take('unstake', 100_000_000n), facts({ swapFees: [10_000_000n] }))).toMatch(/after the swap fee/);
    expect(checkOrder(take('unstake', RAO), facts({ freeRao: 1_000n }))).toMatch(/does not cover the network fee/);
    expect(checkOrder(take('move', RAO, { destNetuid: 1 }), facts())).toMatch(/already on that subnet/);
    expect(checkOrder(take('change-validator', RAO, { destHotkey: HK }), facts())).toMatch(/already with that validator/);
    expect(checkOrder(take('change-validator', 10_000n, { destHotkey: HK2 }), facts())).toBeNull(); // no swap, no minimum
  });

  it('unstake all needs the whole position unlocked', () => {
    expect(checkOrder(take('unstake-all', 0n), facts())).toMatch(/only 40 α SN1 of this stake is unlocked: unstake that amount instead/);
    expect(checkOrder(take('unstake-all', 0n), facts({ position: { alpha: 100n * RAO, available: 100n * RAO } }))).toBeNull();
  });
});

describe('signing starts once, from a trusted gesture', () => {
  it('the confirm gate refuses untrusted events and a second click while a flow runs', () => {
    const gate = createConfirmGate();
    expect(gate.tryOpen({ isTrusted: false })).toBe(false);
    expect(gate.busy).toBe(false);
    expect(gate.tryOpen({ isTrusted: true })).toBe(true);
    expect(gate.tryOpen({ isTrusted: true })).toBe(false); // the double click's second click
    gate.release();
    expect(gate.tryOpen({ isTrusted: true })).toBe(true);
  });

  it('a draft is sent once; a newer draft for the same account replaces a waiting one; drafts lapse', () => {
    let t = 0;
    let n = 0;
    const book = createDraftBook<{ address: string }>({ ttlMs: 1_000, now: () => t, newId: () => `d${++n}` });
    const a = book.add({ address: 'A' });
    const other = book.add({ address: 'B' });
    expect(book.waiting(a.id).address).toBe('A');
    book.use(a.id);
    expect(() => book.waiting(a.id)).toThrow(/no longer waiting/);
    const first = book.add({ address: 'A' });
    const second = book.add({ address: 'A' }); // a double click built twice
    expect(() => book.waiting(first.id)).toThrow(/newer transaction from this account/);
    expect(book.waiting(second.id).id).toBe(second.id);
    expect(book.waiting(other.id).address).toBe('B');
    t = 1_001;
    expect(() => book.waiting(second.id)).toThrow(/expired/);
    expect(() => book.waiting('nope')).toThrow(/no longer waiting/);
  });
});

describe('MEV Shield key freshness', () => {
  const k = (b: number) => new Uint8Array(1184).fill(b);
  const keys: ShieldKeys = { nextKey: k(1), nextKeyExpiresAt: 13, pendingKey: k(2), pendingKeyExpiresAt: 12 };
  it('a key is usable while it is NextKey or PendingKey and the next block is before its expiry', () => {
    expect(shieldKeyUsable(k(1), keys, 11)).toBe(true);
    expect(shieldKeyUsable(k(1), keys, 13)).toBe(false);
    expect(shieldKeyUsable(k(2), keys, 11)).toBe(true);
    expect(shieldKeyUsable(k(2), keys, 12)).toBe(false);
    expect(shieldKeyUsable(k(3), keys, 11)).toBe(false); // rotated away
    // A node without expiry storage: only the current NextKey.
    const bare: ShieldKeys = { nextKey: k(1), nextKeyExpiresAt: null, pendingKey: k(2), pendingKeyExpiresAt: null };
    expect(shieldKeyUsable(k(1), bare, 99)).toBe(true);
    expect(shieldKeyUsable(k(2), bare, 11)).toBe(false);
  });
  it('recognises pool rejections that can come from a stale key', () => {
    expect(mayBeStaleKeyRejection('1010: Invalid Transaction: Transaction has a bad signature')).toBe(true);
    expect(mayBeStaleKeyRejection('Invalid Transaction: BadProof')).toBe(true);
    expect(mayBeStaleKeyRejection('1014: Priority is too low')).toBe(false);
  });
});

describe('errors in plain language', () => {
  it('has a message for every error users meet, and names unknown ones', () => {
    for (const name of ['NotEnoughBalanceToStake', 'NotEnoughStakeToWithdraw', 'HotKeyAccountNotExists', 'SubnetNotExists', 'AmountTooLow', 'InsufficientLiquidity', 'SlippageTooHigh', 'SubtokenDisabled', 'StakeUnavailable', 'SameNetuid']) {
      const m = explainModuleError({ section: 'subtensorModule', name });
      expect(m).not.toMatch(/refused the transaction:/);
      expect(m).not.toContain(name);
      expect(explainModuleError({ section: 'SubtensorModule', name })).toBe(m);
    }
    expect(explainModuleError({ section: 'swap', name: 'PriceLimitExceeded' })).toMatch(/price moved beyond your limit/);
    expect(explainModuleError({ section: 'subtensorModule', name: 'Frobnicated', docs: ['A thing went wrong.'] })).toMatch(/subtensorModule\.Frobnicated \(A thing went wrong\.\)/);
    expect(plainError('SubtensorModule.SlippageTooHigh')).toBe(explainModuleError({ section: 'subtensorModule', name: 'SlippageTooHigh' }));
    expect(plainError(null)).toMatch(/did not say why/);
    expect(explainPoolRejection('1010: Invalid Transaction: Transaction has a bad signature')).toMatch(/signature or its data is invalid/);
  });
});
