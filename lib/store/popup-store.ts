/**
 * The popup's state: the background's live view (pushed over a port) plus intents the UI dispatches.
 * Components read from here and call its actions; they never talk to the background themselves.
 *
 * Staking: `openStaking({ action, netuid })` opens the panel on a page (./popup-route.ts); a failure is the notice.
 */
import { create } from 'zustand';
import type { TxEntry } from '../staking/journal';
import type { PanelIntent } from '../staking/types';
import { openStakingPanel } from './popup-route';
import { openTxHistoryHintItem, txJournalItem } from '../storage/tx-journal';
import type { PricePoint } from '../history/price-history';
import { PORT_POPUP, request, subscribe, type PopupView } from '../messaging/protocol';
import { decodeBigints, encodeBigints } from '../model/serialize';
import { popupViewItem } from '../storage/snapshot';
import { defaultSettings, readSettings } from '../storage/settings';
import { dustThreshold, toggleSelection, type PortfolioSortKey, type SortDir } from '../portfolio/portfolio';
import { defaultDir, type BoardColumn } from '../board/board';

export type PopupTab = 'portfolio' | 'board' | 'tx-history';

export interface PriceHistoryEntry {
  status: 'loading' | 'ready' | 'error';
  points: PricePoint[];
  error?: string;
}

export interface PopupState {
  view: PopupView | null;
  /** True once the background's port has sent a view (the stored one is then out of date). */
  live: boolean;
  /** The last request error, for a visible message. */
  error: string | null;
  /** A plain message for the user (e.g. what a button did), dismissable. */
  notice: string | null;
  /** settings.dustThresholdRao, parsed. */
  dustThresholdRao: bigint;
  tab: PopupTab;
  /** The subnet view, when open. */
  openNetuid: number | null;
  priceHistory: Record<number, PriceHistoryEntry>;
  portfolioSort: { key: PortfolioSortKey; dir: SortDir };
  hideDust: boolean;
  /** The portfolio's filter text (lib/portfolio filterGroups). */
  portfolioQuery: string;
  boardQuery: string;
  boardSort: { column: BoardColumn; dir: SortDir };
  /** The transaction journal (the background writes it; the popup only reads). */
  transactions: TxEntry[];

  /** Shows this page's own stored copy of the last view, read synchronously; false when there is none. */
  showLocalView(): boolean;
  /** Starts listening (and, with nothing on screen yet, reads the background's stored view); returns the unsubscribe. Idempotent per popup. */
  connect(): () => void;
  addWatch(address: string): Promise<{ ok: true; address: string | null } | { ok: false; error: string }>;
  removeAccount(address: string): Promise<void>;
  select(addresses: string[]): Promise<void>;
  /** Ticks or unticks one account (empty selection = all). */
  toggleAccount(address: string): Promise<void>;
  retry(): Promise<void>;
  setTab(tab: PopupTab): void;
  /** Opens the subnet view (and fetches its recorded price history), or closes it with null. */
  openSubnet(netuid: number | null): void;
  loadPriceHistory(netuid: number): Promise<void>;
  /** Chooses the portfolio order; choosing the current key again flips the direction. */
  sortPortfolio(key: PortfolioSortKey): void;
  setHideDust(on: boolean): void;
  setPortfolioQuery(q: string): void;
  setBoardQuery(q: string): void;
  /** Sorts the board by a column; the same column again flips the direction. */
  sortBoardBy(column: BoardColumn): void;
  openStaking(intent: PanelIntent): Promise<void>;
  dismissNotice(): void;
}

let activeFeed: (() => void) | null = null;

const LOCAL_VIEW_KEY = 'taolens:popupView';

