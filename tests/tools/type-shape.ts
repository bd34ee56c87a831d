/**
 * The shape of a metadata type, by structure rather than by type id or name: field names, variant names
 * and indexes, primitives, lengths. Two runtimes whose shapes for an item are equal encode it the same way
 * and TaoLens decodes it the same way; a difference is reported at the field where it starts.
 */
import type { Metadata } from '@polkadot/types';
import type { PortableRegistry } from '@polkadot/types/metadata';

export type Shape =
  | { t: 'prim'; name: string }
  | { t: 'struct'; name: string; fields: [string, Shape][] }
  | { t: 'enum'; name: string; variants: [string, number, [string, Shape][]][] }
  | { t: 'vec'; of: Shape }
  | { t: 'array'; len: number; of: Shape }
  | { t: 'tuple'; items: Shape[] }
  | { t: 'compact'; of: Shape }
  | { t: 'bits' }
  | { t: 'cycle'; name: string };

export function shapeOf(lookup: PortableRegistry, id: number, stack: number[] = []): Shape {
  const ty = lookup.getSiType(id);
  const name = ty.path.length ? ty.path.map(String).at(-1)! : '';
  if (stack.includes(id)) return { t: 'cycle', name };
  const inner = (child: { toNumber(): number }) => shapeOf(lookup, child.toNumber(), [...stack, id]);
  const fields = (list: { name: { isSome: boolean; unwrap(): { toString(): string } }; type: { toNumber(): number } }[]) =>
    list.map((f, i): [string, Shape] => [f.name.isSome ? f.name.unwrap().toString() : String(i), inner(f.type)]);
  const def = ty.def;
  if (def.isPrimitive) return { t: 'prim', name: def.asPrimitive.toString().toLowerCase() };
  if (def.isComposite) return { t: 'struct', name, fields: fields(def.asComposite.fields) };
  if (def.isVariant) {
    return { t: 'enum', name, variants: def.asVariant.variants.map((v) => [v.name.toString(), v.index.toNumber(), fields(v.fields)]) };
  }
  if (def.isSequence) return { t: 'vec', of: inner(def.asSequence.type) };
  if (def.isArray) return { t: 'array', len: def.asArray.len.toNumber(), of: inner(def.asArray.type) };
  if (def.isTuple) return { t: 'tuple', items: def.asTuple.map((x) => inner(x)) };
  if (def.isCompact) return { t: 'compact', of: inner(def.asCompact.type) };
  if (def.isBitSequence) return { t: 'bits' };
  throw new Error(`type ${id}: unknown definition ${def.type}`);
}

/** A short one-line name for a shape (for messages). */
export function shapeName(s: Shape): string {
  switch (s.t) {
    case 'prim': return s.name;
    case 'struct': return s.name || `{${s.fields.map(([n]) => n).join(', ')}}`;
    case 'enum': return s.name || 'enum';
    case 'vec': return `Vec<${shapeName(s.of)}>`;
    case 'array': return `[${shapeName(s.of)}; ${s.len}]`;
    case 'tuple': return `(${s.items.map(shapeName).join(', ')})`;
    case 'compact': return `Compact<${shapeName(s.of)}>`;
    case 'bits': return 'BitVec';
    case 'cycle': return s.name;
  }
}

/**
 * One difference between a live type and the expected one. `readable`: TaoLens still reads the value right, since it
 * decodes with the node's own types and takes struct fields by name, so fields added to a struct (or moved within
 * it) change nothing; anything else does.
 */
interface ShapeChange {
  text: string;
  readable: boolean;
}

/** Where `live` differs from `expected`, as `path: expected → live` lines (empty when they are the same). */
export function shapeDiff(expected: Shape, live: Shape, at: string): string[] {
  return shapeChanges(expected, live, at).map((c) => c.text);
}

/** Whether TaoLens still reads `live` right where `expected` was (every difference a field added or moved). */
export function readableByName(expected: Shape, live: Shape): boolean {
  return shapeChanges(expected, live, '').every((c) => c.readable);
}

