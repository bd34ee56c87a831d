/**
 * Altered runtimes for compatibility tests: the bundled V16 metadata with a runtime API method removed, a
 * struct field's type changed or a field added, re-encoded as a node would serve it. The devnet serves the variant
 * (`startDevnet({ metadataBytes })`) and encodes every answer with its types.
 */
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { MetadataV16 } from '@polkadot/types/interfaces';
import { u8aConcat } from '@polkadot/util';
import { METADATA_MAGIC } from './metadata-versions';

export interface MetadataChanges {
  /** `Api_method` names to drop from the runtime's API declarations. */
  removeApiMethods?: string[];
  /** Fields whose type becomes the plain primitive named (e.g. DynamicInfo.subnet_volume → u64). */
  retypeFields?: { struct: string; field: string; primitive: string }[];
  /** Fields added after a struct's own, of the primitive named (a runtime upgrade that extends a struct). */
  addFields?: { struct: string; field: string; primitive: string }[];
}

export function alteredMetadata(v16Bytes: Uint8Array, changes: MetadataChanges): Uint8Array {
  const registry = new TypeRegistry();
  const v16: MetadataV16 = new Metadata(registry, v16Bytes).asV16;
  const primitiveId = (name: string) => {
    const t = v16.lookup.types.find((x) => x.type.def.isPrimitive && x.type.def.asPrimitive.type.toLowerCase() === name.toLowerCase());
    if (!t) throw new Error(`metadata has no primitive ${name}`);
    return t.id;
  };
  const retype = changes.retypeFields ?? [];
  const add = changes.addFields ?? [];
  for (const r of [...retype, ...add]) {
    if (!v16.lookup.types.some((t) => t.type.path.at(-1)?.toString() === r.struct)) throw new Error(`metadata has no struct ${r.struct}`);
  }
  const types = v16.lookup.types.map((t) => {
    const ofThis = (r: { struct: string }) => t.type.path.at(-1)?.toString() === r.struct;
    const wanted = retype.filter(ofThis);
    const added = add.filter(ofThis);
    if (!wanted.length && !added.length) return t;
    const fields = [
      ...t.type.def.asComposite.fields.map((f) => {
        const r = wanted.find((w) => w.field === f.name.unwrapOr('').toString());
        return r ? { name: f.name, type: primitiveId(r.primitive), typeName: r.primitive, docs: f.docs } : f;
      }),
      ...added.map((a) => ({ name: a.field, type: primitiveId(a.primitive), typeName: a.primitive, docs: [] })),
    ];
    return { id: t.id, type: { path: t.type.path, params: t.type.params, def: { Composite: { fields } }, docs: t.type.docs } };
  });
  const removed = new Set(changes.removeApiMethods ?? []);
  const apis = v16.apis.map((a) => ({
    name: a.name,
    methods: a.methods.filter((m) => !removed.has(`${a.name.toString()}_${m.name.toString()}`)),
    docs: a.docs,
    version: a.version,
    deprecationInfo: a.deprecationInfo,
  }));
  const body = registry.createType('MetadataV16', {
    lookup: { types },
    pallets: v16.pallets,
    extrinsic: v16.extrinsic,
    apis,
    outerEnums: v16.outerEnums,
    custom: v16.custom,
  });
  return u8aConcat(METADATA_MAGIC, new Uint8Array([16]), body.toU8a());
}
