/**
 * Build → sign (by a wallet, elsewhere) → verify → submit → watch, for a planned call.
 *
 * - The signing payload is built exactly like @polkadot/api's own signer path (`SignerPayload` from
 *   the sign options), mortal for 32 blocks from the finalized head, nonce from `system_accountNextIndex`
 *   (which counts the node's pool too). The wallet gets the SignerPayloadJSON; the raw bytes are kept to
 *   verify its signature.
 * - A signature that does not verify over those bytes is refused before anything is sent.
 * - Success or failure is read from the block's `System.Events` for this extrinsic's index, with the
 *   module error decoded from the node's metadata.
 */
/* The chain's pallets are not in @polkadot/api's augmentation, hence the loose accessors below. */
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { EventRecord, ExtrinsicStatus } from '@polkadot/types/interfaces';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import { hexToU8a, isHex, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, signatureVerify } from '@polkadot/util-crypto';
import { explainModuleError, explainPoolRejection } from './errors';
import type { PlannedCall } from './plan';

export const DEFAULT_ERA_PERIOD = 32;

type AnyTx = SubmittableExtrinsic<'promise'>;
type TxFactory = (...args: unknown[]) => AnyTx;

/** The polkadot.js extrinsic for a planned call (feature-detected: a node without the call throws plainly). */
export function toExtrinsic(api: ApiPromise, planned: PlannedCall): AnyTx {
  const section = (api.tx as unknown as Record<string, Record<string, TxFactory> | undefined>)[planned.pallet];
  const fn = section?.[planned.method];
  if (!fn) throw new Error(`this node has no ${planned.pallet}.${planned.method} call`);
  if (planned.pallet === 'utility') return fn(planned.args[0].map((c) => toExtrinsic(api, c)));
  return fn(...planned.args);
}

export interface SigningRequest {
  address: string;
  /** What a wallet's `signPayload` takes. */
  payload: SignerPayloadJSON;
  /** The bytes a signature must cover (before the > 256-byte blake2 hashing), hex. */
  payloadHex: `0x${string}`;
  /** The unsigned extrinsic; `attachSignature` fills it in. */
  extrinsic: AnyTx;
  nonce: number;
  /** Mortal era: born at this block, valid for `eraPeriod` blocks. */
  eraBirth: number;
  eraPeriod: number;
}

export interface BuildOptions {
  /** Default 32 blocks. */
  eraPeriod?: number;
  /** Default: `system_accountNextIndex` (counts transactions waiting in the pool), else AccountNonceApi. */
  nonce?: number;
}

/** Era anchor: the finalized head, or best's parent when finality lags by more than 5 blocks (as polkadot.js). */
async function eraAnchor(api: ApiPromise): Promise<{ hash: string; number: number }> {
  const finHash = await api.rpc.chain.getFinalizedHead();
  const [fin, best] = await Promise.all([api.rpc.chain.getHeader(finHash), api.rpc.chain.getHeader()]);
  const finNumber = fin.number.toNumber();
  const bestNumber = best.number.toNumber();
  if (bestNumber - finNumber > 5 && bestNumber > 0) return { hash: best.parentHash.toHex(), number: bestNumber - 1 };
  return { hash: finHash.toHex(), number: finNumber };
}

async function nextNonce(api: ApiPromise, address: string): Promise<number> {
  const rpc = api.rpc.system as unknown as { accountNextIndex?: (a: string) => Promise<{ toNumber(): number }> };
  if (rpc.accountNextIndex) {
    try {
      return (await rpc.accountNextIndex(address)).toNumber();
    } catch {
      // fall through to the runtime API
    }
  }
  const call = api.call as unknown as { accountNonceApi?: { accountNonce(a: string): Promise<{ toNumber(): number }> } };
  if (!call.accountNonceApi) throw new Error('the node offers no way to read the account nonce');
  return (await call.accountNonceApi.accountNonce(address)).toNumber();
}

