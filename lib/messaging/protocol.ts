/**
 * The one message protocol between the background and the UIs (popup, options, content scripts).
 * Requests go through `runtime.sendMessage`; live updates through a long-lived port. Everything is
 * bigint-safe JSON on the wire.
 */
import { browser } from 'wxt/browser';
import type { ConnectionState } from '../chain/connection';
import type { AccountEntry } from '../storage/accounts';
import type { Snapshot, Validator } from '../model/types';
import type { PricePoint } from '../history/price-history';
import { decodeBigints, encodeBigints } from '../model/serialize';
import type { SubnetEconomics } from '../metrics/economics';
import type { NetworkTotals } from '../metrics/coverage';
import type { NetworkLine, NetworkView } from '../network/totals';
import type { NetworkDayPoint, SubnetDayPoint } from '../network/history';
import type { PanelAction, PanelIntent, Quote, SignStep, StakeContext, StakeOrder } from '../staking/types';
import type { TxEntry } from '../staking/journal';
import type { PanelFacts, PanelForm, PanelOrder } from '../staking/panel-order';
import type { SourceHealth } from '../metrics/source-status';
import { createAttention } from './attention';

/** Compact per-subnet figures for badges and cards: no raw chain data crosses into pages. */
export interface SubnetSummary {
  netuid: number;
  name: string;
  symbol: string;
  priceRao: bigint;
  taoInPoolRao: bigint;
  marketCapRao: bigint;
  taoInjectedPerDayRao: bigint;
  alphaEmittedPerDay: bigint;
  change24hPct: number | null;
  tradingStarted: boolean;
  /** Other subnets whose names read the same (look-alike twins included): cards mark them. */
  sameNameAs: number[];
  /** Subsidy, revenue (with source, tier and age) and coverage with its explanation. */
  economics: SubnetEconomics | null;
  /** The block pool, supply and emission were read at, when older than the price's (Subnet.infoBlock). */
  infoBlock?: number;
}

/** One of the viewer's own positions (watched accounts), for cards on pages. */
export interface Holding {
  netuid: number;
  hotkey: string;
  alpha: bigint;
  spotValueRao: bigint;
}

export interface SummariesView {
  subnets: SubnetSummary[];
  block: Snapshot['block'] | null;
  fetchedAt: number | null;
  connection: ConnectionState;
  taoUsd: Snapshot['taoUsd'];
  taoUsdReason: string | null;
  /** The network's coverage today and its 30-day trend, for the $TAO card; absent from older workers. */
  network?: NetworkLine | null;
  /** Each outside source's health (price, revenue), so pages can say "source unavailable since …" or "stale". */
  sources: SourceHealth[];
  holdings: Holding[];
}

/** Everything the popup shows. */
export interface PopupView {
  snapshot: Snapshot | null;
  connection: ConnectionState;
  accounts: AccountEntry[];
  selected: string[];
  change24h: Record<number, number | null>;
  economics: Record<number, SubnetEconomics>;
  totals: NetworkTotals;
  /** Every revenue window's network totals (lib/network/totals.ts); absent in views stored by older versions. */
  network?: NetworkView | null;
  /** Each outside source's health, for the board header. */
  sources: SourceHealth[];
}

