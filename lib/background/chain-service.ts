/**
 * The background's chain data service: one connection (with failover), one coalesced read per finalized
 * block, the snapshot persisted and pushed to every open UI. On wake it serves the stored snapshot at
 * once and reconnects behind it.
 */
import { browser } from 'wxt/browser';
import { ConnectionManager, errorText, type ConnectionState } from '../chain/connection';
import { sameNameAs } from '../chain/text';
import { carryExitValues, exitsDue, positionsChanged } from '../chain/exit-values';
import { holdingsChanged, POPUP_VIEW_SAVE_MS, QUIET_SAVE_MS, saveDue, snapshotSaveDue } from './snapshot-saves';
import { CoalescingRefresher } from '../chain/refresher';
import { openChainSession, type ChainSession } from '../chain/session';
import { change24hPct, priceAsNumber, recordPrices, type PriceHistory } from '../history/price-history';
import { economicsBySubnet } from '../metrics/economics';
import type { Snapshot, Validator } from '../model/types';
import { PORT_POPUP, PORT_SUMMARIES, createPortHub, type PopupView, type SummariesView } from '../messaging/protocol';
import { accountsItem, cleanAccountEntry, selectedAccountsItem, type AccountEntry } from '../storage/accounts';
import { readSettings, settingsItem } from '../storage/settings';
import { loadSnapshot, popupViewItem, priceHistoryItem, saveSnapshot } from '../storage/snapshot';
import { encodeBigints } from '../model/serialize';
import { createDataFeeds, type DataFeeds } from './data-feeds';
import { startNetworkService } from './network-wiring';
import { workerClock } from './worker-clock';

export type ChainService = Awaited<ReturnType<typeof startChainService>>;

