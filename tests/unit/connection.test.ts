import { describe, expect, it } from 'vitest';
import { ConnectionManager, backoffDelay, type ConnectionDeps, type Session } from '@/lib/chain/connection';
import type { BlockRef } from '@/lib/model/types';

/** A hand-driven clock and a fake network where each endpoint is up or down. */
function world(up: Record<string, boolean | 'hang'>) {
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
      // Accepts the socket, never answers: the session gives up after its own 15 s, as session.ts does.
      if (up[endpoint] === 'hang') return new Promise<Session>((_, reject) => deps.setTimer(() => reject(new Error('took longer than 15 s')), 15_000));
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

describe('ConnectionManager with an endpoint that hangs', () => {
  it('tries the next endpoint beside it after 2.5 s, and on failover does not go back to it first', async () => {
    const w = world({ 'wss://hang': 'hang', 'wss://b': true, 'wss://c': true });
    const m = new ConnectionManager(['wss://hang', 'wss://b', 'wss://c'], w.deps);
    const started = w.now;
    m.start();
    await flush();
    expect(m.current.status).toBe('connecting');
    await w.advance(2_500);
    expect(m.current).toMatchObject({ status: 'live', endpoint: 'wss://b' });
    expect(m.current.since - started).toBe(2_500);
    await w.advance(15_000); // the hanging attempt gives up behind the live session: nothing changes
    expect(m.current).toMatchObject({ status: 'live', endpoint: 'wss://b' });
    // b drops: c is next in the list; after c drops too, b again, then c; the hanging one stays last while it is bad.
    w.sessions.find((s) => s.endpoint === 'wss://b')!.drop();
    await flush();
    await flush();
    expect(m.current).toMatchObject({ status: 'live', endpoint: 'wss://c' });
    const beforeDrop = w.now;
    w.sessions.find((s) => s.endpoint === 'wss://c')!.drop();
    await flush();
    await flush();
    expect(m.current).toMatchObject({ status: 'live', endpoint: 'wss://b' });
    expect(w.now).toBe(beforeDrop); // no 2.5 s wait: the hanging endpoint was not tried first
  });

  it('a saved endpoint list starts from its first entry again, even one that failed a minute ago', async () => {
    const w = world({ 'wss://a': false, 'wss://b': true });
    const m = new ConnectionManager(['wss://a', 'wss://b'], w.deps);
    m.start();
    await flush();
    expect(m.current.endpoint).toBe('wss://b'); // a refused: marked bad for 3 min
    w.up['wss://a'] = true;
    await w.advance(60_000);
    await m.setEndpoints(['wss://a', 'wss://b']);
    await flush();
    expect(m.current).toMatchObject({ status: 'live', endpoint: 'wss://a' });
  });

  it('starts from the endpoint that last worked', async () => {
    const w = world({ 'wss://a': true, 'wss://b': true });
    const m = new ConnectionManager(['wss://a', 'wss://b'], w.deps, { preferred: 'wss://b' });
    m.start();
    await flush();
    expect(m.current.endpoint).toBe('wss://b');
  });

  it('caps the backoff at 10 s while a UI is open', async () => {
    const w = world({ 'wss://a': false });
    let open = false;
    const m = new ConnectionManager(['wss://a'], { ...w.deps, uiOpen: () => open }, { baseBackoffMs: 1000 });
    m.start();
    await flush();
    for (let i = 0; i < 6; i++) await w.advance(m.current.retryAt! - w.now);
    expect(m.current.retryAt! - w.now).toBe(60_000);
    open = true;
    await w.advance(m.current.retryAt! - w.now);
    expect(m.current.retryAt! - w.now).toBe(10_000);
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
