/**
 * The private channel between a content script and the wallet bridge in the page's main world.
 * Messages travel by window.postMessage, carry a per-page random channel id, and are checked for
 * shape on both sides; anything else on the window is ignored. Signatures coming back are verified
 * by the background against the exact payload, so a page cannot forge one.
 */
export const BRIDGE_TAG = 'taolens-wallet-bridge/1';

export interface WalletAccount {
  address: string;
  name: string | null;
  /** The wallet extension that reported it, e.g. "polkadot-js", "talisman", "subwallet-js". */
  wallet: string;
}

/** The polkadot.js signer payload (SignerPayloadJSON), as wallets take it. */
export type SignerPayload = Record<string, unknown> & { address: string; method: string };

export type BridgeRequest =
  | { tag: typeof BRIDGE_TAG; channel: string; id: number; kind: 'accounts' }
  | { tag: typeof BRIDGE_TAG; channel: string; id: number; kind: 'sign'; payload: SignerPayload };

export type BridgeReply = { tag: typeof BRIDGE_TAG; channel: string; id: number; reply: true } & (
  | { ok: true; value: unknown }
  | { ok: false; error: string }
);

export function isBridgeRequest(data: unknown, channel: string): data is BridgeRequest {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  if (d.tag !== BRIDGE_TAG || d.channel !== channel || typeof d.id !== 'number' || 'reply' in d) return false;
  if (d.kind === 'accounts') return true;
  return d.kind === 'sign' && !!d.payload && typeof d.payload === 'object' && typeof (d.payload as SignerPayload).address === 'string';
}

export function isBridgeReply(data: unknown, channel: string): data is BridgeReply {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return d.tag === BRIDGE_TAG && d.channel === channel && d.reply === true && typeof d.id === 'number' && typeof d.ok === 'boolean';
}

/** Accounts as a wallet reports them, kept to the fields we use and checked. */
export function toWalletAccounts(raw: unknown): WalletAccount[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((a) => {
    if (!a || typeof a !== 'object') return [];
    const { address, meta } = a as { address?: unknown; meta?: { name?: unknown; source?: unknown } };
    if (typeof address !== 'string') return [];
    return [{ address, name: typeof meta?.name === 'string' ? meta.name.slice(0, 64) : null, wallet: typeof meta?.source === 'string' ? meta.source.slice(0, 32) : 'unknown' }];
  });
}