function readLocalView(): unknown {
  try {
    const text = globalThis.localStorage?.getItem(LOCAL_VIEW_KEY);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function writeLocalView(view: PopupView): void {
  try {
    globalThis.localStorage?.setItem(LOCAL_VIEW_KEY, JSON.stringify(encodeBigints(view)));
  } catch {
    // A full or disabled localStorage only costs the fast first paint.
  }
}

let firstViewMarked = false;
function markFirstView(): void {
  if (firstViewMarked) return;
  firstViewMarked = true;
  performance.mark('taolens:first-view');
}

/**
 * The background's view, unless its snapshot was read before the one on screen: a worker that just woke holds the
 * snapshot it last wrote, which can be older than the popup's own copy. Then the popup keeps its figures and takes
 * the rest (connection state, accounts) from the background, until a newer read arrives.
 */
export function newerOf(shown: PopupView | null, incoming: PopupView): PopupView {
  const shownAt = shown?.snapshot?.fetchedAt;
  const incomingAt = incoming.snapshot?.fetchedAt;
  if (!shown?.snapshot || shownAt === undefined || (incomingAt !== undefined && incomingAt >= shownAt)) return incoming;
  return { ...incoming, snapshot: shown.snapshot, change24h: shown.change24h, economics: shown.economics, totals: shown.totals };
}

/**
 * First paint from a stored view (no worker round trip, no chain). Its connection state is history: until
 * the background answers, it says we are connecting.
 */
function showStored(set: (partial: Partial<PopupState>) => void, stored: unknown): void {
  const view = decodeBigints<PopupView>(stored);
  markFirstView();
  set({ view: { ...view, connection: { ...view.connection, status: 'connecting', reason: 'waiting for the TaoLens background' } } });
}

export const usePopupStore = create<PopupState>((set, get) => ({
  view: null,
  live: false,
  error: null,
  notice: null,
  dustThresholdRao: dustThreshold(defaultSettings.dustThresholdRao),
  tab: 'portfolio',
  openNetuid: null,
  priceHistory: {},
  portfolioSort: { key: 'value', dir: 'desc' },
  hideDust: true,
  portfolioQuery: '',
  boardQuery: '',
  // The most subsidised first: where whether revenue covers the subsidy matters most.
  boardSort: { column: 'subsidy', dir: 'desc' },
  transactions: [],

  showLocalView() {
    const local = readLocalView();
    if (local) showStored(set, local);
    return local !== null;
  },
  connect() {
    // One subscription per popup, however often this is called.
    if (activeFeed) return activeFeed;
    void readSettings().then(
      (s) => set({ dustThresholdRao: dustThreshold(s.dustThresholdRao) }),
      () => undefined,
    );
    // Nothing on screen yet (no copy of our own): the one the background keeps, unless the port is faster.
    if (!get().view) {
      void popupViewItem.getValue().then(
        (stored) => {
          if (stored && !get().live) showStored(set, stored);
        },
        () => undefined,
      );
    }
    void txJournalItem.getValue().then((transactions) => set({ transactions }), () => undefined);
    const stopJournal = txJournalItem.watch((transactions) => set({ transactions: transactions ?? [] }));
    // A transaction notification was clicked: open on the transaction history.
    void openTxHistoryHintItem.getValue().then(
      (hint) => {
        if (!hint) return;
        set({ tab: 'tx-history', openNetuid: null });
        void openTxHistoryHintItem.removeValue();
      },
      () => undefined,
    );
    let savedAt = 0;
    const stop = subscribe<PopupView>(PORT_POPUP, (incoming) => {
      markFirstView();
      const view = newerOf(get().view, incoming);
      set({ view, live: true });
      if (Date.now() - savedAt > 5_000) {
        savedAt = Date.now();
        writeLocalView(view);
      }
    });
    // The last view shown is the next open's first paint, whatever the 5 s rhythm above skipped.
    const saveOnClose = () => {
      const view = get().view;
      if (view && get().live) writeLocalView(view);
    };
    globalThis.addEventListener?.('pagehide', saveOnClose);
    activeFeed = () => {
      activeFeed = null;
      stop();
      stopJournal();
      globalThis.removeEventListener?.('pagehide', saveOnClose);
    };
    return activeFeed;
  },
  async addWatch(address) {
    const before = new Set(get().view?.accounts.map((a) => a.address) ?? []);
    const res = await request({ type: 'accounts/add-watch', address });
    if (!res.ok) return { ok: false, error: res.error };
    const added = res.value.find((a) => !before.has(a.address))?.address ?? null;
    const view = get().view;
    if (view) set({ view: { ...view, accounts: res.value } });
    return { ok: true, address: added };
  },
  async removeAccount(address) {
    const res = await request({ type: 'accounts/remove', address });
    set({ error: res.ok ? null : res.error });
  },
  async select(addresses) {
    const res = await request({ type: 'accounts/select', addresses });
    set({ error: res.ok ? null : res.error });
  },
  async toggleAccount(address) {
    const view = get().view;
    if (!view) return;
    const next = toggleSelection(
      view.accounts.map((a) => a.address),
      view.selected,
      address,
    );
    set({ view: { ...view, selected: next } }); // optimistic; the background's next view confirms
    await get().select(next);
  },
  async retry() {
    const res = await request({ type: 'connection/retry' });
    set({ error: res.ok ? null : res.error });
  },
  setTab(tab) {
    set({ tab, openNetuid: null });
  },
  openSubnet(netuid) {
    set({ openNetuid: netuid });
    if (netuid !== null) void get().loadPriceHistory(netuid);
  },
  async loadPriceHistory(netuid) {
    const prev = get().priceHistory[netuid];
    set({ priceHistory: { ...get().priceHistory, [netuid]: { status: 'loading', points: prev?.points ?? [] } } });
    const res = await request({ type: 'price-history/get', netuid });
    set({
      priceHistory: {
        ...get().priceHistory,
        [netuid]: res.ok ? { status: 'ready', points: res.value } : { status: 'error', points: prev?.points ?? [], error: res.error },
      },
    });
  },
  sortPortfolio(key) {
    const cur = get().portfolioSort;
    set({
      portfolioSort:
        cur.key === key ? { key, dir: cur.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'name' ? 'asc' : 'desc' },
    });
  },
  setHideDust(on) {
    set({ hideDust: on });
  },
  setPortfolioQuery(q) {
    set({ portfolioQuery: q });
  },
  setBoardQuery(q) {
    set({ boardQuery: q });
  },
  sortBoardBy(column) {
    const cur = get().boardSort;
    set({ boardSort: cur.column === column ? { column, dir: cur.dir === 'asc' ? 'desc' : 'asc' } : { column, dir: defaultDir(column) } });
  },
  async openStaking(intent) {
    try {
      await openStakingPanel(intent);
      set({ notice: null });
    } catch (err) {
      set({ notice: err instanceof Error ? err.message : String(err) });
    }
  },
  dismissNotice() {
    set({ notice: null });
  },
}));
