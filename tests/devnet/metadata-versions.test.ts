import { createRequire } from 'node:module';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { hexToU8a } from '@polkadot/util';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from './index';

let devnet: Devnet;
beforeAll(async () => {
  devnet = await startDevnet({ port: 0, scenario: 'default', blockMs: 0 });
});
afterAll(async () => {
  await devnet?.stop();
});

async function rpc<T>(method: string, params: unknown[]): Promise<T> {
  const ws = new WebSocket(devnet.url);
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }));
  const reply = await new Promise<{ result: T }>((r) => ws.once('message', (m) => r(JSON.parse(String(m)))));
  ws.close();
  return reply.result;
}

describe('metadata versions, as a real node serves them', () => {
  it('state_getMetadata is V14 with every pallet and call of the runtime', async () => {
    const hex = await rpc<string>('state_getMetadata', []);
    const registry = new TypeRegistry();
    const metadata = new Metadata(registry, hexToU8a(hex));
    registry.setMetadata(metadata);
    expect(metadata.version).toBe(14);
    expect(registry.findMetaCall(new Uint8Array([7, 88])).method).toBe('addStakeLimit');
  });

  it('an older client (@polkadot/api 15, as inside @taostats/sdk) connects and reads the chain', async () => {
    const require = createRequire(import.meta.url);
    const sdkRequire = createRequire(require.resolve('@taostats/sdk'));
    const { ApiPromise, WsProvider } = sdkRequire('@polkadot/api') as typeof import('@polkadot/api');
    const api = await ApiPromise.create({ provider: new WsProvider(devnet.url), noInitWarn: true });
    try {
      const tao = await api.query.subtensorModule!.subnetTAO!(1);
      const expected = (devnet.control.state().subnets as unknown as { netuid: number; taoIn: string }[]).find((s) => s.netuid === 1)!;
      expect(tao.toString()).toBe(expected.taoIn);
    } finally {
      await api.disconnect();
    }
  });
});
