import { useMemo } from 'react';
import { chainSourceLabel } from '@/lib/model/provenance';
import { boardRows } from '@/lib/board/board';
import { sameNameAs } from '@/lib/chain/text';
import { pricePath } from '@/lib/board/chart';
import { priceAsNumber } from '@/lib/history/price-history';
import { groupPositions, portfolioTotals, selectedPortfolios, stakeUnit, usdOf } from '@/lib/portfolio/portfolio';
import { formatAmount } from '@/lib/units/amount';
import { usePopupStore } from '@/lib/store/popup-store';
import type { PanelAction } from '@/lib/staking/types';
import { Amount, Usd } from '../common/Amount';
import { Age } from '../common/Age';
import { ChainText } from '../common/ChainText';
import { SourceTag } from '../common/SourceTag';
import { ChangeCell, CoverageCell, RevenueCell, SameName } from './BoardPanel';
import { SubnetCoverage } from './SubnetCoverage';

const W = 320;
const H = 90;

/** One subnet: its figures, a price chart from the recorded history, and Stake / Unstake / Move. */
export function SubnetView(props: { netuid: number }) {
  const view = usePopupStore((s) => s.view);
  const priceHistory = usePopupStore((s) => s.priceHistory[props.netuid]);
  const openSubnet = usePopupStore((s) => s.openSubnet);
  const openStaking = usePopupStore((s) => s.openStaking);
  const snapshot = view?.snapshot ?? null;
  const subnet = snapshot?.subnets.find((s) => s.netuid === props.netuid) ?? null;

  const chart = useMemo(() => {
    const points = [...(priceHistory?.points ?? [])];
    // The current price closes the line, so the chart ends at the figure shown beside it.
    if (subnet && snapshot) points.push({ t: snapshot.fetchedAt, price: priceAsNumber(subnet.priceRao) });
    return pricePath(points, W, H);
  }, [priceHistory, subnet, snapshot]);

  const back = (
    <button type="button" className="btn link" onClick={() => openSubnet(null)}>
      ← Back
    </button>
  );
  if (!view || !snapshot || !subnet) {
    return (
      <section>
        {back}
        <p className="muted">Subnet {props.netuid} is not in the current snapshot.</p>
      </section>
    );
  }
  const row = boardRows([subnet], { change24h: view.change24h, taoUsd: snapshot.taoUsd, economics: view.economics })[0]!;
  const twins = sameNameAs(snapshot.subnets.map((s) => ({ id: s.netuid, name: s.name }))).get(subnet.netuid);
  const unit = stakeUnit(subnet.netuid);
  const portfolios = selectedPortfolios(snapshot, view.selected);
  const mine = groupPositions(portfolios, { subnets: snapshot.subnets, totalRao: portfolioTotals(portfolios).spotRao }).find(
    (g) => g.netuid === subnet.netuid,
  );
  const act = (action: PanelAction) => void openStaking({ action, netuid: subnet.netuid });
  const toRao = (price: number) => BigInt(Math.max(0, Math.round(price * 1e9)));

  return (
    <section aria-labelledby="subnet-heading" data-testid="subnet-view" data-netuid={subnet.netuid}>
      {back}
      <h2 id="subnet-heading" className="subnet-title">
        <span className="netuid">SN{subnet.netuid}</span> <ChainText text={subnet.name} fallback={`Subnet ${subnet.netuid}`} />{' '}
        <ChainText text={subnet.symbol} className="symbol" />
        {twins && <SameName others={twins} />}
      </h2>
      {!subnet.tradingStarted && <p className="banner warn">Trading has not started on this subnet (subtoken disabled).</p>}

      <figure className="chart">
        {chart.path ? (
          <svg
            viewBox={`0 0 ${W} ${H}`}
            width="100%"
            height={H}
            role="img"
            aria-label={`Price of subnet ${subnet.netuid} over ${chart.count} recorded points, from ${new Date(chart.from).toLocaleString()} to ${new Date(chart.to).toLocaleString()}`}
            data-testid="price-chart"
          >
            <path d={chart.path} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
          </svg>
        ) : (
          <p className="muted chart-empty" data-testid="price-chart-empty">
            {priceHistory?.status === 'loading' ? 'Loading price history…' : priceHistory?.status === 'error' ? `No history: ${priceHistory.error}` : 'Not enough price history yet: TaoLens records a point every 10 minutes while it runs.'}
          </p>
        )}
        {chart.path && (
          <figcaption className="source">
            range {formatAmount(toRao(chart.min), { unit: 'TAO', maxFractionDigits: 6 })}–{formatAmount(toRao(chart.max), { unit: 'TAO', maxFractionDigits: 6 })} per 1{' '}
            <ChainText text={subnet.symbol} /> (chart, approximate) · since <Age at={chart.from} /> · recorded locally
          </figcaption>
        )}
      </figure>

      <SubnetCoverage netuid={subnet.netuid} now={snapshot.fetchedAt} />

      <dl className="facts">
        <dt>Price</dt>
        <dd>
          <Amount value={subnet.priceRao} unit="TAO" maxFractionDigits={9} /> per 1 <ChainText text={subnet.symbol} />
          <Usd usd={usdOf(subnet.priceRao, snapshot.taoUsd)} />
        </dd>
        <dt>24 h</dt>
        <dd>
          <ChangeCell pct={row.change24hPct} />
        </dd>
        <dt>Market cap</dt>
        <dd>
          <Amount value={subnet.marketCapRao} unit="TAO" /> <Usd usd={usdOf(subnet.marketCapRao, snapshot.taoUsd)} compact />
        </dd>
        <dt>TAO in pool</dt>
        <dd>
          <Amount value={subnet.taoInPoolRao} unit="TAO" />
        </dd>
        <dt>Alpha in pool</dt>
        <dd>
          <Amount value={subnet.alphaInPool} unit={unit} />
        </dd>
        <dt title="per-block snapshot × 7,200 blocks; not a guarantee">Subsidy per day</dt>
        <dd>
          <Amount value={subnet.taoInjectedPerDayRao} unit="TAO" /> injected <Usd usd={row.subsidyPerDayUsd} compact />
          <span className="muted"> + </span>
          <Amount value={subnet.alphaEmittedPerDay} unit={unit} compact /> emitted <span className="muted">(estimate)</span>
        </dd>
        <dt>Revenue</dt>
        <dd>
          <RevenueCell revenue={row.revenue} />
        </dd>
        <dt>Coverage</dt>
        <dd>
          <CoverageCell revenue={row.revenue} />
        </dd>
        <dt>Your stake</dt>
        <dd data-testid="subnet-mine">
          {mine ? (
            <>
              <Amount value={mine.alpha} unit={unit} /> · <Amount value={mine.spotValueRao} unit="TAO" /> at spot
            </>
          ) : (
            <span className="muted">none in the selected accounts</span>
          )}
        </dd>
      </dl>

      <div className="actions" role="group" aria-label="Staking actions">
        <button type="button" className="btn primary" onClick={() => act('stake')} disabled={!subnet.tradingStarted}>
          Stake
        </button>
        <button type="button" className="btn" onClick={() => act('unstake')} disabled={!mine} title={mine ? undefined : 'No stake here in the selected accounts'}>
          Unstake
        </button>
        <button type="button" className="btn" onClick={() => act('move')} disabled={!mine} title={mine ? undefined : 'No stake here in the selected accounts'}>
          Move
        </button>
      </div>
      <SourceTag snapshot={snapshot} what={chainSourceLabel([subnet])} />
    </section>
  );
}
