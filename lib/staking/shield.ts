/**
 * MEV Shield v1 client side (pure): sealing a signed inner extrinsic for the key the chain announced,
 * and whether a key is still accepted for the next block.
 */
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { u8aEq } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';

/** `MevShield::MaxEncryptedCallSize`. */
export const MAX_CIPHERTEXT_BYTES = 8192;
/** A signing flow re-seals at most this often before it asks the user to start again. */
export const MAX_RESEALS = 3;

export class ShieldError extends Error {}

/** twox128(key) ‖ u16le kem_ct length ‖ kem_ct ‖ nonce(24) ‖ XChaCha20-Poly1305(shared secret, signed inner). */
export function encryptForShield(nextKey: Uint8Array, signedInner: Uint8Array): Uint8Array {
  const { cipherText, sharedSecret } = ml_kem768.encapsulate(nextKey);
  const nonce = crypto.getRandomValues(new Uint8Array(24));
  const sealed = xchacha20poly1305(sharedSecret, nonce).encrypt(signedInner);
  const out = new Uint8Array(16 + 2 + cipherText.length + 24 + sealed.length);
  out.set(xxhashAsU8a(nextKey, 128), 0);
  out[16] = cipherText.length & 0xff;
  out[17] = cipherText.length >> 8;
  out.set(cipherText, 18);
  out.set(nonce, 18 + cipherText.length);
  out.set(sealed, 18 + cipherText.length + 24);
  if (out.length > MAX_CIPHERTEXT_BYTES) throw new ShieldError('the transaction is too large for a protected submission');
  return out;
}

const KEM_CIPHERTEXT_BYTES = 1088; // ML-KEM-768
const NONCE_BYTES = 24;
const TAG_BYTES = 16; // Poly1305

/** Length of the ciphertext `encryptForShield` makes for a signed inner extrinsic of `innerBytes` (its fee depends on it). */
export function sealedLength(innerBytes: number): number {
  return 16 + 2 + KEM_CIPHERTEXT_BYTES + NONCE_BYTES + innerBytes + TAG_BYTES;
}

/** MevShield storage at the best block; the `…ExpiresAt` bounds are exclusive block numbers, null where the node has none. */
export interface ShieldKeys {
  nextKey: Uint8Array | null;
  nextKeyExpiresAt: number | null;
  pendingKey: Uint8Array | null;
  pendingKeyExpiresAt: number | null;
}

/**
 * Whether a ciphertext sealed for `key` can still be opened in block `block`: the key is the announced
 * NextKey (or the PendingKey it replaced) and its expiry, where the node states one, lies beyond `block`.
 * Without expiry storage only the current NextKey counts.
 */
export function shieldKeyUsable(key: Uint8Array, keys: ShieldKeys, block: number): boolean {
  if (keys.nextKey && u8aEq(key, keys.nextKey)) return keys.nextKeyExpiresAt === null || block < keys.nextKeyExpiresAt;
  if (keys.pendingKey && keys.pendingKeyExpiresAt !== null && u8aEq(key, keys.pendingKey)) return block < keys.pendingKeyExpiresAt;
  return false;
}

/** A pool rejection that can mean "sealed for a key the node no longer takes" (the wrapper's own signature was verified). */
export function mayBeStaleKeyRejection(message: string): boolean {
  return /bad ?proof|bad signature|1010|stale|expired key|unknown key/i.test(message);
}

export const RESEALED_NOTE =
  'The protection key changed while you were signing, so your signed stake was sealed again with the new key. Sign the new envelope; the stake itself does not need signing again.';
