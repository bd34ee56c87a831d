import { useMemo, type ReactNode } from 'react';
import { chainSourceLabel } from '@/lib/model/provenance';
import { boardRows, searchBoard, sortBoard, type BoardColumn, type BoardRevenue, type BoardRow } from '@/lib/board/board';
import { formatPercent } from '@/lib/units/amount';
import { clockTime, healthOf, sourceState, type SourceHealth } from '@/lib/metrics/source-status';
import { usePopupStore } from '@/lib/store/popup-store';
import { Amount, Usd } from '../common/Amount';
import { ChainText } from '../common/ChainText';
import { SearchField } from '../common/SearchField';
import { SourceTag, UsdSource } from '../common/SourceTag';
import { useNow } from '../common/useNow';

/**
 * The product's question first: what a subnet earns from customers, what the network pays it, and the ratio.
 * At 360–400 px those three are what shows beside the name; market figures follow on sideways scroll, with SN
 * and name pinned.
 */
const COLUMNS: { id: BoardColumn; label: string; title: string; numeric: boolean }[] = [
  { id: 'netuid', label: 'SN', title: 'Subnet number (netuid)', numeric: true },
  { id: 'name', label: 'Name', title: 'On-chain name and token symbol', numeric: false },
  { id: 'revenue', label: 'Revenue', title: 'Revenue from outside customers over the revenue window, USD', numeric: true },
  { id: 'subsidy', label: 'Subsidy/d', title: 'Value paid per day: TAO injected + alpha emitted at the spot price; per-block snapshot × 7,200 blocks, not a guarantee', numeric: true },
  { id: 'coverage', label: 'Coverage', title: 'Revenue ÷ subsidy over the same window', numeric: true },
  { id: 'price', label: 'Price', title: 'Spot price, TAO per 1 alpha of the subnet (chain: SwapRuntimeApi)', numeric: true },
  { id: 'change24h', label: '24 h', title: 'Price change over 24 h, from the history TaoLens records', numeric: true },
  { id: 'marketCap', label: 'Mkt cap', title: 'Market cap in TAO: price × alpha (in pool + outstanding)', numeric: true },
  { id: 'pool', label: 'TAO in pool', title: 'TAO held in the subnet’s pool', numeric: true },
];

export function BoardPanel() {
  const view = usePopupStore((s) => s.view);
  const query = usePopupStore((s) => s.boardQuery);
  const setQuery = usePopupStore((s) => s.setBoardQuery);
  const sort = usePopupStore((s) => s.boardSort);
  const sortBy = usePopupStore((s) => s.sortBoardBy);
  const openSubnet = usePopupStore((s) => s.openSubnet);
  const snapshot = view?.snapshot ?? null;
  // Source states read in minutes ("unavailable since 07:40"): a coarse clock keeps the 128 rows from re-rendering every second.
  const now = useNow(30_000);

  const all = useMemo(
    () => (view && snapshot ? boardRows(snapshot.subnets, { change24h: view.change24h, taoUsd: snapshot.taoUsd, economics: view.economics }) : []),
    [view, snapshot],
  );
  // Sort first, then search: the best matches rise to the top, ties keep the chosen order.
  const rows = useMemo(() => searchBoard(sortBoard(all, sort.column, sort.dir), query), [all, query, sort]);

  if (!view) return null;
  if (!snapshot) return <p className="muted">Waiting for the first snapshot…</p>;

  return (
    <section aria-labelledby="board-heading">
      <h2 id="board-heading" className="sr-only">
        Subnets
      </h2>
      <div className="toolbar">
        <SearchField
          id="board-search"
          label="Search subnets by name, symbol or number"
          placeholder="Search name, symbol or SN number"
          value={query}
          onChange={setQuery}
          count={`${rows.length} of ${all.length}`}
          countTestId="board-count"
        />
      </div>
      <SourceStates sources={view.sources} now={now} />
      <div className="table-wrap">
        <table className="board" data-testid="board">
          <caption className="sr-only">Subnets; press a column header to sort, a name to open the subnet</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = sort.column === c.id;
                return (
                  <th
                    key={c.id}
                    scope="col"
                    className={cellClass(c.id, c.numeric)}
                    aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button type="button" className="sort" title={c.title} onClick={() => sortBy(c.id)}>
                      {c.label}
                      <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ↑' : ' ↓') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Row key={r.netuid} row={r} sources={view.sources} now={now} onOpen={() => openSubnet(r.netuid)} />
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="muted">No subnet matches “{query}”.</p>}
      <SourceTag snapshot={snapshot} what={chainSourceLabel(snapshot.subnets)} />
      <UsdSource snapshot={snapshot} />
    </section>
  );
}

/** SN and name stay in view while the figures scroll sideways. */
const PINNED: Partial<Record<BoardColumn, string>> = { netuid: 'pin pin-sn', name: 'pin pin-name' };

