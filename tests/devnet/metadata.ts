// Metadata loading and the type registry every encoder in the devnet shares.
// All bytes the devnet serves are encoded with types looked up in this metadata, so a
// runtime whose types change makes tests fail instead of drifting silently.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { expandMetadata } from '@polkadot/types/metadata';
import type { Registry } from '@polkadot/types/types';
import { blake2AsHex, xxhashAsHex } from '@polkadot/util-crypto';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import WebSocket from 'ws';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = path.join(repoRoot, '.cache');

/** The repository's own copy of mainnet metadata (provenance and sha256 in metadata/README.md). */
export const BUNDLED_METADATA = path.join(repoRoot, 'tests/devnet/metadata/bittensor-finney-424.scale');

/**
 * Resolve metadata bytes: `TAOLENS_METADATA` (a file), else a live node named with `--metadata-from`
 * (fetched once, cached in .cache/), else the repository's bundled copy. Nothing outside the checkout is read.
 */
export async function loadMetadataBytes(metadataFrom?: string): Promise<{ bytes: Uint8Array; source: string }> {
  const env = process.env.TAOLENS_METADATA;
  if (env) {
    if (!existsSync(env)) throw new Error(`TAOLENS_METADATA=${env} does not exist`);
    return { bytes: readFileSync(env), source: env };
  }
  if (metadataFrom) {
    const cached = path.join(cacheDir, `metadata-${blake2AsHex(metadataFrom, 64).slice(2)}.scale`);
    if (existsSync(cached)) return { bytes: readFileSync(cached), source: `${metadataFrom} (cached at ${cached})` };
    const bytes = await fetchMetadata(metadataFrom);
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, bytes);
    return { bytes, source: `${metadataFrom} (cached at ${cached})` };
  }
  if (!existsSync(BUNDLED_METADATA)) throw new Error(`No metadata: ${BUNDLED_METADATA} is missing from the checkout; set TAOLENS_METADATA or pass --metadata-from wss://…`);
  return { bytes: readFileSync(BUNDLED_METADATA), source: BUNDLED_METADATA };
}

function fetchMetadata(url: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => { ws.terminate(); reject(new Error(`timeout fetching metadata from ${url}`)); }, 30_000);
    ws.on('open', () => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'state_getMetadata', params: [] })));
    ws.on('message', (d) => {
      clearTimeout(timer);
      const msg = JSON.parse(String(d));
      ws.close();
      if (msg.error) reject(new Error(msg.error.message));
      else resolve(hexToU8a(msg.result));
    });
    ws.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

export interface ApiMethod { api: string; method: string; inputs: { name: string; type: string }[]; output: string }

export interface ChainTypes {
  registry: Registry;
  metadata: Metadata;
  metadataHex: string;
  decorated: ReturnType<typeof expandMetadata>;
  runtimeVersion: {
    specName: string; implName: string; authoringVersion: number; specVersion: number; implVersion: number;
    apis: [string, number][]; transactionVersion: number; systemVersion: number; stateVersion: number;
  };
  apiMethods: Map<string, ApiMethod>; // key "Api_method"
  /** lookup type name (e.g. Lookup6) of a type id */
  lookup(id: number): string;
  palletIndex(name: string): number;
  /** [palletIndex, variantIndex] of an event variant */
  eventIndex(pallet: string, event: string): [number, number];
  eventFieldTypes(pallet: string, event: string): string[];
  errorIndex(pallet: string, error: string): [number, number];
  hasCall(pallet: string, call: string): boolean;
  extensions: { identifier: string; type: string; implicit: string }[];
}

export function buildChainTypes(bytes: Uint8Array): ChainTypes {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, bytes);
  registry.setMetadata(metadata);
  const latest = metadata.asLatest;
  const lookup = (id: number) => registry.createLookupType(id);
  const decorated = expandMetadata(registry, metadata);

  const sys = latest.pallets.find((p) => p.name.toString() === 'System');
  const vc = sys?.constants.find((c) => c.name.toString() === 'Version');
  if (!vc) throw new Error('metadata has no System.Version constant');
  const v = registry.createType(lookup(vc.type.toNumber()) as 'RuntimeVersion', vc.value).toJSON() as Record<string, unknown>;
  // The runtime version's api list is blake2_64(name) → version; derive it from the metadata's
  // own runtime API declarations so it matches what the client finds in `apis`.
  const apisFromMeta: [string, number][] = latest.apis.map((a) => [blake2AsHex(a.name.toString(), 64), Number((a as unknown as { version: { toNumber(): number } }).version?.toNumber?.() ?? 1)]);
  const runtimeVersion = {
    specName: String(v.specName), implName: String(v.implName), authoringVersion: Number(v.authoringVersion),
    specVersion: Number(v.specVersion), implVersion: Number(v.implVersion), apis: apisFromMeta,
    transactionVersion: Number(v.transactionVersion), systemVersion: Number(v.systemVersion ?? 1), stateVersion: Number(v.systemVersion ?? 1),
  };

  const apiMethods = new Map<string, ApiMethod>();
  for (const a of latest.apis) {
    for (const m of a.methods) {
      const api = a.name.toString();
      apiMethods.set(`${api}_${m.name.toString()}`, {
        api, method: m.name.toString(),
        inputs: m.inputs.map((i) => ({ name: i.name.toString(), type: lookup(i.type.toNumber()) })),
        output: lookup(m.output.toNumber()),
      });
    }
  }

  const pallet = (name: string) => {
    const p = latest.pallets.find((x) => x.name.toString() === name);
    if (!p) throw new Error(`pallet ${name} not in metadata`);
    return p;
  };
  const variant = (typeId: number, name: string) => {
    const t = registry.lookup.getSiType(typeId);
    const vv = t.def.asVariant.variants.find((x) => x.name.toString() === name);
    if (!vv) throw new Error(`variant ${name} not found`);
    return vv;
  };
  const ext = latest.extrinsic as unknown as { transactionExtensions: { identifier: { toString(): string }; type: { toNumber(): number }; implicit: { toNumber(): number } }[] };
  return {
    registry, metadata, metadataHex: u8aToHex(bytes), decorated, runtimeVersion, apiMethods, lookup,
    palletIndex: (name) => pallet(name).index.toNumber(),
    eventIndex: (p, e) => { const pp = pallet(p); return [pp.index.toNumber(), variant(pp.events.unwrap().type.toNumber(), e).index.toNumber()]; },
    eventFieldTypes: (p, e) => variant(pallet(p).events.unwrap().type.toNumber(), e).fields.map((f) => lookup(f.type.toNumber())),
    errorIndex: (p, e) => { const pp = pallet(p); return [pp.index.toNumber(), variant(pp.errors.unwrap().type.toNumber(), e).index.toNumber()]; },
    hasCall: (p, c) => { try { const pp = pallet(p); return pp.calls.isSome && !!variant(pp.calls.unwrap().type.toNumber(), c); } catch { return false; } },
    extensions: ext.transactionExtensions.map((x) => ({ identifier: x.identifier.toString(), type: lookup(x.type.toNumber()), implicit: lookup(x.implicit.toNumber()) })),
  };
}

export const twox128 = (s: string | Uint8Array) => xxhashAsHex(s, 128);
