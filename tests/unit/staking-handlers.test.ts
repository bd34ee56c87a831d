import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stakingHandlers } from '@/lib/background/staking-handlers';
import { request, serveRequests, type Handlers } from '@/lib/messaging/protocol';
import type { PanelFacts, PanelForm } from '@/lib/staking/panel-order';
import { ALICE, panelForm, TAO, V1 } from './staking/panel-form';

const facts: PanelFacts = {
  freeRao: 100n * TAO,
  existentialDeposit: 500n,
  positions: [{ netuid: 4, hotkey: V1, alpha: 50n * TAO, available: 20n * TAO }],
};

const form = (over: Partial<PanelForm> = {}) => panelForm({ batchText: '4, 9', ...over });

describe("the staking panel's form, checked by the worker (stake/panel-order)", () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // A chain that never comes up: the form's rules need none of it, so the panel is answered at once.
    serveRequests(stakingHandlers(new Promise(() => {})) as Handlers);
  });

  it('answers, over the message wire, with the exact order the panel would send (bigint rao intact)', async () => {
    expect(await request({ type: 'stake/panel-order', form: form({ amountText: '1.000000001' }), facts, spotPrice: null })).toEqual({
      ok: true,
      value: { order: { action: 'stake', address: ALICE, slippageBps: 50, shield: null, legs: [{ netuid: 4, hotkey: V1, amount: 1_000_000_001n }] } },
    });
    const split = await request({
      type: 'stake/panel-order',
      form: form({ mode: 'batch', amountText: '1', batchHotkeys: { 4: V1, 9: V1 } }),
      facts,
      spotPrice: null,
    });
    expect(split).toHaveProperty('value.order.legs', [
      { netuid: 4, amount: 500_000_000n, hotkey: V1 },
      { netuid: 9, amount: 500_000_000n, hotkey: V1 },
    ]);
  });

  it('says what is wrong in the plain words the panel shows, against the facts the panel holds', async () => {
    const unstake = form({ mode: 'unstake', amountUnit: 'α SN4', amountText: '30' });
    expect(await request({ type: 'stake/panel-order', form: unstake, facts, spotPrice: TAO })).toEqual({
      ok: true,
      value: { error: expect.stringMatching(/^Only 20 α SN4 of this stake is unlocked/) },
    });
    expect(await request({ type: 'stake/panel-order', form: form({ amountText: '1e3' }), facts, spotPrice: null })).toEqual({
      ok: true,
      value: { error: 'write the number in full, without exponent notation like 1e3' },
    });
    // Nothing to check yet: no order and no message.
    expect(await request({ type: 'stake/panel-order', form: form(), facts: null, spotPrice: null })).toEqual({ ok: true, value: null });
  });
});
