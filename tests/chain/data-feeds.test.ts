import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataFeeds } from '@/lib/background/data-feeds';
import { defaultSettings } from '@/lib/storage/settings';
import { startApiServer, type ApiServer } from '../fixtures/api-server';

// The background's feed assembly over real HTTP to the local fixture API.
let api: ApiServer;
const settings = () => ({
  ...defaultSettings,
  priceApi: api.url,
  binanceApi: api.url,
  revenueApi: api.url,
  chutesApi: api.url,
});

beforeAll(async () => {
  api = await startApiServer({ now: Date.now });
});
afterAll(async () => {
  await api?.stop();
});

describe('data feeds', () => {
  it('give a current TAO/USD price and revenue figures from every configured source', async () => {
    const feeds = createDataFeeds(settings());
    const price = await feeds.taoUsd();
    expect(price.price?.source).toBeTruthy();
    expect(price.price!.usd).toBeGreaterThan(0);
    const revenue = await feeds.revenue();
    expect(revenue.window).toBe('7d');
    expect(revenue.statuses.map((s) => s.state)).toEqual(['ok', 'ok']);
    const sn64 = revenue.combined.find((c) => c.netuid === 64);
    expect(sn64?.chosen?.usd).toBeGreaterThan(0);
    // Chutes' own figure and metagraph.sh's are both kept for SN64, never one hidden.
    expect(new Set([sn64!.chosen!.sourceName, ...sn64!.others.map((o) => o.sourceName)]).size).toBe(2);
  });

  it('fall back to the next price source when the first is broken, and keep revenue from healthy sources', async () => {
    api.setMode('coingecko', '500');
    api.setMode('chutes', 'malformed');
    try {
      const feeds = createDataFeeds(settings());
      const price = await feeds.taoUsd();
      expect(price.price?.source).not.toMatch(/coingecko/i);
      expect(price.status.find((s) => /coingecko/i.test(s.id))?.state).toBe('error');
      const revenue = await feeds.revenue();
      const states = Object.fromEntries(revenue.statuses.map((s) => [s.sourceId, s.state]));
      expect(Object.values(states)).toContain('error');
      expect(Object.values(states)).toContain('ok');
      expect(revenue.combined.some((c) => c.chosen)).toBe(true);
    } finally {
      api.setMode('coingecko', 'ok');
      api.setMode('chutes', 'ok');
    }
  });

  it('say why there is no price when every price source fails', async () => {
    for (const r of ['coingecko', 'binance', 'tao-usd'] as const) api.setMode(r, '500');
    try {
      const price = await createDataFeeds(settings()).taoUsd();
      expect(price.price).toBeNull();
      expect(price.reason).toBeTruthy();
    } finally {
      for (const r of ['coingecko', 'binance', 'tao-usd'] as const) api.setMode(r, 'ok');
    }
  });
});
