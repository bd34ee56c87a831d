import { describe, expect, it } from 'vitest';
import type { Subnet } from '@/lib/model/types';
import type { SubnetEconomics } from '@/lib/metrics/economics';
import { boardRows, searchBoard, sortBoard, defaultDir, BOARD_COLUMNS, type BoardRow } from '@/lib/board/board';
import { pricePath } from '@/lib/board/chart';

const TAO = 1_000_000_000n;
function subnet(netuid: number, name: string, symbol: string, priceRao: bigint, extra: Partial<Subnet> = {}): Subnet {
  return {
    netuid, name, symbol, identity: null, ownerColdkey: '', ownerHotkey: '', priceRao, movingPrice: 0,
    taoInPoolRao: priceRao * 10n, alphaInPool: 0n, alphaOutstanding: 0n, marketCapRao: priceRao * 100n, feeRate: null,
    registeredAtBlock: 0, taoInjectedPerBlockRao: 0n, taoInjectedPerDayRao: BigInt(netuid) * TAO, alphaEmittedPerDay: 0n,
    volumeRao: 0n, tradingStarted: true, tempo: 360, derived: [], ...extra,
  };
}
const hostile = '\u202Eevil<script>alert(1)</script>' + 'x'.repeat(10_000);
const subnets = [
  subnet(0, 'root', 'Τ', TAO),
  subnet(1, 'Apex', 'α', 25_000_000n),
  subnet(12, 'Compute Horde', 'ＣＨ', 90_000_000n),
  subnet(13, hostile, 'B\u200BAD', 5n),
  subnet(64, 'Chutes', 'CHUTES', 300_000_000n),
];
const economics: Record<number, SubnetEconomics> = {
  64: {
    netuid: 64, window: '7d', ratio: 0.5, state: 'observed', explain: 'Revenue …', others: [], conflict: false,
    revenue: { netuid: 64, usd: 1000, window: '7d', asOf: 5, sourceId: 'chutes', sourceName: 'Chutes', link: '', tier: 'published-by-subnet' },
    subsidyUsd: 2000,
    subsidy: { netuid: 64, taoPerDayRao: 0n, alphaPerDay: 0n, alphaPerDayValueRao: 0n, totalValueRao: 0n, usd: null, taoUsd: null, basis: 'per-block snapshot × 7,200' },
  },
};
const rows = boardRows(subnets, { change24h: { 1: 5, 12: -2, 64: null }, taoUsd: { usd: 400, change24hPct: null, source: 's', asOf: 0 }, economics });

describe('board rows', () => {
  it('carries the figures, USD subsidy only with a price, and the revenue slot only when known', () => {
    const r1 = rows.find((r) => r.netuid === 1)!;
    expect(r1.subsidyPerDayRao).toBe(TAO);
    expect(r1.subsidyPerDayUsd).toBe(400);
    expect(r1.change24hPct).toBe(5);
    expect(r1.revenue).toBeUndefined();
    expect(rows.find((r) => r.netuid === 64)!.revenue).toMatchObject({ usd: 1000, coverage: 0.5, state: 'observed', source: 'Chutes', asOf: 5 });
    expect(rows.find((r) => r.netuid === 0)!.change24hPct).toBeNull();
    expect(boardRows(subnets)[1]!.subsidyPerDayUsd).toBeNull();
  });

  it('counts the alpha emitted at the spot price in the subsidy, as coverage does', () => {
    const [row] = boardRows([subnet(5, 'Five', 'F', TAO / 2n, { taoInjectedPerDayRao: 3n * TAO, alphaEmittedPerDay: 10n * TAO })]);
    expect(row!.subsidyPerDayRao).toBe(3n * TAO + 5n * TAO);
  });
});

