/**
 * Follows submitted transactions to their end, journal first: the node's submission subscription while this
 * worker lives, and a poller that looks for pending entries' hashes in recent blocks (after a worker restart,
 * and for MEV Shield envelopes, whose inner stake the block author adds in the same block or a few later).
 * Unsent entries are sent again while their era lasts.
 */
import type { ChainSession } from '../chain/session';
import { errorText } from '../chain/connection';
import { explainPoolRejection } from '../staking/errors';
import { isFinal, outcomeIn } from '../chain/tx-outcome';
import { applyTxEvent, eraExpired, isPending, type TxEntry, type TxEvent } from '../staking/journal';
import { mayBeStaleKeyRejection } from '../staking/shield';
import type { JournalStore } from '../storage/tx-journal';

/** Blocks after the wrapper in which the inner extrinsic must appear. */
export const SHIELD_INNER_WINDOW = 3;
export const KEY_CHANGED_NOT_SENT =
  'the MEV Shield key changed before this envelope reached the chain, so it was not sent and nothing was charged; the same stake was sealed again for a new signature';

type Api = ChainSession['api'];
/** A signed extrinsic, ready to send. */
export type SignedExtrinsic = Parameters<Api['rpc']['author']['submitAndWatchExtrinsic']>[0];

export interface TxTrackerDeps {
  journal: JournalStore;
  session: () => ChainSession | null;
  now: () => number;
  /** Called after every journal change. */
  onChange?: (entry: TxEntry) => void;
  /** How often pending entries are re-checked against recent blocks (ms). */
  pollMs?: number;
  /** After the pool rejected a shielded envelope: whether the key it was sealed for is no longer taken. */
  shieldKeyStale: (s: ChainSession, sealedFor: Uint8Array) => Promise<boolean>;
}

/** What one pass over the pending entries works with: the tracker's own bookkeeping and its journal writes. */
interface PollState {
  session: () => ChainSession | null;
  journal: JournalStore;
  watching: Set<string>;
  current: Map<string, TxEntry>;
  resent: Set<string>;
  scanned: Map<string, number>;
  wrapperBlocks: Map<string, number>;
  update(id: string, event: TxEvent): Promise<TxEntry | null>;
  resolveIn(s: ChainSession, id: string, hash: string, blockHash: string, finalized: boolean): Promise<boolean>;
}

/** Looks for each pending entry's hash in recent blocks; resends unsent ones while their era lasts. */
async function checkPending(t: PollState): Promise<void> {
  const { watching, current, resent, scanned, wrapperBlocks, update, resolveIn } = t;
  const s = t.session();
  if (!s) return;
  const pending = (await t.journal.list()).filter((e) => isPending(e) && (!watching.has(e.id) || e.shielded));
  if (pending.length === 0) return;
  const api = s.api;
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const finalizedNumber = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  const hashes = new Map<number, string>();
  const hashAt = async (n: number) => {
    let h = hashes.get(n);
    if (!h) hashes.set(n, (h = (await api.rpc.chain.getBlockHash(n)).toHex()));
    return h;
  };
  for (const e0 of pending) {
    current.set(e0.id, current.get(e0.id) ?? e0);
    const e = current.get(e0.id)!;
    const from = Math.max(1, e.eraBirth);
    const to = Math.min(best, e.eraBirth + e.eraPeriod + SHIELD_INNER_WINDOW);
    // Found in a block already: only its finality is left to see.
    if (e.status === 'in-block' && e.blockNumber !== null && e.blockHash) {
      if (e.blockNumber <= finalizedNumber) await update(e.id, { type: 'finalized', blockHash: e.blockHash });
      continue;
    }
    // Each block is looked at once per entry (the range is up to an era long).
    const fresh = (key: string) => Math.max(from, (scanned.get(key) ?? from - 1) + 1);
    if (!e.shielded) {
      let found = false;
      for (let n = fresh(e.id); n <= to && !found; n++) {
        found = await resolveIn(s, e.id, e.hash, await hashAt(n), n <= finalizedNumber);
        if (!found) scanned.set(e.id, n);
      }
      if (found) continue;
      if (eraExpired(e, best)) {
        await update(e.id, { type: 'dropped', message: 'it expired without being included, so nothing happened' });
      } else if (!resent.has(e.id) && !watching.has(e.id)) {
        resent.add(e.id);
        await s.send('author_submitExtrinsic', [e.signedHex]).catch(() => {});
        await update(e.id, { type: 'ready' });
      }
      continue;
    }
    // Shielded: find the wrapper, then the inner extrinsic in that block or the next few.
    let wrapperAt: number | null = wrapperBlocks.get(e.id) ?? null;
    for (let n = fresh(`${e.id}/wrapper`); n <= to && wrapperAt === null; n++) {
      const b = await api.rpc.chain.getBlock(await hashAt(n));
      if (b.block.extrinsics.some((x) => x.hash.toHex() === e.hash)) wrapperBlocks.set(e.id, (wrapperAt = n));
      else scanned.set(`${e.id}/wrapper`, n);
    }
    if (wrapperAt === null) {
      if (eraExpired(e, best)) await update(e.id, { type: 'dropped', message: 'the protected transaction expired without being included, so nothing happened' });
      else if (!resent.has(e.id) && !watching.has(e.id)) {
        resent.add(e.id);
        await s.send('author_submitExtrinsic', [e.signedHex]).catch(() => {});
      }
      continue;
    }
    let found = false;
    const last = Math.min(best, wrapperAt + SHIELD_INNER_WINDOW);
    for (let n = wrapperAt; n <= last && !found; n++) found = await resolveIn(s, e.id, e.innerHash!, await hashAt(n), n <= finalizedNumber);
    if (!found && best >= wrapperAt + SHIELD_INNER_WINDOW) {
      await update(e.id, {
        type: 'failed',
        name: null,
        message: 'The protected envelope was included, but the stake inside it was not executed (its key expired or it was rejected). Nothing was staked; only the network fee was charged.',
        blockHash: await hashAt(wrapperAt),
        blockNumber: wrapperAt,
      });
    }
  }
}

