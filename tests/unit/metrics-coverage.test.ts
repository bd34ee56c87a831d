import { describe, expect, it } from 'vitest';
import { coverage, networkTotals, SUBSIDY_BASIS, subsidyPerDay, type SubsidyInput } from '@/lib/metrics';
import { raoToUsd } from '@/lib/units/amount';
import type { TaoUsd } from '@/lib/model/types';
import { combineRevenue, type RevenueFigure } from '@/lib/revenue';

const TAO = 1_000_000_000n;
const price: TaoUsd = { usd: 400, change24hPct: null, source: 'CoinGecko', asOf: Date.parse('2026-08-11T11:59:00Z') };
// 100 τ/day injected; 2,000 α/day emitted at 0.05 τ = 100 τ/day of alpha value; total 200 τ/day = $80,000/day.
const sn64: SubsidyInput = { netuid: 64, taoInjectedPerDayRao: 100n * TAO, alphaEmittedPerDay: 2000n * TAO, priceRao: 50_000_000n };
const fig = (p: Partial<RevenueFigure> = {}): RevenueFigure => ({
  netuid: 64,
  usd: 56_000,
  window: '1d',
  asOf: Date.parse('2026-08-11T00:10:00Z'),
  sourceId: 'metagraph.sh',
  sourceName: 'metagraph.sh',
  link: 'https://api.metagraph.sh/api/v1/subnets/64/revenue?window=1d',
  tier: 'published-by-subnet',
  ...p,
});

describe('coverage of a stale figure', () => {
  const now = Date.parse('2026-08-11T12:00:00Z');
  it('is "stale" with no ratio, saying its age limit, while a current one gives a ratio', () => {
    const stale = coverage({ subnet: sn64, revenue: fig({ asOf: Date.parse('2022-03-01T00:00:00Z') }), window: '1d', taoUsd: price, now });
    expect(stale).toMatchObject({ state: 'stale', ratio: null });
    expect(stale.revenue?.usd).toBe(56_000);
    expect(stale.explain).toContain('older than 3 days, the limit for a 1 d figure');
    expect(coverage({ subnet: sn64, revenue: fig(), window: '1d', taoUsd: price, now }).state).toBe('observed');
  });
});

describe('subsidyPerDay', () => {
  it('gives both parts, the total and USD', () => {
    expect(subsidyPerDay(sn64, price)).toEqual({
      netuid: 64,
      taoPerDayRao: 100n * TAO,
      alphaPerDay: 2000n * TAO,
      alphaPerDayValueRao: 100n * TAO,
      totalValueRao: 200n * TAO,
      usd: 80_000,
      taoUsd: 400,
      basis: SUBSIDY_BASIS,
    });
    expect(SUBSIDY_BASIS).toBe('per-block snapshot × 7,200');
  });

  it('has no USD without a price, and values alpha at 0 before trading has a price', () => {
    expect(subsidyPerDay(sn64, null).usd).toBeNull();
    expect(subsidyPerDay({ ...sn64, priceRao: 0n }, price).totalValueRao).toBe(100n * TAO);
  });

  it('keeps sub-TAO precision in USD', () => {
    expect(raoToUsd(1n, { ...price, usd: 1e9 })).toBeCloseTo(1, 9);
    expect(raoToUsd(123_456_789_012_345_678n, { ...price, usd: 1 })).toBeCloseTo(123_456_789.0123, 3);
  });
});

