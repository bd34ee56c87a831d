/**
 * The isolated-world half of the wallet bridge: asks the main-world bridge (./bridge.ts) over the private port
 * it handed over at document_start (./port-handoff.ts). Nothing goes through window.postMessage or the DOM.
 */
import { bridgePort } from './port-handoff';
import { isBridgeReply, type BridgeReply, type BridgeRequest, type SignerPayload, type WalletAccount } from './protocol';

const TIMEOUT_MS = 5 * 60_000; // a person may take a while in the wallet's window

type Request = BridgeRequest extends infer R ? (R extends BridgeRequest ? Omit<R, 'id'> : never) : never;

export function createBridgeClient(port: () => MessagePort | null = bridgePort) {
  let nextId = 1;
  let listening: MessagePort | null = null;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  const onReply = (event: MessageEvent) => {
    const reply = event.data as BridgeReply;
    if (!isBridgeReply(reply)) return;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(new Error(reply.error));
  };

  const call = (req: Request): Promise<unknown> => {
    const p = port();
    if (!p) return Promise.reject(new Error('the wallet bridge did not start on this page (reload the page and try again)'));
    if (listening !== p) {
      p.addEventListener('message', onReply);
      p.start();
      listening = p;
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      setTimeout(() => {
        if (pending.delete(id)) reject(new Error('the wallet did not answer in time'));
      }, TIMEOUT_MS);
      p.postMessage({ ...req, id });
    });
  };

  const signature = (value: unknown): string => {
    if (typeof value !== 'string' || !/^0x[0-9a-f]+$/i.test(value)) throw new Error('the wallet returned no signature');
    return value;
  };

  return {
    async accounts(): Promise<WalletAccount[]> {
      const raw = await call({ kind: 'accounts' });
      // The bridge already reduced them to WalletAccount; check the shape again on this side.
      return Array.isArray(raw)
        ? raw.filter(
            (a): a is WalletAccount =>
              !!a && typeof a.address === 'string' && (a.name === null || typeof a.name === 'string') && typeof a.wallet === 'string',
          )
        : [];
    },
    /** Signs a payload the background issued under `signId` (the bridge signs each id once). */
    async sign(signId: string, wallet: string, payload: SignerPayload): Promise<string> {
      return signature(await call({ kind: 'sign', signId, wallet, payload }));
    },
    /** Signs the background's one-time account challenge (text only; the bridge refuses anything else). */
    async signChallenge(signId: string, wallet: string, address: string, data: string): Promise<string> {
      return signature(await call({ kind: 'signRaw', signId, wallet, address, data }));
    },
  };
}

export type BridgeClient = ReturnType<typeof createBridgeClient>;

let frameClient: BridgeClient | null = null;

/** The one client of this frame (cards' Connect wallet and the staking panel share it and its port listener). */
export function frameBridgeClient(): BridgeClient {
  frameClient ??= createBridgeClient();
  return frameClient;
}
