/**
 * The background's staking path: quotes from the node's swap simulations, the exact signing payload,
 * the check that a wallet's signature covers exactly that payload, submission and watching to the end.
 * Every transaction is journaled before it is sent; a restarted service resumes pending entries by
 * looking for their hashes in recent blocks.
 *
 * Pages and wallets only ever see a payload to sign and hand back a signature; what is sent is built
 * here, from our own copy of the payload.
 */
import { browser } from 'wxt/browser';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, signatureVerify } from '@polkadot/util-crypto';
import { normalizeAddress } from '../accounts/address';
import { RUNTIME_API } from '../chain/runtime-api-names';
import { positionsFromStakes } from '../chain/decode';
import type { ChainSession } from '../chain/session';
import { errorText } from '../chain/connection';
import type { Validator } from '../model/types';
import { orderCall, REQUIRED_CALLS } from '../staking/calls';
import { upperFirst } from '../staking/errors';
import type { TxEntry } from '../staking/journal';
import {
  changeValidatorLegQuote,
  moveLegQuote,
  quoteWarnings,
  stakeLegQuote,
  unstakeLegQuote,
  type PoolView,
  type SimResult,
} from '../staking/quote';
import type { LegQuote, Quote, StakeContext, StakeOrder } from '../staking/types';
import { createDraftBook } from '../staking/drafts';
import { createRouteTokens } from '../staking/route-tokens';
import { payloadFingerprint, SIGNATURE_MISMATCH, type PayloadFingerprint } from '../staking/fingerprint';
import { checkOrder, MAX_SLIPPAGE_BPS, maxStakeable } from '../staking/order-checks';
import { encryptForShield, MAX_RESEALS, RESEALED_NOTE, sealedLength, shieldKeyUsable, type ShieldKeys } from '../staking/shield';
import { defaultValidator, validatorChoices } from '../staking/validators';
import { formatAmount, stakeUnit } from '../units/amount';
import { createJournalStore, type JournalStore } from '../storage/tx-journal';
import { createTxNotifier } from './tx-notifications';
import { createTxTracker, KEY_CHANGED_NOT_SENT } from './tx-tracker';
import { defaultSettings, readSettings, settingsItem } from '../storage/settings';
import { STAKE_OPEN_TAG, type Handlers, type StakeOpenMessage } from '../messaging/protocol';

const { simBuy: SIM_BUY, simSell: SIM_SELL, alphaPrice: PRICE, dynamicInfo: DYNAMIC } = RUNTIME_API;
const { accountNonce: NONCE } = RUNTIME_API;

/** Mortal era of an ordinary transaction, and of a MEV Shield wrapper (at most 8). */
export const ERA_PERIOD = 64;
export const SHIELD_ERA_PERIOD = 8;
/**
 * Mortal era of the stake inside a MEV Shield envelope: it is signed in the page's world in clear, so a page
 * could send it unsealed while it is valid; 16 blocks leave time to sign the envelope and re-seal it a few times.
 */
export const SHIELDED_INNER_ERA_PERIOD = 16;
const DRAFT_TTL_MS = 10 * 60_000;

export interface StakingSettings {
  slippageBps: number;
  mevShieldMinRao: string;
}

export interface StakingDeps {
  session: () => ChainSession | null;
  settings: () => StakingSettings;
  journal?: JournalStore;
  /** Validator list (the chain service caches it); default: read at the best block. */
  validators?: () => Promise<Validator[]>;
  now?: () => number;
  /** Called after every journal change (the popup and panels can be told). */
  onChange?: (entry: TxEntry) => void;
  /** How often pending entries are re-checked against recent blocks (ms). */
  pollMs?: number;
  /** An address whose signature was verified over a payload issued here (it is the user's wallet account). */
  onVerifiedSigner?: (address: string) => void;
}

export type SignStep =
  /** `resealed`: the envelope had to be sealed again for a new MEV Shield key; `note` says so in plain words. */
  /** `fingerprint`: call, amount, nonce and call data of exactly `payload`, to compare with the wallet's window. */
  | { status: 'sign'; id: string; payload: SignerPayloadJSON; fingerprint: PayloadFingerprint; step: 1 | 2; of: 1 | 2; note: string; resealed?: boolean }
  | { status: 'submitted'; entry: TxEntry };

