/**
 * Extrinsics of the staking path, built from our own copy of every payload: the calls of an order, the exact
 * payload a wallet signs, the check that a signature covers exactly those bytes, the signed extrinsic made
 * from them, and the fees of a MEV Shield pair. Pages and wallets only ever return a signature.
 */
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, signatureVerify } from '@polkadot/util-crypto';
import type { ChainSession } from './session';
import { big } from './codec';
import { bestHead, nextNonce } from './staking-reads';
import { orderCall } from '../staking/calls';
import { StakingError } from '../staking/errors';
import { sealedLength } from '../staking/shield';
import type { LegQuote, StakeOrder } from '../staking/types';

type Api = ChainSession['api'];

/** Mortal era of an ordinary transaction, and of a MEV Shield wrapper (at most 8). */
export const ERA_PERIOD = 64;
export const SHIELD_ERA_PERIOD = 8;
/**
 * Mortal era of the stake inside a MEV Shield envelope: it is signed in the page's world in clear, so a page
 * could send it unsealed while it is valid; 16 blocks leave time to sign the envelope and re-seal it a few times.
 */
export const SHIELDED_INNER_ERA_PERIOD = 16;

/** The order's extrinsic (one call, or several in one `utility.batchAll`) and the call as the user reads it. */
export function orderExtrinsic(api: Api, order: StakeOrder, legs: LegQuote[]) {
  const { calls, batch, preview } = orderCall(order, legs);
  const made = calls.map((c) => {
    const fn = (api.tx as unknown as Record<string, Record<string, ((...a: unknown[]) => SubmittableExtrinsic<'promise'>) | undefined> | undefined>)[c.section]?.[c.method];
    if (!fn) throw new StakingError(`this node does not offer ${c.section}.${c.method}`);
    return fn(...c.args);
  });
  if (!batch) return { tx: made[0]!, preview };
  if (!api.tx.utility?.batchAll) throw new StakingError('this node does not offer utility.batchAll, so several subnets cannot be staked at once');
  return { tx: api.tx.utility.batchAll(made), preview };
}

/** The exact payload a wallet signs: nonce, mortal era from a recent block, spec/tx version, genesis, metadata-hash mode 0. */
export async function signerPayload(api: Api, address: string, method: string, nonce: number, period: number) {
  // Era born at the finalized head (the best one when finality is close), like polkadot.js.
  const [finalizedHash, best] = await Promise.all([api.rpc.chain.getFinalizedHead(), api.rpc.chain.getHeader()]);
  const finalized = await api.rpc.chain.getHeader(finalizedHash);
  const useBest = best.number.toNumber() - finalized.number.toNumber() > 5 || period < ERA_PERIOD;
  const birth = useBest ? best : finalized;
  const blockNumber = birth.number.toNumber();
  const era = api.registry.createType('ExtrinsicEra', { current: blockNumber, period });
  const payload = api.registry.createType(
    'SignerPayload',
    {
      address,
      blockHash: birth.hash.toHex(),
      blockNumber,
      era,
      genesisHash: api.genesisHash.toHex(),
      method,
      nonce,
      runtimeVersion: api.runtimeVersion,
      signedExtensions: api.registry.signedExtensions,
      tip: 0,
      version: api.extrinsicVersion,
      mode: 0,
    },
    { version: api.extrinsicVersion },
  );
  return { json: payload.toPayload(), eraBirth: blockNumber, eraPeriod: period };
}

/** Whether `signature` is the address's signature over exactly these payload bytes. */
export function signatureCovers(api: Api, payload: SignerPayloadJSON, signature: string): boolean {
  try {
    const bytes = api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).toU8a({ method: true });
    const message = bytes.length > 256 ? blake2AsU8a(bytes, 256) : bytes;
    return signatureVerify(message, signature, payload.address).isValid;
  } catch {
    return false;
  }
}

/** The extrinsic to send: our payload with the wallet's signature. */
export function signedExtrinsic(api: Api, payload: SignerPayloadJSON, signature: string) {
  const ext = api.registry.createType('Extrinsic', { method: payload.method }, { version: payload.version });
  ext.addSignature(payload.address, signature as `0x${string}`, payload);
  return ext;
}

/**
 * Fees of a shielded order: the inner stake's (its exact signed length, nonce N + 1) plus the envelope's, whose
 * ciphertext length follows from the inner's. Both are charged when it lands.
 */
export async function shieldedFees(s: ChainSession, address: string, tx: SubmittableExtrinsic<'promise'>): Promise<bigint> {
  const api = s.api;
  const nonce = await nextNonce(s, address);
  const head = await bestHead(api);
  const era = api.registry.createType('ExtrinsicEra', { current: head.number, period: ERA_PERIOD });
  const innerFee = big((await tx.paymentInfo(address, { nonce: nonce + 1, era: ERA_PERIOD })).partialFee);
  const signedInner = api.tx(tx.toU8a()).signFake(address, {
    nonce: nonce + 1, era, blockHash: head.hash, genesisHash: api.genesisHash, runtimeVersion: api.runtimeVersion, signedExtensions: api.registry.signedExtensions,
  });
  const envelope = api.tx.mevShield!.submitEncrypted!(u8aToHex(new Uint8Array(sealedLength(signedInner.toU8a().length))));
  const envelopeFee = big((await envelope.paymentInfo(address, { nonce, era: SHIELD_ERA_PERIOD })).partialFee);
  return innerFee + envelopeFee;
}

/** The fee of a plain (unshielded) transaction. */
export async function plainFee(address: string, tx: SubmittableExtrinsic<'promise'>): Promise<bigint> {
  return big((await tx.paymentInfo(address)).partialFee);
}
