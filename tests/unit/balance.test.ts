import { describe, expect, it } from 'vitest';
import { spendableRao } from '../../lib/portfolio/balance';

const TAO = 1_000_000_000n;
const ED = 500n; // Finney's existential deposit, rao

describe('spendable balance (balances pallet, keep-alive and polite)', () => {
  it('τ2,000 free with τ1,500 frozen: τ500 spendable', () => {
    expect(spendableRao({ freeRao: 2_000n * TAO, reservedRao: 0n, frozenRao: 1_500n * TAO }, ED)).toBe(500n * TAO);
  });
  it('nothing frozen: all but the existential deposit', () => {
    expect(spendableRao({ freeRao: 10_000n * TAO, reservedRao: 0n, frozenRao: 0n }, ED)).toBe(10_000n * TAO - ED);
  });
  it('a freeze smaller than the existential deposit: the deposit is what stays', () => {
    expect(spendableRao({ freeRao: 1_000n, reservedRao: 0n, frozenRao: 100n }, ED)).toBe(500n);
  });
  it('reserved balance counts against the freeze (freezes apply to free + reserved)', () => {
    expect(spendableRao({ freeRao: 2_000n * TAO, reservedRao: 1_000n * TAO, frozenRao: 1_500n * TAO }, ED)).toBe(1_500n * TAO);
    expect(spendableRao({ freeRao: 2_000n * TAO, reservedRao: 2_000n * TAO, frozenRao: 1_500n * TAO }, ED)).toBe(2_000n * TAO - ED);
  });
  it('never below zero', () => {
    expect(spendableRao({ freeRao: 1_000n * TAO, reservedRao: 0n, frozenRao: 1_500n * TAO }, ED)).toBe(0n);
    expect(spendableRao({ freeRao: 100n, reservedRao: 0n, frozenRao: 0n }, ED)).toBe(0n);
    expect(spendableRao({ freeRao: 0n, reservedRao: 0n, frozenRao: 0n }, ED)).toBe(0n);
  });
});
