/**
 * The embedded default world: the local devnet and the fixture price/revenue API, with the TAOLENS_*
 * variables that point a build at them. Used by the demo, the real-Chromium suite and the benchmarks.
 */
import { startApiServer, type ApiServer } from '../fixtures/api-server';
import { startDevnet, type Devnet } from '../devnet/index';

export interface LocalWorld {
  devnet: Devnet;
  api: ApiServer;
  buildEnv: Record<string, string>;
  stop(): Promise<void>;
}

export async function startLocalWorld(opts: { blockMs: number; port?: number; scenario?: string; dividends?: 'every-block' | 'per-epoch' }): Promise<LocalWorld> {
  const [devnet, api] = await Promise.all([
    startDevnet({ port: opts.port ?? 0, scenario: opts.scenario ?? 'default', blockMs: opts.blockMs, controlPort: 0, dividends: opts.dividends }),
    startApiServer({ now: Date.now }),
  ]);
  return {
    devnet,
    api,
    buildEnv: {
      TAOLENS_ENDPOINTS: devnet.url,
      TAOLENS_PRICE_API: api.url,
      TAOLENS_BINANCE_API: api.url,
      TAOLENS_REVENUE_API: api.url,
      TAOLENS_CHUTES_API: api.url,
      // The fixture API is local: refresh in seconds, so tests see a changed answer without waiting minutes.
      TAOLENS_PRICE_REFRESH_S: '3',
      TAOLENS_REVENUE_REFRESH_S: '3',
    },
    stop: async () => {
      await Promise.all([devnet.stop(), api.stop()]);
    },
  };
}
