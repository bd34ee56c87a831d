import { useMemo } from 'react';
import { chainSourceLabel } from '@/lib/model/provenance';
import { positionsCsv, csvFileName } from '@/lib/portfolio/csv';
import {
  filterGroups,
  groupPositions,
  hideDust as hideDustRows,
  portfolioTotals,
  selectedPortfolios,
  sortGroups,
  usdOf,
  type PortfolioSortKey,
  type SubnetGroup,
} from '@/lib/portfolio/portfolio';
import { formatAmount, formatPercent } from '@/lib/units/amount';
import { usePopupStore } from '@/lib/store/popup-store';
import type { TaoUsd } from '@/lib/model/types';
import { Amount, Usd } from '../common/Amount';
import { ChainText, clip } from '../common/ChainText';
import { SourceTag, UsdSource } from '../common/SourceTag';
import { SearchField } from '../common/SearchField';
import { hotkeyPrefix, shortAddress } from './Accounts';
import { downloadText } from './download';
import { FirstRun } from './FirstRun';
import { ChangeCell } from './BoardPanel';

/** The Element Timing name of the portfolio total: its first paint is what the popup benchmark measures. */
export const TOTAL_TIMING = 'taolens:portfolio-total';

const SPENDABLE_RULE =
  'What you can stake or send now: free minus the larger of the frozen part (locks and freezes, less what is on hold) and the existential deposit, which keeps the account alive (the balances pallet rule)';

const SORTS: { key: PortfolioSortKey; label: string }[] = [
  { key: 'value', label: 'Value' },
  { key: 'change', label: '24 h' },
  { key: 'name', label: 'Name' },
];