export function createTxTracker(deps: TxTrackerDeps) {
  /** Entries whose submission subscription is live in this instance. */
  const watching = new Set<string>();
  const resent = new Set<string>();
  /** Per pending entry: the last block already searched for it, and where a shielded wrapper landed. */
  const scanned = new Map<string, number>();
  const wrapperBlocks = new Map<string, number>();
  let pollTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  let checking: Promise<void> | null = null;

  /** The latest state of each entry this instance wrote or followed; the journal is what survives a restart. */
  const current = new Map<string, TxEntry>();

  async function save(entry: TxEntry): Promise<void> {
    current.set(entry.id, entry);
    await deps.journal.put(entry);
    deps.onChange?.(entry);
  }

  async function update(id: string, event: TxEvent): Promise<TxEntry | null> {
    const before = current.get(id) ?? (await deps.journal.list()).find((e) => e.id === id);
    if (!before) return null;
    const after = applyTxEvent(before, event, deps.now());
    if (after !== before) await save(after);
    if (!isPending(after)) watching.delete(id);
    return after;
  }

  /**
   * Submits and follows. `sealedFor`: a shielded envelope's key; a pool rejection that comes from that key
   * having changed ends the entry as not sent (`staleKey`), so the caller can seal the stake again.
   */
  async function send(s: ChainSession, entry: TxEntry, ext: SignedExtrinsic, sealedFor?: Uint8Array): Promise<{ entry: TxEntry; staleKey: boolean }> {
    watching.add(entry.id);
    let unsubscribe: (() => void) | null = null;
    let ended = false;
    const end = () => {
      ended = true;
      unsubscribe?.();
    };
    try {
      unsubscribe = await s.api.rpc.author.submitAndWatchExtrinsic(ext, (status) => {
        if (status.isFinalized || status.isDropped || status.isInvalid || status.isUsurped || status.isFinalityTimeout) end();
        void (async () => {
          if (status.isReady || status.isBroadcast) await update(entry.id, { type: 'ready' });
          else if (status.isInBlock || status.isFinalized) {
            const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
            if (entry.shielded) {
              await update(entry.id, { type: 'ready' });
              schedule(0); // the inner extrinsic decides; the poller finds it
              return;
            }
            await resolveIn(s, entry.id, entry.hash, blockHash, status.isFinalized);
          } else if (status.isDropped || status.isInvalid || status.isUsurped || status.isFinalityTimeout) {
            await update(entry.id, { type: 'dropped', message: `the node dropped the transaction (${status.type})` });
          }
        })().catch(() => {});
      });
      if (ended) unsubscribe();
    } catch (err) {
      watching.delete(entry.id);
      const text = errorText(err);
      if (sealedFor && mayBeStaleKeyRejection(text) && (await deps.shieldKeyStale(s, sealedFor).catch(() => false))) {
        await update(entry.id, { type: 'dropped', message: KEY_CHANGED_NOT_SENT });
        return { entry: current.get(entry.id) ?? entry, staleKey: true };
      }
      await update(entry.id, { type: 'failed', name: null, message: explainPoolRejection(text) });
      return { entry: current.get(entry.id) ?? entry, staleKey: false };
    }
    schedule();
    return { entry: current.get(entry.id) ?? entry, staleKey: false };
  }

  /** Reads the outcome of `hash` in block `blockHash` and records it. */
  async function resolveIn(s: ChainSession, id: string, hash: string, blockHash: string, finalized: boolean): Promise<boolean> {
    const found = await outcomeIn(s, hash, blockHash);
    if (!found) return false;
    if (found.ok) {
      await update(id, { type: 'in-block', blockHash, blockNumber: found.blockNumber });
      if (finalized || (await isFinal(s, found.blockNumber))) await update(id, { type: 'finalized', blockHash });
    } else {
      await update(id, { type: 'failed', name: found.error, message: found.message, blockHash, blockNumber: found.blockNumber });
    }
    return true;
  }

  function schedule(ms = deps.pollMs ?? 2_000) {
    if (disposed) return;
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = setTimeout(() => {
      pollTimer = null;
      void recheck().then(async () => {
        if ((await deps.journal.list()).some(isPending)) schedule();
      });
    }, ms);
  }

  /** One pass over the pending entries (serialised). */
  function recheck(): Promise<void> {
    checking ??= checkPending({ session: deps.session, journal: deps.journal, watching, current, resent, scanned, wrapperBlocks, update, resolveIn })
      .catch(() => {})
      .finally(() => {
        checking = null;
      });
    return checking;
  }
  return {
    save,
    update,
    send,
    recheck,
    /** After a (re)start: look for pending entries' hashes in recent blocks, then keep following them. */
    async resume(): Promise<void> {
      await recheck();
      if ((await deps.journal.list()).some(isPending)) schedule();
    },
    dispose() {
      disposed = true;
      if (pollTimer) clearTimeout(pollTimer);
    },
  };
}

export type TxTracker = ReturnType<typeof createTxTracker>;