/** A signed inner extrinsic and the MEV Shield key its envelope was sealed for. */
interface Sealed {
  inner: Uint8Array;
  innerHash: string;
  innerNonce: number;
  /** First block in which the inner extrinsic's mortal era no longer holds. */
  innerEraEnd: number;
  key: Uint8Array;
  reseals: number;
}

interface Draft {
  address: string;
  order: StakeOrder;
  quote: Quote;
  payload: SignerPayloadJSON;
  /** 'inner' of a shielded pair, the 'wrapper' of it, or a 'plain' transaction. */
  kind: 'plain' | 'inner' | 'wrapper';
  innerHash: string | null;
  eraBirth: number;
  eraPeriod: number;
  /** Wrapper only. */
  sealed?: Sealed;
}

type Api = ChainSession['api'];

export class StakingError extends Error {}

function big(x: unknown): bigint {
  const v = x as { toBigInt?: () => bigint; toString(): string };
  return v.toBigInt ? v.toBigInt() : BigInt(v.toString());
}

/** The value of an Option (or of a storage value without one); null when empty. */
function optionValue(v: unknown): unknown {
  const o = v as { isSome?: boolean; isEmpty?: boolean; unwrap?: () => unknown };
  if (o.isSome === undefined) return o.isEmpty ? null : v;
  return o.isSome ? o.unwrap!() : null;
}


