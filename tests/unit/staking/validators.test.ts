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
