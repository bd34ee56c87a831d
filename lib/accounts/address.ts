/**
 * Address input: any Substrate SS58 address is accepted and shown in Bittensor's prefix 42; EVM (H160)
 * addresses and anything else are refused with a message a person can act on.
 */
import { base58Decode, decodeAddress, encodeAddress } from '@polkadot/util-crypto';

export const BITTENSOR_SS58_PREFIX = 42;

/** An SS58 account address: 1 or 2 prefix bytes, the 32-byte key, 2 checksum bytes. */
const KEY_AND_CHECKSUM_BYTES = 34;
/** How long a coldkey address is in characters (48 in prefix 42; 47 in some other prefixes). */
const SS58_ADDRESS_CHARS = '47 or 48';

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
  // Length before checksum: a copy that lost its end fails the checksum too, but "too short" is what to fix.
  const length = lengthProblem(text);
  if (length) return { ok: false, error: length };
  try {
    const publicKey = decodeAddress(text);
    if (publicKey.length !== 32) return { ok: false, error: 'That address is not a 32-byte account key.' };
    return { ok: true, address: encodeAddress(publicKey, BITTENSOR_SS58_PREFIX) };
  } catch {
    return { ok: false, error: 'That is not a valid SS58 address: its checksum does not match (a character is wrong).' };
  }
}

/**
 * "too short" / "too long" for an SS58 text whose bytes are not exactly a prefix, a 32-byte key and its checksum.
 * (A copy missing its first character can still decode to a valid length: that one reads as a checksum error.)
 */
function lengthProblem(text: string): string | null {
  const bytes = base58Decode(text);
  const prefixBytes = bytes.length && bytes[0]! & 0b0100_0000 ? 2 : 1;
  const want = prefixBytes + KEY_AND_CHECKSUM_BYTES;
  if (bytes.length < want) {
    return `That address is too short (${text.length} characters; a coldkey address has ${SS58_ADDRESS_CHARS}): it looks cut off. Copy it again in full.`;
  }
  if (bytes.length > want) {
    return `That address is too long (${text.length} characters; a coldkey address has ${SS58_ADDRESS_CHARS}). Check that only one address was pasted.`;
  }
  return null;
}
