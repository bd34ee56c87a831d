/**
 * The private channel between the extension's isolated world and the wallet bridge in the page's main world.
 *
 * Both halves are content scripts declared at `document_start`, so they run before any page script. The
 * bridge makes a `MessageChannel` and hands one port to the isolated world in a synchronous DOM event,
 * once; after that nothing travels on the window or the DOM: requests, payloads, signatures and account
 * lists go over the port, which no page script ever holds. Whichever half runs second completes the
 * hand-over (the bridge dispatches the port; the isolated half announces itself if it came second), and
 * neither half listens any more afterwards, so a page dispatching the same events later gets nothing.
 */
/** Bridge → isolated world: a `MessageEvent` carrying the port (cancelled by the taker, so the bridge knows). */
export const BRIDGE_PORT_EVENT = 'taolens-bridge-port';
/** Isolated world → bridge: "I am listening now", for when the bridge ran first. */
export const BRIDGE_READY_EVENT = 'taolens-bridge-ready';

export interface WalletAccount {
  address: string;
  name: string | null;
  /** The wallet extension that reported it, e.g. "polkadot-js", "talisman", "subwallet-js". */
  wallet: string;
}

/** The polkadot.js signer payload (SignerPayloadJSON), as wallets take it. */
export type SignerPayload = Record<string, unknown> & { address: string; method: string };

/**
 * `sign`: a transaction payload the background issued for a confirmed flow, under its one-time id (the bridge
 * signs each id once). `signRaw`: the background's one-time account challenge, text wrapped in `<Bytes>`.
 */
export type BridgeRequest =
  | { id: number; kind: 'accounts' }
  | { id: number; kind: 'sign'; signId: string; wallet: string; payload: SignerPayload }
  | { id: number; kind: 'signRaw'; signId: string; wallet: string; address: string; data: string };

export type BridgeReply = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: string });

const SIGN_ID = /^[0-9a-f-]{16,64}$/i;

export function isBridgeRequest(data: unknown): data is BridgeRequest {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  if (typeof d.id !== 'number') return false;
  if (d.kind === 'accounts') return true;
  if (typeof d.signId !== 'string' || !SIGN_ID.test(d.signId) || typeof d.wallet !== 'string') return false;
  if (d.kind === 'signRaw') return typeof d.address === 'string' && typeof d.data === 'string' && isChallengeText(d.data);
  return d.kind === 'sign' && !!d.payload && typeof d.payload === 'object' && typeof (d.payload as SignerPayload).address === 'string';
}

export function isBridgeReply(data: unknown): data is BridgeReply {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return typeof d.id === 'number' && typeof d.ok === 'boolean';
}

/** The only raw messages the bridge will have signed: TaoLens's account challenge (lib/accounts/proofs.ts). */
export function isChallengeText(data: string): boolean {
  return /^<Bytes>TaoLens: prove you control this account for TaoLens on (?:[a-z0-9.-]{1,64}|this site)\. This is not a transaction\. Nonce [0-9a-f]{32}<\/Bytes>$/.test(data);
}

/** Accounts as a wallet reports them, kept to the fields we use and checked. */
export function toWalletAccounts(raw: unknown, wallet: string): WalletAccount[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((a) => {
    if (!a || typeof a !== 'object') return [];
    const { address, name } = a as { address?: unknown; name?: unknown };
    if (typeof address !== 'string' || address.length > 64) return [];
    return [{ address, name: typeof name === 'string' ? name.slice(0, 64) : null, wallet: wallet.slice(0, 32) }];
  });
}
