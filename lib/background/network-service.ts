/**
 * The network's answer in the worker: the network view for every revenue window (built from each snapshot and the
 * revenue of all three windows), the daily history (one network point a day, one per held, watched or alerted
 * subnet), backfill from a source publishing past days, and the alert rules. Revenue is fetched beside the chain
 * read, never in front of it: a snapshot is shown at once and the view is rebuilt when the revenue arrives.
 */
import { evaluateAlerts, forgetRuleStates, ruleNetuid, type AlertNotice, type AlertSettings, type AlertState } from '../alerts/rules';
import { subsidyPerDay } from '../metrics/subsidy';
import type { Snapshot } from '../model/types';
import type { PublishedSeries } from '../network/backfill';
import { backfillSubnet, coverageTrend, forgetSubnetSeries, networkPoint, recordDay, utcDay, type DailyHistory } from '../network/history';
import { networkView, type NetworkLine, type NetworkView } from '../network/totals';
import type { CombinedRevenue } from '../revenue/combine';
import { REVENUE_WINDOWS, type RevenueWindow } from '../revenue/types';
import { raoToUsd } from '../units/amount';

/** How often the three windows' revenue is asked for (the revenue service caches each source 5 min anyway). */
export const NETWORK_REVENUE_EVERY_MS = 5 * 60_000;

export interface NetworkStore {
  loadHistory(): Promise<DailyHistory>;
  saveHistory(h: DailyHistory): Promise<void>;
  loadAlerts(): Promise<{ settings: AlertSettings; state: AlertState }>;
  saveAlertState(s: AlertState): Promise<void>;
  watchAlertSettings(cb: (s: AlertSettings) => void): void;
  loadBackfillDay(): Promise<string | null>;
  saveBackfillDay(day: string): Promise<void>;
}

export interface NetworkDeps {
  now: () => number;
  revenueFor: (window: RevenueWindow) => Promise<CombinedRevenue[]>;
  /** A source's published past days (Chutes), or an error message. */
  publishedDays: () => Promise<PublishedSeries | { error: string }>;
  store: NetworkStore;
  notify: (notice: AlertNotice) => void;
  /** The view changed (revenue arrived): publish again. */
  onChange: () => void;
}

/** The network line on the $TAO card: coverage today and its 30-day trend. */
export type { NetworkLine };

