import { describe, expect, it } from 'vitest';
import { effectiveSlippageBps, panelOrder, parseNetuids, parsePercentToBps } from '@/lib/staking/panel-order';
import type { StakeContext } from '@/lib/staking/types';
import { ALICE, panelForm, TAO, V1, V2 } from './panel-form';

const ctx: StakeContext = {
  address: ALICE,
  netuid: 4,
  freeRao: 100n * TAO,
  existentialDeposit: 500n,
  positions: [{ netuid: 4, hotkey: V1, alpha: 50n * TAO, available: 20n * TAO }],
  validators: [],
  defaultHotkey: V1,
  slippageBps: 50,
  mevShieldMinRao: TAO,
  shieldAvailable: true,
  calls: [],
};

const form = panelForm;

describe('staking panel form → order', () => {
  it('parses percentages and subnet lists as typed, refusing anything else', () => {
    expect(parsePercentToBps('0.5')).toBe(50);
    expect(parsePercentToBps(' 1.25 % ')).toBe(125);
    expect(parsePercentToBps('3')).toBe(300);
    for (const bad of ['', '1e2', '-1', '100', '0.555', 'abc', '٣']) expect(parsePercentToBps(bad), bad).toBeNull();
    expect(parseNetuids('1, 4 64,4')).toEqual([1, 4, 64]);
    expect(parseNetuids('1, x')).toBeNull();
    expect(parseNetuids(' ')).toBeNull();
    expect(effectiveSlippageBps({ slippageText: '  ', defaultSlippageBps: 75 })).toBe(75);
  });

  it('builds an exact stake order, the empty slippage field meaning the settings default', () => {
    expect(panelOrder(form(), ctx, null)).toEqual({
      order: { action: 'stake', address: ALICE, slippageBps: 50, shield: null, legs: [{ netuid: 4, hotkey: V1, amount: 1_500_000_000n }] },
    });
    const typed = panelOrder(form({ slippageText: '2', shield: false }), ctx, null);
    expect(typed && 'order' in typed && typed.order.slippageBps).toBe(200);
  });

  it('waits (null) while there is nothing to check, and says what is wrong in plain words otherwise', () => {
    expect(panelOrder(form({ address: '' }), ctx, null)).toBeNull();
    expect(panelOrder(form(), null, null)).toBeNull();
    expect(panelOrder(form({ amountText: '' }), ctx, null)).toBeNull();
    expect(panelOrder(form({ slippageText: 'lots' }), ctx, null)).toEqual({ error: 'Slippage: write a percentage such as 0.5' });
    expect(panelOrder(form({ amountText: '1.0000000001' }), ctx, null)).toHaveProperty('error');
    expect(panelOrder(form({ hotkey: '' }), ctx, null)).toEqual({ error: 'Choose a validator' });
    // Checks start with a capital: the panel shows them as sentences.
    expect(panelOrder(form({ amountText: '1000' }), ctx, null)).toEqual({ error: expect.stringMatching(/^[A-Z]/) });
  });

  it('an unstake is held to the unlocked part, and a move needs its destination', () => {
    const unstake = form({ mode: 'unstake', amountUnit: 'SN4 α' });
    expect(panelOrder({ ...unstake, amountText: '30' }, ctx, TAO)).toEqual({ error: expect.stringContaining('is unlocked') });
    expect(panelOrder({ ...unstake, amountText: '20' }, ctx, TAO)).toHaveProperty('order.legs.0.amount', 20n * TAO);
    expect(panelOrder({ ...unstake, mode: 'move', amountText: '1' }, ctx, TAO)).toEqual({ error: 'Choose the subnet to move to' });
    expect(panelOrder({ ...unstake, mode: 'move', amountText: '1', destNetuidText: '9' }, ctx, TAO)).toHaveProperty('order.destNetuid', 9);
    expect(panelOrder({ ...unstake, mode: 'change-validator', amountText: '1' }, ctx, TAO)).toEqual({ error: 'Choose the validator to move to' });
    expect(panelOrder({ ...unstake, mode: 'change-validator', amountText: '1', destHotkey: V2 }, ctx, TAO)).toHaveProperty('order.destHotkey', V2);
  });

  it('splits a batch exactly (equally or by weights), waits for validators, and names a subnet without one', () => {
    const batch = form({ mode: 'batch', amountText: '1', batchText: '4, 7, 9' });
    expect(panelOrder(batch, ctx, null)).toBeNull(); // validators still loading
    const ready = { ...batch, batchHotkeys: { 4: V1, 7: V2, 9: V1 } };
    const equal = panelOrder(ready, ctx, null);
    const amounts = equal && 'order' in equal ? equal.order.legs.map((l) => l.amount) : [];
    expect(amounts.reduce((a, b) => a + b, 0n)).toBe(TAO);
    expect(amounts).toHaveLength(3);
    const weighted = panelOrder({ ...ready, weightsText: '2 1 1' }, ctx, null);
    expect(weighted && 'order' in weighted ? weighted.order.legs.map((l) => l.amount) : []).toEqual([500_000_000n, 250_000_000n, 250_000_000n]);
    expect(panelOrder({ ...ready, weightsText: '1 1' }, ctx, null)).toEqual({ error: 'Give one weight per subnet, or leave empty to split equally' });
    expect(panelOrder({ ...batch, batchHotkeys: { 4: V1, 7: null, 9: V1 } }, ctx, null)).toEqual({ error: 'SN7 has no validator to stake with' });
    expect(panelOrder({ ...batch, batchText: '4, seven' }, ctx, null)).toEqual({ error: 'Subnets: write their numbers, separated by commas' });
  });
});
