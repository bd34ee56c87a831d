/**
 * Transactions waiting for the wallet's signature. Each can be sent once; a newer one for the same
 * account replaces any still waiting (both would carry the same nonce, and a double click must never
 * send twice); they lapse after a while. Pure: ids and the clock are injected.
 */
export interface DraftMeta {
  id: string;
  address: string;
  createdAt: number;
}

type State = 'waiting' | 'used' | 'superseded';

export class DraftError extends Error {}

export function createDraftBook<D extends { address: string }>(opts: { ttlMs: number; now: () => number; newId: () => string }) {
  const drafts = new Map<string, { draft: D & DraftMeta; state: State }>();

  const prune = () => {
    for (const [id, d] of drafts) if (opts.now() - d.draft.createdAt > 2 * opts.ttlMs) drafts.delete(id);
  };

  return {
    /** Registers a draft; any other still waiting for the same account can no longer be sent. */
    add(d: D): D & DraftMeta {
      prune();
      for (const other of drafts.values()) if (other.state === 'waiting' && other.draft.address === d.address) other.state = 'superseded';
      const draft = { ...d, id: opts.newId(), createdAt: opts.now() };
      drafts.set(draft.id, { draft, state: 'waiting' });
      return draft;
    },
    /** The draft still waiting under `id`, or a plain reason why it cannot be sent. */
    waiting(id: string): D & DraftMeta {
      const d = drafts.get(id);
      if (!d || d.state === 'used') throw new DraftError('this transaction is no longer waiting for a signature; start again');
      if (d.state === 'superseded') {
        throw new DraftError('a newer transaction from this account was started after this one, so this one was not sent; start again if you still want it');
      }
      if (opts.now() - d.draft.createdAt > opts.ttlMs) {
        d.state = 'used';
        throw new DraftError('the signing request expired; start again');
      }
      return d.draft;
    },
    /** Marks it sent (or replaced): it can never be sent again. Synchronous, so two calls cannot both pass `waiting`. */
    use(id: string): void {
      const d = drafts.get(id);
      if (d) d.state = 'used';
    },
  };
}