export function PortfolioPanel() {
  const view = usePopupStore((s) => s.view);
  const sort = usePopupStore((s) => s.portfolioSort);
  const sortBy = usePopupStore((s) => s.sortPortfolio);
  const dustOn = usePopupStore((s) => s.hideDust);
  const setHideDust = usePopupStore((s) => s.setHideDust);
  const dustRao = usePopupStore((s) => s.dustThresholdRao);
  const openSubnet = usePopupStore((s) => s.openSubnet);
  const query = usePopupStore((s) => s.portfolioQuery);
  const setQuery = usePopupStore((s) => s.setPortfolioQuery);
  const snapshot = view?.snapshot ?? null;

  const model = useMemo(() => {
    if (!view || !snapshot) return null;
    const portfolios = selectedPortfolios(snapshot, view.selected);
    const totals = portfolioTotals(portfolios);
    const groups = sortGroups(
      groupPositions(portfolios, { subnets: snapshot.subnets, change24h: view.change24h, totalRao: totals.spotRao, names: snapshot.validatorNames }),
      sort.key,
      sort.dir,
    );
    const matching = filterGroups(groups, query);
    const dust = dustOn ? hideDustRows(matching, dustRao) : { groups: matching, hiddenCount: 0, hiddenValueRao: 0n };
    return { portfolios, totals, dust, groupCount: groups.length, matchCount: matching.length };
  }, [view, snapshot, sort, dustOn, dustRao, query]);

  if (!view) return null;
  if (!view.accounts.length) return <FirstRun />;
  if (!snapshot || !model) return <p className="muted">Waiting for the first snapshot…</p>;
  // An account added a moment ago is being read (the worker reads at once, not at the next block): its figures
  // are unknown until then, so the totals say "reading", not τ0.
  const missing = view.accounts.filter(
    (a) => (view.selected.length === 0 || view.selected.includes(a.address)) && !snapshot.portfolios.some((p) => p.coldkey === a.address),
  );
  if (missing.length > 0) {
    return (
      <p className="banner" role="status" data-testid="accounts-pending">
        Reading {missing.length === 1 ? shortAddress(missing[0]!.address) : `${missing.length} new accounts`} from the chain…
      </p>
    );
  }
  const { totals, dust, portfolios } = model;
  const taoUsd = snapshot.taoUsd;

  return (
    <section aria-labelledby="portfolio-heading">
      <h2 id="portfolio-heading" className="sr-only">
        Portfolio
      </h2>
      <div className="totals" data-testid="totals">
        <div className="total main">
          <span className="label">Total at spot</span>
          <Amount value={totals.spotRao} unit="TAO" testId="total-spot" timing={TOTAL_TIMING} />
          <Usd usd={usdOf(totals.spotRao, taoUsd)} testId="total-spot-usd" />
        </div>
        <div className="total">
          <span className="label" title="What selling every position now would return, after swap fees and price impact (simulated on chain), plus free TAO">
            At exit value
          </span>
          {totals.exitRao === null ? (
            <span className="muted" data-testid="total-exit">
              simulating ({totals.exitPending} pending)
            </span>
          ) : (
            <>
              <Amount value={totals.exitRao} unit="TAO" testId="total-exit" />
              <Usd usd={usdOf(totals.exitRao, taoUsd)} />
            </>
          )}
        </div>
        <div className="total">
          <span className="label" title="Spot minus exit value: what fees and price impact would cost if you sold everything now">
            Gap
          </span>
          {totals.positionCount === 0 ? (
            <span className="muted" data-testid="total-gap">
              none: nothing staked
            </span>
          ) : totals.gapRao === null ? (
            <span className="muted">—</span>
          ) : (
            <span data-testid="total-gap">
              <Amount value={-totals.gapRao} unit="TAO" />{' '}
              <span className="muted">({formatPercent(totals.gapRatio === null ? null : -totals.gapRatio, { maxFractionDigits: 2 })} of staked)</span>
            </span>
          )}
        </div>
        <div className="total small">
          <span className="label">Free</span>
          <Amount value={totals.freeRao} unit="TAO" testId="total-free" />
          {totals.spendableRao !== null && (
            <>
              <span className="label" title={SPENDABLE_RULE}>
                Spendable
              </span>
              <Amount value={totals.spendableRao} unit="TAO" testId="total-spendable" />
            </>
          )}
          <span className="label">Staked at spot</span>
          <Amount value={totals.stakedSpotRao} unit="TAO" testId="total-staked" />
        </div>
        <SourceTag snapshot={snapshot} what={`${totals.accountCount} account${totals.accountCount === 1 ? '' : 's'} · ${chainSourceLabel(portfolios.flatMap((p) => p.positions))}`} testId="portfolio-source" />
        <UsdSource snapshot={snapshot} />
      </div>

      <div className="toolbar">
        <div role="group" aria-label="Sort positions by" className="seg">
          {SORTS.map((s) => (
            <button
              key={s.key}
              type="button"
              className="btn small"
              aria-pressed={sort.key === s.key}
              onClick={() => sortBy(s.key)}
              title={sort.key === s.key ? `Sorted ${sort.dir === 'asc' ? 'ascending' : 'descending'}; press to reverse` : undefined}
            >
              {s.label}
              {sort.key === s.key ? (sort.dir === 'asc' ? ' ↑' : ' ↓') : ''}
            </button>
          ))}
        </div>
        <label className="check">
          <input type="checkbox" checked={dustOn} onChange={(e) => setHideDust(e.target.checked)} />
          Hide under {formatAmount(dustRao, { unit: 'TAO' })}
          {dust.hiddenCount > 0 && (
            <span className="muted" data-testid="dust-hidden" title={`together ${formatAmount(dust.hiddenValueRao, { unit: 'TAO' })}, counted in the totals`}>
              {' '}
              ({dust.hiddenCount} hidden)
            </span>
          )}
        </label>
        <button
          type="button"
          className="btn small"
          disabled={!totals.positionCount}
          data-testid="export-csv"
          onClick={() => downloadText(csvFileName(snapshot.block.number), positionsCsv(snapshot, portfolios), 'text/csv')}
        >
          Export CSV
        </button>
      </div>

      {totals.positionCount > 0 && (
        <div className="toolbar">
          <SearchField
            id="portfolio-search"
            label="Filter positions by subnet name, symbol, number or validator"
            placeholder="Filter: subnet, SN number, validator"
            value={query}
            onChange={setQuery}
            count={model.matchCount === model.groupCount ? `${model.groupCount} subnets` : `${model.matchCount} of ${model.groupCount} subnets`}
            countTestId="portfolio-count"
          />
        </div>
      )}

      {totals.positionCount === 0 ? (
        <p className="muted" data-testid="no-positions">
          No stake in the selected account{totals.accountCount === 1 ? '' : 's'}.
        </p>
      ) : dust.groups.length === 0 ? (
        <p className="muted" data-testid="no-match">
          {model.matchCount === 0 ? `No position matches “${query.trim()}”.` : 'Every matching position is under the dust limit: untick “Hide under” to see them.'}
        </p>
      ) : (
        <ul className="groups" aria-label="Positions by subnet" data-testid="positions">
          {dust.groups.map((g) => (
            <GroupItem key={g.netuid} group={g} taoUsd={taoUsd} block={snapshot.block.number} onOpen={() => openSubnet(g.netuid)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function GroupItem(props: { group: SubnetGroup; taoUsd: TaoUsd | null; block: number; onOpen(): void }) {
  const { group: g, taoUsd } = props;
  return (
    <li className="group" data-testid="group" data-netuid={g.netuid}>
      <div className="group-head">
        <button type="button" className="btn link name" onClick={props.onOpen} aria-label={`Open subnet ${g.netuid}`}>
          <span className="netuid">SN{g.netuid}</span> <ChainText text={g.name} fallback={`Subnet ${g.netuid}`} />
        </button>
        <span className="value">
          <Amount value={g.spotValueRao} unit="TAO" />
          <Usd usd={usdOf(g.spotValueRao, taoUsd)} compact />
        </span>
      </div>
      <div className="group-sub">
        <Amount value={g.alpha} unit={g.unit} />
        <span>
          exit {g.exitValueRao === null ? <span className="muted">simulating</span> : <Amount value={g.exitValueRao} unit="TAO" />}
        </span>
        <span title="share of the portfolio at spot, free TAO included">{formatPercent(g.share, { maxFractionDigits: 1 })}</span>
        <span>
          24 h <ChangeCell pct={g.change24hPct} />
        </span>
      </div>
      <ul className="validators" aria-label={`Validators on subnet ${g.netuid}`}>
        {g.validators.map((v) => (
          <li key={v.key} className="validator" data-testid="validator-row">
            <span className="validator-id" title={`validator hotkey ${v.hotkey}`}>
              {v.name !== null && <ChainText text={v.name} className="validator-name" title={`${clip(v.name)} · validator hotkey ${v.hotkey}`} />}
              <code className="address" title={`validator hotkey ${v.hotkey}`}>
                {v.name !== null ? hotkeyPrefix(v.hotkey) : shortAddress(v.hotkey)}
              </code>
            </span>
            <Amount value={v.alpha} unit={g.unit} />
            <Amount value={v.spotValueRao} unit="TAO" />
            <span className="muted">
              exit {v.exitValueRao === null ? 'simulating' : <Amount value={v.exitValueRao} unit="TAO" />}
            </span>
            <span>{formatPercent(v.share, { maxFractionDigits: 1 })}</span>
            {v.lockedAlpha === null ? (
              <span className="muted" title="This node does not serve stake availability, so whether part of this stake is locked is unknown" data-testid="locked-unknown">
                lock unknown
              </span>
            ) : (
              v.lockedAlpha > 0n && (
                <span className="tag lock" title="Locked alpha cannot be unstaked" data-testid="locked">
                  locked <Amount value={v.lockedAlpha} unit={g.unit} />
                </span>
              )
            )}
            {v.dailyEmission !== null && (
              <span
                className="muted"
                title={`estimate from the chain at block #${props.block}: the validator's dividends at its last epoch × your part of its stake × epochs a day; not a guarantee`}
              >
                ≈ <Amount value={v.dailyEmission} unit={g.unit} testId="daily-emission" />
                /day (estimate)
              </span>
            )}
          </li>
        ))}
      </ul>
    </li>
  );
}
