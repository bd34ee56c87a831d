/**
 * Runtime-API calls pinned to a block, feature-detected from the node's own metadata: exactly one
 * `state_call` round trip per call.
 */
import type { ApiPromise } from '@polkadot/api';
import { Option } from '@polkadot/types';
import type { Codec, Registry } from '@polkadot/types/types';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { ScaleReader, type Plain, type TypeDefJson } from './scale-reader';

interface RuntimeMethod {
  inputs: { type: number }[];
  output: number;
}

export class RuntimeApis {
  private readonly methods = new Map<string, RuntimeMethod>();
  private plainReader: ScaleReader | null = null;

  /** The plain decoder for this node's types (also for storage values read every block). */
  get plain(): ScaleReader {
    const lookup = this.api.registry.lookup;
    return (this.plainReader ??= new ScaleReader((id) => lookup.getSiType(id).def.toJSON() as unknown as TypeDefJson));
  }

  constructor(
    private readonly api: ApiPromise,
    /** Raw JSON-RPC: `api.rpc.state.call(…, at)` would first fetch the header and runtime version of `at`. */
    private readonly send: <T>(method: string, params: unknown[]) => Promise<T>,
    pretendMissing: readonly string[] = [],
  ) {
    const latest = api.runtimeMetadata.asLatest;
    for (const a of latest.apis) {
      for (const m of a.methods) {
        const name = `${a.name.toString()}_${m.name.toString()}`;
        if (pretendMissing.includes(name)) continue;
        this.methods.set(name, {
          inputs: m.inputs.map((i) => ({ type: i.type.toNumber() })),
          output: m.output.toNumber(),
        });
      }
    }
  }

  /** Whether the node's runtime has `Api_method` (e.g. `SwapRuntimeApi_current_alpha_price_all`). */
  has(name: string): boolean {
    return this.methods.has(name);
  }

  async call<T extends Codec = Codec>(name: string, args: unknown[], at?: string): Promise<T> {
    const { method, raw } = await this.callRaw(name, args, at);
    const registry = this.api.registry;
    const type = registry.createLookupType(method.output);
    return checkedAnswer(registry, type, raw, name) as unknown as T;
  }

  /**
   * The same call, decoded into plain values (see scale-reader.ts) instead of polkadot.js codecs: for the
   * answers read every block, where building codecs was most of a refresh's CPU. Believed on the same terms.
   */
  async callPlain<T = Plain>(name: string, args: unknown[], at?: string): Promise<T> {
    const { method, raw } = await this.callRaw(name, args, at);
    const lookup = this.api.registry.lookup;
    const isOption = lookup.getSiType(method.output).path.map((p) => p.toString()).join('::') === 'Option';
    if (raw.length === 0) {
      if (isOption) return null as T;
      throw new Error(`the node answered ${name} with nothing (0 bytes)`);
    }
    try {
      return this.plain.decode(method.output, raw) as unknown as T;
    } catch (err) {
      throw new Error(`the node's answer to ${name} (${raw.length} bytes) ${err instanceof Error ? err.message : String(err)}: not believed`);
    }
  }

  private async callRaw(name: string, args: unknown[], at?: string): Promise<{ method: RuntimeMethod; raw: Uint8Array }> {
    const method = this.methods.get(name);
    if (!method) throw new Error(`the node has no runtime API ${name}`);
    const registry = this.api.registry;
    const encoded = u8aConcat(
      ...method.inputs.map((input, i) => registry.createType(registry.createLookupType(input.type), args[i]).toU8a()),
    );
    const params = at ? [name, u8aToHex(encoded), at] : [name, u8aToHex(encoded)];
    return { method, raw: hexToU8a(await this.send<string>('state_call', params)) };
  }
}

/**
 * Decodes a runtime call's answer, believing it only when it is exactly one value of the type: an empty answer for
 * anything but an Option (a node that says nothing, which the decoder would read as an empty list or a zero) and an
 * answer that decodes to fewer or more bytes than it has (short or padded) are errors, not figures.
 */
export function checkedAnswer(registry: Registry, type: string, bytes: Uint8Array, name: string): Codec {
  const isOption = registry.createType(type) instanceof Option;
  if (bytes.length === 0 && !isOption) throw new Error(`the node answered ${name} with nothing (0 bytes)`);
  let decoded: Codec;
  try {
    decoded = registry.createType(type, bytes);
  } catch (err) {
    throw new Error(`the node's answer to ${name} (${bytes.length} bytes) could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (bytes.length === 0) return decoded; // an Option: None
  if (decoded.encodedLength !== bytes.length) {
    throw new Error(`the node's answer to ${name} is ${bytes.length} bytes but its value takes ${decoded.encodedLength}: not believed`);
  }
  return decoded;
}
