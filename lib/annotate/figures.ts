/**
 * What a badge and a card say about a subnet, as plain data. Pure: the DOM code only renders these.
 * Every figure carries its unit; the card carries each figure's source and age.
 */
import type { SubnetSummary, SummariesView } from '../messaging/protocol';
import type { SubnetEconomics } from '../metrics/economics';
import { WINDOW_DAYS, windowLabel } from '../revenue/types';
import type { Holding } from '../messaging/protocol';
import { alphaLabel, formatAmount, formatPercent, formatUsd, raoToUsd, stakeUnit } from '../units/amount';
import type { CardRow } from './card-row';
import { networkRow } from './network-line';
import { clockTime, healthOf, sourceState } from '../metrics/source-status';

export type { CardRow };

export interface CardModel {
  title: string;
  symbol: string;
  rows: CardRow[];
  /** "as of block #N, 12 s ago" */
  asOf: string;
  positions: { hotkey: string; alpha: string; value: string }[];
  /** Set when other subnets' names read the same as this one's: a visible warning naming them. */
  sameName?: string;
}

const TIER: Record<string, string> = {
  'verified-on-chain': 'verified on chain',
  'published-by-subnet': 'published by the subnet',
  'third-party': 'third-party',
  'user-entered': 'entered by you',
};

export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 129_600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

/** Compact badge text, e.g. `SN64 · τ0.021 · subsidy τ458/d · cov 12%`. */
export function badgeText(s: SubnetSummary | undefined, netuid: number): string {
  if (!s) return `SN${netuid}`;
  const parts = [`SN${s.netuid}`, formatAmount(s.priceRao, { unit: 'TAO', compact: true })];
  const subsidy = s.economics?.subsidy.totalValueRao ?? s.taoInjectedPerDayRao;
  parts.push(`subsidy ${formatAmount(subsidy, { unit: 'TAO', compact: true })}/d`);
  const cov = s.economics;
  parts.push(cov?.state === 'observed' ? `cov ${formatPercent(cov.ratio)}` : cov?.state === 'stale' ? 'rev stale' : 'rev not observed');
  return parts.join(' · ');
}

/** Accessible name for the badge: the same facts in words. */
export function badgeLabel(s: SubnetSummary | undefined, netuid: number): string {
  if (!s) return `Subnet ${netuid}: TaoLens has no data for it yet`;
  return `Subnet ${s.netuid} ${s.name}: ${badgeText(s, netuid)}. Press Enter for details.`;
}

/** Coverage as a figure, or the word for why there is none. */
function coverageValue(e: SubnetEconomics): string {
  if (e.state === 'observed') return formatPercent(e.ratio, { maxFractionDigits: 1 });
  return e.state === 'no-price' ? 'no price' : e.state === 'stale' ? 'stale' : e.state === 'no-subsidy' ? 'no subsidy' : 'not observed';
}

/** What coverage means, in words a reader sees without hovering ("earns 78 % of what the network pays it"). */
export function coverageWords(e: SubnetEconomics): string {
  switch (e.state) {
    case 'observed':
      return `earns ${formatPercent(e.ratio, { maxFractionDigits: 1 })} of what the network pays it (revenue ÷ subsidy over ${windowLabel(e.window)}, USD)`;
    case 'stale':
      return 'the revenue figure is too old to compare with the subsidy';
    case 'no-price':
      return 'no TAO/USD price to value the subsidy in USD';
    case 'no-subsidy':
      return 'the network pays it no subsidy: nothing to compare';
    default:
      return 'revenue unknown: coverage not computed (not 0)';
  }
}

