/**
 * Follows a set of storage keys with one `state_subscribeStorage` subscription: the node sends every
 * key's value once, then only the keys that changed, block by block. Items that rarely change (excess
 * TAO, fee rates, trading switches, free balances, validators' total stake) then cost no request per
 * refresh. The subscription is replaced only when the key set changes.
 *
 * Honest limit: a node pushes values as of its best block, so a followed value can be a block or two
 * ahead of the finalized block the runtime calls are pinned to.
 */

/** One notification (or query answer): values by storage key, null where absent. */
export interface StorageChangeSet {
  block: string;
  changes: [key: string, value: string | null][];
}

/** Opens a subscription for `keys`; resolves to its unsubscribe once the node accepted it. */
export type SubscribeStorage = (
  keys: string[],
  onChanges: (set: StorageChangeSet) => void,
) => Promise<() => Promise<void>>;

export class StorageFollower {
  private readonly values = new Map<string, string | null>();
  private followed = '';
  /** The keys of the last follow() as given: a refresh asks for the same list every block. */
  private lastAsked = '';
  private lastKeys: readonly string[] | null = null;
  private generation = 0;
  private unsubscribe: (() => Promise<void>) | null = null;

  constructor(private readonly subscribe: SubscribeStorage) {}

  /** Follows exactly `keys` from now on; a no-op when they are the keys already followed. */
  follow(keys: readonly string[]): void {
    // A refresh passes the same list (its cached plan's) twice a block: no need to join it to know.
    if (keys === this.lastKeys && this.followed !== '') return;
    this.lastKeys = keys;
    const asked = keys.join(',');
    if (asked === this.lastAsked && this.followed !== '') return;
    this.lastAsked = asked;
    const wanted = [...new Set(keys.map((k) => k.toLowerCase()))].sort();
    const signature = wanted.join(',');
    if (signature === this.followed) return;
    this.followed = signature;
    const generation = ++this.generation;
    // Keys kept in the new set keep their last pushed value until the new subscription's first
    // notification replaces it (the old subscription was live until now).
    const keep = new Set(wanted);
    for (const k of [...this.values.keys()]) if (!keep.has(k)) this.values.delete(k);
    const previous = this.unsubscribe;
    this.unsubscribe = null;
    void previous?.().catch(() => {});
    if (!wanted.length) return;
    this.subscribe(wanted, (set) => {
      if (generation !== this.generation) return; // a late notification of a replaced subscription
      for (const [k, v] of set.changes) this.values.set(k.toLowerCase(), v);
    }).then(
      (unsubscribe) => {
        if (generation === this.generation) this.unsubscribe = unsubscribe;
        else void unsubscribe().catch(() => {});
      },
      () => {
        // Refused: nothing pushed can be trusted; the next follow() tries again.
        if (generation !== this.generation) return;
        this.followed = '';
        this.values.clear();
      },
    );
  }

  /** The latest pushed values of `keys`, and the keys nothing has been pushed for yet. */
  lookup(keys: readonly string[]): { values: Map<string, string | null>; missing: string[] } {
    const values = new Map<string, string | null>();
    const missing: string[] = [];
    for (const key of keys) {
      const k = key.toLowerCase();
      if (this.values.has(k)) values.set(k, this.values.get(k)!);
      else missing.push(k);
    }
    return { values, missing };
  }

  stop(): void {
    this.follow([]);
  }
}
