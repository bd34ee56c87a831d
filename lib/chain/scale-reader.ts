/**
 * A small SCALE decoder compiled from the node's own type registry (metadata lookup), for the runtime calls
 * read every block. polkadot.js builds a codec object per field (every byte of a name is its own Compact
 * codec), which cost tens of milliseconds per refresh at 256 subnets; this walks the bytes once into plain
 * values. It follows the metadata, so a runtime whose types change is decoded by its own layout.
 *
 * Plain values: u8/u16/u32 → number, wider integers and every Compact → bigint (exact), bool → boolean,
 * Vec<u8> / Vec<Compact<u8>> / [u8; N] → Uint8Array (a view into the answer's bytes), other sequences, arrays and tuples → arrays, named composites → objects
 * with the metadata's field names (snake_case), a single unnamed field → its value (newtypes such as
 * AccountId32 or BTreeMap), Option → null or the value, other enums → { variant: name, value }.
 */

/** A metadata type as `PortableRegistry.getSiType(id).def.toJSON()` spells it. */
export type TypeDefJson =
  | { composite: { fields: { name: string | null; type: number }[] } }
  | { variant: { variants: { name: string; index: number; fields: { name: string | null; type: number }[] }[] } }
  | { sequence: { type: number } }
  | { array: { len: number; type: number } }
  | { tuple: number[] }
  | { primitive: string }
  | { compact: { type: number } }
  | { bitSequence: unknown }
  | { historicMetaCompat: unknown };

/** The type definitions by id: `(id) => registry.lookup.getSiType(id).def.toJSON()`. */
export type TypeLookup = (id: number) => TypeDefJson;

export type Plain = null | boolean | number | bigint | string | Uint8Array | Plain[] | { [field: string]: Plain };

class Cursor {
  pos = 0;
  // Made on first use: most values (storage items, amounts) never need it, and a reader is made per value.
  private dataView: DataView | null = null;
  constructor(readonly bytes: Uint8Array) {}
  private get view(): DataView {
    return (this.dataView ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength));
  }
  need(n: number): number {
    const at = this.pos;
    if (at + n > this.bytes.length) throw new Error(`ends after ${this.bytes.length} bytes, in a value that needs ${at + n}`);
    this.pos = at + n;
    return at;
  }
  u8(): number {
    return this.bytes[this.need(1)]!;
  }
  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }
  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }
  /** Unsigned little-endian integer of `n` bytes, exact. */
  uint(n: number): bigint {
    return this.uintAt(this.need(n), n);
  }
  /** Whole numbers up to 2⁵³ are built as one Number and turned into a BigInt once (most amounts are). */
  private uintAt(at: number, n: number): bigint {
    let high = 0;
    for (let i = n - 1; i >= 6; i--) {
      if (this.bytes[at + i] !== 0) {
        high = i + 1;
        break;
      }
    }
    if (high === 0) {
      let v = 0;
      for (let i = Math.min(n, 6) - 1; i >= 0; i--) v = v * 256 + this.bytes[at + i]!;
      return BigInt(v);
    }
    let out = 0n;
    for (let i = high - 1; i >= 0; i--) out = (out << 8n) | BigInt(this.bytes[at + i]!);
    return out;
  }
  int(n: number): bigint {
    return BigInt.asIntN(n * 8, this.uint(n));
  }
  compact(): bigint {
    const first = this.bytes[this.pos];
    if (first === undefined || (first & 3) !== 3) return BigInt(this.smallCompact());
    const len = (first >> 2) + 4; // big-integer mode: the length of the number follows
    this.need(1);
    return this.uintAt(this.need(len), len);
  }
  /** A compact number known to be small (a length, a byte): as a Number, without making a BigInt on the way. */
  smallCompact(): number {
    const first = this.bytes[this.pos];
    if (first === undefined) throw new Error(`ends after ${this.bytes.length} bytes, in a compact number`);
    switch (first & 3) {
      case 0:
        this.pos += 1;
        return first >> 2;
      case 1:
        return this.u16() >> 2;
      case 2:
        return this.u32() >>> 2;
      default: {
        const n = this.compact();
        if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`a length of ${n}`);
        return Number(n);
      }
    }
  }
  /** A length prefix, refused when it claims more items than bytes remain (a hostile or truncated answer). */
  length(): number {
    const n = this.smallCompact();
    if (n > this.bytes.length - this.pos) throw new Error(`claims ${n} items with ${this.bytes.length - this.pos} bytes left`);
    return n;
  }
  /** A view of the next `n` bytes (not a copy: callers read it and let it go). */
  take(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }
}

type Decode = (c: Cursor) => Plain;

const UTF8 = new TextDecoder(); // not fatal: an invalid sequence reads as U+FFFD, as before

const PRIMITIVES: Record<string, Decode> = {
  Bool: (c) => {
    const b = c.u8();
    if (b > 1) throw new Error(`bool byte ${b}`);
    return b === 1;
  },
  U8: (c) => c.u8(),
  U16: (c) => c.u16(),
  U32: (c) => c.u32(),
  U64: (c) => c.uint(8),
  U128: (c) => c.uint(16),
  U256: (c) => c.uint(32),
  I8: (c) => Number(c.int(1)),
  I16: (c) => Number(c.int(2)),
  I32: (c) => Number(c.int(4)),
  I64: (c) => c.int(8),
  I128: (c) => c.int(16),
  I256: (c) => c.int(32),
  Str: (c) => UTF8.decode(c.take(c.length())),
};