export function cardModel(
  s: SubnetSummary,
  view: Pick<SummariesView, 'block' | 'fetchedAt' | 'taoUsd' | 'taoUsdReason'> & Partial<Pick<SummariesView, 'sources'>>,
  now: number,
  holdings: readonly Holding[] = [],
): CardModel {
  const chain = view.block ? `chain #${view.block.number}` : 'chain';
  // Pools, supply and emission are read about once a minute while prices are read every block: their own block.
  const info = s.infoBlock !== undefined ? `chain #${s.infoBlock}` : chain;
  const usd = view.taoUsd;
  const usdOf = (rao: bigint) => (usd ? formatUsd(raoToUsd(rao, usd)) : null);
  // A price kept from before its source began failing says so, as a revenue figure does.
  const priceHealth = view.sources?.find((h) => h.kind === 'price' && h.state === 'unavailable');
  const priceState = priceHealth ? ` · TAO/USD ${sourceState(priceHealth, now)}` : '';
  const priceSource = usd ? `${usd.source}, ${ago(now - usd.asOf)}${priceState}` : (view.taoUsdReason ?? 'no current TAO/USD price');
  const e = s.economics;
  const subsidyPerDay = e?.subsidy.totalValueRao ?? s.taoInjectedPerDayRao;
  const subsidyDetail = e
    ? `TAO injected ${formatAmount(e.subsidy.taoPerDayRao, { unit: 'TAO', maxFractionDigits: 2 })} + alpha emitted worth ${formatAmount(e.subsidy.alphaPerDayValueRao, { unit: 'TAO', maxFractionDigits: 2 })} per day at spot; ${e.subsidy.basis}, not a guarantee`
    : 'TAO injected per day: per-block snapshot × 7,200, not a guarantee';
  const rows: CardRow[] = [
    { label: 'Price', value: `${formatAmount(s.priceRao, { unit: 'TAO', maxFractionDigits: 6 })} per ${alphaLabel(s.netuid)}`, source: chain },
    { label: 'Market cap', value: formatAmount(s.marketCapRao, { unit: 'TAO', compact: true }) + (usdOf(s.marketCapRao) ? ` · ${usdOf(s.marketCapRao)}` : ''), source: info === chain ? chain : `price ${chain}, supply ${info}` },
    { label: 'TAO in pool', value: formatAmount(s.taoInPoolRao, { unit: 'TAO', compact: true }), source: info },
    {
      label: 'Subsidy per day',
      value: `${formatAmount(subsidyPerDay, { unit: 'TAO', maxFractionDigits: 2 })}${usdOf(subsidyPerDay) ? ` · ${usdOf(subsidyPerDay)}` : ''}`,
      source: `${info}; USD: ${priceSource}`,
      detail: subsidyDetail,
    },
  ];
  if (e) {
    // Revenue per day too, beside the subsidy per day: the source's window total ÷ its days (the label names the window).
    const days = WINDOW_DAYS[e.window];
    if (e.revenue) {
      const figure = `${e.revenue.sourceName} · ${TIER[e.revenue.tier] ?? e.revenue.tier} · ${ago(now - e.revenue.asOf)}`;
      const health = healthOf(view.sources, e.revenue.sourceId);
      const failing = health?.state === 'unavailable';
      const conflict = e.conflict ? `Other sources differ by more than 10 %: ${e.others.map((o) => `${o.sourceName} ${formatUsd(o.usd)}`).join(', ')}` : undefined;
      // Visible words for keyboard and touch; the source's own reason on hover and focus.
      const status = e.state === 'stale' ? `stale: as of ${clockTime(e.revenue.asOf, now)}, not used for coverage` : failing ? `source ${sourceState(health, now)}` : null;
      const total = days === 1 ? figure : `${formatUsd(e.revenue.usd)} over ${windowLabel(e.revenue.window)} ÷ ${days} · ${figure}`;
      rows.push({
        label: `Revenue (${e.revenue.window})`,
        value: `${formatUsd(e.revenue.usd / days)} per day`,
        source: status ? `${total} · ${status}` : total,
        detail: [failing ? health.reason : null, e.state === 'stale' ? e.explain : null, conflict].filter(Boolean).join(' ') || undefined,
        ...(e.state === 'stale' ? { status: 'stale' as const } : failing ? { status: 'unavailable' as const } : {}),
      });
    } else {
      rows.push({ label: `Revenue (${e.window})`, value: 'not observed', source: 'no source has a figure: unknown, not 0' });
    }
    rows.push({ label: 'Coverage', value: coverageValue(e), source: coverageWords(e), detail: e.explain });
    // The TAO part alone (injected into the pool), as the chain states it per block × 7,200.
    rows.push({
      label: 'TAO injected per day',
      value: `${formatAmount(s.taoInjectedPerDayRao, { unit: 'TAO', maxFractionDigits: 2 })}${usdOf(s.taoInjectedPerDayRao) ? ` · ${usdOf(s.taoInjectedPerDayRao)}` : ''}`,
      source: info,
      detail: 'TAO emission into the pool + excess TAO, per block × 7,200 blocks; not a guarantee',
    });
  } else {
    rows.push(
      { label: 'Revenue', value: 'not observed', source: 'no source has a figure: unknown, not 0' },
      { label: 'Coverage', value: 'not observed', source: 'revenue unknown: coverage not computed (not 0)' },
    );
  }
  if (s.change24hPct !== null) {
    rows.push({ label: '24 h', value: `${s.change24hPct >= 0 ? '+' : ''}${s.change24hPct.toFixed(1)} %`, source: 'TaoLens price history' });
  }
  return {
    // The netuid is always in the title: two subnets can carry names that look the same.
    title: s.name ? `SN${s.netuid} · ${s.name}` : `Subnet ${s.netuid}`,
    symbol: s.symbol,
    ...(s.sameNameAs?.length
      ? { sameName: `⚠ Same name as ${s.sameNameAs.map((n) => `SN${n}`).join(', ')}: check the netuid` }
      : {}),
    rows,
    asOf: view.block && view.fetchedAt ? `as of block #${view.block.number}, ${ago(now - view.fetchedAt)}` : 'no data yet',
    positions: holdings
      .filter((p) => p.netuid === s.netuid)
      .map((p) => ({
        hotkey: `${p.hotkey.slice(0, 6)}…${p.hotkey.slice(-4)}`,
        alpha: formatAmount(p.alpha, { unit: stakeUnit(s.netuid) }),
        value: formatAmount(p.spotValueRao, { unit: 'TAO' }),
      })),
  };
}

/** The card of a `$TAO` mention: TAO/USD with its source and age. */
export function taoCardModel(view: Pick<SummariesView, 'block' | 'fetchedAt' | 'taoUsd' | 'taoUsdReason' | 'network'>, now: number): CardModel {
  const usd = view.taoUsd;
  const rows: CardRow[] = [
    usd
      ? { label: 'TAO/USD', value: formatUsd(usd.usd), source: `${usd.source}, ${ago(now - usd.asOf)}` }
      : { label: 'TAO/USD', value: 'no price', source: view.taoUsdReason ?? 'no current TAO/USD price' },
  ];
  if (usd?.change24hPct !== null && usd?.change24hPct !== undefined) {
    rows.push({ label: '24 h', value: `${usd.change24hPct >= 0 ? '+' : ''}${usd.change24hPct.toFixed(1)} %`, source: usd.source });
  }
  const network = networkRow(view.network);
  if (network) rows.push(network);
  return {
    title: 'TAO',
    symbol: 'τ',
    rows,
    asOf: view.block && view.fetchedAt ? `as of block #${view.block.number}, ${ago(now - view.fetchedAt)}` : 'no data yet',
    positions: [],
  };
}
