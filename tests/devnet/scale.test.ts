// The scale scenario: 256 subnets and one coldkey (//Alice) with 200 positions.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEV_ACCOUNTS, startDevnet, type Devnet } from './index';

let devnet: Devnet;
let api: ApiPromise;
beforeAll(async () => {
  devnet = await startDevnet({ port: 0, scenario: 'scale', blockMs: 0 });
  api = await ApiPromise.create({ provider: new WsProvider(devnet.url), noInitWarn: true });
});
afterAll(async () => { await api?.disconnect(); await devnet?.stop(); });

it('serves 256 subnets and 200 positions of one coldkey', async () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = api.call as any;
  const infos = await call.subnetInfoRuntimeApi.getAllDynamicInfo();
  expect(infos.length).toBe(256);
  const stakes = await call.stakeInfoRuntimeApi.getStakeInfoForColdkey(DEV_ACCOUNTS.Alice);
  expect(stakes.length).toBe(200);
  expect(devnet.control.state().positions.filter((p) => p.coldkey === DEV_ACCOUNTS.Alice).length).toBe(200);
});
