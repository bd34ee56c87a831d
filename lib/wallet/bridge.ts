/**
 * The page-world half of the wallet bridge: a content script in the page's main world at `document_start`
 * (entrypoints/wallet-bridge.content.ts), the only world where wallets put `window.injectedWeb3`. It lists
 * accounts and signs what the isolated world hands it over the private port (./protocol.ts), nothing more:
 * it never builds or submits a transaction, and it has no dependency (no @polkadot/*), so it stays tiny.
 *
 * It runs before any page script, so it takes its own references to what it uses later (the port's
 * postMessage, the event's data getter, the wallets' `enable`); page scripts that patch prototypes or
 * replace `injectedWeb3` entries afterwards do not reach them. Wallet entries are kept as first registered:
 * a later script cannot swap a wallet's `enable` for its own.
 */
import { BRIDGE_PORT_EVENT, BRIDGE_READY_EVENT, isBridgeRequest, toWalletAccounts, type BridgeReply, type BridgeRequest } from './protocol';

interface InjectedSigner {
  signPayload?(payload: unknown): Promise<{ signature: string }>;
  signRaw?(raw: { address: string; data: string; type: 'bytes' }): Promise<{ signature: string }>;
}
interface Injected {
  accounts: { get(anyType?: boolean): Promise<unknown[]> };
  signer: InjectedSigner;
}
interface WalletEntry {
  enable(origin: string): Promise<Injected>;
  version?: string;
}

const APP_NAME = 'TaoLens';

export function runWalletBridge(): void {
  const win = window as unknown as { injectedWeb3?: Record<string, WalletEntry> };
  // Pristine references, taken before any page script can patch them.
  const call = Function.prototype.call;
  const bindTo = <F extends (...a: never[]) => unknown>(fn: F, self: unknown) => call.bind(fn, self) as unknown as OmitThisParameter<F>;
  const dataOf = call.bind(Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')!.get!) as (e: MessageEvent) => unknown;
  const dispatch = bindTo(EventTarget.prototype.dispatchEvent, document) as (e: Event) => boolean;
  const listen = bindTo(EventTarget.prototype.addEventListener, document) as (t: string, l: (e: Event) => void, c: boolean) => void;
  const unlisten = bindTo(EventTarget.prototype.removeEventListener, document) as (t: string, l: (e: Event) => void, c: boolean) => void;
  const preventDefault = call.bind(Event.prototype.preventDefault) as (e: Event) => void;
  const encode = bindTo(TextEncoder.prototype.encode, new TextEncoder()) as (s: string) => Uint8Array;
  const defineProperty = Object.defineProperty;
  const keys = Object.keys;
  const MessageEventCtor = MessageEvent;

  // Wallets as first registered. Scripts add entries to `window.injectedWeb3` by assignment; the object is ours,
  // and the entry's `enable` is captured at that moment.
  const wallets: Record<string, WalletEntry['enable']> = Object.create(null);
  const capture = (name: string, entry: unknown) => {
    if (name in wallets || !entry || typeof (entry as WalletEntry).enable !== 'function') return;
    wallets[name] = (entry as WalletEntry).enable;
  };
  const existing = win.injectedWeb3 && typeof win.injectedWeb3 === 'object' ? win.injectedWeb3 : {};
  for (const name of keys(existing)) capture(name, existing[name]);
  const register = (target: Record<string, WalletEntry>, name: string | symbol, entry: unknown) => {
    // A name already taken keeps its first entry; ignored rather than thrown, so a wallet injecting twice does not break.
    if (typeof name !== 'string' || name in wallets) return true;
    capture(name, entry);
    defineProperty(target, name, { value: entry, enumerable: true, writable: true, configurable: true });
    return true;
  };
  const registry = new Proxy(existing, {
    set: (target, name, entry) => register(target, name, entry),
    defineProperty: (target, name, descriptor) => register(target, name, descriptor.value),
    deleteProperty: () => true,
  });
  try {
    defineProperty(window, 'injectedWeb3', { get: () => registry, set: () => {}, enumerable: true, configurable: false });
  } catch {
    // Another script owns the property already; the entries captured above are still ours.
  }

  const channel = new MessageChannel();
  const port = channel.port1;
  const post = bindTo(MessagePort.prototype.postMessage, port) as (m: BridgeReply) => void;

  let enabled: Promise<Record<string, Injected>> | null = null;
  const enableAll = (): Promise<Record<string, Injected>> =>
    (enabled ??= (async () => {
      const out: Record<string, Injected> = Object.create(null);
      for (const name of keys(wallets)) {
        try {
          out[name] = await wallets[name]!(APP_NAME);
        } catch {
          // A wallet the user did not allow for this site (or locked): the others still answer.
        }
      }
      return out;
    })());
  // Each signing id the background issued is signed at most once.
  const usedIds: Record<string, true> = Object.create(null);

  const hex = (text: string) => {
    let s = '0x';
    for (const b of encode(text)) s += (b < 16 ? '0' : '') + b.toString(16);
    return s;
  };

  const serve = async (req: BridgeRequest): Promise<unknown> => {
    const injected = await enableAll();
    const names = keys(injected);
    if (!names.length) {
      throw new Error('No wallet answered: install or unlock Polkadot.js, Talisman, SubWallet or Bittensor Wallet, and allow this site.');
    }
    if (req.kind === 'accounts') {
      const lists = await Promise.all(names.map(async (n) => toWalletAccounts(await injected[n]!.accounts.get().catch(() => []), n)));
      return lists.flat();
    }
    if (req.signId in usedIds) throw new Error('this signing request was already used');
    usedIds[req.signId] = true;
    const signer = injected[req.wallet]?.signer;
    if (!signer) throw new Error(`the wallet "${req.wallet}" is not available on this page`);
    if (req.kind === 'signRaw') {
      if (!signer.signRaw) throw new Error('this wallet cannot sign messages');
      return (await signer.signRaw({ address: req.address, data: hex(req.data), type: 'bytes' })).signature;
    }
    if (!signer.signPayload) throw new Error('this wallet cannot sign transaction payloads');
    return (await signer.signPayload(req.payload)).signature;
  };

  port.onmessage = (event: MessageEvent) => {
    const req = dataOf(event);
    if (!isBridgeRequest(req)) return;
    serve(req).then(
      (value) => post({ id: req.id, ok: true, value }),
      (err: unknown) => post({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  };

  // The hand-over, once: taken (cancelled) by the isolated half if it is already listening; otherwise done
  // when it announces itself. Both halves are injected before the parser adds any node, and a page script is
  // a node before it runs: so the bridge stops waiting at the first node added (the observer's callback runs
  // in the microtask checkpoint the parser performs before running a script). A page never gets the port.
  const handOver = () => !dispatch(new MessageEventCtor(BRIDGE_PORT_EVENT, { ports: [channel.port2], cancelable: true }));
  if (handOver()) return;
  const onReady = (event: Event) => {
    preventDefault(event);
    if (handOver()) stopWaiting();
  };
  const firstNode = new MutationObserver(() => stopWaiting());
  const stopWaiting = () => {
    unlisten(BRIDGE_READY_EVENT, onReady, true);
    firstNode.disconnect();
  };
  listen(BRIDGE_READY_EVENT, onReady, true);
  firstNode.observe(document, { childList: true, subtree: true });
}
