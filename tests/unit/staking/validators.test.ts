// lib/staking/validators.ts: validator choice and search.
import { describe, expect, it } from 'vitest';
import { defaultValidator, searchValidators, validatorChoices } from '@/lib/staking/validators';

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

describe('the default validator rule (issue 19: not hotkey order)', () => {
  // Hotkeys sort 'A…' before 'Z…': the old order (and its default) followed them when stakes tied.
  const v = (hotkey: string, take: number, stake: bigint, permit = true) => ({ hotkey, name: hotkey, take, permits: permit ? [64] : [], stakeByNetuid: { 64: stake } });
  const pct = (p: number) => Math.round((p / 100) * 65535);

  it('with no stake anywhere, picks the lowest take among those with a permit, not the first hotkey', () => {
    const choices = validatorChoices([v('A18', pct(18), 0n), v('Z0', 0, 0n), v('M9', pct(9), 0n)], 64, []);
    expect(defaultValidator(choices)).toBe('Z0');
    expect(choices.map((c) => c.hotkey)).toEqual(['Z0', 'M9', 'A18']);
  });

  it('most stake among those with a permit wins over a lower take; a validator without a permit is never the default', () => {
    const choices = validatorChoices([v('A', pct(18), 500n), v('B', 0, 100n), v('C', 0, 9_000n, false)], 64, []);
    expect(defaultValidator(choices)).toBe('A');
    expect(choices.map((c) => c.hotkey)).toEqual(['A', 'B', 'C']);
  });

  it("the user's own validator comes first, whatever its take or stake", () => {
    const choices = validatorChoices([v('A', 0, 900n), v('B', pct(18), 0n, false)], 64, [{ netuid: 64, hotkey: 'B', alpha: 1n }]);
    expect(defaultValidator(choices)).toBe('B');
  });
});
