// Extrinsic decoding and signature verification driven by the metadata's extension list.
// The signing payload is rebuilt as call ++ explicit extension data ++ implicit data (spec,
// tx version, genesis, era birth hash, metadata hash) and blake2-256 hashed above 256 bytes:
// byte-identical to polkadot.js's ExtrinsicPayload.
import type { Call } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { compactFromU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a, ed25519Verify, sr25519Verify } from '@polkadot/util-crypto';
import type { ChainTypes } from './metadata';

export interface DecodedExtrinsic {
  bytes: Uint8Array; // full encoding, length-prefixed, as submitted
  hash: string; // blake2-256 of bytes
  signed: boolean;
  signer?: string; // hex public key
  sigType?: 'Sr25519' | 'Ed25519' | 'Ecdsa';
  signature?: Uint8Array;
  era?: { mortal: boolean; period: number; phase: number };
  nonce: number;
  tip: bigint;
  metadataHashMode: number;
  explicit: { identifier: string; bytes: Uint8Array }[];
  callBytes: Uint8Array;
  call: Call;
}

export class TxError extends Error {
  constructor(public code: number, public rpcMessage: string, public data?: string) { super(data ? `${rpcMessage}: ${data}` : rpcMessage); }
}
export const invalidTx = (data: string) => new TxError(1010, 'Invalid Transaction', data);

export function decodeExtrinsic(t: ChainTypes, input: Uint8Array | string): DecodedExtrinsic {
  const bytes = typeof input === 'string' ? hexToU8a(input) : input;
  try {
    const [off, len] = compactFromU8a(bytes);
    const body = bytes.subarray(off);
    if (body.length !== len.toNumber()) throw new Error('length prefix mismatch');
    const version = body[0]!;
    let o = 1;
    const res: Partial<DecodedExtrinsic> = { bytes, hash: blake2AsHex(bytes, 256), nonce: 0, tip: 0n, metadataHashMode: 0, explicit: [] };
    if (version === 0x84) {
      // MultiAddress::Id (0x00 ++ 32 bytes) and MultiSignature (type byte ++ 64/65 bytes)
      if (body[o] !== 0) throw new Error('only MultiAddress::Id signers are supported');
      res.signer = u8aToHex(body.slice(o + 1, o + 33));
      o += 33;
      const sigKind = (['Ed25519', 'Sr25519', 'Ecdsa'] as const)[body[o]!];
      if (!sigKind) throw new Error('unknown signature type');
      const sigLen = sigKind === 'Ecdsa' ? 65 : 64;
      res.signature = body.slice(o + 1, o + 1 + sigLen);
      o += 1 + sigLen;
      res.signed = true;
      res.sigType = sigKind;
      for (const e of t.extensions) {
        const c = t.registry.createType(e.type, body.subarray(o)) as Codec;
        const eb = body.slice(o, o + c.encodedLength);
        o += c.encodedLength;
        res.explicit!.push({ identifier: e.identifier, bytes: eb });
        if (e.identifier === 'CheckMortality') {
          const era = c as unknown as { isMortalEra: boolean; asMortalEra: { period: { toNumber(): number }; phase: { toNumber(): number } } };
          res.era = era.isMortalEra ? { mortal: true, period: era.asMortalEra.period.toNumber(), phase: era.asMortalEra.phase.toNumber() } : { mortal: false, period: 0, phase: 0 };
        } else if (e.identifier === 'CheckNonce') res.nonce = Number((c as unknown as { toBigInt(): bigint }).toBigInt());
        else if (e.identifier === 'ChargeTransactionPayment') res.tip = (c as unknown as { toBigInt(): bigint }).toBigInt();
        else if (e.identifier === 'CheckMetadataHash') res.metadataHashMode = eb[0];
      }
    } else if (version === 0x04) {
      res.signed = false;
    } else {
      throw new Error(`unsupported extrinsic version byte 0x${version.toString(16)}`);
    }
    res.callBytes = body.slice(o);
    res.call = t.registry.createType('Call', res.callBytes) as Call;
    if (res.call.encodedLength !== res.callBytes.length) throw new Error('trailing bytes after call');
    return res as DecodedExtrinsic;
  } catch (e) {
    throw new TxError(1002, 'Verification Error', `Could not decode extrinsic: ${(e as Error).message}`);
  }
}

/** Era birth block for a mortal era at `current` (same formula as Substrate's Era::birth). */
export function eraBirth(era: { period: number; phase: number }, current: number): number {
  return Math.floor((Math.max(current, era.phase) - era.phase) / era.period) * era.period + era.phase;
}

export interface ImplicitContext { specVersion: number; transactionVersion: number; genesisHash: string; birthHash: string }

export function signingPayload(t: ChainTypes, x: DecodedExtrinsic, ctx: ImplicitContext): Uint8Array {
  const implicit: Uint8Array[] = [];
  for (const e of t.extensions) {
    switch (e.identifier) {
      case 'CheckSpecVersion': implicit.push(t.registry.createType('u32', ctx.specVersion).toU8a()); break;
      case 'CheckTxVersion': implicit.push(t.registry.createType('u32', ctx.transactionVersion).toU8a()); break;
      case 'CheckGenesis': implicit.push(hexToU8a(ctx.genesisHash)); break;
      case 'CheckMortality': implicit.push(hexToU8a(ctx.birthHash)); break;
      case 'CheckMetadataHash':
        // mode 1 would need the merkleized metadata hash, which the devnet does not compute
        if (x.metadataHashMode !== 0) throw invalidTx('Transaction has a bad signature (CheckMetadataHash mode 1 is not supported by the devnet)');
        implicit.push(new Uint8Array([0]));
        break;
      default: {
        const c = t.registry.createType(e.implicit) as Codec;
        if (c.encodedLength !== 0) throw invalidTx(`unknown transaction extension ${e.identifier} with implicit data`);
      }
    }
  }
  const payload = u8aConcat(x.callBytes, ...x.explicit.map((e) => e.bytes), ...implicit);
  return payload.length > 256 ? blake2AsU8a(payload, 256) : payload;
}

export function verifySignature(t: ChainTypes, x: DecodedExtrinsic, ctx: ImplicitContext): boolean {
  if (!x.signed || !x.signature || !x.signer) return false;
  const payload = signingPayload(t, x, ctx);
  const pk = hexToU8a(x.signer);
  try {
    if (x.sigType === 'Sr25519') return sr25519Verify(payload, x.signature, pk);
    if (x.sigType === 'Ed25519') return ed25519Verify(payload, x.signature, pk);
  } catch { return false; }
  return false; // ECDSA signers would need an address derived from the key: not supported
}

/** Plain JS args of a call by metadata field name (snake_case). */
export function callArgs(call: Call): Record<string, Codec> {
  const out: Record<string, Codec> = {};
  call.meta.fields.forEach((f, i) => { out[f.name.unwrap().toString()] = call.args[i]!; });
  return out;
}
