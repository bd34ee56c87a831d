import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { normalizeAddress } from '../../lib/accounts/address';

// //Alice's sr25519 key in Bittensor's prefix 42.
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

const refused = (text: string) => {
  const r = normalizeAddress(text);
  if (r.ok) throw new Error(`accepted ${text}`);
  return r.error;
};

describe('normalizeAddress', () => {
  it('accepts a prefix-42 address and shows another prefix in 42', () => {
    expect(normalizeAddress(` ${ALICE} `)).toEqual({ ok: true, address: ALICE });
    expect(normalizeAddress(encodeAddress(decodeAddress(ALICE), 0))).toEqual({ ok: true, address: ALICE });
  });

  it('says a truncated address is too short and cut off, not that its checksum is wrong', () => {
    for (const cut of [1, 2, 5, 20]) {
      const error = refused(ALICE.slice(0, -cut));
      expect(error).toContain('too short');
      expect(error).toContain(`${ALICE.length - cut} characters`);
      expect(error).not.toContain('checksum');
    }
  });

  it('says an address with extra characters is too long', () => {
    expect(refused(ALICE + 'abc')).toContain('too long');
  });

  it('a full-length address with one character changed is a checksum mismatch', () => {
    const error = refused(ALICE.slice(0, -1) + (ALICE.endsWith('a') ? 'b' : 'a'));
    expect(error).toContain('checksum does not match');
  });

  it('refuses EVM, hex and non-base58 text with their own messages', () => {
    expect(refused('0x52908400098527886E0F7030069857D2E4169EE7')).toContain('EVM (H160)');
    expect(refused('0x1234')).toContain('Hex');
    expect(refused('5NotAnAddress0OIl')).toContain('characters SS58 never uses');
    expect(refused('   ')).toBe('Enter an address.');
  });
});
