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

describe('data feeds with a partly bad or absurd answer', () => {
  it('keep the good rows of a coverage answer with one bad row, counting the refused one', async () => {
    api.setMode('coverage', 'bad-row');
    try {
      const revenue = await createDataFeeds(settings()).revenue();
      const metagraph = revenue.statuses.find((s) => s.sourceId === 'metagraph.sh')!;
      expect(metagraph).toMatchObject({ state: 'ok', refused: 1 });
      expect(metagraph.message).toContain('1 entry refused: data.subnets[');
      expect(revenue.combined.find((c) => c.netuid === 4)?.chosen?.usd).toBeGreaterThan(0);
      expect(revenue.combined.find((c) => c.netuid === 11)).toBeUndefined();
    } finally {
      api.setMode('coverage', 'ok');
    }
  });

  it('refuse an absurd figure and a 1e308 TAO/USD price, with the reason', async () => {
    api.setMode('coverage', 'absurd');
    api.setMode('coingecko', 'absurd');
    try {
      const feeds = createDataFeeds(settings(), undefined, { networkSubsidyUsdPerDay: () => 1_000_000 });
      const revenue = await feeds.revenue();
      const metagraph = revenue.statuses.find((s) => s.sourceId === 'metagraph.sh')!;
      expect(metagraph.message).toContain('subnet 4: 1e+308 is above the plausible ceiling of $700,000,000');
      expect(revenue.combined.find((c) => c.netuid === 4)).toBeUndefined();
      const price = await feeds.taoUsd();
      expect(price.status.find((s) => s.id === 'coingecko')).toMatchObject({ state: 'error' });
      expect(price.status.find((s) => s.id === 'coingecko')?.message).toContain('outside the plausible range');
      expect(price.price?.usd).toBeLessThan(1_000_000);
    } finally {
      api.setMode('coverage', 'ok');
      api.setMode('coingecko', 'ok');
    }
  });

  it('mark a stale answer stale and keep it out of the chosen figures when a current one exists', async () => {
    api.setMode('coverage', 'stale');
    try {
      const revenue = await createDataFeeds(settings()).revenue();
      const sn11 = revenue.combined.find((c) => c.netuid === 11)!;
      expect(new Date(sn11.chosen!.asOf).toISOString().slice(0, 7)).toMatch(/^2022-0[23]$/);
      // SN64: Chutes' current figure wins over metagraph.sh's stale one, whatever their tiers.
      expect(revenue.combined.find((c) => c.netuid === 64)?.chosen?.sourceName).toBe('Chutes');
    } finally {
      api.setMode('coverage', 'ok');
    }
  });
});
