/**
 * A counting WebSocket proxy in front of the devnet: every JSON-RPC request a client sends passes
 * through it, so TaoLens and another client are measured the same way, whatever library they use.
 */
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export async function startRpcCounter(target: string) {
  const counts = new Map<string, number>();
  /** Bytes the node sent the client (WebSocket payloads, uncompressed: neither side negotiates compression). */
  let received = 0;
  let lastReceivedAt = 0;
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (client) => {
    const upstream = new WebSocket(target);
    const queue: string[] = [];
    upstream.on('open', () => queue.splice(0).forEach((m) => upstream.send(m)));
    upstream.on('message', (data: Buffer) => {
      received += data.length;
      lastReceivedAt = performance.now();
      client.send(data.toString());
    });
    upstream.on('close', () => client.close());
    client.on('close', () => upstream.close());
    client.on('message', (data) => {
      const text = data.toString();
      try {
        const msg = JSON.parse(text) as { method?: string } | { method?: string }[];
        for (const m of Array.isArray(msg) ? msg : [msg]) {
          if (m.method) counts.set(m.method, (counts.get(m.method) ?? 0) + 1);
        }
      } catch {
        /* not JSON: forwarded as is */
      }
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else queue.push(text);
    });
  });
  await new Promise<void>((resolve) => server.on('listening', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Requests since the last reset, excluding the client's periodic health checks. */
    total: () => [...counts].filter(([m]) => m !== 'system_health').reduce((a, [, n]) => a + n, 0),
    byMethod: () => Object.fromEntries(counts),
    /** Every request since the last reset, health checks included. */
    requests: () => [...counts.values()].reduce((a, n) => a + n, 0),
    bytesReceived: () => received,
    /** Milliseconds since the node last sent the client anything. */
    quietFor: () => performance.now() - lastReceivedAt,
    reset: () => {
      counts.clear();
      received = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const c of server.clients) c.terminate();
        server.close(() => resolve());
      }),
  };
}
