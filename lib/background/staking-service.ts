/**
 * The background's staking path: quotes from the node's swap simulations, the exact signing payload,
 * the check that a wallet's signature covers exactly that payload, submission and watching to the end.
 * Every transaction is journaled before it is sent; a restarted service resumes pending entries by
 * looking for their hashes in recent blocks.
 *
 * Pages and wallets only ever see a payload to sign and hand back a signature; what is sent is built
 * here, from our own copy of the payload.
 */
import type { SignerPayloadJSON } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { normalizeAddress } from '../accounts/address';
import { RUNTIME_API } from '../chain/runtime-api-names';
import type { ChainSession } from '../chain/session';
import { errorText } from '../chain/connection';
import { availableCalls, bestHead, existentialDeposit, nextNonce, readFreeBalance, readPool } from '../chain/staking-reads';
import { readHotkeyStakes, readPositions, readShieldKeys, shieldAvailable, shieldKeyTaken, simulateSwap } from '../chain/staking-reads';
import { ERA_PERIOD, orderExtrinsic, plainFee, SHIELD_ERA_PERIOD, SHIELDED_INNER_ERA_PERIOD, shieldedFees } from '../chain/extrinsic';
import { signatureCovers, signedExtrinsic, signerPayload } from '../chain/extrinsic';
import type { Validator } from '../model/types';
import { REQUIRED_CALLS } from '../staking/calls';
import { StakingError, upperFirst } from '../staking/errors';
import { newJournalEntry, type TxEntry } from '../staking/journal';
import { changeValidatorLegQuote, moveLegQuote, quoteWarnings, stakeLegQuote, unstakeLegQuote } from '../staking/quote';
import type { Quote, SignStep, StakeContext, StakeOrder } from '../staking/types';
import { createDraftBook } from '../staking/drafts';
import { payloadFingerprint, quotedAmountText, SIGNATURE_MISMATCH } from '../staking/fingerprint';
import { checkOrder, MAX_SLIPPAGE_BPS, maxStakeable } from '../staking/order-checks';
import { encryptForShield, MAX_RESEALS, RESEALED_NOTE } from '../staking/shield';
import { defaultValidator, validatorChoices } from '../staking/validators';
import { alphaToTao } from '../units/amount';
import { createJournalStore, type JournalStore } from '../storage/tx-journal';
import { createTxTracker, KEY_CHANGED_NOT_SENT } from './tx-tracker';

const { simBuy: SIM_BUY, simSell: SIM_SELL } = RUNTIME_API;

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

const checkAddress = (address: string) => {
  const checked = normalizeAddress(address);
  if (!checked.ok) throw new StakingError(checked.error);
  return checked.address;
};

