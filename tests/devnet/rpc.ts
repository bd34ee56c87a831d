// WebSocket JSON-RPC 2.0 server: the methods @polkadot/api 16 uses, subscriptions, and the fault
// knobs (latency, refuse, drop, restart) the control interface drives.
import { createServer, type Server } from 'node:http';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Block, Chain, TxStatus } from './chain';
import { TxError } from './extrinsic';
import { callRuntimeApi, metadataAtVersion, RpcError, txFee, txWeight } from './runtime-apis';

interface Conn { ws: WebSocket; subs: Map<string, () => void> }

export interface RpcOptions { port: number; chainName: string; nodeName: string; nodeVersion: string }

const SUB_METHODS: Record<string, [notify: string, unsub: string[]]> = {
  chain_subscribeNewHeads: ['chain_newHead', ['chain_unsubscribeNewHeads']],
  chain_subscribeNewHead: ['chain_newHead', ['chain_unsubscribeNewHead']],
  chain_subscribeAllHeads: ['chain_allHead', ['chain_unsubscribeAllHeads']],
  chain_subscribeFinalizedHeads: ['chain_finalizedHead', ['chain_unsubscribeFinalizedHeads']],
  chain_subscribeFinalisedHeads: ['chain_finalizedHead', ['chain_unsubscribeFinalisedHeads']],
  state_subscribeRuntimeVersion: ['state_runtimeVersion', ['state_unsubscribeRuntimeVersion']],
  chain_subscribeRuntimeVersion: ['state_runtimeVersion', ['chain_unsubscribeRuntimeVersion']],
  state_subscribeStorage: ['state_storage', ['state_unsubscribeStorage']],
  author_submitAndWatchExtrinsic: ['author_extrinsicUpdate', ['author_unwatchExtrinsic']],
};

const toHexAccount = (s: string) => u8aToHex(s.startsWith('0x') ? hexToU8a(s) : decodeAddress(s));

export class RpcServer {
  private http?: Server;
  private wss?: WebSocketServer;
  private conns = new Set<Conn>();
  private subCounter = 0;
  latencyMs = 0;
  refusing = false;
  /** Runtime calls answered wrong on purpose (control `/runtime-answer`): nothing at all, or the answer cut short. */
  runtimeFaults = new Map<string, 'empty' | 'short'>();
  /** Requests answered since start, by method; runtime calls as `state_call:<api>_<method>` (control `GET /rpc-counts`). */
  readonly requestCounts = new Map<string, number>();
  /** Per runtime call, the blocks it was asked at (a client re-reading the same block counts once). */
  readonly runtimeCallBlocks = new Map<string, Set<string>>();
  port: number;
  private methods: Record<string, (params: unknown[], conn: Conn) => unknown>;

  constructor(private chain: Chain, private opts: RpcOptions) {
    this.port = opts.port;
    this.methods = this.buildMethods();
  }

