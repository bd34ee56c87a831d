// lib/staking/errors.ts: chain errors in plain language.
import { describe, expect, it } from 'vitest';
import { explainModuleError, explainPoolRejection } from '@/lib/staking/errors';

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
    expect(explainPoolRejection('1010: Invalid Transaction: Transaction has a bad signature')).toMatch(/signature or its data is invalid/);
  });
});
