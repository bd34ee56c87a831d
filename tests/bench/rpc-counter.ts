/**
 * A counting WebSocket proxy in front of the devnet: every JSON-RPC request a client sends passes
 * through it, so TaoLens and another client are measured the same way, whatever library they use.
 * It counts requests by method and the bytes of every answer and notification, attributed to the
 * request's method (or the subscription's), and can delay each direction by half a round trip,
 * keeping message order (a network's latency, not its reordering).
 */
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** Sends `text` after `delayMs`, never before an earlier message of the same direction. */
function delayedLine<T>(delayMs: number, send: (text: T) => void) {
  if (delayMs <= 0) return send;
  let lastAt = 0;
  return (text: T) => {
    const at = Math.max(performance.now() + delayMs, lastAt);
    lastAt = at;
    setTimeout(() => send(text), Math.max(0, at - performance.now()));
  };
}

export async function startRpcCounter(target: string, options: { rttMs?: number } = {}) {
  const counts = new Map<string, number>();
  const bytes = new Map<string, number>();
  const oneWay = (options.rttMs ?? 0) / 2;
  /** Bytes the node sent the client (WebSocket payloads, uncompressed: neither side negotiates compression). */
  let received = 0;
  let lastReceivedAt = 0;
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (client) => {
    const upstream = new WebSocket(target);
    const queue: string[] = [];
    // Request id → method, and subscription id → the subscribing method, to attribute answer bytes.
    const pending = new Map<string | number, string>();
    const subscriptions = new Map<string, string>();
    const toClient = delayedLine(oneWay, (data: Buffer) => client.readyState === WebSocket.OPEN && client.send(data, { binary: false }));
    const toNode = delayedLine(oneWay, (text: string) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else queue.push(text);
    });
    upstream.on('open', () => queue.splice(0).forEach((m) => upstream.send(m)));
    // Answers pass through as the node sent them (no decoding and re-encoding of a 300 kB answer, which no
    // network does and which would add to the larger answers' latency only).
    upstream.on('message', (data: Buffer) => {
      const method = answerMethod(data, pending, subscriptions);
      bytes.set(method, (bytes.get(method) ?? 0) + data.length);
      received += data.length;
      lastReceivedAt = performance.now();
      toClient(data);
    });
    upstream.on('close', () => client.close());
    client.on('close', () => upstream.close());
    client.on('message', (data) => {
      const text = data.toString();
      try {
        const msg = JSON.parse(text) as { id?: string | number; method?: string } | { id?: string | number; method?: string }[];
        for (const m of Array.isArray(msg) ? msg : [msg]) {
          if (!m.method) continue;
          counts.set(m.method, (counts.get(m.method) ?? 0) + 1);
          if (m.id !== undefined) pending.set(m.id, m.method);
        }
      } catch {
        /* not JSON: forwarded as is */
      }
      toNode(text);
    });
  });
  await new Promise<void>((resolve) => server.on('listening', resolve));
  const sum = (m: Map<string, number>) => [...m].filter(([k]) => k !== 'system_health').reduce((a, [, n]) => a + n, 0);
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Requests since the last reset, excluding the client's periodic health checks. */
    total: () => sum(counts),
    /** Bytes received by the client since the last reset (answers and notifications), excluding health checks. */
    bytesIn: () => sum(bytes),
    byMethod: () => Object.fromEntries(counts),
    bytesByMethod: () => Object.fromEntries(bytes),
    /** Every request since the last reset, health checks included. */
    requests: () => [...counts.values()].reduce((a, n) => a + n, 0),
    /** Every byte the node sent the client since the last reset, health checks included. */
    bytesReceived: () => received,
    /** Milliseconds since the node last sent the client anything. */
    quietFor: () => performance.now() - lastReceivedAt,
    reset: () => {
      counts.clear();
      bytes.clear();
      received = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const c of server.clients) c.terminate();
        server.close(() => resolve());
      }),
  };
}

/**
 * A JSON-RPC answer's id, or a notification's method and subscription, are at one end of it: the devnet writes them
 * first, Substrate's jsonrpsee writes an answer's id after its result.
 */
const HEAD_BYTES = 512;
const HEAD_FIELDS = /"(id|method|subscription)":("(?:[^"\\]|\\.)*"|-?\d+)/g;

/** The method an answer or notification belongs to; of a large one only its two ends are read. */
function answerMethod(data: Buffer, pending: Map<string | number, string>, subscriptions: Map<string, string>): string {
  if (data.length > HEAD_BYTES) {
    const found: { id?: string | number; method?: string; params?: { subscription?: string } } = {};
    const ends = data.toString('utf8', 0, HEAD_BYTES) + data.toString('utf8', data.length - HEAD_BYTES);
    for (const [, key, value] of ends.matchAll(HEAD_FIELDS)) {
      const v = JSON.parse(value!) as string | number;
      if (key === 'id') found.id ??= v;
      else if (key === 'method') found.method ??= String(v);
      else found.params = { subscription: String(v) };
    }
    return methodOf(found, pending, subscriptions);
  }
  try {
    return methodOf(JSON.parse(data.toString()), pending, subscriptions);
  } catch {
    return 'other'; // not JSON
  }
}

function methodOf(
  msg: { id?: string | number; result?: unknown; method?: string; params?: { subscription?: string } },
  pending: Map<string | number, string>,
  subscriptions: Map<string, string>,
): string {
  if (msg.id !== undefined && pending.has(msg.id)) {
    const method = pending.get(msg.id)!;
    pending.delete(msg.id);
    if (typeof msg.result === 'string' && /subscribe/i.test(method) && !/unsubscribe/i.test(method)) subscriptions.set(msg.result, method);
    return method;
  }
  if (msg.params?.subscription !== undefined) return subscriptions.get(String(msg.params.subscription)) ?? msg.method ?? 'other';
  return 'other';
}