export async function startChainService() {
  const hub = createPortHub();
  const settings = await readSettings();
  let feeds: DataFeeds = createDataFeeds(settings);
  let snapshot: Snapshot | null = await loadSnapshot();
  let history: PriceHistory = await priceHistoryItem.getValue();
  // Names are cleaned on every write and on load (entries stored before the cleaner existed).
  let accounts: AccountEntry[] = (await accountsItem.getValue()).map(cleanAccountEntry);
  let selected: string[] = await selectedAccountsItem.getValue();
  let lastError: string | null = null;
  let exitsSimulatedAt: number | null = null;
  // The network view, daily history and alerts (network-service.ts); revenue arriving there publishes again.
  const network = startNetworkService({ now: workerClock(), feeds: () => feeds, settings, onChange: () => publish() });

  const manager = new ConnectionManager(settings.endpoints, {
    connect: (endpoint) => openChainSession(endpoint),
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    random: () => Math.random(),
  });

  const connection = (): ConnectionState =>
    lastError && manager.current.status === 'live' ? { ...manager.current, reason: lastError } : manager.current;

  const change24h = (): Record<number, number | null> => {
    const now = Date.now();
    const out: Record<number, number | null> = {};
    for (const s of snapshot?.subnets ?? []) out[s.netuid] = change24hPct(history[s.netuid], priceAsNumber(s.priceRao), now);
    return out;
  };

  const economics = () =>
    economicsBySubnet(snapshot?.subnets ?? [], snapshot?.revenue ?? null, settings.revenueWindow, snapshot?.taoUsd ?? null);

  const popupView = (): PopupView => {
    const { bySubnet, totals } = economics();
    return { snapshot, connection: connection(), accounts, selected, change24h: change24h(), economics: bySubnet, totals, network: network.view() };
  };
  const summariesView = (): SummariesView => {
    const changes = change24h();
    const { bySubnet } = economics();
    const twins = sameNameAs((snapshot?.subnets ?? []).map((s) => ({ id: s.netuid, name: s.name })));
    return {
      subnets: (snapshot?.subnets ?? []).map((s) => ({
        netuid: s.netuid,
        name: s.name,
        symbol: s.symbol,
        priceRao: s.priceRao,
        taoInPoolRao: s.taoInPoolRao,
        marketCapRao: s.marketCapRao,
        taoInjectedPerDayRao: s.taoInjectedPerDayRao,
        alphaEmittedPerDay: s.alphaEmittedPerDay,
        change24hPct: changes[s.netuid] ?? null,
        tradingStarted: s.tradingStarted,
        sameNameAs: twins.get(s.netuid) ?? [],
        economics: bySubnet[s.netuid] ?? null,
      })),
      block: snapshot?.block ?? null,
      fetchedAt: snapshot?.fetchedAt ?? null,
      connection: connection(),
      taoUsd: snapshot?.taoUsd ?? null,
      taoUsdReason: snapshot?.taoUsdReason ?? null,
      network: network.line(),
      // The user's positions reach content scripts only when they asked for them in page cards (a setting).
      holdings: settings.showPositionsInPageCards
        ? (snapshot?.portfolios ?? []).flatMap((pf) =>
            pf.positions.map((p) => ({ netuid: p.netuid, hotkey: p.hotkey, alpha: p.alpha, spotValueRao: p.spotValueRao })),
          )
        : [],
    };
  };

  // Each view is built and encoded once per change, however many UIs are open.
  let encodedPopup: unknown = null;
  let encodedSummaries: unknown = null;
  const popupEncoded = () => (encodedPopup ??= encodeBigints(popupView()));
  const summariesEncoded = () => (encodedSummaries ??= encodeBigints(summariesView()));
  const publish = () => {
    encodedPopup = encodedSummaries = null;
    if (hub.hasSubscribers(PORT_POPUP)) hub.broadcast(PORT_POPUP, popupEncoded());
    if (hub.hasSubscribers(PORT_SUMMARIES)) hub.broadcast(PORT_SUMMARIES, summariesEncoded());
  };
  // How often each is written: snapshot-saves.ts.
  let popupViewSavedAt: number | null = null;
  const persistPopupView = async () => {
    if (!saveDue(popupViewSavedAt, Date.now(), POPUP_VIEW_SAVE_MS)) return;
    popupViewSavedAt = Date.now();
    await popupViewItem.setValue(popupEncoded());
  };
  let snapshotSavedAt: number | null = null;
  let quietSave: ReturnType<typeof setTimeout> | null = null;
  const persistSnapshot = async (next: Snapshot, changed: boolean) => {
    if (quietSave) clearTimeout(quietSave);
    quietSave = null;
    if (snapshotSaveDue(snapshotSavedAt, Date.now(), changed)) {
      snapshotSavedAt = Date.now();
      await saveSnapshot(next);
    } else {
      // Written anyway if no newer block comes soon (the chain went away; Chrome may stop this worker).
      quietSave = setTimeout(() => void persistSnapshot(next, true), QUIET_SAVE_MS);
    }
  };
  hub.onConnect(PORT_POPUP, popupEncoded);
  hub.onConnect(PORT_SUMMARIES, summariesEncoded);

  const refresher = new CoalescingRefresher<ChainSession>(
    async (head, session) => {
      const coldkeys = accounts.map((a) => a.address);
      const knownNetuids = snapshot?.subnets.map((s) => s.netuid) ?? [];
      // Feeds never fail the chain read: a broken price or revenue source shows as its own status.
      const previous = snapshot?.portfolios ?? null;
      const simulate = exitsDue(previous, exitsSimulatedAt, Date.now(), coldkeys);
      const [read, price, revenue] = await Promise.all([
        session.reader.read(head.hash, coldkeys, knownNetuids, simulate ? head.number : undefined),
        feeds.taoUsd().catch((e: unknown) => ({ price: null, reason: errorText(e) })),
        feeds.revenue().catch(() => snapshot?.revenue ?? null),
      ]);
      const moved = positionsChanged(previous, read.portfolios);
      const changed = holdingsChanged(previous, read.portfolios, moved);
      if (simulate) exitsSimulatedAt = Date.now();
      else if (moved) {
        // A stake or unstake landed: its exit value is wanted now, not in a minute.
        await session.reader.read(head.hash, coldkeys, knownNetuids, head.number).then((r) => (read.portfolios = r.portfolios));
        exitsSimulatedAt = Date.now();
      } else carryExitValues(previous, read.portfolios);
      const next: Snapshot = {
        block: head,
        fetchedAt: Date.now(),
        endpoint: session.endpoint,
        ...read,
        taoUsd: price.price,
        taoUsdReason: price.price ? null : price.reason,
        revenue,
      };
      snapshot = next;
      lastError = null;
      const recorded = recordPrices(history, read.subnets, next.fetchedAt);
      const historyChanged = recorded !== history;
      history = recorded;
      void network.update(next); // builds the network view at once; history and alerts are written behind
      publish();
      // History gains a point every 10 minutes; the snapshot is written as snapshot-saves.ts decides.
      await Promise.all([persistSnapshot(next, changed), historyChanged && priceHistoryItem.setValue(history), persistPopupView()]);
    },
    (err, head) => {
      lastError = `reading block #${head.number} failed: ${errorText(err)}`;
      publish();
    },
  );

  manager.onState(() => publish());
  manager.onHead((head, session) => refresher.push(head, session as ChainSession));
  manager.start();

  settingsItem.watch((next) => {
    if (!next) return;
    const endpointsChanged = JSON.stringify(next.endpoints) !== JSON.stringify(settings.endpoints);
    Object.assign(settings, next);
    feeds = createDataFeeds(settings);
    publish(); // the positions-in-cards switch applies to open pages at once
    if (endpointsChanged) void manager.setEndpoints(next.endpoints);
    else refresher.again();
  });

  // Timers do not run while the machine sleeps, and MV3 may stop the worker: an alarm wakes us.
  await browser.alarms.create('taolens-wake', { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === 'taolens-wake') manager.poke();
  });

  // Validators change slowly: read on demand, reused for ten minutes.
  let validatorCache: { at: number; list: Validator[] } | null = null;
  const validators = async (): Promise<Validator[]> => {
    if (validatorCache && Date.now() - validatorCache.at < 10 * 60_000) return validatorCache.list;
    const session = manager.liveSession as ChainSession | null;
    if (!session || !snapshot) throw new Error('not connected to the chain yet');
    const list = await session.reader.readValidators(snapshot.block.hash);
    validatorCache = { at: Date.now(), list };
    return list;
  };

  return {
    popupView,
    validators,
    summariesView,
    history: (netuid: number) => history[netuid] ?? [],
    networkHistory: network.history,
    async setAccounts(incoming: AccountEntry[]) {
      const next = incoming.map(cleanAccountEntry);
      accounts = next;
      await accountsItem.setValue(next);
      selected = selected.filter((a) => next.some((n) => n.address === a));
      await selectedAccountsItem.setValue(selected);
      publish();
      await persistPopupView();
      refresher.again();
      return next;
    },
    accounts: () => accounts,
    async select(addresses: string[]) {
      selected = addresses.filter((a) => accounts.some((n) => n.address === a));
      await selectedAccountsItem.setValue(selected);
      publish();
      return selected;
    },
    retry() {
      manager.poke();
    },
    /** The live chain session (for the staking service), or null while connecting. */
    liveSession: () => manager.liveSession as ChainSession | null,
  };
}
