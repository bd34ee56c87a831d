import { useMemo } from 'react';
import { CHART_RANGES, coverageChart, rangeLabel, type DailyValues } from '@/lib/network/chart';
import { useNetworkStore, type DailyEntry } from '@/lib/store/network-store';
import { formatPercent, formatUsd } from '@/lib/units/amount';

const W = 320;
const H = 90;

/** Revenue vs subsidy (USD per day, one scale) and coverage (its own scale) from the daily points. */
export function CoverageChart(props: { entry: DailyEntry<unknown> | null | undefined; points: DailyValues[]; now: number; what: string; testId: string }) {
  const range = useNetworkStore((s) => s.range);
  const setRange = useNetworkStore((s) => s.setRange);
  const chart = useMemo(() => coverageChart(props.points, range, props.now, W, H), [props.points, range, props.now]);
  const { entry } = props;
  return (
    <figure className="chart coverage-chart" data-testid={props.testId}>
      <div className="seg" role="radiogroup" aria-label="Chart range">
        {CHART_RANGES.map((r) => (
          <button key={r} type="button" role="radio" aria-checked={range === r} className={range === r ? 'on' : undefined} onClick={() => setRange(r)}>
            {rangeLabel(r)}
          </button>
        ))}
      </div>
      {chart.count === 0 ? (
        <p className="muted chart-empty" data-testid={`${props.testId}-empty`}>
          {entry?.status === 'loading' || !entry
            ? 'Loading daily history…'
            : entry.status === 'error'
              ? `No history: ${entry.error}`
              : 'No daily point yet: TaoLens records one a day while it runs.'}
        </p>
      ) : (
        <>
          <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-label={`${props.what}: revenue and subsidy per day, and coverage, ${chart.from} to ${chart.to}`}>
            <path className="line-subsidy" d={chart.subsidy} fill="none" vectorEffect="non-scaling-stroke" />
            <path className="line-revenue" d={chart.revenue} fill="none" vectorEffect="non-scaling-stroke" />
            <path className="line-coverage" d={chart.coverage} fill="none" vectorEffect="non-scaling-stroke" />
            {chart.backfilled.map((d) => (
              <circle key={d.d} className="dot-backfilled" cx={d.x} cy={d.y} r={2.5}>
                <title>{`${d.d}: backfilled from the source’s published day`}</title>
              </circle>
            ))}
          </svg>
          <figcaption className="source" data-testid={`${props.testId}-caption`}>
            <span className="key key-revenue">revenue</span> vs <span className="key key-subsidy">subsidy</span> (USD/day, 0–{formatUsd(chart.maxUsd, { compact: true })}) ·{' '}
            <span className="key key-coverage">coverage</span> (0–{formatPercent(chart.maxCoverage, { maxFractionDigits: 1 })}) · {chart.count} day
            {chart.count === 1 ? '' : 's'} recorded {chart.from} to {chart.to} UTC
            {chart.backfilled.length ? ` · ${chart.backfilled.length} backfilled (hollow dots)` : ''} · {props.what}
          </figcaption>
        </>
      )}
    </figure>
  );
}
