import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchJson, type FetchLike } from '@/lib/net/fetch-json';
import { startApiServer, type ApiServer } from '../fixtures/api-server';

const fast = { timeoutMs: 200, backoffMs: 1, random: () => 0 };

describe('fetchJson against the fixture server', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.stop());
  beforeEach(() => {
    for (const r of ['coingecko', 'binance'] as const) api.setMode(r, 'ok');
  });

  const url = () => `${api.url}/api/v3/simple/price?ids=bittensor`;

  it('returns parsed data with status and fetchedAt', async () => {
    const r = await fetchJson(url(), { ...fast, now: () => 42 });
    expect(r).toEqual({ ok: true, status: 200, fetchedAt: 42, data: expect.objectContaining({ bittensor: expect.any(Object) }) });
  });

  it('retries a 500 and then reports it, naming the host', async () => {
    api.setMode('coingecko', '500');
    const before = api.requests.coingecko;
    const r = await fetchJson(url(), { ...fast, retries: 2 });
    expect(api.requests.coingecko - before).toBe(3);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('http');
    expect(r.error.status).toBe(500);
    expect(r.error.message).toContain('127.0.0.1');
  });

  it('times out a server that never answers', async () => {
    api.setMode('coingecko', 'timeout');
    const t0 = Date.now();
    const r = await fetchJson(url(), { ...fast, retries: 1 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.ok ? null : r.error.kind).toBe('timeout');
    expect(r.ok ? '' : r.error.message).toMatch(/did not answer within 200 ms/);
  });

  it('waits for a slow server within the timeout', async () => {
    api.setMode('coingecko', { slowMs: 50 });
    const r = await fetchJson(url(), { ...fast, timeoutMs: 1000 });
    expect(r.ok).toBe(true);
  });

  it('does not retry malformed JSON', async () => {
    api.setMode('coingecko', 'malformed');
    const before = api.requests.coingecko;
    const r = await fetchJson(url(), fast);
    expect(api.requests.coingecko - before).toBe(1);
    expect(r.ok ? null : r.error.kind).toBe('malformed');
  });

  it.each(['empty', 'empty-body'] as const)('reports %s as empty', async (mode) => {
    api.setMode('coingecko', mode);
    const r = await fetchJson(url(), fast);
    expect(r.ok ? null : r.error.kind).toBe('empty');
  });

  it('stops reading a chunked body past maxBytes', async () => {
    api.setMode('coingecko', 'oversized');
    const r = await fetchJson(url(), { ...fast, timeoutMs: 2000 });
    expect(r.ok ? null : r.error.kind).toBe('too-large');
    expect(r.ok ? '' : r.error.message).toMatch(/more than 1 MB/);
  });

  it('reports an unreachable host as a network error', async () => {
    const r = await fetchJson('http://127.0.0.1:1/x', { ...fast, retries: 0 });
    expect(r.ok ? null : r.error.kind).toBe('network');
    expect(r.ok ? '' : r.error.message).toMatch(/Could not reach 127\.0\.0\.1:1/);
  });
});

describe('fetchJson with an injected fetch', () => {
  const respond = (status: number, body: string, headers: Record<string, string> = {}) =>
    new Response(body, { status, headers });

  it('does not retry a 4xx but does retry a 429', async () => {
    let calls = 0;
    const f404: FetchLike = async () => (calls++, respond(404, 'nope'));
    const r = await fetchJson('https://api.example/x', { ...fast, fetch: f404 });
    expect(calls).toBe(1);
    expect(r.ok ? null : r.error).toEqual({ kind: 'http', status: 404, message: 'api.example refused the request (HTTP 404).' });

    calls = 0;
    const f429: FetchLike = async () => (calls++ < 2 ? respond(429, '') : respond(200, '{"a":1}'));
    const r2 = await fetchJson('https://api.example/x', { ...fast, fetch: f429 });
    expect(calls).toBe(3);
    expect(r2.ok && r2.data).toEqual({ a: 1 });
  });

  it('retries a network error, then succeeds', async () => {
    let calls = 0;
    const f: FetchLike = async () => {
      if (calls++ === 0) throw new TypeError('fetch failed');
      return respond(200, '[1]');
    };
    const r = await fetchJson('https://api.example/x', { ...fast, fetch: f });
    expect(r.ok && r.data).toEqual([1]);
  });

  it('backs off exponentially with jitter', async () => {
    const times: number[] = [];
    const f: FetchLike = async () => (times.push(Date.now()), respond(503, ''));
    await fetchJson('https://api.example/x', { fetch: f, retries: 2, backoffMs: 40, random: () => 0.999 });
    expect(times).toHaveLength(3);
    const [a = 0, b = 0, c = 0] = times;
    expect(b - a).toBeGreaterThanOrEqual(35);
    expect(c - b).toBeGreaterThanOrEqual(70);
  });

  it('refuses a declared content-length past maxBytes without reading', async () => {
    const f: FetchLike = async () => respond(200, '{"a":1}', { 'content-length': '5000000' });
    const r = await fetchJson('https://api.example/x', { ...fast, fetch: f });
    expect(r.ok ? null : r.error.kind).toBe('too-large');
  });

  it('never throws, even when fetch throws something odd', async () => {
    const f: FetchLike = () => {
      throw 'boom';
    };
    const r = await fetchJson('https://api.example/x', { ...fast, retries: 0, fetch: f });
    expect(r.ok).toBe(false);
    const bad = await fetchJson('not a url', fast);
    expect(bad.ok ? null : bad.error.kind).toBe('network');
  });

  it('respects an outer abort signal without retrying', async () => {
    const ctl = new AbortController();
    let calls = 0;
    const f: FetchLike = (_u, init) =>
      new Promise((_res, rej) => {
        calls++;
        init?.signal?.addEventListener('abort', () => rej(new DOMException('aborted', 'AbortError')));
      });
    setTimeout(() => ctl.abort(), 20);
    const r = await fetchJson('https://api.example/x', { ...fast, timeoutMs: 5000, fetch: f, signal: ctl.signal });
    expect(calls).toBe(1);
    expect(r.ok ? '' : r.error.message).toMatch(/cancelled/);
  });
});

describe('api fixture server', () => {
  it('sends CORS headers, answers preflight, counts requests per route', async () => {
    const api = await startApiServer();
    try {
      const res = await fetch(`${api.url}/api/v1/network/tao-usd`);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(api.requests['tao-usd']).toBe(1);
      const pre = await fetch(`${api.url}/api/v1/network/tao-usd`, { method: 'OPTIONS' });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('*');
      expect(api.requests['tao-usd']).toBe(1);
      const sub = await fetchJson(`${api.url}/api/v1/subnets/4/revenue?window=7d`, fast);
      expect(sub.ok && (sub.data as { data: { revenue: { window_days: number } } }).data.revenue.window_days).toBe(7);
      api.setFixture('binance', 'not json');
      const raw = await fetchJson(`${api.url}/api/v3/ticker/price`, fast);
      expect(raw.ok ? null : raw.error.kind).toBe('malformed');
    } finally {
      await api.stop();
    }
  });
});
