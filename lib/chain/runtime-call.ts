/**
 * Runtime-API calls pinned to a block, feature-detected from the node's own metadata. One `state_call`
 * per call: polkadot.js's `api.at(hash).call` would add round trips we do not need.
 */
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';

interface RuntimeMethod {
  inputs: { type: number }[];
  output: number;
}

export class RuntimeApis {
  private readonly methods = new Map<string, RuntimeMethod>();

  constructor(private readonly api: ApiPromise) {
    const latest = api.runtimeMetadata.asLatest;
    for (const a of latest.apis) {
      for (const m of a.methods) {
        this.methods.set(`${a.name.toString()}_${m.name.toString()}`, {
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
    const method = this.methods.get(name);
    if (!method) throw new Error(`the node has no runtime API ${name}`);
    const registry = this.api.registry;
    const encoded = u8aConcat(
      ...method.inputs.map((input, i) => registry.createType(registry.createLookupType(input.type), args[i]).toU8a()),
    );
    const raw = await this.api.rpc.state.call(name, u8aToHex(encoded), at);
    return registry.createType(registry.createLookupType(method.output), raw.toU8a(true)) as unknown as T;
  }
}
