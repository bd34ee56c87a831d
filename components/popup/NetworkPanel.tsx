import { useEffect, useMemo } from 'react';
import { chainSourceLabel } from '@/lib/model/provenance';
import type { DailyValues } from '@/lib/network/chart';
import type { SubnetShare } from '@/lib/network/totals';
import { REVENUE_WINDOWS, windowLabel } from '@/lib/revenue/types';
import { usePopupStore } from '@/lib/store/popup-store';
import { useNetworkStore } from '@/lib/store/network-store';
import { formatPercent, formatUsd } from '@/lib/units/amount';
import { Amount, Usd } from '../common/Amount';
import { Age } from '../common/Age';
import { ChainText } from '../common/ChainText';
import { SourceTag, UsdSource } from '../common/SourceTag';
import { CoverageChart } from './CoverageChart';

/**
 * The network's answer, first on the Subnets tab: what the network pays all subnets (a projection), what outside
 * revenue is observed and over which subnets, coverage, the share of subsidy with no observed revenue, the top
 * subnets, and the daily chart. The figures come with the popup's view (stored, so they paint at once); the chart's
 * daily points are asked for after.
 */
export function NetworkPanel() {
  const view = usePopupStore((s) => s.view);
  const openSubnet = usePopupStore((s) => s.openSubnet);
  const window = useNetworkStore((s) => s.window);
  const setWindow = useNetworkStore((s) => s.setWindow);
  const daily = useNetworkStore((s) => s.network);
  const loadNetwork = useNetworkStore((s) => s.loadNetwork);
  const snapshot = view?.snapshot ?? null;
  const network = view?.network ?? null;
  const t = network?.windows[window];

  useEffect(() => {
    void loadNetwork();
  }, [loadNetwork, network?.block]);

  const points = useMemo<DailyValues[]>(
    () => (daily?.points ?? []).map((p) => ({ d: p.d, revenueUsd: p.rev, subsidyUsd: p.obsSubUsd, coverage: p.cov, backfilled: false })),
    [daily],
  );
  const names = useMemo(() => new Map((snapshot?.subnets ?? []).map((s) => [s.netuid, s.name])), [snapshot]);

  if (!snapshot || !t) return null;
  const observed = t.observedNetuids.length;
  const label = windowLabel(window);
  const lastPoint = daily?.points.at(-1);

  const top = (list: SubnetShare[], what: 'revenue' | 'coverage', testId: string) =>
    list.length === 0 ? (
      <p className="muted">none observed over {label}</p>
    ) : (
      <ol className="top-list" data-testid={testId}>
        {list.map((s) => (
          <li key={s.netuid}>
            <button type="button" className="btn link" data-netuid={s.netuid} onClick={() => openSubnet(s.netuid)} title={`${s.sourceName}, as of ${new Date(s.asOf).toISOString()}`}>
              <span className="netuid">SN{s.netuid}</span> <ChainText text={names.get(s.netuid) ?? ''} fallback={`Subnet ${s.netuid}`} />
            </button>{' '}
            {what === 'revenue' ? (
              <span>{formatUsd(s.revenueUsd, { compact: true })}</span>
            ) : (
              <span>{formatPercent(s.coverage, { maxFractionDigits: 1 })}</span>
            )}
            {s.conflict && <span className="muted" title="sources disagree by more than 10 %"> ≠</span>}
          </li>
        ))}
      </ol>
    );

  return (
    <section aria-labelledby="network-heading" className="network" data-testid="network-view" data-window={window}>
      <div className="network-head">
        <h2 id="network-heading">Network: is outside revenue catching up with the subsidy?</h2>
        <div className="seg" role="radiogroup" aria-label="Revenue window">
          {REVENUE_WINDOWS.map((w) => (
            <button key={w} type="button" role="radio" aria-checked={w === window} className={w === window ? 'on' : undefined} onClick={() => setWindow(w)} data-window={w}>
              {windowLabel(w)}
            </button>
          ))}
        </div>
      </div>
      <dl className="facts network-facts">
        <dt title={t.basis}>Subsidy (projection)</dt>
        <dd data-testid="network-subsidy">
          <Amount value={t.subsidyWindowRao} unit="TAO" compact testId="network-subsidy-window" /> <Usd usd={t.subsidyWindowUsd} compact /> over {label}
          <br />
          <span className="muted">
            <Amount value={t.subsidyPerDayRao} unit="TAO" compact testId="network-subsidy-day" /> <Usd usd={t.subsidyPerDayUsd} compact testId="network-subsidy-day-usd" /> a day ·{' '}
            <Amount value={t.subsidyPerYearRao} unit="TAO" compact testId="network-subsidy-year" /> <Usd usd={t.subsidyPerYearUsd} compact /> a year
          </span>
          <br />
          <span className="source">projected from block #{network.block}’s emission (× 7,200 blocks a day); not a guarantee</span>
        </dd>
        <dt>Revenue observed</dt>
        <dd>
          {observed ? (
            <>
              <span data-testid="network-revenue" data-usd={t.revenueUsd}>
                {formatUsd(t.revenueUsd)}
              </span>{' '}
              over {label}
              {t.conflictNetuids.length > 0 && (
                <span className="muted" title={`Sources disagree on SN${t.conflictNetuids.join(', SN')}`}>
                  {' '}
                  ({formatUsd(t.revenueRangeUsd.low, { compact: true })}–{formatUsd(t.revenueRangeUsd.high, { compact: true })} across sources)
                </span>
              )}
              <br />
              <span className="source">
                from {t.sources.join(', ')} · as of <Age at={t.revenueAsOf!.oldest} />
                {t.revenueAsOf!.newest !== t.revenueAsOf!.oldest && (
                  <>
                    {' '}
                    to <Age at={t.revenueAsOf!.newest} />
                  </>
                )}
              </span>
            </>
          ) : (
            <span className="muted" data-testid="network-revenue">
              not observed for any subnet over {label}
            </span>
          )}
        </dd>
        <dt>Subnets observed</dt>
        <dd data-testid="network-observed">
          {observed} of {t.subnetCount} subnets
          {t.observedZeroCount > 0 && <span className="muted"> ({t.observedZeroCount} observed at $0)</span>}
        </dd>
        <dt title="revenue ÷ subsidy over the same window, over the observed subnets only">Coverage</dt>
        <dd>
          <span data-testid="network-coverage" className={t.coverage === null ? 'muted' : undefined}>
            {formatPercent(t.coverage, { maxFractionDigits: 1 })}
          </span>
          <span className="muted"> of the subsidy to those {observed} subnets</span>
        </dd>
        <dt title="share of the subsidy (in TAO) paid to subnets no source has a revenue figure for">No revenue observed</dt>
        <dd>
          <span data-testid="network-unobserved">{formatPercent(t.unobservedSubsidyShare, { maxFractionDigits: 1 })}</span>
          <span className="muted"> of the subsidy goes to subnets with no observed revenue (unknown, not 0)</span>
        </dd>
      </dl>
      <div className="tops">
        <div>
          <h3>Top by revenue</h3>
          {top(t.byRevenue, 'revenue', 'network-top-revenue')}
        </div>
        <div>
          <h3>Top by coverage</h3>
          {top(t.byCoverage, 'coverage', 'network-top-coverage')}
        </div>
      </div>
      <CoverageChart
        entry={daily}
        points={points}
        now={lastPoint ? Math.max(lastPoint.at, snapshot.fetchedAt) : snapshot.fetchedAt}
        what="network, observed subnets (1-day revenue)"
        testId="network-chart"
      />
      <SourceTag snapshot={snapshot} what={chainSourceLabel(snapshot.subnets)} />
      <UsdSource snapshot={snapshot} />
    </section>
  );
}