export function createStakingService(deps: StakingDeps) {
  const journal = deps.journal ?? createJournalStore();
  const now = deps.now ?? (() => Date.now());
  const drafts = createDraftBook<Draft>({ ttlMs: DRAFT_TTL_MS, now, newId: () => crypto.randomUUID() });
  const tracker = createTxTracker({
    journal,
    session: deps.session,
    now,
    onChange: deps.onChange,
    pollMs: deps.pollMs,
    shieldKeyStale: async (s, sealedFor) => !(await shieldKeyTaken(s.api, sealedFor)),
  });

  const live = (): ChainSession => {
    const s = deps.session();
    if (!s) throw new StakingError('not connected to the chain yet');
    return s;
  };

  const checkAddress = (address: string) => {
    const checked = normalizeAddress(address);
    if (!checked.ok) throw new StakingError(checked.error);
    return checked.address;
  };

  async function bestHead(api: Api) {
    const header = await api.rpc.chain.getHeader();
    return { number: header.number.toNumber(), hash: header.hash.toHex() };
  }

  async function pool(s: ChainSession, netuid: number, at: string): Promise<PoolView> {
    const apis = s.reader.apis;
    const spotP = apis.has(PRICE) ? apis.call(PRICE, [netuid], at).then(big) : Promise.resolve(null);
    const infoP = apis.has(DYNAMIC) ? apis.call(DYNAMIC, [netuid], at) : Promise.resolve(null);
    const [spot, info] = await Promise.all([spotP, infoP]);
    let taoReserve = 0n;
    let alphaReserve = 0n;
    const opt = info as unknown as { isSome?: boolean; unwrap(): { taoIn: unknown; alphaIn: unknown; netuid: unknown } } | null;
    if (opt && opt.isSome) {
      const d = opt.unwrap();
      taoReserve = big(d.taoIn);
      alphaReserve = big(d.alphaIn);
    } else if (opt && opt.isSome === false) {
      throw new StakingError(`subnet ${netuid} does not exist`);
    } else {
      const q = s.api.query.subtensorModule;
      if (q?.subnetTAO && q.subnetAlphaIn) {
        const [t, a] = await Promise.all([q.subnetTAO.at(at, netuid), q.subnetAlphaIn.at(at, netuid)]);
        taoReserve = big(t);
        alphaReserve = big(a);
      }
    }
    if (netuid === 0) return { netuid, spotPrice: 1_000_000_000n, taoReserve: 0n, alphaReserve: 0n };
    const spotPrice = spot ?? (alphaReserve > 0n ? (taoReserve * 1_000_000_000n) / alphaReserve : 0n);
    return { netuid, spotPrice, taoReserve, alphaReserve };
  }

  async function sim(s: ChainSession, name: string, netuid: number, amount: bigint, at: string): Promise<SimResult> {
    if (!s.reader.apis.has(name)) throw new StakingError(`this node cannot simulate swaps (${name} is missing), so no safe quote is possible`);
    const r = (await s.reader.apis.call(name, [netuid, amount], at)) as unknown as Record<string, unknown>;
    return { taoAmount: big(r.taoAmount), alphaAmount: big(r.alphaAmount), taoFee: big(r.taoFee), alphaFee: big(r.alphaFee) };
  }

  /** The coldkey's positions with their locked part (availability per subnet, spread over hotkeys as the reader does). */
  async function positions(s: ChainSession, address: string, at: string) {
    const [stakes, locked] = await Promise.all([s.reader.readStakeInfos(at, [address]), s.reader.readLocked(at, [address])]);
    if (!stakes) return [];
    // Locks unknown (no availability API): offer the whole position; the chain refuses locked alpha itself.
    return positionsFromStakes(stakes, () => 0n, locked).map((p) => ({ netuid: p.netuid, hotkey: p.hotkey, alpha: p.alpha, available: p.alpha - (p.lockedAlpha ?? 0n) }));
  }

  async function freeBalance(api: Api, address: string, at: string): Promise<bigint> {
    const acct = (await api.query.system!.account!.at(at, address)) as unknown as { data: { free: unknown; frozen?: unknown } };
    const free = big(acct.data.free);
    const frozen = acct.data.frozen !== undefined ? big(acct.data.frozen) : 0n;
    return free > frozen ? free - frozen : 0n;
  }

  const existentialDeposit = (api: Api) => {
    const ed = api.consts.balances?.existentialDeposit;
    return ed ? big(ed) : 0n;
  };

  const shieldAvailable = (api: Api) =>
    !!api.tx.mevShield?.submitEncrypted && !!api.query.mevShield?.nextKey;

  const availableCalls = (api: Api) => Object.keys(api.tx.subtensorModule ?? {});

  function buildTx(api: Api, order: StakeOrder, legs: LegQuote[]) {
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

  async function quote(orderIn: StakeOrder): Promise<Quote> {
    const s = live();
    const api = s.api;
    const order: StakeOrder = { ...orderIn, address: checkAddress(orderIn.address) };
    if (!Number.isInteger(order.slippageBps) || order.slippageBps < 0 || order.slippageBps > MAX_SLIPPAGE_BPS) {
      throw new StakingError('the slippage tolerance must be between 0 and 50 %');
    }
    const method = REQUIRED_CALLS[order.action];
    if (!api.tx.subtensorModule?.[method]) throw new StakingError(`this node does not offer subtensorModule.${method}`);
    if (order.legs.length === 0) throw new StakingError('choose a subnet and an amount');
    const head = await bestHead(api);
    const at = head.hash;
    const needPositions = order.action !== 'stake';
    const [free, mine] = await Promise.all([freeBalance(api, order.address, at), needPositions ? positions(s, order.address, at) : Promise.resolve([])]);
    const source = (netuid: number, hotkey: string) => {
      const here = mine.filter((p) => p.netuid === netuid && p.hotkey === hotkey);
      return { alpha: here.reduce((a, p) => a + p.alpha, 0n), available: here.reduce((a, p) => a + p.available, 0n) };
    };
    const held = (netuid: number, hotkey: string) => source(netuid, hotkey).alpha;

    const legs = await Promise.all(
      order.legs.map(async (leg) => {
        const hotkey = checkAddress(leg.hotkey);
        const p = await pool(s, leg.netuid, at);
        switch (order.action) {
          case 'stake':
            return stakeLegQuote(p, hotkey, leg.amount, await sim(s, SIM_BUY, leg.netuid, leg.amount, at), order.slippageBps);
          case 'unstake':
          case 'unstake-all': {
            const amount = order.action === 'unstake-all' ? held(leg.netuid, hotkey) : leg.amount;
            if (amount === 0n) throw new StakingError(`you hold no stake with this validator on SN${leg.netuid}`);
            return unstakeLegQuote(p, hotkey, amount, await sim(s, SIM_SELL, leg.netuid, amount, at), order.slippageBps);
          }
          case 'move': {
            const dest = order.destNetuid;
            if (dest === undefined) throw new StakingError('choose the subnet to move to');
            const [d, sell] = await Promise.all([pool(s, dest, at), sim(s, SIM_SELL, leg.netuid, leg.amount, at)]);
            const buy = await sim(s, SIM_BUY, dest, sell.taoAmount, at);
            return moveLegQuote(p, d, hotkey, leg.amount, sell, buy, order.slippageBps);
          }
          case 'change-validator':
            if (!order.destHotkey) throw new StakingError('choose the validator to move to');
            checkAddress(order.destHotkey);
            return changeValidatorLegQuote(p, hotkey, leg.amount);
        }
      }),
    );

    const { tx, preview } = buildTx(api, order, legs);
    const totalIn = legs.reduce((a, l) => a + l.amountIn, 0n);
    const available = shieldAvailable(api);
    const taoValue = order.action === 'stake' ? totalIn : legs.reduce((a, l) => a + (l.outUnit === 'tao' ? l.amountOut : (l.amountIn * l.spotPrice) / 1_000_000_000n), 0n);
    const shielded = available && (order.shield ?? taoValue >= BigInt(deps.settings().mevShieldMinRao));
    // Shielded, two transactions pay fees: the stake itself (nonce N + 1) and the envelope that carries it (N).
    const networkFee = shielded ? await shieldedFees(s, order.address, tx) : big((await tx.paymentInfo(order.address)).partialFee);
    const ed = existentialDeposit(api);
    const position = needPositions ? source(order.legs[0]!.netuid, legs[0]!.hotkey) : null;
    const maxAmount = order.action === 'stake' ? maxStakeable(free, networkFee, ed) : position!.available;
    // Never trust the panel: the same checks it ran, now with the exact fee and the chain's figures.
    const problem = checkOrder(
      { ...order, legs: order.legs.map((l, i) => ({ ...l, amount: legs[i]!.amountIn })) },
      { freeRao: free, existentialDeposit: ed, networkFee, position, spotPrice: legs[0]!.spotPrice, swapFees: legs.map((l) => l.swapFee) },
    );
    const warnings = quoteWarnings(legs);
    return {
      action: order.action,
      address: order.address,
      legs,
      totalIn,
      networkFee,
      slippageBps: order.slippageBps,
      call: preview,
      maxAmount,
      problem: problem ? upperFirst(problem) + '.' : null,
      warnings,
      shieldAvailable: available,
      shielded,
      block: head,
    };
  }

  /**
   * Fees of a shielded order: the inner stake's (its exact signed length, nonce N + 1) plus the envelope's, whose
   * ciphertext length follows from the inner's. Both are charged when it lands.
   */
  async function shieldedFees(s: ChainSession, address: string, tx: SubmittableExtrinsic<'promise'>): Promise<bigint> {
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

  async function context(addressIn: string, netuid: number): Promise<StakeContext> {
    const s = live();
    const api = s.api;
    const address = checkAddress(addressIn);
    const head = await bestHead(api);
    const [free, mine, validators] = await Promise.all([
      freeBalance(api, address, head.hash),
      positions(s, address, head.hash),
      // The chain service's cached list, else (not read yet) straight from the node.
      deps.validators ? deps.validators().catch(() => s.reader.readValidators(head.hash)) : s.reader.readValidators(head.hash),
    ]);
    const choices = validatorChoices(validators, netuid, mine);
    const settings = deps.settings();
    return {
      address,
      netuid,
      freeRao: free,
      existentialDeposit: existentialDeposit(api),
      positions: mine,
      validators: choices,
      defaultHotkey: defaultValidator(choices),
      slippageBps: settings.slippageBps,
      mevShieldMinRao: BigInt(settings.mevShieldMinRao),
      shieldAvailable: shieldAvailable(api),
      calls: availableCalls(api),
    };
  }

  async function nextNonce(s: ChainSession, address: string): Promise<number> {
    if (s.reader.apis.has(NONCE)) return Number(big(await s.reader.apis.call(NONCE, [address])));
    const acct = (await s.api.query.system!.account!(address)) as unknown as { nonce: unknown };
    return Number(big(acct.nonce));
  }

  /** The exact payload a wallet signs: nonce, mortal era from a recent block, spec/tx version, genesis, metadata-hash mode 0. */
  async function signerPayload(s: ChainSession, address: string, method: string, nonce: number, period: number) {
    const api = s.api;
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


  /** Builds the order's payload to sign (the inner one first when shielded). */
  async function build(order: StakeOrder): Promise<SignStep & { quote: Quote }> {
    const s = live();
    const q = await quote(order);
    if (q.problem) throw new StakingError(q.problem);
    const { tx } = buildTx(s.api, { ...order, address: q.address }, q.legs);
    const nonce = await nextNonce(s, q.address);
    // Shielded: the wrapper gets nonce N and the inner extrinsic N + 1.
    const { json, eraBirth, eraPeriod } = await signerPayload(s, q.address, tx.method.toHex(), q.shielded ? nonce + 1 : nonce, q.shielded ? SHIELDED_INNER_ERA_PERIOD : ERA_PERIOD);
    const draft = drafts.add({ address: q.address, order: { ...order, address: q.address }, quote: q, payload: json, kind: q.shielded ? 'inner' : 'plain', innerHash: null, eraBirth, eraPeriod });
    return {
      status: 'sign',
      id: draft.id,
      payload: json,
      fingerprint: payloadFingerprint(json, `${q.call.section}.${q.call.method}`, amountText(q)),
      step: 1,
      of: q.shielded ? 2 : 1,
      note: q.shielded
        ? 'Kept out of the public mempool (not hidden from this page): your wallet will ask you to sign twice — first the stake itself, then the encrypted envelope that carries it.'
        : 'Your wallet will ask you to sign once.',
      quote: q,
    };
  }

  /** Whether `signature` is the address's signature over exactly these payload bytes. */
  function verifies(api: Api, payload: SignerPayloadJSON, signature: string): boolean {
    try {
      const bytes = api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).toU8a({ method: true });
      const message = bytes.length > 256 ? blake2AsU8a(bytes, 256) : bytes;
      return signatureVerify(message, signature, payload.address).isValid;
    } catch {
      return false;
    }
  }

  function signedExtrinsic(api: Api, payload: SignerPayloadJSON, signature: string) {
    const ext = api.registry.createType('Extrinsic', { method: payload.method }, { version: payload.version });
    ext.addSignature(payload.address, signature as `0x${string}`, payload);
    return ext;
  }

  async function readShieldKeys(api: Api): Promise<ShieldKeys> {
    const q = api.query.mevShield ?? {};
    const read = async (name: string) => (q[name] ? optionValue(await q[name]!()) : null);
    const [nextKey, nextKeyExpiresAt, pendingKey, pendingKeyExpiresAt] = await Promise.all(
      ['nextKey', 'nextKeyExpiresAt', 'pendingKey', 'pendingKeyExpiresAt'].map(read),
    );
    const bytes = (v: unknown) => {
      const b = v ? (v as { toU8a(bare: boolean): Uint8Array }).toU8a(true) : null;
      return b && b.length ? b : null;
    };
    const block = (v: unknown) => (v === null ? null : Number(big(v)));
    return { nextKey: bytes(nextKey), nextKeyExpiresAt: block(nextKeyExpiresAt), pendingKey: bytes(pendingKey), pendingKeyExpiresAt: block(pendingKeyExpiresAt) };
  }

  /** Whether the next block takes an envelope sealed for `key` (the keys read now unless given). */
  async function shieldKeyTaken(api: Api, key: Uint8Array, keys?: ShieldKeys): Promise<boolean> {
    const [known, best] = await Promise.all([keys ?? readShieldKeys(api), bestHead(api)]);
    return shieldKeyUsable(key, known, best.number + 1);
  }

  /** Seals the signed inner extrinsic for the current NextKey and asks for the envelope's signature. */
  async function sealForShield(s: ChainSession, from: Draft, sealed: Omit<Sealed, 'key'>): Promise<SignStep> {
    const api = s.api;
    const [keys, best] = await Promise.all([readShieldKeys(api), bestHead(api)]);
    if (best.number + 1 >= sealed.innerEraEnd) {
      throw new StakingError('The stake you signed has passed its validity window while waiting, so nothing was sent. Start again.');
    }
    if (!keys.nextKey) throw new StakingError('the node has no MEV Shield key right now; try again, or send unprotected');
    const wrapper = api.tx.mevShield!.submitEncrypted!(u8aToHex(encryptForShield(keys.nextKey, sealed.inner)));
    const { json, eraBirth, eraPeriod } = await signerPayload(s, from.address, wrapper.method.toHex(), sealed.innerNonce - 1, SHIELD_ERA_PERIOD);
    const next = drafts.add({
      address: from.address, order: from.order, quote: from.quote, payload: json, kind: 'wrapper', innerHash: sealed.innerHash, eraBirth, eraPeriod,
      sealed: { ...sealed, key: keys.nextKey },
    });
    const resealed = sealed.reseals > 0;
    const fingerprint = payloadFingerprint(json, 'mevShield.submitEncrypted', null);
    return { status: 'sign', id: next.id, payload: json, fingerprint, step: 2, of: 2, note: resealed ? RESEALED_NOTE : 'Now sign the encrypted envelope that carries your stake.', resealed };
  }

  /** The key changed under a signed envelope: seal the same signed stake again (a few times at most). */
  function reseal(s: ChainSession, draft: Draft): Promise<SignStep> {
    const sealed = draft.sealed!;
    if (sealed.reseals >= MAX_RESEALS) {
      throw new StakingError('The MEV Shield key kept changing before your envelope could be sent, so nothing was sent. Try again, or turn off MEV protection for this transaction.');
    }
    return sealForShield(s, draft, { ...sealed, reseals: sealed.reseals + 1 });
  }

  async function submitSigned(id: string, signature: string): Promise<SignStep> {
    let draft: Draft & { id: string };
    try {
      draft = drafts.waiting(id);
    } catch (err) {
      throw new StakingError(errorText(err));
    }
    const s = live();
    const api = s.api;
    if (typeof signature !== 'string' || !/^0x[0-9a-fA-F]+$/.test(signature) || !verifies(api, draft.payload, signature)) {
      throw new StakingError(SIGNATURE_MISMATCH);
    }
    // Taken before any await: a second call with the same signature finds it used.
    drafts.use(id);
    deps.onVerifiedSigner?.(draft.payload.address);
    const ext = signedExtrinsic(api, draft.payload, signature);

    if (draft.kind === 'inner') {
      const innerNonce = Number(BigInt(draft.payload.nonce));
      return sealForShield(s, draft, { inner: ext.toU8a(), innerHash: ext.hash.toHex(), innerNonce, innerEraEnd: draft.eraBirth + draft.eraPeriod, reseals: 0 });
    }
    // An envelope sealed for a key the chain no longer takes would be included and its stake silently dropped.
    const keys = draft.kind === 'wrapper' ? await readShieldKeys(api) : null;
    const keyTaken = () => shieldKeyTaken(api, draft.sealed!.key, keys!);
    if (keys && !(await keyTaken())) return reseal(s, draft);

    const entry: TxEntry = {
      id: draft.id,
      createdAt: now(),
      updatedAt: now(),
      address: draft.payload.address,
      action: draft.order.action,
      netuids: [...new Set(draft.quote.legs.flatMap((l) => [l.netuid, l.outNetuid]))],
      summary: summarize(draft.quote, draft.order),
      call: draft.quote.call.text,
      status: 'submitting',
      hash: ext.hash.toHex(),
      innerHash: draft.innerHash,
      shielded: draft.kind === 'wrapper',
      signedHex: ext.toHex(),
      eraBirth: draft.eraBirth,
      eraPeriod: draft.eraPeriod,
      blockHash: null,
      blockNumber: null,
      error: null,
    };
    // Written down before it is sent: a worker that dies now still knows to look for it.
    await tracker.save(entry);
    // Blocks may pass while the entry is written (a busy worker): look once more, just before sending.
    if (keys && !(await keyTaken())) {
      await tracker.update(entry.id, { type: 'dropped', message: KEY_CHANGED_NOT_SENT });
      return reseal(s, draft);
    }
    const sent = await tracker.send(s, entry, ext, draft.sealed?.key);
    if (sent.staleKey) return reseal(s, draft);
    return { status: 'submitted', entry: sent.entry };
  }

  return {
    context,
    quote,
    build,
    submitSigned,
    list: () => journal.list(),
    get: async (id: string) => (await journal.list()).find((e) => e.id === id) ?? null,
    /** After a (re)start: look for pending entries' hashes in recent blocks, then keep following them. */
    resume: tracker.resume,
    recheck: tracker.recheck,
    dispose: tracker.dispose,
  };
}

export type StakingService = ReturnType<typeof createStakingService>;

/** The amount the call moves, as the wallet shows it (exact). */
function amountText(q: Quote): string {
  const first = q.legs[0]!;
  return first.inUnit === 'tao'
    ? formatAmount(q.totalIn, { unit: 'TAO', maxFractionDigits: 9 })
    : formatAmount(q.totalIn, { unit: stakeUnit(first.netuid), maxFractionDigits: 9 });
}

/** The journal's one line, shown in the panel, History and notifications: amounts exact (all 9 decimals when needed). */
function summarize(q: Quote, order: StakeOrder): string {
  const tao = (v: bigint) => formatAmount(v, { unit: 'TAO', maxFractionDigits: 9 });
  const alpha = (v: bigint, n: number) => formatAmount(v, { unit: stakeUnit(n), maxFractionDigits: 9 });
  const first = q.legs[0]!;
  switch (q.action) {
    case 'stake':
      return q.legs.length > 1
        ? `Stake ${tao(q.totalIn)} on ${q.legs.map((l) => `SN${l.netuid}`).join(', ')}`
        : `Stake ${tao(first.amountIn)} on SN${first.netuid}`;
    case 'unstake':
      return `Unstake ${alpha(first.amountIn, first.netuid)}`;
    case 'unstake-all':
      return `Unstake all on SN${first.netuid} (${alpha(first.amountIn, first.netuid)})`;
    case 'move':
      return `Move ${alpha(first.amountIn, first.netuid)} to SN${order.destNetuid}`;
    case 'change-validator':
      return `Change validator for ${alpha(first.amountIn, first.netuid)}`;
  }
}

/** The staking requests of the message protocol, served by one service on the chain service's live session. */
export function stakingHandlers(
  chain: Promise<{ liveSession(): ChainSession | null; validators(): Promise<Validator[]> }>,
  onVerifiedSigner?: (address: string) => void,
): Pick<Handlers, 'stake/context' | 'stake/quote' | 'stake/build' | 'stake/submit-signed' | 'tx/list' | 'tx/get' | 'staking/open' | 'staking/redeem-route'> {
  let settings: StakingSettings = { slippageBps: defaultSettings.slippageBps, mevShieldMinRao: defaultSettings.mevShieldMinRao };
  void readSettings().then((s) => (settings = s));
  settingsItem.watch((s) => {
    if (s) settings = { ...settings, slippageBps: s.slippageBps ?? settings.slippageBps, mevShieldMinRao: s.mevShieldMinRao ?? settings.mevShieldMinRao };
  });
  // Registered now, not after the chain is up: a click on a notification can be what wakes the worker.
  const notify = createTxNotifier();
  const service = chain.then((c) => {
    const svc = createStakingService({ session: () => c.liveSession(), settings: () => settings, validators: () => c.validators(), onChange: notify, onVerifiedSigner });
    // A restarted worker picks up whatever it journaled before it stopped (once the chain is live).
    const resumeWhenLive = (tries = 0) => {
      if (c.liveSession()) void svc.resume();
      else if (tries < 60) setTimeout(() => resumeWhenLive(tries + 1), 1000);
    };
    resumeWhenLive();
    return svc;
  });
  return {
    'stake/context': async ({ address, netuid }) => (await service).context(address, netuid),
    'stake/quote': async ({ order }) => (await service).quote(order),
    'stake/build': async ({ order }) => (await service).build(order),
    'stake/submit-signed': async ({ id, signature }) => (await service).submitSigned(id, signature),
    'tx/list': async () => (await service).list(),
    'tx/get': async ({ id }) => (await service).get(id),
    'staking/open': async ({ action, netuid }) => openStakingPanel(action, netuid),
    'staking/redeem-route': async ({ token }, sender) => routeTokens.redeem(token, sender.tab?.id),
  };
}

const routeTokens = createRouteTokens();

/** Opens the panel in the active tab's content script; where there is none, the subnet's taostats page with the panel open. */
export async function openStakingPanel(action: 'stake' | 'unstake' | 'move', netuid: number): Promise<{ opened: 'tab' | 'new-tab' }> {
  if (!Number.isInteger(netuid) || netuid < 0 || netuid > 65535) throw new StakingError('not a subnet number');
  if (action !== 'stake' && action !== 'unstake' && action !== 'move') throw new StakingError('unknown staking action');
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id !== undefined) {
    const message: StakeOpenMessage = { tag: STAKE_OPEN_TAG, action, netuid };
    const answered = await browser.tabs.sendMessage(tab.id, message).catch(() => null);
    if (answered && (answered as { ok?: boolean }).ok) return { opened: 'tab' };
  }
  // No intent in the URL: a one-time token only the new tab's content script can redeem (a page cannot forge one).
  const token = routeTokens.issue({ action, netuid }, crypto.randomUUID());
  const created = await browser.tabs.create({ url: `https://taostats.io/subnets/${netuid}#taolens-route=${token}` });
  if (created.id !== undefined) routeTokens.bind(token, created.id);
  return { opened: 'new-tab' };
}