/** The order quoted from the node's swap simulations, re-checked with the exact fee (never trusting the panel). */
async function quoteOrder(s: ChainSession, orderIn: StakeOrder, settings: StakingSettings): Promise<Quote> {
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
  const [free, mine] = await Promise.all([readFreeBalance(api, order.address, at), needPositions ? readPositions(s, order.address, at) : Promise.resolve([])]);
  const source = (netuid: number, hotkey: string) => {
    const here = mine.filter((p) => p.netuid === netuid && p.hotkey === hotkey);
    return { alpha: here.reduce((a, p) => a + p.alpha, 0n), available: here.reduce((a, p) => a + p.available, 0n) };
  };
  const held = (netuid: number, hotkey: string) => source(netuid, hotkey).alpha;

  const legs = await Promise.all(
    order.legs.map(async (leg) => {
      const hotkey = checkAddress(leg.hotkey);
      const p = await readPool(s, leg.netuid, at);
      switch (order.action) {
        case 'stake':
          return stakeLegQuote(p, hotkey, leg.amount, await simulateSwap(s, SIM_BUY, leg.netuid, leg.amount, at), order.slippageBps);
        case 'unstake':
        case 'unstake-all': {
          const amount = order.action === 'unstake-all' ? held(leg.netuid, hotkey) : leg.amount;
          if (amount === 0n) throw new StakingError(`you hold no stake with this validator on SN${leg.netuid}`);
          return unstakeLegQuote(p, hotkey, amount, await simulateSwap(s, SIM_SELL, leg.netuid, amount, at), order.slippageBps);
        }
        case 'move': {
          const dest = order.destNetuid;
          if (dest === undefined) throw new StakingError('choose the subnet to move to');
          const [d, sell] = await Promise.all([readPool(s, dest, at), simulateSwap(s, SIM_SELL, leg.netuid, leg.amount, at)]);
          const buy = await simulateSwap(s, SIM_BUY, dest, sell.taoAmount, at);
          return moveLegQuote(p, d, hotkey, leg.amount, sell, buy, order.slippageBps);
        }
        case 'change-validator':
          if (!order.destHotkey) throw new StakingError('choose the validator to move to');
          checkAddress(order.destHotkey);
          return changeValidatorLegQuote(p, hotkey, leg.amount);
      }
    }),
  );

  const { tx, preview } = orderExtrinsic(api, order, legs);
  const totalIn = legs.reduce((a, l) => a + l.amountIn, 0n);
  const available = shieldAvailable(api);
  const taoValue = order.action === 'stake' ? totalIn : legs.reduce((a, l) => a + (l.outUnit === 'tao' ? l.amountOut : alphaToTao(l.amountIn, l.spotPrice)), 0n);
  const shielded = available && (order.shield ?? taoValue >= BigInt(settings.mevShieldMinRao));
  // Shielded, two transactions pay fees: the stake itself (nonce N + 1) and the envelope that carries it (N).
  const networkFee = shielded ? await shieldedFees(s, order.address, tx) : await plainFee(order.address, tx);
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

/** The account on the subnet: balance, positions, validators (their stake as of now), settings and the node's calls. */
async function readContext(s: ChainSession, addressIn: string, netuid: number, deps: Pick<StakingDeps, 'validators' | 'settings'>): Promise<StakeContext> {
  const api = s.api;
  const address = checkAddress(addressIn);
  const head = await bestHead(api);
  const [free, mine, validators] = await Promise.all([
    readFreeBalance(api, address, head.hash),
    readPositions(s, address, head.hash),
    // The chain service's cached list, else (not read yet) straight from the node.
    deps.validators ? deps.validators().catch(() => s.reader.readValidators(head.hash)) : s.reader.readValidators(head.hash),
  ]);
  // The cached list's names, takes and permits, with each validator's stake here as of this block.
  const stakes = await readHotkeyStakes(s, validators.map((v) => v.hotkey), netuid, head.hash).catch(() => null);
  const fresh = stakes ? validators.map((v) => ({ ...v, stakeByNetuid: { ...v.stakeByNetuid, [netuid]: stakes.get(v.hotkey) ?? 0n } })) : validators;
  const choices = validatorChoices(fresh, netuid, mine);
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

/** Which of the addresses hold alpha on the subnet, the largest holding first (at most 16 addresses are read). */
async function readHolders(s: ChainSession, addresses: string[], netuid: number): Promise<{ address: string; alpha: bigint }[]> {
  const head = await bestHead(s.api);
  const checked = [...new Set(addresses.slice(0, 16).map(checkAddress))];
  const held = await Promise.all(
    checked.map(async (address) => ({
      address,
      alpha: (await readPositions(s, address, head.hash)).filter((p) => p.netuid === netuid).reduce((sum, p) => sum + p.alpha, 0n),
    })),
  );
  return held.filter((h) => h.alpha > 0n).sort((x, y) => (x.alpha === y.alpha ? 0 : x.alpha > y.alpha ? -1 : 1));
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


  /** Builds the order's payload to sign (the inner one first when shielded). */
  async function build(order: StakeOrder): Promise<SignStep & { quote: Quote }> {
    const s = live();
    const q = await quoteOrder(s, order, deps.settings());
    if (q.problem) throw new StakingError(q.problem);
    const { tx } = orderExtrinsic(s.api, { ...order, address: q.address }, q.legs);
    const nonce = await nextNonce(s, q.address);
    // Shielded: the wrapper gets nonce N and the inner extrinsic N + 1.
    const { json, eraBirth, eraPeriod } = await signerPayload(s.api, q.address, tx.method.toHex(), q.shielded ? nonce + 1 : nonce, q.shielded ? SHIELDED_INNER_ERA_PERIOD : ERA_PERIOD);
    const draft = drafts.add({ address: q.address, order: { ...order, address: q.address }, quote: q, payload: json, kind: q.shielded ? 'inner' : 'plain', innerHash: null, eraBirth, eraPeriod });
    return {
      status: 'sign',
      id: draft.id,
      payload: json,
      fingerprint: payloadFingerprint(json, `${q.call.section}.${q.call.method}`, quotedAmountText(q)),
      step: 1,
      of: q.shielded ? 2 : 1,
      note: q.shielded
        ? 'Kept out of the public mempool (not hidden from this page): your wallet will ask you to sign twice — first the stake itself, then the encrypted envelope that carries it.'
        : 'Your wallet will ask you to sign once.',
      quote: q,
    };
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
    const { json, eraBirth, eraPeriod } = await signerPayload(api, from.address, wrapper.method.toHex(), sealed.innerNonce - 1, SHIELD_ERA_PERIOD);
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
    if (typeof signature !== 'string' || !/^0x[0-9a-fA-F]+$/.test(signature) || !signatureCovers(api, draft.payload, signature)) {
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

    const entry = newJournalEntry({
      id: draft.id, at: now(), order: draft.order, quote: draft.quote, address: draft.payload.address, hash: ext.hash.toHex(), signedHex: ext.toHex(),
      innerHash: draft.innerHash, shielded: draft.kind === 'wrapper', eraBirth: draft.eraBirth, eraPeriod: draft.eraPeriod,
    });
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
    context: (address: string, netuid: number) => readContext(live(), address, netuid, deps),
    holders: (addresses: string[], netuid: number) => readHolders(live(), addresses, netuid),
    quote: (order: StakeOrder) => quoteOrder(live(), order, deps.settings()),
    build,
    submitSigned,
    list: () => journal.list(),
    /** After a (re)start: look for pending entries' hashes in recent blocks, then keep following them. */
    resume: tracker.resume,
    recheck: tracker.recheck,
    dispose: tracker.dispose,
  };
}

export type StakingService = ReturnType<typeof createStakingService>;

