/**
 * Runtime-API calls pinned to a block, feature-detected from the node's own metadata: exactly one
 * `state_call` round trip per call.
 */
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';

interface RuntimeMethod {
  inputs: { type: number }[];
  output: number;
}

export class RuntimeApis {
  private readonly methods = new Map<string, RuntimeMethod>();

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
    const method = this.methods.get(name);
    if (!method) throw new Error(`the node has no runtime API ${name}`);
    const registry = this.api.registry;
    const encoded = u8aConcat(
      ...method.inputs.map((input, i) => registry.createType(registry.createLookupType(input.type), args[i]).toU8a()),
    );
    const params = at ? [name, u8aToHex(encoded), at] : [name, u8aToHex(encoded)];
    const raw = await this.send<string>('state_call', params);
    return registry.createType(registry.createLookupType(method.output), hexToU8a(raw)) as unknown as T;
  }
}
