/**
 * The background's chain data service: one connection (with failover), one coalesced read per finalized
 * block, the snapshot persisted and pushed to every open UI. On wake it serves the stored snapshot at
 * once and reconnects behind it.
 */
import { browser } from 'wxt/browser';
import { ConnectionManager, errorText, type ConnectionState } from '../chain/connection';
import { sameNameAs } from '../chain/text';
import { carryExitValues, exitsDue, exitSimsWarning, positionsMovedMaterially } from '../chain/exit-values';
import { holdingsChanged, POPUP_VIEW_SAVE_MS, QUIET_SAVE_MS, saveDue, snapshotSaveDue } from './snapshot-saves';
import { CoalescingRefresher } from '../chain/refresher';
import { checkVanished } from '../chain/vanish-guard';
import { openChainSession, type ChainSession } from '../chain/session';
import { change24hPct, priceAsNumber, recordPrices, type PriceHistory } from '../history/price-history';
import { registrationChanges, withoutNetuids, type Registrations } from '../history/subnet-lineage';
import { loadRegistrations, saveRegistrations } from '../storage/subnet-lineage';
import { economicsBySubnet } from '../metrics/economics';
import type { BlockRef, Snapshot, Validator } from '../model/types';
import { isPending, type TxEntry } from '../staking/journal';
import { txJournalItem } from '../storage/tx-journal';
import { idleEveryMs } from '../settings/idle-refresh';
import { createTxFollowing, POSITIONS_FULL_EVERY_BLOCKS, refreshDue } from './attention';
import { PORT_POPUP, PORT_SUMMARIES, createPortHub, type PopupView, type SummariesView } from '../messaging/protocol';
import { accountsItem, cleanAccountEntry, selectedAccountsItem, type AccountEntry } from '../storage/accounts';
import { readSettings, watchSettings } from '../storage/settings';
import { feedsItem, loadSnapshot, popupViewItem, saveSnapshot } from '../storage/snapshot';
import { createPriceHistoryStore } from '../storage/price-history';
import { encodeBigints } from '../model/serialize';
import { startNetworkService } from './network-wiring';
import { workerClock } from './worker-clock';
import { networkTotals } from '../metrics/coverage';
import { endpointProblem } from '../config/defaults';
import { buildDefaults } from '../config/build-defaults';
import { createDataFeeds, currentTaoUsd, startFeedClock, type DataFeeds, type FeedState } from './data-feeds';

export type ChainService = Awaited<ReturnType<typeof startChainService>>;

/** Settings stored before the endpoint rule (or written around the options page) never reach a plain-text socket. */
const safeEndpoints = (list: readonly string[]) => list.filter((e) => !endpointProblem(e));

