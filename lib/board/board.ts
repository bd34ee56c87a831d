/**
 * The subnet board: one row per subnet with the figures the popup lists, search by name, symbol or netuid,
 * and sorting by any column. Pure.
 *
 * Revenue and coverage come in through the optional `revenue` slot of a row: absent (or with
 * `state: 'not-observed'`) the board says "not observed", never 0. `revenueFromEconomics` fills the slot
 * from lib/metrics (PopupView.economics) when the view carries it.
 */
import { sameNameAs } from '../chain/text';
import type { CoverageState } from '../metrics/coverage';
import type { SubnetEconomics } from '../metrics/economics';
import type { Subnet, TaoUsd } from '../model/types';
import { subsidyPerDay } from '../metrics/subsidy';
import type { RevenueWindow } from '../revenue/types';

export interface BoardRevenue {
  /** Revenue over `window` in USD; null when not observed. */
  usd: number | null;
  window: RevenueWindow;
  /** revenue ÷ subsidy over the same window; null unless observed with a price. */
  coverage: number | null;
  state: CoverageState;
  /** How the figure was obtained, one sentence (title text). */
  explain: string;
  /** Who reported the revenue figure, and when it was true. */
  source: string | null;
  /** The id of the source that gave the figure (to look up its health), or null. */
  sourceId: string | null;
  asOf: number | null;
}

export interface BoardRow {
  netuid: number;
  /** Untrusted on-chain text: render as text only. */
  name: string;
  symbol: string;
  /** rao of TAO per 1 alpha. */
  priceRao: bigint;
  marketCapRao: bigint;
  taoInPoolRao: bigint;
  /** TAO injected per day (per-block snapshot × 7,200). */
  subsidyPerDayRao: bigint;
  /** subsidyPerDayRao at the current TAO/USD price; null without one. */
  subsidyPerDayUsd: number | null;
  /** null: not enough history yet. */
  change24hPct: number | null;
  tradingStarted: boolean;
  revenue?: BoardRevenue;
  /** Other subnets whose names read the same (look-alike twins included): shown as a marker. */
  sameNameAs: number[];
}

export function revenueFromEconomics(e: SubnetEconomics | undefined): BoardRevenue | undefined {
  if (!e) return undefined;
  return {
    usd: e.revenue?.usd ?? null,
    window: e.window,
    coverage: e.ratio,
    state: e.state,
    explain: e.explain,
    source: e.revenue?.sourceName ?? null,
    sourceId: e.revenue?.sourceId ?? null,
    asOf: e.revenue?.asOf ?? null,
  };
}

export function boardRows(
  subnets: readonly Subnet[],
  opts: { change24h?: Record<number, number | null>; taoUsd?: TaoUsd | null; economics?: Record<number, SubnetEconomics> } = {},
): BoardRow[] {
  const twins = sameNameAs(subnets.map((s) => ({ id: s.netuid, name: s.name })));
  return subnets.map((s) => {
    const revenue = revenueFromEconomics(opts.economics?.[s.netuid]);
    // The same subsidy that coverage divides by: TAO injected + alpha emitted at spot, per day.
    const subsidy = subsidyPerDay(s, opts.taoUsd ?? null);
    return {
      netuid: s.netuid,
      name: s.name,
      symbol: s.symbol,
      priceRao: s.priceRao,
      marketCapRao: s.marketCapRao,
      taoInPoolRao: s.taoInPoolRao,
      subsidyPerDayRao: subsidy.totalValueRao,
      subsidyPerDayUsd: subsidy.usd,
      change24hPct: opts.change24h?.[s.netuid] ?? null,
      tradingStarted: s.tradingStarted,
      ...(revenue ? { revenue } : {}),
      sameNameAs: twins.get(s.netuid) ?? [],
    };
  });
}

/** Bidi controls, zero-width and other format characters: invisible, so never part of a match. */
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;

export function searchText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().trim();
}

/**
 * Rows matching `query`: a number (or "sn12", "#12") matches that netuid exactly, and also names or symbols
 * containing it; any other text matches names or symbols containing it (case-, width- and bidi-insensitive).
 * Best matches first: the exact netuid, then an exact symbol or name, then a prefix, then the rest; ties keep
 * their current order.
 */
export function searchBoard(rows: readonly BoardRow[], query: string): BoardRow[] {
  const q = searchText(query);
  if (!q) return [...rows];
  const netuid = /^(?:sn|#)?\s*(\d{1,5})$/.exec(q)?.[1];
  const n = netuid === undefined ? null : Number(netuid);
  const scored: { row: BoardRow; score: number }[] = [];
  for (const row of rows) {
    const name = searchText(row.name.slice(0, 512));
    const symbol = searchText(row.symbol.slice(0, 128));
    const score =
      row.netuid === n ? 0 : symbol === q || name === q ? 1 : symbol.startsWith(q) || name.startsWith(q) ? 2 : symbol.includes(q) || name.includes(q) ? 3 : -1;
    if (score >= 0) scored.push({ row, score });
  }
  return scored.sort((a, b) => a.score - b.score).map((s) => s.row);
}

export type BoardColumn = 'netuid' | 'name' | 'price' | 'marketCap' | 'pool' | 'subsidy' | 'revenue' | 'coverage' | 'change24h';
export type SortDir = 'asc' | 'desc';

export const BOARD_COLUMNS: readonly BoardColumn[] = ['netuid', 'name', 'price', 'marketCap', 'pool', 'subsidy', 'revenue', 'coverage', 'change24h'];

/** The direction a column sorts in when first chosen: text and netuid ascending, figures largest first. */
export function defaultDir(column: BoardColumn): SortDir {
  return column === 'name' || column === 'netuid' ? 'asc' : 'desc';
}

type SortValue = bigint | number | string | null;

function valueOf(row: BoardRow, column: BoardColumn): SortValue {
  switch (column) {
    case 'netuid':
      return row.netuid;
    case 'name':
      return searchText(row.name.slice(0, 512));
    case 'price':
      return row.priceRao;
    case 'marketCap':
      return row.marketCapRao;
    case 'pool':
      return row.taoInPoolRao;
    case 'subsidy':
      return row.subsidyPerDayRao;
    case 'revenue':
      return row.revenue?.usd ?? null;
    case 'coverage':
      return row.revenue?.coverage ?? null;
    case 'change24h':
      return row.change24hPct;
  }
}

function compare(a: SortValue, b: SortValue): number {
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'en');
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return 0;
}

/** Stable sort by `column`; unknown values (null: not observed, no history) always last, whatever the direction. */
export function sortBoard(rows: readonly BoardRow[], column: BoardColumn, dir: SortDir = defaultDir(column)): BoardRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = valueOf(x, column);
    const b = valueOf(y, column);
    if (a === null || b === null) {
      const nulls = (a === null ? 1 : 0) - (b === null ? 1 : 0);
      if (nulls) return nulls;
    } else {
      const c = compare(a, b) * sign;
      if (c) return c;
    }
    return x.netuid - y.netuid;
  });
}