const cellClass = (column: BoardColumn, numeric: boolean): string | undefined =>
  [numeric ? 'num' : '', PINNED[column] ?? ''].filter(Boolean).join(' ') || undefined;

/** Marks a subnet whose name reads like another's (a look-alike can be registered by anyone). */
export function SameName(props: { others: readonly number[] }) {
  const list = props.others.map((n) => `SN${n}`).join(', ');
  return (
    <span className="tag warn" data-testid="same-name" title={`Another subnet has a name that reads the same (${list}): tell them apart by netuid`}>
      same name as {list}
    </span>
  );
}

function Row(props: { row: BoardRow; sources: readonly SourceHealth[] | undefined; now: number; onOpen(): void }) {
  const { row: r } = props;
  const cell = (column: BoardColumn, content: ReactNode) => (
    <td className={cellClass(column, true)} data-column={column}>
      {content}
    </td>
  );
  return (
    <tr data-testid="board-row" data-netuid={r.netuid} onClick={props.onOpen}>
      {cell('netuid', r.netuid)}
      <th scope="row" className={`name-cell ${cellClass('name', false)}`} data-column="name">
        <button type="button" className="btn link name" onClick={(e) => (e.stopPropagation(), props.onOpen())}>
          <ChainText text={r.name} fallback={`Subnet ${r.netuid}`} className="subnet-name" />
          <ChainText text={r.symbol} className="symbol" />
          {r.sameNameAs.length > 0 && <SameName others={r.sameNameAs} />}
        </button>
      </th>
      {cell('revenue', <RevenueCell revenue={r.revenue} sources={props.sources} now={props.now} />)}
      {cell(
        'subsidy',
        <>
          <Amount value={r.subsidyPerDayRao} unit="TAO" compact />
          <Usd usd={r.subsidyPerDayUsd} compact />
        </>,
      )}
      {cell('coverage', <CoverageCell revenue={r.revenue} />)}
      {cell('price', <Amount value={r.priceRao} unit="TAO" maxFractionDigits={6} />)}
      {cell('change24h', <ChangeCell pct={r.change24hPct} />)}
      {cell('marketCap', <Amount value={r.marketCapRao} unit="TAO" compact />)}
      {cell('pool', <Amount value={r.taoInPoolRao} unit="TAO" compact />)}
    </tr>
  );
}

const REVENUE_UNKNOWN = 'Revenue is not observed for this subnet yet: unknown, not 0.';

export function RevenueCell(props: { revenue: BoardRevenue | undefined; sources?: readonly SourceHealth[]; now?: number }) {
  const r = props.revenue;
  if (!r || r.usd === null) {
    return (
      <span className="muted" title={r?.explain ?? REVENUE_UNKNOWN}>
        not observed
      </span>
    );
  }
  const now = props.now ?? r.asOf ?? 0;
  const health = healthOf(props.sources, r.sourceId ?? undefined);
  const failing = health?.state === 'unavailable' ? health : null;
  const stale = r.state === 'stale';
  // The words are visible (keyboard, touch); the source's own reason is the title (hover).
  const note = stale && r.asOf !== null ? `stale, from ${clockTime(r.asOf, now)}` : failing ? `source ${sourceState(failing, now)}` : null;
  const title = [failing ? `${failing.name}: ${failing.reason}` : null, r.explain].filter(Boolean).join(' ');
  return (
    <span title={title} className={note ? 'dimmed' : undefined} data-status={stale ? 'stale' : failing ? 'unavailable' : undefined}>
      <Usd usd={r.usd} compact /> <span className="muted">/{r.window}</span>
      {note && <span className="cell-note">{note}</span>}
    </span>
  );
}

/** Each outside source's state above the board: what it gave, or since when it fails and what is shown instead. */
export function SourceStates(props: { sources: readonly SourceHealth[] | undefined; now: number }) {
  const sources = props.sources ?? [];
  if (!sources.length) return null;
  const now = props.now;
  return (
    <ul className="source-states" data-testid="source-states" aria-label="Data sources">
      {sources.map((s) => (
        <li key={s.id} data-source={s.id} data-state={s.state} title={s.reason} tabIndex={0}>
          <strong>{s.name}</strong>: {sourceState(s, now)}
          <span className="reason">{s.reason}</span>
        </li>
      ))}
    </ul>
  );
}

export function CoverageCell(props: { revenue: BoardRevenue | undefined }) {
  const r = props.revenue;
  return (
    <span className={r?.coverage == null ? 'muted' : undefined} title={r?.explain ?? REVENUE_UNKNOWN}>
      {r?.state === 'stale' ? 'stale' : formatPercent(r?.coverage ?? null)}
    </span>
  );
}

export function ChangeCell(props: { pct: number | null }) {
  if (props.pct === null) {
    return (
      <span className="muted" title="not enough history yet">
        —
      </span>
    );
  }
  return <span className={props.pct >= 0 ? 'up' : 'down'}>{formatPercent(props.pct / 100, { maxFractionDigits: 1 })}</span>;
}