export async function startChainService() {
  const hub = createPortHub();
  const settings = await readSettings();
  let snapshot: Snapshot | null = await loadSnapshot();
  const storedFeeds: FeedState | null = await feedsItem.getValue();
  // The revenue ceiling scales with the whole network's subsidy at the current price (lib/revenue/bounds.ts).
  const networkSubsidyUsdPerDay = () =>
    snapshot ? networkTotals(snapshot.subnets, [], settings.revenueWindow, currentTaoUsd(feedClock.state(), Date.now()).taoUsd).subsidyPerDayUsd : null;
  const buildFeeds = (seed: FeedState['revenueResults'] | undefined) => createDataFeeds(settings, undefined, {
      seed,
      networkSubsidyUsdPerDay,
      priceCacheMs: Math.min(buildDefaults.priceRefreshMs, 60_000),
      revenueCacheMs: buildDefaults.revenueRefreshMs,
    });
  let feeds: DataFeeds = buildFeeds(storedFeeds?.revenueResults);
  // Stored an hour per item: a step writes only the current hour's points (lib/history/price-history-chunks.ts).
  const historyStore = createPriceHistoryStore();
  let history: PriceHistory = await historyStore.load(Date.now());
  let registrations: Registrations = await loadRegistrations();
  // Names are cleaned on every write and on load (entries stored before the cleaner existed).
  let accounts: AccountEntry[] = (await accountsItem.getValue()).map(cleanAccountEntry);
  let selected: string[] = await selectedAccountsItem.getValue();
  let lastError: string | null = null;
  let exitsSimulatedAt: number | null = null;
  /** A position moved materially in a read nobody saw: the next seen read simulates. */
  let exitsOwed = false;
  // The network view, daily history and alerts (network-service.ts); revenue arriving there publishes again.
  // One worker clock for alerts and the cadence (a test build moves it forward: worker-clock.ts).
  const now = workerClock();
  const network = startNetworkService({ now, feeds: () => feeds, settings, onChange: () => publish() });
  let vanishPending = false;

  const manager = new ConnectionManager(safeEndpoints(settings.endpoints), {
    connect: (endpoint) => openChainSession(endpoint),
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    random: () => Math.random(),
    uiOpen: () => hub.anyOpen(),
  }, { preferred: snapshot?.endpoint ?? null });

  const connection = (): ConnectionState =>
    lastError && manager.current.status === 'live' ? { ...manager.current, reason: lastError } : manager.current;

  /** The snapshot with the feeds' current figures (the chain part untouched). */
  function withFeeds(s: Snapshot): Snapshot {
    const state = feedClock.state();
    const price = currentTaoUsd(state, Date.now());
    return { ...s, taoUsd: price.taoUsd, taoUsdReason: price.reason, revenue: state.revenue };
  }

  const change24h = (): Record<number, number | null> => {
    const now = Date.now();
    const out: Record<number, number | null> = {};
    for (const s of snapshot?.subnets ?? []) out[s.netuid] = change24hPct(history[s.netuid], priceAsNumber(s.priceRao), now);
    return out;
  };

  const economics = () =>
    economicsBySubnet(snapshot?.subnets ?? [], snapshot?.revenue ?? null, settings.revenueWindow, snapshot?.taoUsd ?? null, Date.now());

  const popupView = (): PopupView => {
    const { bySubnet, totals } = economics();
    const sources = feedClock.state().sources;
    return { snapshot, connection: connection(), accounts, selected, change24h: change24h(), economics: bySubnet, totals, sources, network: network.view() };
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
        ...(s.infoBlock !== undefined ? { infoBlock: s.infoBlock } : {}),
      })),
      block: snapshot?.block ?? null,
      fetchedAt: snapshot?.fetchedAt ?? null,
      connection: connection(),
      taoUsd: snapshot?.taoUsd ?? null,
      taoUsdReason: snapshot?.taoUsdReason ?? null,
      sources: feedClock.state().sources,
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
      // Exit values are for eyes and exit alerts: a read nobody sees simulates only for an exit alert, and owes the
      // simulation to the next read someone sees. On the worker clock, as the cadence.
      const seen = hub.looking() || network.wantsExitValues();
      const simulate = seen && (exitsOwed || exitsDue(previous, exitsSimulatedAt, now(), coldkeys));
      // The feeds run on their own clock (data-feeds.ts): this read never waits for an outside API.
      session.reader.followStorage(readEveryBlock());
      // Read every block while followed: prices and moved positions; the rest on slower clocks (reader.ts ReadCadence).
      const cadence = { blockNumber: head.number, subnetInfoEveryBlocks: buildDefaults.subnetInfoEveryBlocks, positionsEveryBlocks: POSITIONS_FULL_EVERY_BLOCKS };
      const read = await session.reader.read(head.hash, coldkeys, knownNetuids, simulate ? head.number : undefined, cadence);
      const guard = checkVanished(previous, read.portfolios, vanishPending, head.number);
      vanishPending = guard.pending;
      read.portfolios = guard.portfolios;
      const moved = positionsMovedMaterially(previous, read.portfolios);
      const changed = holdingsChanged(previous, read.portfolios, moved);
      if (simulate) {
        exitsSimulatedAt = now();
        exitsOwed = false;
      } else if (seen && moved) {
        // A stake or unstake landed: its exit value is wanted now, not in a minute.
        const again = await session.reader.read(head.hash, coldkeys, knownNetuids, head.number, cadence);
        read.portfolios = again.portfolios;
        read.exitSims = again.exitSims;
        exitsSimulatedAt = now();
      } else if (moved) exitsOwed = true; // a read nobody sees: simulated at the next one someone sees
      // Exit values not simulated at this read, or whose simulation failed: the last ones, carried.
      carryExitValues(previous, read.portfolios);
      const next: Snapshot = withFeeds({
        block: head,
        fetchedAt: Date.now(),
        endpoint: session.endpoint,
        ...read,
        taoUsd: null,
        taoUsdReason: null,
        revenue: null,
      });
      snapshot = next;
      lastError = [guard.warning, exitSimsWarning(read.exitSims, head.number)].filter(Boolean).join(' ') || null;
      // A reused netuid: what was recorded under it is another subnet's (lib/history/subnet-lineage.ts).
      const lineage = registrationChanges(registrations, read.subnets);
      let forgotten: Promise<void> = Promise.resolve();
      if (lineage.replaced.length) {
        history = withoutNetuids(history, lineage.replaced);
        forgotten = network.forgetSubnets(lineage.replaced);
      }
      const recorded = recordPrices(history, read.subnets, next.fetchedAt);
      const historyChanged = recorded !== history;
      history = recorded;
      void network.update(next); // builds the network view at once; history and alerts are written behind
      publish();
      // History gains a point every 10 minutes; the snapshot is written as snapshot-saves.ts decides.
      await Promise.all([persistSnapshot(next, changed), historyChanged && historyStore.save(history, next.fetchedAt), forgotten, persistPopupView()]);
      // Only once both histories are stored without the old occupants' points: a worker stopped before then
      // compares again on its next read.
      if (lineage.registrations !== registrations) {
        registrations = lineage.registrations;
        await saveRegistrations(registrations);
      }
      restIfIdle(session);
    },
    (err, head) => {
      lastError = `reading block #${head.number} failed: ${errorText(err)}`;
      publish();
    },
  );

  const feedClock = startFeedClock(storedFeeds, {
    feeds: () => feeds,
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    save: (state) => feedsItem.setValue(state),
    everyMs: { price: buildDefaults.priceRefreshMs, revenue: buildDefaults.revenueRefreshMs },
    resting: () => !readEveryBlock(),
    onChange: () => {
      if (snapshot) snapshot = withFeeds(snapshot);
      publish();
    },
  });
  // The stored feeds may be newer than the stored snapshot's copy: a woken worker shows them at once.
  if (snapshot) snapshot = withFeeds(snapshot);
  // Someone opened the popup: retry a failed connection and failing feeds now, not when their backoff ends.
  hub.onOpen(PORT_POPUP, () => {
    manager.poke();
    feedClock.poke();
  });

  // Cadence follows attention (attention.ts): every finalized head is heard (the subscription is cheap and its
  // traffic keeps this MV3 worker alive), but read only while someone is looking, a transaction is in flight,
  // or the slow cadence is due. Someone starting to look gets the newest head read at once.
  const txFollowing = createTxFollowing();
  /** Someone is looking or a transaction is in flight: every block is read, and storage followed by subscription. */
  const readEveryBlock = () => hub.looking() || txFollowing.following();
  const followJournal = (list: readonly TxEntry[] | null) => txFollowing.update((list ?? []).map((e) => ({ id: e.id, pending: isPending(e) })));
  followJournal(await txJournalItem.getValue());
  txJournalItem.watch(followJournal);
  let newestHead: { head: BlockRef; session: ChainSession } | null = null;
  let pushedHash: string | null = null;
  // A woken worker counts from the stored snapshot's read: a restart is no reason to read the chain.
  let lastRefreshAt: number | null = snapshot?.fetchedAt ?? null;
  /** Reads the newest head; `again`: even if it was read already (the watched accounts or settings changed). */
  const readNewest = (again = false) => {
    if (!newestHead) return again && refresher.again();
    lastRefreshAt = now();
    txFollowing.read();
    feedClock.catchUp(); // the outside feeds rest with the chain reads while nobody looks
    if (again && newestHead.head.hash === pushedHash) return refresher.again();
    pushedHash = newestHead.head.hash;
    refresher.push(newestHead.head, newestHead.session);
  };
  const considerReading = () => {
    const input = { looking: hub.looking(), txFollowing: txFollowing.following(), lastRefreshAt, now: now(), idleEveryMs: idleEveryMs(settings.idleRefreshMinutes) };
    if (refreshDue(input)) readNewest();
    else restIfIdle(newestHead?.session ?? null);
  };
  // While nothing is visible the storage subscription goes too (the node pushes its values every block): idle reads
  // query those values at their block instead (reader.followStorage).
  const restIfIdle = (session: ChainSession | null) => {
    if (!readEveryBlock()) session?.reader.followStorage(false);
  };
  hub.onLookingChange((looking) => (looking ? considerReading() : restIfIdle(manager.liveSession as ChainSession | null)));

  manager.onState(() => publish());
  manager.onHead((head, session) => {
    newestHead = { head, session: session as ChainSession };
    considerReading();
  });
  manager.start();

  watchSettings((next) => {
    const endpointsChanged = JSON.stringify(next.endpoints) !== JSON.stringify(settings.endpoints);
    Object.assign(settings, next);
    feeds = buildFeeds(feedClock.state().revenueResults);
    feedClock.restart();
    publish(); // the positions-in-cards switch applies to open pages at once
    if (endpointsChanged) void manager.setEndpoints(safeEndpoints(next.endpoints));
    else readNewest(true);
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
      readNewest(true);
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
      feedClock.poke();
    },
    /** The live chain session (for the staking service), or null while connecting. */
    liveSession: () => manager.liveSession as ChainSession | null,
  };
}