export async function buildSigningPayload(api: ApiPromise, address: string, call: PlannedCall | AnyTx, opts: BuildOptions = {}): Promise<SigningRequest> {
  const extrinsic = 'pallet' in call ? toExtrinsic(api, call) : call;
  const eraPeriod = opts.eraPeriod ?? DEFAULT_ERA_PERIOD;
  const [anchor, nonce] = await Promise.all([eraAnchor(api), opts.nonce ?? nextNonce(api, address)]);
  const registry = api.registry;
  const era = registry.createType('ExtrinsicEra', { current: anchor.number, period: eraPeriod });
  const signerPayload = registry.createType('SignerPayload', {
    address,
    blockHash: anchor.hash,
    blockNumber: anchor.number,
    era,
    genesisHash: api.genesisHash,
    method: extrinsic.method,
    nonce,
    runtimeVersion: api.runtimeVersion,
    signedExtensions: registry.signedExtensions,
    tip: 0,
    version: api.extrinsicVersion,
  });
  const payload = signerPayload.toPayload();
  return {
    address,
    payload,
    payloadHex: u8aToHex(payloadBytes(api, payload)),
    extrinsic,
    nonce,
    eraBirth: anchor.number,
    eraPeriod,
  };
}

/** The exact bytes of a SignerPayloadJSON as the chain rebuilds them (what a signature covers, unhashed). */
export function payloadBytes(api: ApiPromise, payload: SignerPayloadJSON): Uint8Array {
  return api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).toU8a({ method: true });
}

/**
 * Whether `signatureHex` is `address`'s signature over `payload` (blake2-256 hashed first when over 256
 * bytes, as polkadot.js and the runtime do). Accepts raw 64-byte and type-prefixed (MultiSignature) forms.
 */
export function verifySignature(payload: Uint8Array | string, signatureHex: string, address: string): boolean {
  try {
    const bytes = typeof payload === 'string' ? hexToU8a(payload) : payload;
    const message = bytes.length > 256 ? blake2AsU8a(bytes, 256) : bytes;
    return signatureVerify(message, signatureHex, address).isValid;
  } catch {
    return false;
  }
}

export class SignatureRefused extends Error {
  constructor() {
    super('The signature does not match this transaction for this account, so it was not sent. Sign again with the same account.');
    this.name = 'SignatureRefused';
  }
}

const CRYPTO_PREFIX: Record<string, number> = { ed25519: 0, sr25519: 1, ecdsa: 2 };

/**
 * Verify the wallet's signature over the request's bytes, then put it into the extrinsic.
 * Throws SignatureRefused (nothing is sent) when it does not verify.
 */
export function attachSignature(api: ApiPromise, req: SigningRequest, signatureHex: string): AnyTx {
  if (!isHex(signatureHex)) throw new SignatureRefused();
  const bytes = hexToU8a(req.payloadHex);
  if (!verifySignature(bytes, signatureHex, req.address)) throw new SignatureRefused();
  let sig = hexToU8a(signatureHex);
  if (sig.length === 64) {
    // A raw signature: the extrinsic needs the MultiSignature form, prefixed with the crypto type.
    const message = bytes.length > 256 ? blake2AsU8a(bytes, 256) : bytes;
    const { crypto } = signatureVerify(message, sig, req.address);
    const prefix = CRYPTO_PREFIX[crypto];
    if (prefix === undefined) throw new SignatureRefused();
    sig = u8aConcat(new Uint8Array([prefix]), sig);
  }
  req.extrinsic.addSignature(req.address, sig, req.payload);
  // Belt and braces: the payload the extrinsic now carries must rebuild to the bytes that were verified.
  if (u8aToHex(payloadBytes(api, req.payload)) !== req.payloadHex) throw new SignatureRefused();
  return req.extrinsic;
}

// ---- submission and outcome ----

export interface ChainErrorInfo {
  section: string;
  name: string;
  /** Plain language, for the user. */
  message: string;
}

export interface Outcome {
  ok: boolean;
  blockHash: string;
  blockNumber: number;
  /** Index of the extrinsic in the block. */
  index: number;
  /** `section.method` of this extrinsic's events, in order. */
  events: string[];
  error: ChainErrorInfo | null;
}

export type WatchStatus =
  | { type: 'ready' }
  | { type: 'in-block'; blockHash: string; outcome: Outcome | null }
  | { type: 'finalized'; blockHash: string; outcome: Outcome | null }
  | { type: 'dropped'; message: string };

export interface SubmitResult {
  status: 'finalized' | 'failed' | 'dropped';
  extrinsicHash: string;
  blockHash: string | null;
  outcome: Outcome | null;
  error: ChainErrorInfo | null;
}

export class SubmitRejected extends Error {
  constructor(readonly raw: string) {
    super(explainPoolRejection(raw));
    this.name = 'SubmitRejected';
  }
}

