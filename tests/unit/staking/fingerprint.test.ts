// lib/staking/fingerprint.ts: what the user compares with the wallet's window.
import { describe, expect, it } from 'vitest';
import { fingerprintText, payloadFingerprint } from '@/lib/staking/fingerprint';

describe('what is signed', () => {
  it('the fingerprint shows call, amount, nonce and the ends of the call data', () => {
    const f = payloadFingerprint({ method: '0x0702d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d0d000000e40b5402000000', nonce: '0x00000007' }, 'subtensorModule.addStakeLimit', 'τ10');
    expect(fingerprintText(f)).toBe('subtensorModule.addStakeLimit · τ10 · nonce 7 · call data 0x0702d435…02000000');
    expect(fingerprintText(payloadFingerprint({ method: '0x0a00', nonce: 3 }, 'mevShield.submitEncrypted', null))).toBe('mevShield.submitEncrypted · nonce 3 · call data 0x0a00');
  });
});
