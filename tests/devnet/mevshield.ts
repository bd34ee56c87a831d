// MEV Shield v1 (spec 424): a fresh ML-KEM-768 key is announced every block as NextKey; the
// block author decrypts `submit_encrypted` ciphertexts
//   twox128(NextKey) ‖ u16le kem_ct len ‖ kem_ct ‖ nonce(24) ‖ XChaCha20-Poly1305(shared secret, signed inner xt)
// and includes the inner extrinsic in the same block.
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, xxhashAsU8a } from '@polkadot/util-crypto';

/** How many blocks a NextKey stays acceptable after it was announced (NextKeyExpiresAt = at + window). */
export const KEY_WINDOW = 3;

interface AnnouncedKey { publicKey: Uint8Array; secretKey: Uint8Array; hash: string; announcedAt: number }

export class MevShield {
  private keys: AnnouncedKey[] = [];
  constructor(private seed = 'taolens-devnet') {}

  /** Rotate at block `n`: a new NextKey; the previous ones stay decryptable for KEY_WINDOW blocks. */
  rotate(n: number) {
    const kp = ml_kem768.keygen(blake2AsU8a(`${this.seed}/mev/${n}`, 512));
    this.keys.push({ publicKey: kp.publicKey, secretKey: kp.secretKey, hash: u8aToHex(xxhashAsU8a(kp.publicKey, 128)), announcedAt: n });
    this.keys = this.keys.filter((k) => k.announcedAt > n - KEY_WINDOW);
  }

  /** Retire every announced key at once (as when the key holder changes): nothing sealed for them is opened any more. */
  retireAll() {
    this.keys = [];
  }

  storage() {
    const k = this.keys;
    const next = k[k.length - 1];
    const pending = k[k.length - 2];
    const current = k[k.length - 3];
    return {
      nextKey: next && u8aToHex(next.publicKey), nextKeyExpiresAt: next && next.announcedAt + KEY_WINDOW,
      pendingKey: pending && u8aToHex(pending.publicKey), pendingKeyExpiresAt: pending && pending.announcedAt + KEY_WINDOW,
      currentKey: current && u8aToHex(current.publicKey),
    };
  }

  /** Decrypt at block `n`; throws with a reason when the key is unknown/expired or the AEAD fails. */
  decrypt(ciphertext: Uint8Array, n: number): Uint8Array {
    if (ciphertext.length < 16 + 2 + 24 + 16) throw new Error('ciphertext too short');
    const keyHash = u8aToHex(ciphertext.subarray(0, 16));
    const kemLen = ciphertext[16]! | (ciphertext[17]! << 8);
    let o = 18;
    const kemCt = ciphertext.subarray(o, o + kemLen); o += kemLen;
    const nonce = ciphertext.subarray(o, o + 24); o += 24;
    const aead = ciphertext.subarray(o);
    const key = this.keys.find((k) => k.hash === keyHash && n < k.announcedAt + KEY_WINDOW);
    if (!key) throw new Error('unknown or expired key');
    const shared = ml_kem768.decapsulate(kemCt, key.secretKey);
    return xchacha20poly1305(shared, nonce).decrypt(aead);
  }
}

/** Client side, for tests: encrypt a signed extrinsic for the given NextKey. */
export function encryptForShield(nextKey: Uint8Array, signedExtrinsic: Uint8Array, nonce: Uint8Array = crypto.getRandomValues(new Uint8Array(24))): Uint8Array {
  const { cipherText, sharedSecret } = ml_kem768.encapsulate(nextKey);
  const aead = xchacha20poly1305(sharedSecret, nonce).encrypt(signedExtrinsic);
  const out = new Uint8Array(16 + 2 + cipherText.length + 24 + aead.length);
  out.set(xxhashAsU8a(nextKey, 128), 0);
  out[16] = cipherText.length & 0xff; out[17] = cipherText.length >> 8;
  out.set(cipherText, 18);
  out.set(nonce, 18 + cipherText.length);
  out.set(aead, 18 + cipherText.length + 24);
  return out;
}
