/**
 * The devnet and its RPC counters in a child process, so the bench process's CPU time is the client's own
 * (the node's encoding runs elsewhere, as a real node's does) and latency is the network's alone.
 * `hostDevnet(scenario, rtts)` forks this file; one counting proxy per round-trip time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Stats {
  calls: number;
  bytesIn: number;
  byMethod: Record<string, number>;
  bytesByMethod: Record<string, number>;
}
type Request = { id: number; op: 'produceBlock' | 'reset' | 'stats' | 'stop'; rtt?: number };

export interface HostedDevnet {
  /** The counted endpoint for each round-trip time. */
  url(rtt: number): string;
  accounts: Record<string, string>;
  subnetCount: number;
  /** A new block; its hash (finalized = best on the devnet). */
  produceBlock(): Promise<string>;
  counter(rtt: number): { reset(): Promise<void>; stats(): Promise<Stats> };
  stop(): Promise<void>;
}

const here = fileURLToPath(import.meta.url);

export async function hostDevnet(scenario: string, rtts: readonly number[]): Promise<HostedDevnet> {
  const child: ChildProcess = fork(here, ['--host', scenario, JSON.stringify(rtts)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let next = 0;
  const waiting = new Map<number, (v: unknown) => void>();
  const ready = new Promise<{ urls: Record<string, string>; accounts: Record<string, string>; subnetCount: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the devnet host exited (${code})`)));
    child.on('message', (m: { id?: number; ready?: boolean; value?: unknown }) => {
      if (m.ready) resolve(m.value as never);
      else if (m.id !== undefined) waiting.get(m.id)?.(m.value);
    });
  });
  const ask = <T,>(op: Request['op'], rtt?: number) =>
    new Promise<T>((resolve) => {
      const id = next++;
      waiting.set(id, (v) => {
        waiting.delete(id);
        resolve(v as T);
      });
      child.send({ id, op, rtt } satisfies Request);
    });
  const { urls, accounts, subnetCount } = await ready;
  return {
    url: (rtt) => urls[rtt]!,
    accounts,
    subnetCount,
    produceBlock: () => ask<string>('produceBlock'),
    counter: (rtt) => ({ reset: () => ask<void>('reset', rtt), stats: () => ask<Stats>('stats', rtt) }),
    stop: async () => {
      await ask('stop');
      child.disconnect();
    },
  };
}

async function host(scenario: string, rtts: number[]) {
  const { startDevnet } = await import('../devnet/index');
  const { startRpcCounter } = await import('./rpc-counter');
  const devnet = await startDevnet({ port: 0, scenario, blockMs: 0 });
  await devnet.control.produceBlock();
  // The node's own side: every refresh's runtime calls answered once per block before anyone asks, as a real
  // node's runtime would in milliseconds (the devnet builds codecs for every subnet, which takes far longer and is
  // not what is measured here). Asked on a socket of its own, outside the counters.
  const { WebSocket } = await import('ws');
  const direct = new WebSocket(devnet.url);
  await new Promise((resolve) => direct.once('open', resolve));
  let rpcId = 0;
  const answered = new Map<number, () => void>();
  direct.on('message', (d) => answered.get((JSON.parse(d.toString()) as { id: number }).id)?.());
  const warm = (hash: string) =>
    Promise.all(
      ['SubnetInfoRuntimeApi_get_all_dynamic_info', 'SwapRuntimeApi_current_alpha_price_all'].map(
        (method) =>
          new Promise<void>((resolve) => {
            const id = ++rpcId;
            answered.set(id, resolve);
            direct.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'state_call', params: [method, '0x', hash] }));
          }),
      ),
    );
  const counters = new Map(await Promise.all(rtts.map(async (rtt) => [rtt, await startRpcCounter(devnet.url, { rttMs: rtt })] as const)));
  const reply = (id: number, value?: unknown) => process.send!({ id, value });
  // The bench process gone (finished, failed or interrupted): nothing left to serve.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async ({ id, op, rtt }: Request) => {
    const counter = counters.get(rtt ?? 0);
    switch (op) {
      case 'produceBlock': {
        await devnet.control.produceBlock();
        const hash = (devnet.control.state() as unknown as { finalizedHash: string }).finalizedHash;
        await warm(hash);
        return reply(id, hash);
      }
      case 'reset':
        counter!.reset();
        return reply(id);
      case 'stats':
        return reply(id, { calls: counter!.total(), bytesIn: counter!.bytesIn(), byMethod: counter!.byMethod(), bytesByMethod: counter!.bytesByMethod() });
      case 'stop':
        direct.close();
        for (const c of counters.values()) await c.stop();
        await devnet.stop();
        reply(id);
        return setTimeout(() => process.exit(0), 50);
    }
  });
  process.send!({
    ready: true,
    value: { urls: Object.fromEntries([...counters].map(([rtt, c]) => [rtt, c.url])), accounts: devnet.accounts, subnetCount: devnet.control.state().subnets.length },
  });
}

if (process.argv[2] === '--host') void host(process.argv[3]!, JSON.parse(process.argv[4]!) as number[]);
