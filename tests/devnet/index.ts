// Local Subtensor devnet: a fake-but-faithful node for @polkadot/api clients. See README.md.
import type { Server } from 'node:http';
import { Chain } from './chain';
import { makeControl, startControlHttp, type DevnetControl, type DevnetState } from './control';
import { buildChainTypes, loadMetadataBytes, type ChainTypes } from './metadata';
import { RpcServer } from './rpc';
import { loadScenario } from './scenario';

export type { DevnetControl, DevnetState };
export { encryptForShield } from './mevshield';

export interface DevnetOptions {
  port?: number; // 0 = random
  scenario?: 'default' | 'scale' | string;
  blockMs?: number;
  controlPort?: number; // 0 = random, undefined = no HTTP control
  /** wss URL to fetch metadata from when no local copy exists */
  metadataFrom?: string;
  /** Serve these metadata bytes instead (e.g. a variant from metadata-variants.ts): a runtime TaoLens must cope with. */
  metadataBytes?: Uint8Array;
  /** When stakers get dividends: every block (default; what the tests were written against) or at each subnet's epoch, as on mainnet. */
  dividends?: 'every-block' | 'per-epoch';
}

export interface Devnet {
  url: string; // ws://127.0.0.1:PORT
  controlUrl?: string;
  control: DevnetControl;
  stop(): Promise<void>;
  /** dev account name (Alice, Bob, …) → ss58 */
  accounts: Record<string, string>;
  /** validator key (validator1 … validator5) → hotkey ss58 */
  validators: Record<string, string>;
  genesisHash: string;
}

/** Dev account names of the committed scenarios → ss58 (sr25519 //Name, prefix 42). Same in default and scale. */
export const DEV_ACCOUNTS: Record<string, string> = {
  Alice: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  Bob: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
  Charlie: '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y',
  Dave: '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy',
  Eve: '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw',
  Ferdie: '5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL',
};

let typesCache: Promise<ChainTypes> | undefined;

export async function startDevnet(opts: DevnetOptions = {}): Promise<Devnet> {
  // the registry is immutable once built; share it across devnets in one process
  typesCache ??= loadMetadataBytes(opts.metadataFrom).then(({ bytes }) => buildChainTypes(bytes));
  const typesP = opts.metadataBytes ? Promise.resolve(buildChainTypes(opts.metadataBytes)) : typesCache;
  const [types, scenario] = await Promise.all([typesP, loadScenario(opts.scenario ?? 'default')]);
  if (opts.dividends === 'per-epoch') scenario.state.dividendsPerEpoch = true;
  const chain = new Chain(types, scenario.state);
  const rpc = new RpcServer(chain, { port: opts.port ?? 0, chainName: 'Bittensor Devnet', nodeName: 'TaoLens Subtensor Devnet', nodeVersion: `devnet-${types.runtimeVersion.specVersion}` });
  await rpc.listen();

  const blockMs = opts.blockMs ?? 12_000;
  let timer: NodeJS.Timeout | undefined;
  let paused = false;
  const schedule = () => {
    clearInterval(timer);
    if (!paused && blockMs > 0) timer = setInterval(() => {
      try { chain.produceBlock(); } catch (e) { console.error('[devnet] block production failed', e); }
    }, blockMs);
  };
  schedule();
  const control = makeControl(chain, () => rpc, {
    pause: () => { paused = true; clearInterval(timer); },
    resume: () => { paused = false; schedule(); },
    paused: () => paused,
  });
  let http: Server | undefined;
  if (opts.controlPort !== undefined) http = await startControlHttp(control, opts.controlPort);
  const controlUrl = http ? `http://127.0.0.1:${(http.address() as { port: number }).port}` : undefined;
  return {
    url: `ws://127.0.0.1:${rpc.port}`, controlUrl, control, accounts: scenario.accounts, validators: scenario.validators, genesisHash: chain.genesisHash,
    stop: async () => {
      clearInterval(timer);
      await rpc.close();
      if (http) { http.closeAllConnections?.(); await new Promise<void>((r) => http!.close(() => r())); }
    },
  };
}
