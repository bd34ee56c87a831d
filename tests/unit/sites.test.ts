import { describe, expect, it } from 'vitest';
import { addressFromTaostatsPath } from '@/lib/sites/taostats';
import { netuidFromHref, netuidFromSubnetPath } from '@/lib/sites/common';
import { isTagLink } from '@/lib/sites/x';
import { ago, badgeText, cardModel, taoCardModel } from '@/lib/annotate/figures';
import type { SubnetSummary } from '@/lib/messaging/protocol';
import type { SubnetEconomics } from '@/lib/metrics/economics';

describe('site paths', () => {
  it.each([
    ['/subnets/64', 64],
    ['/subnets/0', 0],
    ['/subnets/64/metagraph', 64],
    ['/subnets', null],
    ['/subnets/abc', null],
    ['/subnetsx/64', null],
    ['/validators/subnets/64', null],
  ])('%s → %s', (path, netuid) => {
    expect(netuidFromSubnetPath(path)).toBe(netuid);
  });

  it.each([
    ['/subnets/64', 64],
    ['/subnets/64/', 64],
    ['/subnets/64/chart', 64],
    ['/subnets/64/metagraph?order=stake%3Adesc&limit=100', 64],
    ['/subnets/64#chart', 64],
    ['/subnets/netuid-1/', 1],
    ['https://taostats.io/subnets/64/chart', 64],
    ['https://www.taostats.io/subnets/64', 64],
    ['subnets/64', 64], // relative to /subnets
    ['../subnets/7/chart', 7],
    ['https://example.com/subnets/64', null],
    ['/subnets', null],
    ['/subnets/-1', null],
    ['/validators/subnets/64', null],
    ['javascript:alert(1)', null],
  ])('a link to %s badges subnet %s, in any URL shape', (href, netuid) => {
    expect(netuidFromHref(href, new URL('https://taostats.io/subnets'))).toBe(netuid);
  });

  it('marks text only in x.com cashtag and hashtag links', () => {
    const link = (href: string) => ({ getAttribute: () => href }) as unknown as Element;
    for (const href of ['/search?q=%24TAO&src=cashtag_click', '/hashtag/SN64?src=hashtag_click', 'https://x.com/hashtag/Bittensor']) expect(isTagLink(link(href)), href).toBe(true);
    for (const href of ['/chutes_ai', 'https://t.co/AbC123', '/search?q=SN64', 'https://example.com/hashtag/SN64', '/i/status/1']) expect(isTagLink(link(href)), href).toBe(false);
  });

  it('finds SS58 addresses on taostats account and coldkey pages only', () => {
    const a = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
    expect(addressFromTaostatsPath(`/account/${a}`)).toBe(a);
    expect(addressFromTaostatsPath(`/coldkey/${a}/transfers`)).toBe(a);
    expect(addressFromTaostatsPath(`/hotkey/${a}`)).toBeNull();
    expect(addressFromTaostatsPath(`/validators/${a}`)).toBeNull();
    expect(addressFromTaostatsPath('/account/0x1234')).toBeNull();
  });
});

const TAO = 1_000_000_000n;
const summary: SubnetSummary = {
  netuid: 64,
  name: 'Chutes',
  symbol: 'CHUTES',
  priceRao: 21_000_000n,
  taoInPoolRao: 100_000n * TAO,
  marketCapRao: 2_000_000n * TAO,
  taoInjectedPerDayRao: 458n * TAO,
  alphaEmittedPerDay: 0n,
  change24hPct: null,
  tradingStarted: true,
  sameNameAs: [],
  economics: null,
};