export type Request =
  | { type: 'popup/get' }
  | { type: 'summaries/get' }
  | { type: 'price-history/get'; netuid: number }
  /** The daily points behind the coverage chart: the network's, or one subnet's. */
  | { type: 'network/history'; of: 'network' | number }
  /** The $TAO card's network line → open the popup on the network view. */
  | { type: 'network/open' }
  | { type: 'accounts/add-watch'; address: string }
  | { type: 'accounts/remove'; address: string }
  | { type: 'accounts/select'; addresses: string[] }
  /** Accounts a wallet listed: remembered as wallet accounts only when their signature was verified, else watch-only. */
  | { type: 'accounts/from-wallet'; accounts: { address: string; name: string | null; wallet: string }[] }
  /** A one-time text for the wallet to sign, proving the account is the user's (lib/accounts/proofs.ts). */
  | { type: 'accounts/challenge'; address: string }
  | { type: 'accounts/prove'; id: string; signature: string; name: string | null; wallet: string }
  | { type: 'connection/retry' }
  | { type: 'validators/get' }
  // Staking (lib/background/staking-service.ts): the panel asks, the wallet bridge signs, the background sends.
  | { type: 'stake/context'; address: string; netuid: number }
  /** The panel's form → the order it would send or what is wrong with it (lib/staking/panel-order.ts; no chain read). */
  | { type: 'stake/panel-order'; form: PanelForm; facts: PanelFacts | null; spotPrice: bigint | null }
  | { type: 'stake/quote'; order: StakeOrder }
  | { type: 'stake/build'; order: StakeOrder }
  | { type: 'stake/submit-signed'; id: string; signature: string }
  /** Which of these accounts hold stake on the subnet, most first (the panel starts on one of them for an unstake or move). */
  | { type: 'stake/holders'; addresses: string[]; netuid: number }
  | { type: 'tx/list' }
  /** Popup → open the staking panel on the active tab, else on the subnet's taostats page. */
  | ({ type: 'staking/open' } & PanelIntent)
  /** Content script → the intent of the popup's route into this tab (a one-time token bound to the tab). */
  | { type: 'staking/redeem-route'; token: string }
  /** Content script → load the staking panel's code into its own frame, on the first Stake it is asked for. */
  | { type: 'staking/load-panel' };

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Responses {
  'popup/get': PopupView;
  'summaries/get': SummariesView;
  'price-history/get': PricePoint[];
  'network/history': { network: NetworkDayPoint[]; subnet: SubnetDayPoint[] };
  'network/open': null;
  'accounts/add-watch': AccountEntry[];
  'accounts/remove': AccountEntry[];
  'accounts/select': string[];
  'accounts/from-wallet': AccountEntry[];
  'accounts/challenge': { id: string; address: string; text: string };
  'accounts/prove': AccountEntry[];
  'connection/retry': null;
  'validators/get': Validator[];
  'stake/context': StakeContext;
  'stake/panel-order': PanelOrder;
  'stake/quote': Quote;
  'stake/build': SignStep & { quote: Quote };
  'stake/submit-signed': SignStep;
  'stake/holders': { address: string; alpha: bigint }[];
  'tx/list': TxEntry[];
  'staking/open': { opened: 'tab' | 'new-tab' };
  'staking/load-panel': { loaded: true };
  'staking/redeem-route': PanelIntent | null;
}

export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;
/** Who sent a request: the tab and frame of a content script, or none for extension pages. */
export type RequestSender = Browser.runtime.MessageSender;
export type Handlers = { [T in RequestType]: (req: RequestOf<T>, sender: RequestSender) => Promise<Responses[T]> };

/** Live pushes on a port: the popup gets `popup` views, content scripts `summaries`. */
export const PORT_POPUP = 'taolens:popup';
export const PORT_SUMMARIES = 'taolens:summaries';

const MESSAGE_TAG = 'taolens/1';

/** Background → a tab's content script: open the staking panel (only a hint; the user still confirms). */
export const STAKE_OPEN_TAG = 'taolens/stake-open';
export interface StakeOpenMessage extends PanelIntent {
  tag: typeof STAKE_OPEN_TAG;
  action: PanelAction;
}

