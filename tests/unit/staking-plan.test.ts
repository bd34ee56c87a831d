import { describe, expect, it } from 'vitest';
import { explainModuleError, explainPoolRejection, plainError } from '@/lib/staking/errors';
import {
  maxStakeRao,
  planBatchStake,
  planStake,
  splitByWeights,
  swapLimitPrice,
  type ChainFacts,
  type StakeIntent,
} from '@/lib/staking/plan';
import { impactBpsOf, impactWarnings } from '@/lib/staking/sim-quote';
import { verifySignature } from '@/lib/staking/transaction';

const RAO = 1_000_000_000n;
const HOT = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const HOT2 = '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy';
const COLD = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

const facts = (over: Partial<ChainFacts> = {}): ChainFacts => ({
  priceRao: 21_000_000n, // 0.021 τ/α
  freeRao: 10n * RAO,
  positionAlpha: 100n * RAO,
  feeRao: 300_000n,
  existentialDeposit: 500n,
  ...over,
});
const intent = (over: Partial<StakeIntent> = {}): StakeIntent => ({
  action: 'stake',
  coldkey: COLD,
  hotkey: HOT,
  netuid: 64,
  amountText: '1',
  slippageBps: 50,
  ...over,
});

describe('planStake: stake', () => {
  it('builds addStakeLimit with the limit rounded per lib/units and the exact description', () => {
    const p = planStake(intent(), facts());
    expect(p).toEqual({
      ok: true,
      call: { pallet: 'subtensorModule', method: 'addStakeLimit', args: [HOT, 64, RAO, 21_105_000n, false] },
      describe: `subtensorModule.addStakeLimit(${HOT}, 64, 1.000000000 τ, limit 0.021105 τ/α, allow_partial=false)`,
      amount: RAO,
      limitPrice: 21_105_000n,
      unit: 'tao',
    });
  });

  it('limit = price × (1 + tol), floor (never looser than asked)', () => {
    const p = planStake(intent({ slippageBps: 33 }), facts({ priceRao: 1_234_567_891n }));
    // 1_234_567_891 × 10033 / 10000 = 1_238_641_965.04… → 1_238_641_965
    expect(p.ok && p.limitPrice).toBe(1_238_641_965n);
  });

  it('max = free − fee − existential deposit, exactly', () => {
    const f = facts({ freeRao: 5n * RAO + 123n });
    const p = planStake(intent({ amountText: ' MAX ' }), f);
    expect(maxStakeRao(f)).toBe(5n * RAO + 123n - 300_000n - 500n);
    expect(p.ok && p.amount).toBe(5n * RAO + 123n - 300_000n - 500n);
    // one rao more than max is refused with the reason
    const over = planStake(intent({ amountText: '4.999699624' }), f);
    expect(over.ok).toBe(false);
    expect(!over.ok && over.error).toMatch(/more than you can stake.*leaves at most 4\.999699623 τ/);
    expect(planStake(intent({ amountText: '4.999699623' }), f).ok).toBe(true);
  });

  it('refuses malformed amounts, zero, below minimum, and a balance that cannot pay the fee', () => {
    const err = (text: string, f = facts()) => {
      const p = planStake(intent({ amountText: text }), f);
      return p.ok ? null : p.error;
    };
    expect(err('')).toBe('enter an amount');
    expect(err('1e3')).toMatch(/exponent/);
    expect(err('1.0000000001')).toMatch(/too many decimals/);
    expect(err('-1')).toMatch(/negative/);
    expect(err('abc')).toMatch(/unexpected character/);
    expect(err('0')).toBe('the minimum stake is 0.002000000 τ');
    expect(err('0.001999999')).toBe('the minimum stake is 0.002000000 τ');
    expect(err('0.002')).toBeNull();
    expect(err('max', facts({ freeRao: 1000n }))).toMatch(/does not cover the network fee/);
    expect(planStake(intent({ slippageBps: 1.5 }), facts()).ok).toBe(false);
    expect(planStake(intent({ slippageBps: 6000 }), facts()).ok).toBe(false);
    expect(planStake(intent(), facts({ priceRao: 0n })).ok).toBe(false);
  });
});

