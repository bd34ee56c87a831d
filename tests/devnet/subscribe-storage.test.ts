// state_subscribeStorage as a node serves it: every key's value first, then per block only the keys
// whose value changed; nothing after unsubscribing. TaoLens follows rarely-changing storage this way.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from './index';

interface ChangeSet { block: string; changes: [string, string | null][] }

let devnet: Devnet;
let provider: WsProvider;
let api: ApiPromise;
beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockMs: 0 });
  await devnet.control.produceBlock();
  provider = new WsProvider(devnet.url, false);
  await provider.connect();
  api = await ApiPromise.create({ provider, noInitWarn: true });
});
afterAll(async () => {
  await api?.disconnect();
  await devnet?.stop();
});

describe('state_subscribeStorage', () => {
  it('sends every key first, then only changed keys per block, and stops after unsubscribing', async () => {
    const m = api.query.subtensorModule!;
    const changing = m.subnetTAO!.key(1); // emissions add TAO to the pool every block
    const steady = m.subnetOwner!.key(1);
    const absent = m.subnetTAO!.key(9_999);
    const sets: ChangeSet[] = [];
    let arrived: () => void = () => {};
    const id = await provider.subscribe('state_storage', 'state_subscribeStorage', [[changing, steady, absent]], (error, set: ChangeSet) => {
      if (!error) sets.push(set);
      arrived();
    });
    const waitFor = (n: number) => new Promise<void>((resolve) => {
      arrived = () => sets.length >= n && resolve();
      arrived();
    });

    await waitFor(1);
    const best = devnet.control.state().bestHash;
    const first = sets[0]!;
    expect(first.block).toBe(best);
    const at = (key: string, block: string) => provider.send<string | null>('state_getStorage', [key, block]);
    expect(new Map(first.changes)).toEqual(
      new Map([
        [changing, await at(changing, best)],
        [steady, await at(steady, best)],
        [absent, null],
      ]),
    );
    expect(first.changes.find(([k]) => k === steady)![1]).not.toBeNull();

    await devnet.control.produceBlock();
    await waitFor(2);
    const next = devnet.control.state().bestHash;
    const second = sets[1]!;
    expect(second.block).toBe(next);
    expect(second.changes).toEqual([[changing, await at(changing, next)]]);
    expect(second.changes[0]![1]).not.toBe(first.changes.find(([k]) => k === changing)![1]);

    expect(await provider.unsubscribe('state_storage', 'state_unsubscribeStorage', id)).toBe(true);
    await devnet.control.produceBlock();
    // A request on the same socket is answered after any notification of that block would have been sent.
    await provider.send('chain_getFinalizedHead', []);
    expect(sets.length).toBe(2);
  });
});