export async function request<T extends RequestType>(req: RequestOf<T>): Promise<Result<Responses[T]>> {
  try {
    const raw = await browser.runtime.sendMessage({ tag: MESSAGE_TAG, body: encodeBigints(req) });
    if (!raw) return { ok: false, error: 'TaoLens background did not answer' };
    return decodeBigints<Result<Responses[T]>>(raw);
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Background side: routes tagged messages to handlers; a thrown error becomes `{ok:false}`. */
export function serveRequests(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!message || typeof message !== 'object' || (message as { tag?: unknown }).tag !== MESSAGE_TAG) return false;
    const req = decodeBigints<Request>((message as { body: unknown }).body);
    const handler = handlers[req.type] as ((r: Request, s: RequestSender) => Promise<unknown>) | undefined;
    if (!handler) {
      sendResponse(encodeBigints({ ok: false, error: `unknown request ${String(req.type)}` }));
      return false;
    }
    handler(req, sender).then(
      (value) => sendResponse(encodeBigints({ ok: true, value })),
      (err: unknown) => sendResponse({ ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
    return true; // answer asynchronously
  });
}

/** UI → background on its port: whether its page is on screen (the worker reads the chain every block only then). */
export interface VisibilityReport {
  visible: boolean;
}

/**
 * UI side: follows live views on a port, reconnecting when the worker restarts. `alive` is asked before each reconnect: a content
 * script whose extension was updated or removed says no (its runtime is gone) and stops instead of failing. Reports the page's
 * visibility on connect and on every change: the background reads every block only while someone is looking.
 */
export function subscribe<T>(portName: string, onView: (view: T) => void, alive: () => boolean = () => true): () => void {
  let stopped = false;
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  // Without a document (unit tests in Node) there is nothing to report.
  const doc = typeof document === 'undefined' ? null : document;
  const report = () => doc && port?.postMessage({ visible: doc.visibilityState === 'visible' } satisfies VisibilityReport);
  const open = () => {
    if (stopped || !alive()) return;
    port = browser.runtime.connect({ name: portName });
    port.onMessage.addListener((msg: unknown) => onView(decodeBigints<T>(msg)));
    port.onDisconnect.addListener(() => {
      port = null;
      // The worker was stopped (MV3); a new one answers the next connect.
      if (!stopped && alive()) setTimeout(open, 500);
    });
    report();
  };
  doc?.addEventListener('visibilitychange', report);
  open();
  return () => {
    stopped = true;
    doc?.removeEventListener('visibilitychange', report);
    port?.disconnect();
  };
}

/**
 * Background side: tracks ports by name and pushes views to them. Views are handed over already
 * encoded (`encodeBigints`) so one encoding serves every subscriber.
 */
export function createPortHub() {
  type Port = ReturnType<typeof browser.runtime.connect>;
  const ports = new Map<string, Set<Port>>();
  const firstViews = new Map<string, () => unknown>();
  const openListeners: { name: string; cb: () => void }[] = [];
  // Which subscribed pages are on screen, as each reports (./attention.ts).
  const attention = createAttention<Port>();
  browser.runtime.onConnect.addListener((port) => {
    for (const l of openListeners) if (l.name === port.name) l.cb();
    const set = ports.get(port.name) ?? new Set();
    ports.set(port.name, set);
    set.add(port);
    port.onMessage.addListener((msg: unknown) => {
      if (msg && typeof msg === 'object' && typeof (msg as VisibilityReport).visible === 'boolean') attention.report(port, (msg as VisibilityReport).visible);
    });
    port.onDisconnect.addListener(() => {
      set.delete(port);
      attention.gone(port);
    });
    const first = firstViews.get(port.name);
    if (first) port.postMessage(first());
  });
  return {
    /** Whether someone is looking: a subscribed page (popup, a tab with badges) reported itself visible. */
    looking: attention.looking,
    onLookingChange: attention.onChange,
    /** What each new subscriber of `name` gets first (an encoded view). */
    onConnect(name: string, encodedView: () => unknown) {
      firstViews.set(name, encodedView);
    },
    /** Called whenever a UI subscribes to `name` (e.g. to retry failing sources now that someone is looking). */
    onOpen(name: string, cb: () => void) {
      openListeners.push({ name, cb });
    },
    /** Whether any UI is subscribed to any view. */
    anyOpen() {
      return [...ports.values()].some((set) => set.size > 0);
    },
    broadcast(name: string, encoded: unknown) {
      for (const port of ports.get(name) ?? []) {
        try {
          port.postMessage(encoded);
        } catch {
          ports.get(name)?.delete(port);
          attention.gone(port);
        }
      }
    },
    hasSubscribers(name: string) {
      return (ports.get(name)?.size ?? 0) > 0;
    },
  };
}
