import { describe, expect, it } from 'vitest';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { cryptoWaitReady, signatureVerify } from '@polkadot/util-crypto';
import { challengeText, createAccountProofs } from '@/lib/accounts/proofs';
import { encryptForShield, sealedLength } from '@/lib/staking/shield';
import { createStabilityClock, styleProblem } from '@/lib/staking/visibility-guard';
import { isChallengeText } from '@/lib/wallet/protocol';

const visible = { opacity: '1', visibility: 'visible', display: 'block', filter: 'none', transform: 'none', clipPath: 'none', mixBlendMode: 'normal' };

describe('clickjacking: the panel must be seen, unchanged, for a second', () => {
  it('a click counts only after a second of the same fully visible panel', () => {
    const clock = createStabilityClock(1000);
    expect(clock.refusal(0)).toBe('not shown yet');
    clock.observe({ problem: null, key: 'a' }, 0);
    expect(clock.refusal(999)).toBe('it had just appeared or changed');
    clock.observe({ problem: null, key: 'a' }, 500);
    expect(clock.refusal(1000)).toBeNull();
    clock.observe({ problem: null, key: 'moved' }, 1100);
    expect(clock.refusal(1500)).toBe('it had just appeared or changed');
    clock.observe({ problem: 'something covers it', key: 'moved' }, 2200);
    expect(clock.refusal(9000)).toBe('something covers it');
    clock.observe({ problem: null, key: 'moved' }, 9000);
    expect(clock.refusal(9500)).not.toBeNull();
    expect(clock.refusal(10_000)).toBeNull();
  });

  it('names the style that hides the panel', () => {
    expect(styleProblem(visible, 'the panel')).toBeNull();
    expect(styleProblem({ ...visible, opacity: '0.01' }, 'the panel')).toBe('the panel is see-through');
    expect(styleProblem({ ...visible, visibility: 'hidden' }, 'the panel')).toBe('the panel is hidden');
    expect(styleProblem({ ...visible, display: 'none' }, 'the panel')).toBe('the panel is not displayed');
    expect(styleProblem({ ...visible, filter: 'opacity(0)' }, 'the page around it')).toBe('the page around it is filtered');
    expect(styleProblem({ ...visible, transform: 'matrix(1, 0, 0, 1, -5000, 0)' }, 'the panel')).toBe('the panel is transformed');
    expect(styleProblem({ ...visible, clipPath: 'inset(50%)' }, 'the panel')).toBe('the panel is clipped');
  });
});

describe('account proofs', () => {
  it('an account is the wallet’s only once it signed its one-time check; a junk, reused or foreign signature proves nothing', async () => {
    await cryptoWaitReady();
    const pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice');
    const other = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Bob');
    let n = 0;
    const proofs = createAccountProofs({
      verify: (text, signature, address) => signatureVerify(u8aWrapBytes(text), signature, address).isValid,
      randomHex: () => '0123456789abcdef0123456789abcdef',
      newId: () => `id-${++n}`,
    });
    const c = proofs.issue(pair.address, 'taostats.io');
    expect(c.text).toBe(challengeText('taostats.io', '0123456789abcdef0123456789abcdef'));
    expect(isChallengeText(c.text)).toBe(true);
    expect(proofs.prove(c.id, '0x' + '22'.repeat(64))).toBeNull();
    expect(proofs.prove(c.id, u8aToHex(pair.sign(u8aWrapBytes(c.text))))).toBeNull(); // the junk try used it up
    const d = proofs.issue(pair.address, 'taostats.io');
    expect(proofs.prove(d.id, u8aToHex(other.sign(u8aWrapBytes(d.text))))).toBeNull();
    const e = proofs.issue(pair.address, '<script>');
    expect(e.text).toContain('for TaoLens on this site.');
    expect(proofs.isVerified(pair.address)).toBe(false);
    expect(proofs.prove(e.id, u8aToHex(pair.sign(u8aWrapBytes(e.text))))).toBe(pair.address);
    expect(proofs.isVerified(pair.address)).toBe(true);
    proofs.markVerified(other.address);
    expect(proofs.isVerified(other.address)).toBe(true);
  });
});

describe('MEV Shield envelope size', () => {
  it('sealedLength is the length encryptForShield makes (the envelope fee depends on it)', () => {
    const { publicKey } = ml_kem768.keygen();
    for (const n of [1, 150, 600]) expect(encryptForShield(publicKey, new Uint8Array(n)).length).toBe(sealedLength(n));
  });
});