export function createNetworkService(deps: NetworkDeps) {
  let history: DailyHistory = { network: [], subnets: {} };
  let alertSettings: AlertSettings = { enabled: false, rules: [], quiet: null };
  let alertState: AlertState = {};
  let backfillDay: string | null = null;
  const revenue: Partial<Record<RevenueWindow, CombinedRevenue[]>> = {};
  let revenueAt: number | null = null;
  let fetching = false;
  let snapshot: Snapshot | null = null;
  let view: NetworkView | null = null;
  // One update at a time, in order (storage writes must not interleave), each after the stored state is loaded.
  let queue: Promise<void> = Promise.resolve();

  const ready = (async () => {
    [history, { settings: alertSettings, state: alertState }, backfillDay] = await Promise.all([
      deps.store.loadHistory(),
      deps.store.loadAlerts(),
      deps.store.loadBackfillDay(),
    ]);
    deps.store.watchAlertSettings((s) => (alertSettings = s));
  })();
  const enqueue = (work: () => Promise<void>): Promise<void> => (queue = queue.then(() => ready).then(work).catch(() => {}));

  const alertNetuids = () => alertSettings.rules.flatMap((r) => ruleNetuid(r) ?? []);

  const tracked = (s: Snapshot) => [...new Set([...s.portfolios.flatMap((p) => p.positions.map((x) => x.netuid)), ...alertNetuids()])];

  const rebuild = () => {
    if (!snapshot) return;
    view = networkView(snapshot.subnets, revenue, snapshot.taoUsd, { block: snapshot.block.number, at: snapshot.fetchedAt });
  };

  async function fetchRevenue(): Promise<void> {
    if (fetching) return;
    fetching = true;
    try {
      const answers = await Promise.all(REVENUE_WINDOWS.map((w) => deps.revenueFor(w).catch(() => null)));
      REVENUE_WINDOWS.forEach((w, i) => {
        const a = answers[i];
        if (a) revenue[w] = a;
      });
      revenueAt = deps.now();
    } finally {
      fetching = false;
    }
    const s = snapshot;
    if (s) enqueue(() => run(s));
    await queue;
    deps.onChange();
  }

  async function backfill(now: number): Promise<void> {
    const today = utcDay(now);
    if (backfillDay === today) return;
    backfillDay = today;
    await deps.store.saveBackfillDay(today);
    const published = await deps.publishedDays();
    if ('error' in published || !tracked(snapshot!).includes(published.netuid)) return;
    const next = backfillSubnet(history, published.netuid, published.days, published.source, now);
    if (next !== history) {
      history = next;
      await deps.store.saveHistory(history);
      deps.onChange();
    }
  }

  async function run(s: Snapshot): Promise<void> {
    const now = deps.now();
    rebuild();
    const oneDay = view?.windows['1d'];
    // No point until the one-day revenue has been asked for once: a point saying "nothing observed" would be false.
    if (oneDay && revenue['1d'] !== undefined) {
      const byNetuid = new Map(revenue['1d'].map((c) => [c.netuid, c.chosen]));
      const subnets = s.subnets.map((sub) => {
        const perDay = subsidyPerDay(sub, null).totalValueRao;
        const chosen = byNetuid.get(sub.netuid) ?? null;
        return {
          netuid: sub.netuid,
          subsidyPerDayRao: perDay,
          subsidyPerDayUsd: raoToUsd(perDay, s.taoUsd),
          revenueUsd: chosen?.usd ?? null,
          revenueSource: chosen?.sourceName ?? null,
          priceTao: Number(sub.priceRao) / 1e9,
        };
      });
      const next = recordDay(history, { network: networkPoint(oneDay, s.taoUsd?.usd ?? null, now), subnets, tracked: tracked(s) }, now);
      if (next !== history) {
        history = next;
        await deps.store.saveHistory(history);
      }
    }
    await evaluate(s, now);
  }

  async function evaluate(s: Snapshot, now: number): Promise<void> {
    if (!alertSettings.rules.length) return;
    const oneDay = view?.windows['1d'];
    const exitByNetuid = new Map<number, bigint | null>();
    for (const p of s.portfolios.flatMap((pf) => pf.positions)) {
      const prev = exitByNetuid.has(p.netuid) ? exitByNetuid.get(p.netuid)! : 0n;
      exitByNetuid.set(p.netuid, prev === null || p.exitValueRao === null ? null : prev + p.exitValueRao);
    }
    const oneDayRevenue = new Map((revenue['1d'] ?? []).map((c) => [c.netuid, c.chosen?.usd ?? null]));
    const subnets: Parameters<typeof evaluateAlerts>[2]['subnets'] = {};
    for (const netuid of alertNetuids()) {
      const sub = s.subnets.find((x) => x.netuid === netuid);
      if (!sub) continue;
      const perDay = subsidyPerDay(sub, s.taoUsd);
      const rev = oneDayRevenue.get(netuid) ?? null;
      subnets[netuid] = {
        name: sub.name,
        coverage: rev !== null && perDay.usd ? rev / perDay.usd : null,
        subsidyPerDayRao: perDay.totalValueRao,
        priceRao: sub.priceRao,
        exitValueRao: exitByNetuid.get(netuid) ?? null,
      };
    }
    const d = new Date(now);
    const result = evaluateAlerts(alertSettings, alertState, {
      now,
      localMinutes: d.getHours() * 60 + d.getMinutes(),
      networkCoverage: oneDay?.coverage ?? null,
      subnets,
    });
    const changed = JSON.stringify(result.state) !== JSON.stringify(alertState);
    alertState = result.state;
    // The state is saved before the notice is shown: a worker stopped in between does not notify twice.
    if (changed) await deps.store.saveAlertState(alertState);
    for (const n of result.notices) deps.notify(n);
  }

  return {
    /** Whether an exit-value alert is on: then reads nobody sees still simulate exit values (chain-service.ts). */
    wantsExitValues: () => alertSettings.enabled && alertSettings.rules.some((r) => r.kind === 'exit'),
    /** After each snapshot; resolves when history and alerts are written. */
    update(s: Snapshot): Promise<void> {
      snapshot = s;
      rebuild();
      const now = deps.now();
      if (revenueAt === null || now - revenueAt >= NETWORK_REVENUE_EVERY_MS || now < revenueAt) void fetchRevenue();
      return enqueue(async () => {
        await run(s);
        await backfill(now);
      });
    },
    /**
     * Drops what was recorded for reused netuids: their daily series and their alert rules' baselines (another
     * subnet's: lib/history/subnet-lineage.ts).
     */
    forgetSubnets(netuids: readonly number[]): Promise<void> {
      return enqueue(async () => {
        const next = forgetSubnetSeries(history, netuids);
        const nextAlerts = forgetRuleStates(alertSettings, alertState, netuids);
        if (next !== history) {
          history = next;
          await deps.store.saveHistory(history);
        }
        if (nextAlerts !== alertState) {
          alertState = nextAlerts;
          await deps.store.saveAlertState(alertState);
        }
      });
    },
    view: (): NetworkView | null => view,
    line(): NetworkLine | null {
      const oneDay = view?.windows['1d'];
      if (!oneDay) return null;
      const t = coverageTrend(history.network, deps.now());
      return {
        coverage: oneDay.coverage,
        observed: oneDay.observedNetuids.length,
        total: oneDay.subnetCount,
        trend: t && { fromDay: t.from.d, fromCoverage: t.from.cov!, toDay: t.to.d, toCoverage: t.to.cov! },
      };
    },
    history: async (netuid: number | 'network') => {
      await ready;
      return netuid === 'network' ? { network: history.network, subnet: [] } : { network: [], subnet: history.subnets[netuid] ?? [] };
    },
    now: deps.now,
  };
}

export type NetworkService = ReturnType<typeof createNetworkService>;
