import { describe, expect, it } from 'vitest';
import { networkView, networkWindow, PROJECTION_BASIS, topSubnets } from '@/lib/network/totals';
import { combineRevenue, type RevenueFigure, type RevenueSourceResult, type RevenueWindow } from '@/lib/revenue';
import type { SubsidyInput } from '@/lib/metrics';
import type { TaoUsd } from '@/lib/model/types';

const TAO = 1_000_000_000n;
const price: TaoUsd = { usd: 400, change24hPct: null, source: 'CoinGecko', asOf: Date.parse('2026-08-11T11:59:00Z') };
// Each subnet: `tao` τ/day injected, no alpha emission, so its subsidy is exactly `tao` τ/day.
const sn = (netuid: number, tao: bigint): SubsidyInput => ({ netuid, taoInjectedPerDayRao: tao * TAO, alphaEmittedPerDay: 0n, priceRao: TAO });
const subnets = [sn(1, 10n), sn(2, 20n), sn(3, 30n), sn(4, 40n)]; // 100 τ/day = $40,000/day
const fig = (netuid: number, usd: number, p: Partial<RevenueFigure> = {}): RevenueFigure => ({
  netuid,
  usd,
  window: '1d',
  asOf: Date.parse('2026-08-11T00:00:00Z'),
  sourceId: 'metagraph.sh',
  sourceName: 'metagraph.sh',
  link: '',
  tier: 'third-party',
  ...p,
});
const results = (figures: RevenueFigure[]): RevenueSourceResult[] => [
  { sourceId: 'x', status: { state: 'ok', message: '', fetchedAt: 0 }, figures },
];
const combined = (figures: RevenueFigure[], w: RevenueWindow = '1d') => combineRevenue(results(figures), w);

