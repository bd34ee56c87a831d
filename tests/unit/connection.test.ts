import { describe, expect, it } from 'vitest';
import { ConnectionManager, backoffDelay, type ConnectionDeps, type Session } from '@/lib/chain/connection';
import type { BlockRef } from '@/lib/model/types';

/** A hand-driven clock and a fake network where each endpoint is up or down. */
function world(up: Record<string, boolean>) {
  let now = 1_000_000;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const sessions: FakeSession[] = [];
  class FakeSession implements Session {
    heads: ((h: BlockRef) => void)[] = [];
    closes: ((r: string) => void)[] = [];
    closed = false;
    constructor(public endpoint: string) {}
    onHead(cb: (h: BlockRef) => void) {
      this.heads.push(cb);
    }
    onClose(cb: (r: string) => void) {
      this.closes.push(cb);
    }
    async close() {
      this.closed = true;
    }
    head(n: number) {
      for (const cb of this.heads) cb({ number: n, hash: `0x${n}` });
    }
    drop() {
      for (const cb of this.closes) cb('socket closed');
    }
  }
  const deps: ConnectionDeps = {
    connect: async (endpoint) => {
      if (!up[endpoint]) throw new Error('connection refused');
      const s = new FakeSession(endpoint);
      sessions.push(s);
      return s;
    },
    now: () => now,
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id) => void timers.delete(id as number),
    random: () => 0.5,
  };
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
      await flush();
    }
    now = until;
  };
  return { deps, sessions, advance, up, setNow: (t: number) => (now = t), get now() { return now; } };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('ConnectionManager', () => {
  it('uses the first healthy endpoint and reports live', async () => {
    const w = world({ 'wss://a': false, 'wss://b': true });
    const m = new ConnectionManager(['wss://a', 'wss://b'], w.deps);
    m.start();
    await flush();
    expect(m.current.status).toBe('live');
    expect(m.current.endpoint).toBe('wss://b');
  });

  it('fails over to the next endpoint when the socket drops', async () => {
    const w = world({ 'wss://a': true, 'wss://b': true });
    const m = new ConnectionManager(['wss://a', 'wss://b'], w.deps);
    m.start();
    await flush();
    w.sessions[0]!.drop();
    await flush();
    await flush();
    expect(m.current).toMatchObject({ status: 'live', endpoint: 'wss://b' });
    expect(w.sessions[0]!.closed).toBe(true);
  });

  it('fails over when no finalized head arrives for 30 s, and says why', async () => {
    const w = world({ 'wss://a': true, 'wss://b': true });
    const m = new ConnectionManager(['wss://a', 'wss://b'], w.deps);
    const seen: string[] = [];
    m.onState((s) => seen.push(`${s.status}:${s.endpoint}`));
    m.start();
    await flush();
    w.sessions[0]!.head(1);
    await w.advance(29_000);
    expect(m.current.status).toBe('live');
    await w.advance(1_000);
    expect(seen).toContain('stale:wss://a');
    expect(m.current).toMatchObject({ status: 'live', endpoint: 'wss://b' });
  });

  it('goes offline when every endpoint fails, then retries with growing backoff', async () => {
    const w = world({ 'wss://a': false, 'wss://b': false });
    const m = new ConnectionManager(['wss://a', 'wss://b'], w.deps, { baseBackoffMs: 1000 });
    m.start();
    await flush();
    expect(m.current.status).toBe('offline');
    expect(m.current.reason).toContain('wss://a: connection refused');
    expect(m.current.retryAt).toBe(w.now + 1000);
    await w.advance(1000);
    expect(m.current.retryAt).toBe(w.now + 2000);
    w.up['wss://b'] = true;
    await w.advance(2000);
    expect(m.current).toMatchObject({ status: 'live', endpoint: 'wss://b', reason: null });
  });

  it('reconnects at once on poke after the machine slept while offline', async () => {
    const w = world({ 'wss://a': false });
    const m = new ConnectionManager(['wss://a'], w.deps, { baseBackoffMs: 60_000 });
    m.start();
    await flush();
    expect(m.current.status).toBe('offline');
    w.up['wss://a'] = true;
    m.poke();
    await flush();
    await flush();
    expect(m.current.status).toBe('live');
  });

  it('fails over on poke when the live session went silent during sleep', async () => {
    const w = world({ 'wss://a': true, 'wss://b': true });
    const m = new ConnectionManager(['wss://a', 'wss://b'], w.deps);
    m.start();
    await flush();
    w.setNow(w.now + 3_600_000); // an hour asleep: timers did not fire
    m.poke();
    await flush();
    expect(m.current).toMatchObject({ status: 'live', endpoint: 'wss://b' });
  });

  it('forwards heads only from the current session', async () => {
    const w = world({ 'wss://a': true, 'wss://b': true });
    const m = new ConnectionManager(['wss://a', 'wss://b'], w.deps);
    const heads: number[] = [];
    m.onHead((h) => heads.push(h.number));
    m.start();
    await flush();
    w.sessions[0]!.head(5);
    w.sessions[0]!.drop();
    await flush();
    await flush();
    w.sessions[0]!.head(6); // a late head from the dead socket
    w.sessions[1]!.head(7);
    expect(heads).toEqual([5, 7]);
  });
});

describe('backoffDelay', () => {
  it('doubles per round, caps, and jitters within ±50 %', () => {
    expect(backoffDelay(0, 1000, 60_000, 0.5)).toBe(1000);
    expect(backoffDelay(3, 1000, 60_000, 0.5)).toBe(8000);
    expect(backoffDelay(20, 1000, 60_000, 0.5)).toBe(60_000);
    expect(backoffDelay(0, 1000, 60_000, 0)).toBe(500);
    expect(backoffDelay(0, 1000, 60_000, 0.999)).toBe(1499);
  });
});