describe('badge and card figures', () => {
  it('say price, subsidy and "not observed" without revenue', () => {
    expect(badgeText(summary, 64)).toBe('SN64 · τ0.021 · subsidy τ458/d · rev not observed');
    expect(badgeText(undefined, 7)).toBe('SN7');
  });

  it('give every card row a unit and a source, and USD only with a price', () => {
    const view = { block: { number: 10, hash: '0x' }, fetchedAt: 1_000, taoUsd: null, taoUsdReason: 'all price sources failed' };
    const card = cardModel(summary, view, 13_000);
    expect(card.asOf).toBe('as of block #10, 12 s ago');
    const subsidy = card.rows.find((r) => r.label === 'Subsidy per day')!;
    expect(subsidy.value).toBe('τ458');
    expect(subsidy.source).toContain('all price sources failed');
    expect(card.rows.find((r) => r.label === 'Revenue')!.value).toBe('not observed');
    const withUsd = cardModel(summary, { ...view, taoUsd: { usd: 400, change24hPct: null, source: 'CoinGecko', asOf: 0 } }, 13_000);
    expect(withUsd.rows.find((r) => r.label === 'Subsidy per day')!.value).toBe('τ458 · $183,200.00');
    // The price kept from before its source began failing says so.
    const failing = { id: 'tao-usd', name: 'TAO/USD', kind: 'price' as const, state: 'unavailable' as const, since: Date.parse('2026-12-06T06:12:00Z'), showingFrom: Date.parse('2026-12-06T05:58:00Z'), reason: 'CoinGecko answered 429', refused: 0 };
    const kept = cardModel(summary, { ...view, taoUsd: { usd: 400, change24hPct: null, source: 'CoinGecko', asOf: failing.showingFrom }, sources: [failing] }, Date.parse('2026-12-06T06:30:00Z'));
    expect(kept.rows.find((r) => r.label === 'Subsidy per day')!.source).toBe(
      'chain #10; USD: CoinGecko, 32 min ago · TAO/USD unavailable since 06:12 UTC, showing the figure from 05:58 UTC',
    );
  });

  it('shows subsidy and revenue over the same window (per day), and says what coverage means in visible words', () => {
    const economics: SubnetEconomics = {
      netuid: 64, window: '7d', ratio: 0.78, state: 'observed', explain: 'Revenue $1,092 over 7 d ÷ subsidy $1,400 over 7 d', others: [], conflict: false,
      revenue: { netuid: 64, usd: 1092, window: '7d', asOf: 5_000, sourceId: 'chutes', sourceName: 'Chutes', link: '', tier: 'published-by-subnet' },
      subsidyUsd: 1400,
      subsidy: { netuid: 64, taoPerDayRao: 458n * TAO, alphaPerDay: 0n, alphaPerDayValueRao: 42n * TAO, totalValueRao: 500n * TAO, usd: 200, taoUsd: 0.4, basis: 'per-block snapshot × 7,200' },
    };
    const view = { block: { number: 10, hash: '0x' }, fetchedAt: 1_000, taoUsd: { usd: 0.4, change24hPct: null, source: 'CoinGecko', asOf: 0 }, taoUsdReason: null };
    const card = cardModel({ ...summary, economics }, view, 13_000);
    const labels = card.rows.map((r) => r.label);
    // Side by side, one window (per day): 500 τ/day of subsidy beside $1,092 over 7 days ÷ 7 of revenue.
    expect(labels.slice(labels.indexOf('Subsidy per day'), labels.indexOf('Subsidy per day') + 3)).toEqual(['Subsidy per day', 'Revenue (7d)', 'Coverage']);
    expect(card.rows.find((r) => r.label === 'Subsidy per day')!.value).toBe('τ500 · $200.00');
    expect(card.rows.find((r) => r.label === 'Revenue (7d)')).toMatchObject({ value: '$156.00 per day', source: '$1,092.00 over 7 d ÷ 7 · Chutes · published by the subnet · 8 s ago' });
    // What coverage means is on the card itself (keyboard and touch cannot hover), not only in the tooltip.
    expect(card.rows.find((r) => r.label === 'Coverage')).toMatchObject({ value: '78%', source: 'earns 78% of what the network pays it (revenue ÷ subsidy over 7 d, USD)' });
    const unknown = cardModel({ ...summary, economics: { ...economics, state: 'not-observed', ratio: null, revenue: null } }, view, 13_000);
    expect(unknown.rows.find((r) => r.label === 'Revenue (7d)')!.value).toBe('not observed');
    expect(unknown.rows.find((r) => r.label === 'Coverage')).toMatchObject({ value: 'not observed', source: 'revenue unknown: coverage not computed (not 0)' });
  });

  it('the $TAO card says TAO/USD with source and age, or why there is no price', () => {
    const view = { block: { number: 10, hash: '0x' }, fetchedAt: 1_000, taoUsd: { usd: 400, change24hPct: -2.5, source: 'CoinGecko', asOf: 0 }, taoUsdReason: null };
    const card = taoCardModel(view, 13_000);
    expect(card.rows.map((r) => [r.label, r.value, r.source])).toEqual([
      ['TAO/USD', '$400.00', 'CoinGecko, 13 s ago'],
      ['24 h', '-2.5 %', 'CoinGecko'],
    ]);
    expect(taoCardModel({ ...view, taoUsd: null, taoUsdReason: 'all price sources failed' }, 13_000).rows[0]).toMatchObject({ value: 'no price', source: 'all price sources failed' });
  });

  it('age reads naturally', () => {
    expect(ago(12_000)).toBe('12 s ago');
    expect(ago(10 * 60_000)).toBe('10 min ago');
    expect(ago(3 * 3_600_000)).toBe('3 h ago');
  });
});
