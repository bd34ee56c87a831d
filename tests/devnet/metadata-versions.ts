/**
 * A real node answers `state_getMetadata` with V14 and `Metadata_metadata_at_version(n)` with version n.
 * We only have the runtime's V16 bytes, so older versions are derived from them here: same lookup,
 * same pallets and types, minus what V16 added (deprecation info, view functions, associated types).
 * Older clients (e.g. @polkadot/api 15, as @taostats/sdk uses) then work against the devnet too.
 */
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { MetadataV16 } from '@polkadot/types/interfaces';
import { u8aConcat } from '@polkadot/util';

/** The prefix of every metadata blob a node serves: "meta". */
export const METADATA_MAGIC = new Uint8Array([0x6d, 0x65, 0x74, 0x61]);

function findType(v16: MetadataV16, path: string): number {
  const t = v16.lookup.types.find((ty) => ty.type.path.map((p) => p.toString()).join('::') === path);
  if (!t) throw new Error(`metadata has no type ${path}`);
  return t.id.toNumber();
}

function pallets(v16: MetadataV16, withDocs: boolean) {
  return v16.pallets.map((p) => ({
    name: p.name,
    storage: p.storage.isSome
      ? {
          prefix: p.storage.unwrap().prefix,
          items: p.storage.unwrap().items.map((i) => ({ name: i.name, modifier: i.modifier, type: i.type, fallback: i.fallback, docs: i.docs })),
        }
      : null,
    calls: p.calls.isSome ? { type: p.calls.unwrap().type } : null,
    events: p.events.isSome ? { type: p.events.unwrap().type } : null,
    constants: p.constants.map((c) => ({ name: c.name, type: c.type, value: c.value, docs: c.docs })),
    errors: p.errors.isSome ? { type: p.errors.unwrap().type } : null,
    index: p.index,
    ...(withDocs ? { docs: p.docs } : {}),
  }));
}

function signedExtensions(v16: MetadataV16) {
  // Version 4 extrinsics use the extensions listed for version 0 of the transaction-extension map.
  const byVersion = [...v16.extrinsic.transactionExtensionsByVersion.entries()];
  const indexes = byVersion.find(([v]) => v.toNumber() === 0)?.[1] ?? byVersion[0]?.[1];
  const all = v16.extrinsic.transactionExtensions;
  const chosen = indexes ? indexes.map((i) => all[i.toNumber()]!) : [...all];
  return chosen.map((e) => ({ identifier: e.identifier, type: e.type, additionalSigned: e.implicit }));
}

/** The runtime metadata at `version` (14, 15 or 16), as the bytes a node returns (`meta` ‖ version ‖ body). */
export function metadataBytesAtVersion(v16Bytes: Uint8Array, version: 14 | 15 | 16): Uint8Array {
  if (version === 16) return v16Bytes;
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, v16Bytes);
  const v16 = metadata.asV16;
  const runtimeType = findType(v16, 'node_subtensor_runtime::Runtime');
  const extrinsicType = findType(v16, 'sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic');
  const extensions = signedExtensions(v16);
  let body: Uint8Array;
  if (version === 14) {
    body = registry
      .createType('MetadataV14', {
        lookup: v16.lookup,
        pallets: pallets(v16, false),
        extrinsic: { type: extrinsicType, version: 4, signedExtensions: extensions },
        type: runtimeType,
      })
      .toU8a();
  } else {
    // The extrinsic's type parameters name the extension tuple (V15's `extraType`).
    const params = v16.lookup.types.find((t) => t.id.toNumber() === extrinsicType)!.type.params;
    const param = (name: string) => params.find((p) => p.name.toString() === name)?.type.unwrapOr(0) ?? 0;
    body = registry
      .createType('MetadataV15', {
        lookup: v16.lookup,
        pallets: pallets(v16, true),
        extrinsic: {
          version: 4,
          addressType: v16.extrinsic.addressType,
          callType: v16.extrinsic.callType,
          signatureType: v16.extrinsic.signatureType,
          extraType: param('Extra'),
          signedExtensions: extensions,
        },
        type: runtimeType,
        apis: v16.apis.map((a) => ({
          name: a.name,
          methods: a.methods.map((m) => ({ name: m.name, inputs: m.inputs, output: m.output, docs: m.docs })),
          docs: a.docs,
        })),
        outerEnums: v16.outerEnums,
        custom: v16.custom,
      })
      .toU8a();
  }
  return u8aConcat(METADATA_MAGIC, new Uint8Array([version]), body);
}