  async listen(): Promise<void> {
    const http = createServer((_req, res) => { res.writeHead(426, { 'content-type': 'text/plain' }); res.end('WebSocket JSON-RPC only'); });
    const wss = new WebSocketServer({
      server: http,
      maxPayload: 16 * 1024 * 1024,
      verifyClient: (_info, cb) => (this.refusing ? cb(false, 503, 'refusing connections (devnet control)') : cb(true)),
    });
    wss.on('connection', (ws) => this.onConnection(ws));
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.port, '127.0.0.1', () => { http.off('error', reject); resolve(); });
    });
    this.port = (http.address() as { port: number }).port;
    this.http = http;
    this.wss = wss;
  }

  dropConnections() {
    for (const c of this.conns) c.ws.terminate();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((r) => (this.wss ? this.wss.close(() => r()) : r()));
    await new Promise<void>((r) => (this.http ? this.http.close(() => r()) : r()));
    this.http?.closeAllConnections?.();
    this.wss = undefined;
    this.http = undefined;
  }

  private onConnection(ws: WebSocket) {
    const conn: Conn = { ws, subs: new Map() };
    this.conns.add(conn);
    ws.on('close', () => { for (const u of conn.subs.values()) u(); conn.subs.clear(); this.conns.delete(conn); });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data) => {
      let msg: { id?: number | string; method?: string; params?: unknown[] } | undefined;
      try { msg = JSON.parse(String(data)); } catch {
        this.send(conn, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
        return;
      }
      void this.handle(conn, msg!);
    });
  }

  private send(conn: Conn, payload: unknown, delayed = true) {
    const go = () => { if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(payload)); };
    if (delayed && this.latencyMs > 0) setTimeout(go, this.latencyMs); else go();
  }

  private async handle(conn: Conn, msg: { id?: number | string; method?: string; params?: unknown[] }) {
    const id = msg.id ?? null;
    const method = msg.method ?? '';
    const params = Array.isArray(msg.params) ? msg.params : [];
    const counted = method === 'state_call' || method === 'state_callAt' ? `state_call:${String(params[0])}` : method;
    this.requestCounts.set(counted, (this.requestCounts.get(counted) ?? 0) + 1);
    if (counted !== method) {
      const blocks = this.runtimeCallBlocks.get(counted) ?? new Set<string>();
      this.runtimeCallBlocks.set(counted, blocks.add(String(params[2] ?? 'best')));
    }
    if (SUB_METHODS[method]) return this.subscribe(conn, id, method, params);
    for (const [, [, unsubs]] of Object.entries(SUB_METHODS)) {
      if (unsubs.includes(method)) {
        const sid = String(params[0]);
        const u = conn.subs.get(sid);
        if (u) { u(); conn.subs.delete(sid); }
        return this.send(conn, { jsonrpc: '2.0', id, result: !!u });
      }
    }
    const fn = this.methods[method];
    if (!fn) return this.send(conn, { jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${method}` } });
    try {
      const result = await fn(params, conn);
      this.send(conn, { jsonrpc: '2.0', id, result: result === undefined ? null : result });
    } catch (e) {
      this.send(conn, { jsonrpc: '2.0', id, error: errorJson(e) });
    }
  }

  private notify(conn: Conn, method: string, subscription: string, result: unknown) {
    this.send(conn, { jsonrpc: '2.0', method, params: { subscription, result } });
  }

  private subscribe(conn: Conn, id: number | string | null, method: string, params: unknown[]) {
    const [notify] = SUB_METHODS[method]!;
    const sid = `devnet-${++this.subCounter}`;
    const chain = this.chain;
    let initial: (() => void) | undefined;
    let onBlock: ((b: Block) => void) | undefined;
    if (notify === 'chain_newHead' || notify === 'chain_allHead' || notify === 'chain_finalizedHead') {
      initial = () => this.notify(conn, notify, sid, chain.best().header);
      onBlock = (b) => this.notify(conn, notify, sid, b.header);
    } else if (notify === 'state_runtimeVersion') {
      initial = () => this.notify(conn, notify, sid, this.runtimeVersion());
    } else if (notify === 'state_storage') {
      const keys = ((params[0] as string[] | undefined) ?? []).map((k) => k.toLowerCase());
      initial = () => {
        const b = chain.best();
        this.notify(conn, notify, sid, { block: b.hash, changes: keys.map((k) => [k, b.storage!.get(k) ?? null]) });
      };
      let prev = chain.best();
      onBlock = (b) => {
        const changes = keys.filter((k) => prev.storage?.get(k) !== b.storage!.get(k)).map((k) => [k, b.storage!.get(k) ?? null]);
        prev = b;
        if (changes.length) this.notify(conn, notify, sid, { block: b.hash, changes });
      };
    } else if (notify === 'author_extrinsicUpdate') {
      let res: { hash: string; status: string };
      try {
        res = chain.submit(String(params[0]), (s: TxStatus) => this.notify(conn, notify, sid, s));
      } catch (e) {
        return this.send(conn, { jsonrpc: '2.0', id, error: errorJson(e) });
      }
      initial = () => this.notify(conn, notify, sid, res.status);
    }
    if (onBlock) {
      const l = onBlock;
      chain.on('block', l);
      conn.subs.set(sid, () => chain.off('block', l));
    } else conn.subs.set(sid, () => {});
    this.send(conn, { jsonrpc: '2.0', id, result: sid });
    // first notification only after the reply that carries the subscription id
    if (initial) {
      if (this.latencyMs > 0) setTimeout(initial, 1); else setImmediate(initial);
    }
  }

  runtimeVersion() {
    const v = this.chain.t.runtimeVersion;
    return {
      specName: v.specName, implName: v.implName, authoringVersion: v.authoringVersion, specVersion: v.specVersion,
      implVersion: v.implVersion, apis: v.apis, transactionVersion: v.transactionVersion, systemVersion: v.systemVersion, stateVersion: v.stateVersion,
    };
  }

  private blockOrThrow(at: unknown): Block {
    const b = this.chain.blockAt(at as string | undefined);
    if (!b) throw new RpcError(4003, `Client error: UnknownBlock: Header was not found in the local database: ${String(at)}`);
    return b;
  }

  private stateAt(at: unknown): Block {
    const b = this.blockOrThrow(at);
    if (!b.storage || !b.state) throw new RpcError(4003, `Client error: State already discarded for ${b.hash}`);
    return b;
  }

  private buildMethods(): Record<string, (params: unknown[], conn: Conn) => unknown> {
    const chain = this.chain;
    const t = chain.t;
    const m: Record<string, (p: unknown[], conn: Conn) => unknown> = {
      system_chain: () => this.opts.chainName,
      system_name: () => this.opts.nodeName,
      system_version: () => this.opts.nodeVersion,
      system_chainType: () => 'Development',
      system_properties: () => ({ ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' }),
      system_health: () => ({ peers: 1, isSyncing: false, shouldHavePeers: true }),
      system_accountNextIndex: ([who]) => chain.nextIndex(toHexAccount(String(who))),
      chain_getBlockHash: ([n]) => {
        const one = (x: unknown) => {
          const num = x === undefined || x === null ? chain.best().number : typeof x === 'string' ? parseInt(x, x.startsWith('0x') ? 16 : 10) : Number(x);
          return chain.blocks[num]?.hash ?? null;
        };
        return Array.isArray(n) ? n.map(one) : one(n);
      },
      chain_getHeader: ([h]) => chain.blockAt(h as string | undefined)?.header ?? null,
      chain_getBlock: ([h]) => {
        const b = chain.blockAt(h as string | undefined);
        return b ? { block: { header: b.header, extrinsics: b.extrinsics }, justifications: null } : null;
      },
      chain_getFinalizedHead: () => chain.finalized().hash,
      state_getRuntimeVersion: ([h]) => { if (h) this.blockOrThrow(h); return this.runtimeVersion(); },
      // A real node answers with V14; newer versions only through Metadata_metadata_at_version.
      state_getMetadata: ([h]) => { if (h) this.blockOrThrow(h); return u8aToHex(metadataAtVersion(t, 14)); },
      state_call: ([name, data, h]) => {
        const b = this.stateAt(h);
        const best = b === chain.best();
        // A block's state never changes, so neither does an answer at it: computed once (a real node's runtime
        // answers in milliseconds; building codecs for 256 subnets here takes far longer).
        const memo = `${String(name)}:${String(data ?? '0x')}`;
        let answer = b.answers?.get(memo);
        if (answer === undefined) {
          answer = callRuntimeApi(t, String(name), String(data ?? '0x'), { state: b.state!, blockNumber: b.number, t, nonceOf: best ? undefined : undefined });
          (b.answers ??= new Map()).set(memo, answer);
        }
        const fault = this.runtimeFaults.get(String(name));
        if (fault === 'empty') return '0x';
        // Short: the last 4 bytes are missing (half of a u64, or the tail of the last item of a list).
        if (fault === 'short' && typeof answer === 'string') return answer.slice(0, Math.max(2, answer.length - 8));
        return answer;
      },
      state_getStorage: ([k, h]) => this.stateAt(h).storage!.get(String(k).toLowerCase()) ?? null,
      state_getStorageHash: ([k, h]) => { const v = this.stateAt(h).storage!.get(String(k).toLowerCase()); return v ? u8aToHex(hexToU8a(v)) : null; },
      state_getStorageSize: ([k, h]) => { const v = this.stateAt(h).storage!.get(String(k).toLowerCase()); return v ? hexToU8a(v).length : null; },
      state_queryStorageAt: ([keys, h]) => {
        const b = this.stateAt(h);
        return [{ block: b.hash, changes: (keys as string[]).map((k) => [k.toLowerCase(), b.storage!.get(k.toLowerCase()) ?? null]) }];
      },
      state_getKeysPaged: ([prefix, count, start, h]) => {
        const b = this.stateAt(h);
        const p = String(prefix ?? '0x').toLowerCase();
        const s = start ? String(start).toLowerCase() : '';
        const out: string[] = [];
        for (const k of b.sortedKeys!) {
          if (out.length >= Number(count)) break;
          if (k.startsWith(p) && k > s) out.push(k);
        }
        return out;
      },
      state_getKeys: ([prefix, h]) => this.stateAt(h).sortedKeys!.filter((k) => k.startsWith(String(prefix).toLowerCase())),
      payment_queryInfo: ([xt]) => {
        const len = hexToU8a(String(xt)).length;
        return { weight: { ref_time: Number(txWeight(len)), proof_size: 0 }, class: 'normal', partialFee: String(txFee(len)) };
      },
      payment_queryFeeDetails: ([xt]) => {
        const len = hexToU8a(String(xt)).length;
        return { inclusionFee: { baseFee: '0x' + (100_000).toString(16), lenFee: '0x' + (txFee(len) - 100_000n).toString(16), adjustedWeightFee: '0x0' } };
      },
      author_submitExtrinsic: ([xt]) => chain.submit(String(xt)).hash,
      author_pendingExtrinsics: () => chain.pool.map((p) => p.hex),
    };
    // aliases the client may use
    for (const [alias, target] of [['chain_getFinalisedHead', 'chain_getFinalizedHead'], ['chain_getRuntimeVersion', 'state_getRuntimeVersion'], ['state_callAt', 'state_call'], ['state_getStorageAt', 'state_getStorage'], ['state_getKeysPagedAt', 'state_getKeysPaged']] as const) m[alias] = m[target]!;
    m.rpc_methods = () => ({ version: 1, methods: [...Object.keys(m), ...Object.keys(SUB_METHODS), ...Object.values(SUB_METHODS).flatMap(([, u]) => u)].sort() });
    return m;
  }
}

function errorJson(e: unknown) {
  if (e instanceof TxError || e instanceof RpcError) return { code: e.code, message: e instanceof TxError ? e.rpcMessage : e.message, ...(e.data ? { data: e.data } : {}) };
  return { code: -32603, message: `Internal error: ${(e as Error)?.message ?? String(e)}` };
}