describe('networkWindow: totals over partial coverage', () => {
  it('sums only observed subnets, counts an observed 0, and says over which subnets', () => {
    // SN1 earns $2,000 (subsidy $4,000), SN2 observed 0 (subsidy $8,000); SN3 and SN4 not observed.
    const t = networkWindow(subnets, combined([fig(1, 2000), fig(2, 0)]), '1d', price);
    expect(t.subnetCount).toBe(4);
    expect(t.observedNetuids).toEqual([1, 2]);
    expect(t.observedZeroCount).toBe(1);
    expect(t.revenueUsd).toBe(2000);
    expect(t.subsidyPerDayRao).toBe(100n * TAO);
    expect(t.subsidyPerDayUsd).toBe(40_000);
    // Coverage over the observed subnets only: 2,000 ÷ (4,000 + 8,000), not 2,000 ÷ 40,000.
    expect(t.observedSubsidyWindowUsd).toBe(12_000);
    expect(t.coverage).toBeCloseTo(2000 / 12_000, 12);
    // 70 of the 100 τ/day go to subnets with no observed revenue.
    expect(t.unobservedSubsidyShare).toBeCloseTo(0.7, 9);
    expect(t.sources).toEqual(['metagraph.sh']);
  });

  it('nothing observed: no coverage (not 0 %), the whole subsidy unobserved', () => {
    const t = networkWindow(subnets, [], '1d', price);
    expect(t.observedNetuids).toEqual([]);
    expect(t.coverage).toBeNull();
    expect(t.revenueAsOf).toBeNull();
    expect(t.unobservedSubsidyShare).toBe(1);
    const notFetched = networkWindow(subnets, null, '7d', price);
    expect(notFetched.coverage).toBeNull();
    expect(notFetched.observedNetuids).toEqual([]);
  });

  it('only observed zeros: coverage is a real 0', () => {
    const t = networkWindow(subnets, combined([fig(3, 0)]), '1d', price);
    expect(t.coverage).toBe(0);
    expect(t.observedZeroCount).toBe(1);
  });

  it('conflicting sources: the chosen figure is summed and the range shows the spread', () => {
    const figures = [
      fig(1, 1000, { tier: 'verified-on-chain', sourceName: 'A' }),
      fig(1, 3000, { tier: 'third-party', sourceName: 'B' }),
      fig(2, 500, { sourceName: 'A' }),
    ];
    const t = networkWindow(subnets, combined(figures), '1d', price);
    expect(t.conflictNetuids).toEqual([1]);
    expect(t.revenueUsd).toBe(1500);
    expect(t.revenueRangeUsd).toEqual({ low: 1500, high: 3500 });
  });

  it('ignores a figure for another window (never stretched to fit) and a subnet not on chain', () => {
    const sevenDay = combined([fig(1, 7000, { window: '7d' })], '7d');
    expect(networkWindow(subnets, sevenDay, '1d', price).observedNetuids).toEqual([]);
    expect(networkWindow(subnets, combined([fig(99, 1e6)]), '1d', price).revenueUsd).toBe(0);
  });

  it('window alignment: subsidy over the window is the per-day projection × days, and × 365 a year', () => {
    const week = networkWindow(subnets, combined([fig(1, 14_000, { window: '7d' })], '7d'), '7d', price);
    expect(week.days).toBe(7);
    expect(week.subsidyWindowRao).toBe(700n * TAO);
    expect(week.subsidyWindowUsd).toBe(280_000);
    expect(week.subsidyPerYearRao).toBe(36_500n * TAO);
    expect(week.subsidyPerYearUsd).toBe(14_600_000);
    expect(week.basis).toBe(PROJECTION_BASIS);
    expect(week.basis).toMatch(/^projection/);
    // SN1's 7-day revenue against SN1's 7-day subsidy (10 τ × 7 × $400).
    expect(week.coverage).toBeCloseTo(14_000 / 28_000, 12);
  });

  it('without a price: TAO figures and the unobserved share stay, USD and coverage are absent', () => {
    const t = networkWindow(subnets, combined([fig(1, 2000)]), '1d', null);
    expect(t.subsidyPerDayRao).toBe(100n * TAO);
    expect(t.subsidyPerDayUsd).toBeNull();
    expect(t.coverage).toBeNull();
    expect(t.unobservedSubsidyShare).toBeCloseTo(0.9, 9);
    expect(t.revenueUsd).toBe(2000);
  });

  it('no subsidy at all: no share, no coverage', () => {
    const t = networkWindow([sn(1, 0n)], combined([fig(1, 10)]), '1d', price);
    expect(t.unobservedSubsidyShare).toBeNull();
    expect(t.coverage).toBeNull();
  });
});

describe('topSubnets', () => {
  it('ranks by revenue and by coverage; subnets without coverage drop out of the coverage list', () => {
    const { shares } = networkWindow([...subnets, sn(5, 0n)], combined([fig(1, 2000), fig(2, 3000), fig(4, 100), fig(5, 50)]), '1d', price);
    const top = topSubnets(shares, 2);
    expect(top.byRevenue.map((s) => s.netuid)).toEqual([2, 1]);
    // SN1: 2,000 ÷ 4,000 = 50 %; SN2: 3,000 ÷ 8,000 = 37.5 %; SN5 has no subsidy.
    expect(top.byCoverage.map((s) => s.netuid)).toEqual([1, 2]);
    expect(top.byCoverage[0]!.coverage).toBeCloseTo(0.5, 12);
  });
});

describe('networkView', () => {
  it('gives every window, each from its own figures', () => {
    const v = networkView(subnets, { '1d': combined([fig(1, 2000)]), '30d': combined([fig(2, 60_000, { window: '30d' })], '30d') }, price, { block: 7, at: 1 });
    expect(v.windows['1d']!.observedNetuids).toEqual([1]);
    expect(v.windows['7d']!.observedNetuids).toEqual([]);
    expect(v.windows['30d']!.observedNetuids).toEqual([2]);
    expect(v.block).toBe(7);
  });
});