describe('planStake: unstake, unstake-all, move, change-validator', () => {
  it('unstake: removeStakeLimit in alpha with limit = price × (1 − tol), ceiling', () => {
    const p = planStake(intent({ action: 'unstake', amountText: '12.5' }), facts());
    expect(p).toMatchObject({
      ok: true,
      call: { pallet: 'subtensorModule', method: 'removeStakeLimit', args: [HOT, 64, 12_500_000_000n, 20_895_000n, false] },
      describe: `subtensorModule.removeStakeLimit(${HOT}, 64, 12.500000000 α64, limit 0.020895 τ/α, allow_partial=false)`,
      unit: 'alpha',
    });
    // ceiling: 1_000_000_001 × 9950 / 10000 = 995_000_000.995 → 995_000_001
    const q = planStake(intent({ action: 'unstake', amountText: '1' }), facts({ priceRao: 1_000_000_001n }));
    expect(q.ok && q.limitPrice).toBe(995_000_001n);
  });

  it('unstake refusals: more than the position, locked part, worth below minimum, no TAO for the fee', () => {
    const err = (text: string, f = facts()) => {
      const p = planStake(intent({ action: 'unstake', amountText: text }), f);
      return p.ok ? null : p.error;
    };
    expect(err('100.000000001')).toMatch(/you have only 100\.000000000 α64/);
    expect(err('60', facts({ availableAlpha: 50n * RAO }))).toMatch(/only 50\.000000000 α64 of this stake is unlocked/);
    expect(err('0.05')).toMatch(/less than the minimum of 0\.002000000 τ/); // 0.05 α × 0.021 = 0.00105 τ
    expect(err('1', facts({ freeRao: 0n }))).toMatch(/does not cover the network fee/);
    expect(err('1', facts({ positionAlpha: 0n }))).toMatch(/no stake with this validator/);
    expect(err('max', facts({ availableAlpha: 40n * RAO }))).toBeNull();
    const max = planStake(intent({ action: 'unstake', amountText: 'max' }), facts({ availableAlpha: 40n * RAO }));
    expect(max.ok && max.amount).toBe(40n * RAO);
  });

  it('unstake-all: removeStakeFullLimit with a limit, never unstake_all_alpha', () => {
    const p = planStake(intent({ action: 'unstake-all', amountText: '' }), facts());
    expect(p).toMatchObject({
      ok: true,
      call: { pallet: 'subtensorModule', method: 'removeStakeFullLimit', args: [HOT, 64, 20_895_000n] },
      describe: `subtensorModule.removeStakeFullLimit(${HOT}, 64, limit 0.020895 τ/α)`,
      amount: 100n * RAO,
    });
    expect(planStake(intent({ action: 'unstake-all' }), facts({ availableAlpha: RAO })).ok).toBe(false);
  });

  it('move (other subnet, same validator): swapStakeLimit with limit = origin/dest × 1e9 lowered by tol', () => {
    // origin 0.021, dest 0.042 → ratio 0.5 × 1e9 = 500_000_000 → × 0.995 = 497_500_000
    expect(swapLimitPrice(21_000_000n, 42_000_000n, 50)).toBe(497_500_000n);
    const p = planStake(intent({ action: 'move', destNetuid: 1, amountText: '10' }), facts({ destPriceRao: 42_000_000n }));
    expect(p).toMatchObject({
      ok: true,
      call: { pallet: 'subtensorModule', method: 'swapStakeLimit', args: [HOT, 64, 1, 10n * RAO, 497_500_000n, false] },
      describe: `subtensorModule.swapStakeLimit(${HOT}, 64 → 1, 10.000000000 α64, limit 0.4975 α1/α64, allow_partial=false)`,
    });
    const same = planStake(intent({ action: 'move', destNetuid: 64, amountText: '10' }), facts({ destPriceRao: 42_000_000n }));
    expect(!same.ok && same.error).toBe('the stake is already on that subnet: choose a different one');
    expect(planStake(intent({ action: 'move', amountText: '10' }), facts()).ok).toBe(false);
  });

  it('change-validator: moveStake (same subnet), and refuses the same validator', () => {
    const p = planStake(intent({ action: 'change-validator', destHotkey: HOT2, amountText: '3' }), facts());
    expect(p).toMatchObject({
      ok: true,
      call: { pallet: 'subtensorModule', method: 'moveStake', args: [HOT, HOT2, 64, 64, 3n * RAO] },
      describe: `subtensorModule.moveStake(${HOT} → ${HOT2}, 64 → 64, 3.000000000 α64)`,
      limitPrice: null,
    });
    const same = planStake(intent({ action: 'change-validator', destHotkey: HOT, amountText: '3' }), facts());
    expect(!same.ok && same.error).toMatch(/already with that validator/);
  });

  it('never plans unstake_all_alpha, transfer_stake or the unprotected calls', () => {
    const methods = new Set<string>();
    for (const action of ['stake', 'unstake', 'unstake-all', 'move', 'change-validator'] as const) {
      const p = planStake(intent({ action, destNetuid: 1, destHotkey: HOT2, amountText: '1' }), facts({ destPriceRao: RAO }));
      if (p.ok) methods.add(p.call.method);
    }
    expect([...methods].sort()).toEqual(['addStakeLimit', 'moveStake', 'removeStakeFullLimit', 'removeStakeLimit', 'swapStakeLimit']);
  });
});

