/**
 * The content-script half of the wallet bridge: injects wallet-bridge.js into the page's main world
 * (the only place wallets inject) on first use, and talks to it on a private channel.
 */
import { injectScript } from 'wxt/utils/inject-script';
import { BRIDGE_TAG, isBridgeReply, type SignerPayload, type WalletAccount } from './protocol';

const TIMEOUT_MS = 5 * 60_000; // a person may take a while in the wallet's window

export function createBridgeClient() {
  const channel = crypto.randomUUID();
  let nextId = 1;
  let injected: Promise<unknown> | null = null;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  window.addEventListener('message', (event) => {
    if (event.source !== window || !isBridgeReply(event.data, channel)) return;
    const waiter = pending.get(event.data.id);
    if (!waiter) return;
    pending.delete(event.data.id);
    if (event.data.ok) waiter.resolve(event.data.value);
    else waiter.reject(new Error(event.data.error));
  });

  const call = async (kind: 'accounts' | 'sign', extra: Record<string, unknown> = {}): Promise<unknown> => {
    injected ??= injectScript('/wallet-bridge.js', {
      modifyScript: (script) => {
        script.dataset.channel = channel;
      },
    });
    await injected;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      setTimeout(() => {
        if (pending.delete(id)) reject(new Error('the wallet did not answer in time'));
      }, TIMEOUT_MS);
      window.postMessage({ tag: BRIDGE_TAG, channel, id, kind, ...extra }, window.location.origin);
    });
  };

  return {
    async accounts(): Promise<WalletAccount[]> {
      const raw = await call('accounts');
      // The bridge already reduced them to WalletAccount; check the shape again on this side.
      return Array.isArray(raw)
        ? raw.filter(
            (a): a is WalletAccount =>
              !!a && typeof a.address === 'string' && (a.name === null || typeof a.name === 'string') && typeof a.wallet === 'string',
          )
        : [];
    },
    async sign(payload: SignerPayload): Promise<string> {
      const signature = await call('sign', { payload });
      if (typeof signature !== 'string' || !/^0x[0-9a-f]+$/i.test(signature)) throw new Error('the wallet returned no signature');
      return signature;
    },
  };
}

export type BridgeClient = ReturnType<typeof createBridgeClient>;