/** Decode a DispatchError into names and a plain message. */
export function decodeDispatchError(api: ApiPromise, dispatchError: unknown): ChainErrorInfo {
  const err = dispatchError as {
    isModule: boolean;
    asModule: Parameters<ApiPromise['registry']['findMetaError']>[0];
    type: string;
    isToken?: boolean;
    asToken?: { type: string };
  };
  if (err.isModule) {
    try {
      const meta = api.registry.findMetaError(err.asModule);
      return { section: meta.section, name: meta.name, message: explainModuleError({ section: meta.section, name: meta.name, docs: meta.docs }) };
    } catch {
      // unknown module index: fall through
    }
  }
  const name = err.isToken && err.asToken ? err.asToken.type : err.type;
  return { section: 'system', name, message: explainModuleError({ section: 'system', name }) };
}

/** Find the extrinsic `extrinsicHash` in block `blockHash` and read its events. Null when it is not there. */
export async function readOutcome(api: ApiPromise, blockHash: string, extrinsicHash: string): Promise<Outcome | null> {
  const signed = await api.rpc.chain.getBlock(blockHash);
  const index = signed.block.extrinsics.findIndex((x) => x.hash.toHex() === extrinsicHash);
  if (index < 0) return null;
  const at = await api.at(blockHash);
  const records = (await at.query.system!.events!()) as unknown as EventRecord[];
  const mine = records.filter((r) => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === index);
  let ok = false;
  let error: ChainErrorInfo | null = null;
  for (const r of mine) {
    if (r.event.section === 'system' && r.event.method === 'ExtrinsicSuccess') ok = true;
    if (r.event.section === 'system' && r.event.method === 'ExtrinsicFailed') {
      error = decodeDispatchError(api, (r.event.data as unknown as { dispatchError?: unknown })['dispatchError'] ?? r.event.data[0]);
    }
  }
  return {
    ok: ok && !error,
    blockHash,
    blockNumber: signed.block.header.number.toNumber(),
    index,
    events: mine.map((r) => `${r.event.section}.${r.event.method}`),
    error,
  };
}

/**
 * `author_submitAndWatchExtrinsic`: reports ready → in-block → finalized (with the outcome read from
 * the block's events), resolves at finalized (or when the pool drops it). A pool rejection (bad
 * signature, stale nonce, no fee) rejects with SubmitRejected before anything is included.
 */
export function submitAndWatch(api: ApiPromise, signed: AnyTx, onStatus: (s: WatchStatus) => void = () => {}): Promise<SubmitResult> {
  const extrinsicHash = signed.hash.toHex();
  return new Promise<SubmitResult>((resolve, reject) => {
    let unsub: (() => void) | null = null;
    let done = false;
    let queue: Promise<void> = Promise.resolve();
    let last: Outcome | null = null;
    const finish = (r: SubmitResult) => {
      if (done) return;
      done = true;
      unsub?.();
      resolve(r);
    };
    const handle = async (status: ExtrinsicStatus) => {
      if (done) return;
      if (status.isReady || status.isFuture || status.isBroadcast) {
        if (status.isReady) onStatus({ type: 'ready' });
        return;
      }
      if (status.isInBlock) {
        const blockHash = status.asInBlock.toHex();
        last = await readOutcome(api, blockHash, extrinsicHash).catch(() => null);
        onStatus({ type: 'in-block', blockHash, outcome: last });
        return;
      }
      if (status.isFinalized) {
        const blockHash = status.asFinalized.toHex();
        const outcome = (last && last.blockHash === blockHash ? last : null) ?? (await readOutcome(api, blockHash, extrinsicHash).catch(() => null));
        onStatus({ type: 'finalized', blockHash, outcome });
        finish({
          status: outcome && !outcome.ok ? 'failed' : 'finalized',
          extrinsicHash,
          blockHash,
          outcome,
          error: outcome?.error ?? null,
        });
        return;
      }
      // Invalid, Dropped, Usurped, FinalityTimeout, Retracted
      const message = `the node dropped the transaction (${status.type})`;
      onStatus({ type: 'dropped', message });
      finish({ status: 'dropped', extrinsicHash, blockHash: null, outcome: null, error: { section: 'pool', name: status.type, message } });
    };
    api.rpc.author
      .submitAndWatchExtrinsic(signed, (status: ExtrinsicStatus) => {
        queue = queue.then(() => handle(status)).catch(() => {});
      })
      .then(
        (u) => {
          unsub = u;
          if (done) u();
        },
        (e: unknown) => reject(new SubmitRejected(e instanceof Error ? e.message : String(e))),
      );
  });
}