describe('batch split', () => {
  it('sums exactly to the total, remainder to the last leg', () => {
    expect(splitByWeights(10n, [1, 1, 1])).toEqual([3n, 3n, 4n]);
    expect(splitByWeights(3_000_000_001n, [50, 30, 20])).toEqual([1_500_000_000n, 900_000_000n, 600_000_001n]);
    expect(splitByWeights(7n, [0, 1])).toEqual([0n, 7n]);
    for (const [total, weights] of [
      [2n ** 64n - 1n, [1, 2, 3, 4, 5, 6, 7]],
      [999_999_999n, [3333, 3333, 3334]],
      [1n, [1, 1]],
    ] as const) {
      const parts = splitByWeights(total, weights);
      expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
      expect(parts.every((x) => x >= 0n)).toBe(true);
    }
    expect(() => splitByWeights(1n, [0, 0])).toThrow();
    expect(() => splitByWeights(1n, [1.5])).toThrow();
    expect(() => splitByWeights(1n, [])).toThrow();
  });

  it('planBatchStake: utility.batchAll of addStakeLimit legs with each leg’s limit', () => {
    const legs = [
      { hotkey: HOT, netuid: 1, weight: 1, priceRao: RAO },
      { hotkey: HOT, netuid: 2, weight: 1, priceRao: 2n * RAO },
      { hotkey: HOT2, netuid: 3, weight: 1, priceRao: 3n * RAO },
    ];
    const p = planBatchStake({ coldkey: COLD, amountText: '1', slippageBps: 100, legs }, facts());
    if (!p.ok) throw new Error(p.error);
    expect(p.legs.map((l) => l.amount)).toEqual([333_333_333n, 333_333_333n, 333_333_334n]);
    expect(p.call).toEqual({
      pallet: 'utility',
      method: 'batchAll',
      args: [
        [
          { pallet: 'subtensorModule', method: 'addStakeLimit', args: [HOT, 1, 333_333_333n, 1_010_000_000n, false] },
          { pallet: 'subtensorModule', method: 'addStakeLimit', args: [HOT, 2, 333_333_333n, 2_020_000_000n, false] },
          { pallet: 'subtensorModule', method: 'addStakeLimit', args: [HOT2, 3, 333_333_334n, 3_030_000_000n, false] },
        ],
      ],
    });
    expect(p.describe).toBe(
      [
        'utility.batchAll([',
        `  subtensorModule.addStakeLimit(${HOT}, 1, 0.333333333 τ, limit 1.01 τ/α, allow_partial=false),`,
        `  subtensorModule.addStakeLimit(${HOT}, 2, 0.333333333 τ, limit 2.02 τ/α, allow_partial=false),`,
        `  subtensorModule.addStakeLimit(${HOT2}, 3, 0.333333334 τ, limit 3.03 τ/α, allow_partial=false)`,
        '])',
      ].join('\n'),
    );
    const small = planBatchStake({ coldkey: COLD, amountText: '0.005', slippageBps: 100, legs }, facts());
    expect(!small.ok && small.error).toMatch(/below the minimum stake/);
    const dup = planBatchStake({ coldkey: COLD, amountText: '1', slippageBps: 100, legs: [legs[0]!, legs[0]!] }, facts());
    expect(!dup.ok && dup.error).toMatch(/appears twice/);
    const tooMuch = planBatchStake({ coldkey: COLD, amountText: '10', slippageBps: 100, legs }, facts());
    expect(!tooMuch.ok && tooMuch.error).toMatch(/more than you can stake/);
  });
});

describe('errors in plain language', () => {
  it('has a message for every error users meet, and names unknown ones', () => {
    const names = [
      'NotEnoughBalanceToStake',
      'NotEnoughStakeToWithdraw',
      'HotKeyAccountNotExists',
      'SubnetNotExists',
      'AmountTooLow',
      'InsufficientLiquidity',
      'SlippageTooHigh',
      'SubtokenDisabled',
      'StakeUnavailable',
      'SameNetuid',
    ];
    for (const name of names) {
      const m = explainModuleError({ section: 'subtensorModule', name });
      expect(m).not.toMatch(/refused the transaction:/);
      expect(m).not.toContain(name);
      expect(explainModuleError({ section: 'SubtensorModule', name })).toBe(m);
    }
    expect(explainModuleError({ section: 'swap', name: 'PriceLimitExceeded' })).toMatch(/price moved beyond your limit/);
    expect(explainModuleError({ section: 'subtensorModule', name: 'Frobnicated', docs: ['A thing went wrong.'] })).toBe(
      'The chain refused the transaction: subtensorModule.Frobnicated (A thing went wrong.).',
    );
    expect(plainError('SubtensorModule.SlippageTooHigh')).toBe(explainModuleError({ section: 'subtensorModule', name: 'SlippageTooHigh' }));
    expect(plainError(null)).toMatch(/did not say why/);
    expect(explainPoolRejection('1010: Invalid Transaction: Transaction has a bad signature')).toMatch(/signature or its data is invalid/);
  });
});

describe('quote helpers and signature check (pure)', () => {
  it('impact in bps, warnings at 2 % and 5 %', () => {
    expect(impactBpsOf(1000n, 1000n)).toBe(0);
    expect(impactBpsOf(1000n, 980n)).toBe(200);
    expect(impactWarnings(199, 1)).toEqual([]);
    expect(impactWarnings(200, 1)[0]).toMatch(/2\.00 %: high/);
    expect(impactWarnings(512, 3)[0]).toMatch(/5\.12 %: very high/);
  });

  it('verifySignature refuses garbage without throwing', () => {
    expect(verifySignature(new Uint8Array([1, 2, 3]), '0x' + '00'.repeat(64), COLD)).toBe(false);
    expect(verifySignature('0x010203', 'not hex', COLD)).toBe(false);
  });
});
