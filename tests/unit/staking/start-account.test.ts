// lib/staking/start-account.ts: the account the staking panel opens on (issue 19).
import { describe, expect, it } from 'vitest';
import { startingAccount } from '@/lib/staking/start-account';

const accounts = [{ address: 'BOB' }, { address: 'ALICE' }, { address: 'CHARLIE' }];

describe('startingAccount', () => {
  it('an unstake or move opens on the account holding the most stake on the subnet, not the first listed', () => {
    const holders = [{ address: 'CHARLIE', alpha: 5n }, { address: 'ALICE', alpha: 900n }];
    expect(startingAccount(accounts, { action: 'unstake', holders, journal: [] })).toBe('ALICE');
    expect(startingAccount(accounts, { action: 'move', holders, journal: [{ address: 'BOB', createdAt: 9 }] })).toBe('ALICE');
  });

  it('otherwise the account last used (newest journal entry the wallet still lists), else the first', () => {
    const journal = [{ address: 'CHARLIE', createdAt: 1 }, { address: 'ALICE', createdAt: 3 }, { address: 'GONE', createdAt: 7 }];
    expect(startingAccount(accounts, { action: 'stake', holders: [{ address: 'CHARLIE', alpha: 5n }], journal })).toBe('ALICE');
    expect(startingAccount(accounts, { action: 'unstake', holders: [{ address: 'GONE', alpha: 5n }], journal })).toBe('ALICE');
    expect(startingAccount(accounts, { action: 'stake', holders: [], journal: [] })).toBe('BOB');
    expect(startingAccount([], { action: 'stake', holders: [], journal })).toBeNull();
  });
});
