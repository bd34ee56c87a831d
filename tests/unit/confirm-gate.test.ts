// components/staking/confirm-gate.ts: the panel's one door to signing.
import { describe, expect, it } from 'vitest';
import { createConfirmGate } from '@/components/staking/confirm-gate';

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
});
