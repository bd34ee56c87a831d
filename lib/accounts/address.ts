/**
 * Address input: any Substrate SS58 address is accepted and shown in Bittensor's prefix 42; EVM (H160)
 * addresses and anything else are refused with a message a person can act on.
 */
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';

export const BITTENSOR_SS58_PREFIX = 42;

export type AddressCheck = { ok: true; address: string } | { ok: false; error: string };

export function normalizeAddress(input: string): AddressCheck {
  const text = input.trim();
  if (!text) return { ok: false, error: 'Enter an address.' };
  if (/^0x[0-9a-fA-F]{40}$/.test(text)) {
    return { ok: false, error: 'That is an EVM (H160) address. TaoLens needs a Bittensor (SS58) coldkey address, like 5F…' };
  }
  if (/^0x[0-9a-fA-F]*$/.test(text)) {
    return { ok: false, error: 'Hex is not accepted here: paste the SS58 address (it usually starts with 5).' };
  }
  if (!/^[1-9A-HJ-NP-Za-km-z]+$/.test(text)) {
    return { ok: false, error: 'That is not an SS58 address: it has characters SS58 never uses.' };
  }
  try {
    const publicKey = decodeAddress(text);
    if (publicKey.length !== 32) return { ok: false, error: 'That address is not a 32-byte account key.' };
    return { ok: true, address: encodeAddress(publicKey, BITTENSOR_SS58_PREFIX) };
  } catch {
    return { ok: false, error: 'That is not a valid SS58 address (its checksum does not match).' };
  }
}