describe('search', () => {
  const ids = (r: BoardRow[]) => r.map((x) => x.netuid);
  it('by netuid (plain, sn-prefixed or #), exact netuid first', () => {
    expect(ids(searchBoard(rows, '12'))).toEqual([12]);
    expect(ids(searchBoard(rows, 'SN64'))).toEqual([64]);
    expect(ids(searchBoard(rows, '#1'))).toEqual([1]);
  });
  it('by name or symbol, case-, width- and bidi-insensitive', () => {
    expect(ids(searchBoard(rows, 'chutes'))).toEqual([64]);
    expect(ids(searchBoard(rows, 'ch'))).toEqual([12, 64]);
    expect(ids(searchBoard(rows, 'bad'))).toEqual([13]);
    expect(ids(searchBoard(rows, 'evil'))).toEqual([13]);
    expect(ids(searchBoard(rows, 'horde'))).toEqual([12]);
  });
  it('ranks an exact symbol or name above prefixes and substrings', () => {
    const more = boardRows([...subnets, subnet(10, 'Ten', 'α10', 1n), subnet(100, 'Alpha hundred', 'xα', 1n)]);
    expect(ids(searchBoard(more, 'α'))).toEqual([1, 10, 100]);
    expect(ids(searchBoard(more, 'alpha'))).toEqual([100]);
  });
  it('empty query returns everything, no match returns nothing', () => {
    expect(searchBoard(rows, '  ')).toHaveLength(rows.length);
    expect(searchBoard(rows, 'zzz')).toEqual([]);
  });
});

describe('sort', () => {
  const ids = (r: BoardRow[]) => r.map((x) => x.netuid);
  it('every column sorts without throwing, in its default direction', () => {
    for (const c of BOARD_COLUMNS) expect(sortBoard(rows, c)).toHaveLength(rows.length);
    expect(defaultDir('name')).toBe('asc');
    expect(defaultDir('price')).toBe('desc');
  });
  it('by bigint columns in both directions', () => {
    expect(ids(sortBoard(rows, 'price'))).toEqual([0, 64, 12, 1, 13]);
    expect(ids(sortBoard(rows, 'price', 'asc'))).toEqual([13, 1, 12, 64, 0]);
    expect(ids(sortBoard(rows, 'subsidy'))).toEqual([64, 13, 12, 1, 0]);
    expect(ids(sortBoard(rows, 'marketCap', 'asc'))[0]).toBe(13);
    expect(ids(sortBoard(rows, 'pool'))[0]).toBe(0);
  });
  it('unknown values last in both directions', () => {
    expect(ids(sortBoard(rows, 'change24h'))).toEqual([1, 12, 0, 13, 64]);
    expect(ids(sortBoard(rows, 'change24h', 'asc'))).toEqual([12, 1, 0, 13, 64]);
    expect(ids(sortBoard(rows, 'revenue', 'asc'))).toEqual([64, 0, 1, 12, 13]);
    expect(ids(sortBoard(rows, 'coverage'))).toEqual([64, 0, 1, 12, 13]);
  });
  it('by name and netuid', () => {
    expect(ids(sortBoard(rows, 'name'))).toEqual([1, 64, 12, 13, 0]);
    expect(ids(sortBoard(rows, 'netuid', 'desc'))).toEqual([64, 13, 12, 1, 0]);
  });
});

describe('chart', () => {
  it('needs two points', () => {
    expect(pricePath([], 100, 40).path).toBe('');
    expect(pricePath([{ t: 1, price: 2 }], 100, 40)).toMatchObject({ path: '', count: 1, min: 2 });
  });
  it('scales time to x and price to y (higher price is higher up)', () => {
    const g = pricePath([{ t: 10, price: 1 }, { t: 0, price: 2 }, { t: 20, price: NaN }], 104, 44, 2);
    expect(g.path).toBe('M2.0,2.0 L102.0,42.0');
    expect(g).toMatchObject({ min: 1, max: 2, from: 0, to: 10, count: 2 });
  });
  it('a flat line sits mid-height', () => {
    expect(pricePath([{ t: 0, price: 1 }, { t: 1, price: 1 }], 10, 20, 0).path).toBe('M0.0,10.0 L10.0,10.0');
  });
});