function shapeChanges(expected: Shape, live: Shape, at: string): ShapeChange[] {
  const retyped = (): ShapeChange[] => [{ text: `${at}: ${shapeName(expected)} → ${shapeName(live)}`, readable: false }];
  if (expected.t !== live.t) return retyped();
  switch (expected.t) {
    case 'prim':
    case 'cycle':
      return expected.name === (live as typeof expected).name ? [] : retyped();
    case 'bits':
      return [];
    case 'vec':
    case 'compact':
      return shapeChanges(expected.of, (live as typeof expected).of, at);
    case 'array': {
      const l = live as typeof expected;
      return l.len !== expected.len ? retyped() : shapeChanges(expected.of, l.of, at);
    }
    case 'tuple': {
      const l = live as typeof expected;
      if (l.items.length !== expected.items.length) return retyped();
      return expected.items.flatMap((x, i) => shapeChanges(x, l.items[i]!, `${at}.${i}`));
    }
    case 'struct': {
      const l = live as typeof expected;
      const here = `${at}${expected.name ? ` (${expected.name})` : ''}`;
      return fieldChanges(expected.fields, l.fields, here);
    }
    case 'enum': {
      const l = live as typeof expected;
      const here = `${at}${expected.name ? ` (${expected.name})` : ''}`;
      const out: ShapeChange[] = [];
      for (const [name, , fields] of expected.variants) {
        const match = l.variants.find(([n]) => n === name);
        // Indexes are not compared: TaoLens encodes and decodes with the node's own metadata.
        if (!match) out.push({ text: `${here}: variant ${name} missing`, readable: false });
        else out.push(...fieldChanges(fields, match[2], `${here}::${name}`));
      }
      return out;
    }
  }
}

function fieldChanges(expected: [string, Shape][], live: [string, Shape][], at: string): ShapeChange[] {
  const out: ShapeChange[] = [];
  const names = (list: [string, Shape][]) => list.map(([n]) => n).join(', ');
  if (expected.length !== live.length || expected.some(([n], i) => live[i]![0] !== n)) {
    const gone = expected.filter(([n]) => !live.some(([m]) => m === n)).map(([n]) => n);
    const added = live.filter(([n]) => !expected.some(([m]) => m === n)).map(([n]) => n);
    out.push({
      text: `${at}: fields changed${gone.length ? `, missing ${gone.join(', ')}` : ''}${added.length ? `, new ${added.join(', ')}` : ''} (expected ${names(expected)})`,
      readable: gone.length === 0,
    });
  }
  for (const [name, shape] of expected) {
    const match = live.find(([n]) => n === name);
    if (match) out.push(...shapeChanges(shape, match[1], `${at}.${name}`));
  }
  return out;
}

export interface ItemShape {
  /** Inputs then output (runtime API), key then value (storage), or arguments (call), each named. */
  parts: [string, Shape][];
}

/** The shape of one requirement in `metadata`, or null when the runtime does not have it. */
export function itemShape(metadata: Metadata, kind: 'runtime API' | 'storage' | 'call', name: string, shapes = true): ItemShape | null {
  const latest = metadata.asLatest;
  const lookup = latest.lookup;
  const shape = (id: { toNumber(): number }) => (shapes ? shapeOf(lookup, id.toNumber()) : ({ t: 'bits' } as Shape));
  if (kind === 'runtime API') {
    for (const api of latest.apis) {
      const method = api.methods.find((m) => `${api.name.toString()}_${m.name.toString()}` === name);
      if (method) return { parts: [...method.inputs.map((i): [string, Shape] => [`input ${i.name.toString()}`, shape(i.type)]), ['output', shape(method.output)]] };
    }
    return null;
  }
  const [palletName, itemName] = name.split('.') as [string, string];
  const pallet = latest.pallets.find((p) => p.name.toString() === palletName);
  if (!pallet) return null;
  if (kind === 'storage') {
    const item = pallet.storage.isSome ? pallet.storage.unwrap().items.find((i) => i.name.toString() === itemName) : undefined;
    if (!item) return null;
    if (item.type.isPlain) return { parts: [['value', shape(item.type.asPlain)]] };
    const map = item.type.asMap;
    return { parts: [[`key (${map.hashers.map(String).join(', ')})`, shape(map.key)], ['value', shape(map.value)]] };
  }
  if (pallet.calls.isNone) return null;
  const calls = lookup.getSiType(pallet.calls.unwrap().type.toNumber()).def.asVariant.variants;
  const call = calls.find((v) => v.name.toString() === itemName);
  if (!call) return null;
  return { parts: [...call.fields.map((f, i): [string, Shape] => [`arg ${f.name.isSome ? f.name.unwrap().toString() : i}`, shape(f.type)])] };
}
