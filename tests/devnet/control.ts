// Control interface for fault and race tests: in-process object plus an HTTP front end.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Chain } from './chain';
import type { RpcServer } from './rpc';
import { stateToJson, type StateJson } from './state';

export interface DevnetState extends StateJson { blockNumber: number; bestHash: string; finalizedHash: string; genesisHash: string; paused: boolean; pool: number }

export interface DevnetControl {
  pauseBlocks(): void;
  resumeBlocks(): void;
  /** Produce a block now (works while paused). */
  produceBlock(): Promise<void>;
  /** Terminate every open WebSocket connection. */
  dropConnections(): void;
  /** While on, new WebSocket connections are refused (HTTP 503 on upgrade). */
  refuseConnections(on: boolean): void;
  /** Delay every response and notification by `ms`. */
  setLatency(ms: number): void;
  /** Answer the runtime call `method` wrong from now on: 'empty' (`0x`) or 'short' (its last 4 bytes cut); 'ok' to stop. */
  runtimeAnswer(method: string, mode: 'ok' | 'empty' | 'short'): void;
  /** Stop and restart the WebSocket server on the same port; chain state is kept. */
  restart(): Promise<void>;
  /** Someone else's trade against a pool; applied to the pending state, visible from the next block. Returns the new price (rao per alpha, decimal string). */
  trade(netuid: number, t: { taoIn?: bigint; alphaIn?: bigint }): { price: string };
  /** The netuid pruned and registered again by a new subnet named `name` at `priceRao`, from the next block (refused while anyone stakes there). */
  reregister(netuid: number, name: string, priceRao: bigint): { registeredAt: string };
  /** MEV Shield: retire every announced key now; the next block announces a fresh NextKey. Envelopes sealed for a retired key are included, their inner extrinsic dropped. */
  rotateShieldKey(): void;
  /** While on, new blocks include no pool transactions: submitted ones stay pending (as on a congested chain). */
  holdPool(on: boolean): void;
  /**
   * Requests every client sent since start, by method (runtime calls by name: `state_call:SwapRuntimeApi_current_alpha_price`),
   * and for each runtime call the number of distinct blocks it was asked at.
   */
  requestCounts(): { requests: Record<string, number>; blocks: Record<string, number> };
  /** JSON-able read-back of the pending (head) state; bigints as decimal strings. */
  state(): DevnetState;
}

export function makeControl(chain: Chain, rpc: () => RpcServer, timers: { pause(): void; resume(): void; paused(): boolean }): DevnetControl {
  return {
    pauseBlocks: () => timers.pause(),
    resumeBlocks: () => timers.resume(),
    produceBlock: async () => { chain.produceBlock(); },
    dropConnections: () => rpc().dropConnections(),
    refuseConnections: (on) => { rpc().refusing = on; },
    setLatency: (ms) => { rpc().latencyMs = Math.max(0, ms); },
    runtimeAnswer: (method, mode) => { if (mode === 'ok') rpc().runtimeFaults.delete(method); else rpc().runtimeFaults.set(method, mode); },
    restart: async () => { const r = rpc(); await r.close(); await new Promise((res) => setTimeout(res, 50)); await r.listen(); },
    trade: (netuid, t) => ({ price: String(chain.trade(netuid, t).price) }),
    rotateShieldKey: () => chain.mev.retireAll(),
    reregister: (netuid, name, priceRao) => ({ registeredAt: String(chain.reregister(netuid, name, priceRao).registeredAt) }),
    requestCounts: () => ({
      requests: Object.fromEntries(rpc().requestCounts),
      blocks: Object.fromEntries([...rpc().runtimeCallBlocks].map(([name, set]) => [name, set.size])),
    }),
    holdPool: (on) => { chain.holdPool = on; },
    state: () => ({
      ...stateToJson(chain.working), blockNumber: chain.best().number, bestHash: chain.best().hash, finalizedHash: chain.finalized().hash,
      genesisHash: chain.genesisHash, paused: timers.paused(), pool: chain.pool.length,
    }),
  };
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  let s = '';
  for await (const c of req) s += c;
  return s ? JSON.parse(s) : {};
}

/** HTTP routes, see README.md. */
export function startControlHttp(control: DevnetControl, port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (code: number, v: unknown) => { res.writeHead(code, { 'content-type': 'application/json' }); res.end(JSON.stringify(v)); };
    try {
      if (req.method === 'GET' && url.pathname === '/state') return reply(200, control.state());
      if (req.method === 'GET' && url.pathname === '/rpc-counts') return reply(200, control.requestCounts());
      if (req.method !== 'POST') return reply(404, { error: 'not found' });
      const b = await body(req);
      switch (url.pathname) {
        case '/pause': control.pauseBlocks(); return reply(200, { ok: true });
        case '/resume': control.resumeBlocks(); return reply(200, { ok: true });
        case '/produce-block': await control.produceBlock(); return reply(200, { ok: true, blockNumber: control.state().blockNumber });
        case '/drop-connections': control.dropConnections(); return reply(200, { ok: true });
        case '/hold-pool': control.holdPool(b.on !== false); return reply(200, { ok: true });
        case '/refuse-connections': control.refuseConnections(b.on !== false); return reply(200, { ok: true });
        case '/latency': control.setLatency(Number(b.ms ?? 0)); return reply(200, { ok: true });
        case '/restart': await control.restart(); return reply(200, { ok: true });
        case '/runtime-answer': {
          const mode = String(b.mode ?? 'ok');
          if (mode !== 'ok' && mode !== 'empty' && mode !== 'short') return reply(400, { error: 'mode must be ok, empty or short' });
          control.runtimeAnswer(String(b.method ?? ''), mode);
          return reply(200, { ok: true });
        }
        case '/trade': return reply(200, control.trade(Number(b.netuid), {
          taoIn: b.taoIn !== undefined ? BigInt(String(b.taoIn)) : undefined,
          alphaIn: b.alphaIn !== undefined ? BigInt(String(b.alphaIn)) : undefined,
        }));
        case '/rotate-shield-key': control.rotateShieldKey(); return reply(200, { ok: true });
        case '/reregister': return reply(200, control.reregister(Number(b.netuid), String(b.name ?? 'Newcomer'), BigInt(String(b.priceRao ?? '1000000000'))));
        default: return reply(404, { error: 'not found' });
      }
    } catch (e) {
      reply(400, { error: (e as Error).message });
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