/** Decoders by type id, built once per registry (types are recursive: each is registered before its parts). */
export class ScaleReader {
  private readonly decoders = new Map<number, Decode>();

  constructor(private readonly lookup: TypeLookup) {}

  /**
   * Decodes `bytes` as one value of type `typeId`, believed only when it takes exactly all the bytes (as
   * `checkedAnswer` in runtime-call.ts): a short or padded answer is an error, not a figure.
   */
  decode(typeId: number, bytes: Uint8Array): Plain {
    const cursor = new Cursor(bytes);
    const value = this.decoder(typeId)(cursor);
    if (cursor.pos !== bytes.length) throw new Error(`is ${bytes.length} bytes but its value takes ${cursor.pos}`);
    return value;
  }

  private decoder(id: number): Decode {
    const known = this.decoders.get(id);
    if (known) return known;
    // A forward reference for recursive types, resolved once built.
    const slot: { decode?: Decode } = {};
    this.decoders.set(id, (c) => slot.decode!(c));
    slot.decode = this.build(id);
    this.decoders.set(id, slot.decode);
    return slot.decode;
  }

  private isU8(id: number): boolean {
    const def = this.lookup(id);
    return 'primitive' in def && def.primitive === 'U8';
  }

  private build(id: number): Decode {
    const def = this.lookup(id);
    if ('primitive' in def) {
      const p = PRIMITIVES[def.primitive];
      if (!p) throw new Error(`type ${id}: primitive ${def.primitive} is not supported`);
      return p;
    }
    if ('compact' in def) return (c) => c.compact();
    if ('sequence' in def) {
      if (this.isU8(def.sequence.type)) return (c) => c.take(c.length());
      // Vec<Compact<u8>> (DynamicInfo's name and symbol): bytes too, one compact each.
      const itemDef = this.lookup(def.sequence.type);
      if ('compact' in itemDef && this.isU8(itemDef.compact.type)) {
        return (c) => {
          const n = c.length();
          const out = new Uint8Array(n);
          for (let i = 0; i < n; i++) {
            const b = c.smallCompact();
            if (b > 255) throw new Error(`Compact<u8> of ${b}`);
            out[i] = b;
          }
          return out;
        };
      }
      const item = this.decoder(def.sequence.type);
      return (c) => {
        const n = c.length();
        const out: Plain[] = new Array(n);
        for (let i = 0; i < n; i++) out[i] = item(c);
        return out;
      };
    }
    if ('array' in def) {
      const { len, type } = def.array;
      if (this.isU8(type)) return (c) => c.take(len);
      const item = this.decoder(type);
      return (c) => Array.from({ length: len }, () => item(c));
    }
    if ('tuple' in def) {
      if (def.tuple.length === 0) return () => null;
      const parts = def.tuple.map((t) => this.decoder(t));
      return (c) => parts.map((p) => p(c));
    }
    if ('composite' in def) {
      const fields = def.composite.fields.map((f) => ({ name: f.name, decode: this.decoder(f.type) }));
      if (fields.length === 1 && !fields[0]!.name) return fields[0]!.decode;
      if (fields.length === 0) return () => null;
      if (fields.every((f) => f.name)) {
        // Each value starts as a copy of one parsed template: an object given more than ~16 properties one key at a
        // time drops to V8's slow dictionary mode (DynamicInfo has 30), where every later read is a hash lookup.
        const names = fields.map((f) => f.name!);
        const template = JSON.parse(JSON.stringify(Object.fromEntries(names.map((n) => [n, null])))) as { [field: string]: Plain };
        return (c) => {
          const out = { ...template };
          for (let i = 0; i < fields.length; i++) out[names[i]!] = fields[i]!.decode(c);
          return out;
        };
      }
      return (c) => fields.map((f) => f.decode(c));
    }
    if ('variant' in def) {
      const byIndex = new Map(
        def.variant.variants.map((v) => {
          const fields = v.fields.map((f) => ({ name: f.name, decode: this.decoder(f.type) }));
          const value: Decode =
            fields.length === 0
              ? () => null
              : fields.length === 1 && !fields[0]!.name
                ? fields[0]!.decode
                : (c) => Object.fromEntries(fields.map((f, i) => [f.name ?? String(i), f.decode(c)]));
          return [v.index, { name: v.name, value }] as const;
        }),
      );
      const names = def.variant.variants.map((v) => v.name).join(',');
      const isOption = names === 'None,Some';
      return (c) => {
        const at = c.pos;
        const v = byIndex.get(c.u8());
        if (!v) throw new Error(`unknown variant ${c.bytes[at]} at byte ${at}`);
        if (isOption) return v.name === 'None' ? null : v.value(c);
        return { variant: v.name, value: v.value(c) };
      };
    }
    throw new Error(`type ${id}: ${Object.keys(def)[0]} is not supported`);
  }
}
