/**
 * One @polkadot/api connection to one endpoint, as a `Session` for the connection manager. The
 * manager owns reconnection, so the provider's own auto-reconnect is off.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { BlockRef } from '../model/types';
import { errorText, type Session } from './connection';
import { ChainReader } from './reader';
import { BITTENSOR_SIGNED_EXTENSIONS } from './signed-extensions';
import type { StorageChangeSet, SubscribeStorage } from './storage-follower';

export interface ChainSession extends Session {
  api: ApiPromise;
  reader: ChainReader;
  /** Raw JSON-RPC on this session's socket. */
  send<T>(method: string, params: unknown[]): Promise<T>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A socket that has not opened within this long is given up (the connection manager races the next one at 2.5 s). */
export const SOCKET_OPEN_MS = 5_000;

export async function openChainSession(endpoint: string, timeoutMs = 15_000, socketOpenMs = SOCKET_OPEN_MS): Promise<ChainSession> {
  const provider = new WsProvider(endpoint, false);
  const closeListeners: ((reason: string) => void)[] = [];
  let closed = false;
  const fireClose = (reason: string) => {
    if (closed) return;
    closed = true;
    for (const cb of closeListeners) cb(reason);
  };
  try {
    const opened = new Promise<void>((resolve, reject) => {
      provider.on('connected', () => resolve());
      provider.on('error', (e) => reject(new Error(`cannot connect (${errorText(e)})`)));
    });
    await provider.connect();
    await withTimeout(opened, Math.min(socketOpenMs, timeoutMs), 'opening the socket');
    // create() can hang forever on a node missing a core RPC method: race it.
    const api = await withTimeout(
      ApiPromise.create({ provider, noInitWarn: true, signedExtensions: BITTENSOR_SIGNED_EXTENSIONS, throwOnConnect: true }),
      timeoutMs,
      'reading the chain metadata',
    );
    const send = <T,>(method: string, params: unknown[]) => provider.send<T>(method, params);
    const subscribeStorage: SubscribeStorage = async (keys, onChanges) => {
      const id = await provider.subscribe('state_storage', 'state_subscribeStorage', [keys], (error, set: StorageChangeSet) => {
        if (!error) onChanges(set);
      });
      return async () => {
        await provider.unsubscribe('state_storage', 'state_unsubscribeStorage', id);
      };
    };
    const reader = new ChainReader(api, send, { subscribeStorage });
    provider.on('disconnected', () => fireClose('disconnected'));
    provider.on('error', (e) => fireClose(errorText(e)));
    return {
      endpoint,
      api,
      reader,
      send,
      onHead(cb: (head: BlockRef) => void) {
        void api.rpc.chain
          .subscribeFinalizedHeads((header) => cb({ number: header.number.toNumber(), hash: header.hash.toHex() }))
          .catch((e: unknown) => fireClose(`head subscription failed: ${errorText(e)}`));
      },
      onClose(cb) {
        closeListeners.push(cb);
      },
      async close() {
        closed = true;
        reader.stop();
        await api.disconnect().catch(() => {});
      },
    };
  } catch (err) {
    await provider.disconnect().catch(() => {});
    throw err;
  }
}
