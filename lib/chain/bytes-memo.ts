/**
 * Remembers what was made of some bytes, looked up by the bytes themselves: the chain answers with the same owner
 * keys, names and identities block after block, and turning them into addresses and cleaned text each time was
 * much of what reading them cost. A lookup hashes the bytes and compares them with the remembered ones (two
 * loops over the bytes, no string built); a miss makes the value and keeps a copy of the bytes (never a view into
 * an answer, which would keep the whole answer alive). Bounded by the bytes it holds: past the bound it forgets
 * everything and starts again, so a hostile run of ever-new values costs memory only up to the bound.
 */
export class BytesMemo<T> {
  private readonly entries = new Map<number, { bytes: Uint8Array; tag: number; value: T }>();
  private held = 0;

  constructor(
    private readonly maxBytes: number,
    /** The bytes a value holds besides its key (a string's length): counted against the bound. */
    private readonly weigh: (value: T) => number = () => 0,
  ) {}

  /** The value made of `bytes` (under `tag`, e.g. a length cap that changes the result), made by `make` once. */
  get(bytes: Uint8Array, tag: number, make: (bytes: Uint8Array, tag: number) => T): T {
    const hash = hashBytes(bytes, tag);
    const known = this.entries.get(hash);
    if (known && known.tag === tag && sameBytes(known.bytes, bytes)) return known.value;
    const value = make(bytes, tag);
    const weight = bytes.length + this.weigh(value);
    if (this.held + weight > this.maxBytes) {
      this.entries.clear();
      this.held = 0;
    }
    // Another value of the same hash is replaced (and keeps its weight counted until the next clear: a bound
    // reached a little early, never exceeded).
    this.entries.set(hash, { bytes: bytes.slice(), tag, value });
    this.held += weight;
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** FNV-1a over the bytes, seeded with the tag. */
function hashBytes(bytes: Uint8Array, tag: number): number {
  let h = (0x811c9dc5 ^ tag) >>> 0;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return (h ^ bytes.length) >>> 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
