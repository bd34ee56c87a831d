// lib/staking/shield.ts: MEV Shield key freshness.
import { describe, expect, it } from 'vitest';
import { mayBeStaleKeyRejection, shieldKeyUsable, type ShieldKeys } from '@/lib/staking/shield';

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