describe('coverage', () => {
  it('observed: revenue ÷ total subsidy for 1 d, explained', () => {
    const c = coverage({ subnet: sn64, revenue: fig(), window: '1d', taoUsd: price });
    expect(c.state).toBe('observed');
    expect(c.ratio).toBeCloseTo(0.7, 10);
    expect(c.subsidyUsd).toBe(80_000);
    expect(c.explain).toBe(
      'Revenue $56,000 over 1 d from metagraph.sh (published by the subnet, as of 2026-08-11 00:10 UTC) ÷ subsidy $80,000 over 1 d ' +
        '(1 × $80,000/day: 100 τ injected + alpha emitted worth 100 τ at the spot price = 200 τ/day, at $400/τ from CoinGecko; ' +
        'per-block snapshot × 7,200, not a guarantee) = 0.700 (70 %).',
    );
  });

  it('scales the daily subsidy by the window', () => {
    const c7 = coverage({ subnet: sn64, revenue: fig({ window: '7d', usd: 392_000 }), window: '7d', taoUsd: price });
    expect(c7.subsidyUsd).toBe(560_000);
    expect(c7.ratio).toBeCloseTo(0.7, 10);
    expect(c7.explain).toMatch(/over 7 d .* ÷ subsidy \$560,000 over 7 d \(7 × \$80,000\/day/);
    const c30 = coverage({ subnet: sn64, revenue: fig({ window: '30d', usd: 2_400_000 }), window: '30d', taoUsd: price });
    expect(c30.ratio).toBeCloseTo(1, 10);
  });

  it('never mixes windows: a 1 d figure does not count for 7 d', () => {
    const c = coverage({ subnet: sn64, revenue: fig({ window: '1d' }), window: '7d', taoUsd: price });
    expect(c.state).toBe('not-observed');
    expect(c.ratio).toBeNull();
  });

  it('unknown revenue is not observed, never 0', () => {
    const c = coverage({ subnet: sn64, revenue: null, window: '7d', taoUsd: price });
    expect(c).toMatchObject({ state: 'not-observed', ratio: null, revenue: null });
    expect(c.ratio).not.toBe(0);
    expect(c.explain).toMatch(/not observed.*unknown \(not 0\)/);
    const empty = combineRevenue([], '7d');
    expect(coverage({ subnet: sn64, revenue: empty[0] ?? null, window: '7d', taoUsd: price }).state).toBe('not-observed');
  });

  it('an observed zero revenue is a real 0 % coverage', () => {
    const c = coverage({ subnet: sn64, revenue: fig({ usd: 0 }), window: '1d', taoUsd: price });
    expect(c).toMatchObject({ state: 'observed', ratio: 0 });
  });

  it('no price: no ratio, says why', () => {
    const c = coverage({ subnet: sn64, revenue: fig(), window: '1d', taoUsd: null });
    expect(c).toMatchObject({ state: 'no-price', ratio: null, subsidyUsd: null });
    expect(c.explain).toMatch(/no current TAO\/USD price.*200 τ\/day/);
  });

  it('no subsidy: no ratio (no division by zero)', () => {
    const c = coverage({ subnet: { ...sn64, taoInjectedPerDayRao: 0n, alphaEmittedPerDay: 0n }, revenue: fig(), window: '1d', taoUsd: price });
    expect(c).toMatchObject({ state: 'no-subsidy', ratio: null });
  });

  it('accepts a CombinedRevenue and uses its chosen figure', () => {
    const combined = combineRevenue(
      [{ sourceId: 'x', status: { state: 'ok', message: '', fetchedAt: 0 }, figures: [fig(), fig({ sourceName: 'Feed', tier: 'third-party', usd: 1 })] }],
      '1d',
    );
    const c = coverage({ subnet: sn64, revenue: combined[0] ?? null, window: '1d', taoUsd: price });
    expect(c.revenue?.sourceName).toBe('metagraph.sh');
  });
});

describe('networkTotals', () => {
  const sn4: SubsidyInput = { netuid: 4, taoInjectedPerDayRao: 50n * TAO, alphaEmittedPerDay: 1000n * TAO, priceRao: 20_000_000n };
  const sn7: SubsidyInput = { netuid: 7, taoInjectedPerDayRao: 10n * TAO, alphaEmittedPerDay: 0n, priceRao: 10_000_000n };
  const results = [
    {
      sourceId: 'm',
      status: { state: 'ok' as const, message: '', fetchedAt: 0 },
      figures: [fig(), fig({ netuid: 4, usd: 8000 }), fig({ netuid: 4, usd: 1, window: '7d' }), fig({ netuid: 999, usd: 5 })],
    },
  ];

  it('sums subsidy per day in TAO and USD, and observed revenue for the window', () => {
    const t = networkTotals([sn64, sn4, sn7], combineRevenue(results, '1d'), '1d', price);
    expect(t).toEqual({
      window: '1d',
      subnetCount: 3,
      taoPerDayRao: 160n * TAO,
      alphaPerDayValueRao: 120n * TAO,
      totalValuePerDayRao: 280n * TAO,
      subsidyPerDayUsd: 112_000,
      observedRevenueUsd: 64_000,
      observedCount: 2,
      staleCount: 0,
    });
  });

  it('leaves a stale figure out of the observed revenue and counts it apart', () => {
    const now = Date.parse('2026-08-11T12:00:00Z');
    const old = [{ sourceId: 'x', status: { state: 'ok' as const, message: '', fetchedAt: now }, figures: [fig({ asOf: Date.parse('2022-03-01T00:00:00Z') })] }];
    expect(networkTotals([sn64], combineRevenue(old, '1d', now), '1d', price, now)).toMatchObject({ observedCount: 0, observedRevenueUsd: 0, staleCount: 1 });
  });

  it('has no USD subsidy without a price', () => {
    expect(networkTotals([sn64], [], '7d', null)).toMatchObject({ subsidyPerDayUsd: null, observedCount: 0, observedRevenueUsd: 0 });
  });
});
