import { storage } from '@wxt-dev/storage';
import { cleanName } from '../chain/text';

/** An account the popup shows: seen through a wallet (name and wallet as the wallet reports them) or typed in as watch-only. */
export interface AccountEntry {
  /** SS58, prefix 42. */
  address: string;
  name: string | null;
  /** The wallet that reported it (e.g. "talisman"), or null for a watch-only address. */
  wallet: string | null;
  addedAt: number;
}

export const accountsItem = storage.defineItem<AccountEntry[]>('local:accounts', { fallback: [] });

/** Which accounts the portfolio sums; empty = all. */
export const selectedAccountsItem = storage.defineItem<string[]>('local:selectedAccounts', { fallback: [] });

/** Wallet names ("talisman", "polkadot-js") are short; anything longer is not a wallet's id. */
const WALLET_NAME_MAX = 32;

/**
 * An entry as the worker stores and shows it: the name and wallet a wallet (or a page answering in its place)
 * reported are cleaned of bidi overrides, zero-width and control characters and capped (lib/chain/text.ts).
 */
export function cleanAccountEntry(a: AccountEntry): AccountEntry {
  const name = cleanName(a.name);
  const wallet = a.wallet === null ? null : (cleanName(a.wallet, WALLET_NAME_MAX) ?? 'unknown');
  return name === a.name && wallet === a.wallet ? a : { ...a, name, wallet };
}

/** Adds or updates accounts by address; wallet-reported names win over nothing, never over a newer report. */
export function mergeAccounts(existing: readonly AccountEntry[], incoming: readonly AccountEntry[]): AccountEntry[] {
  const byAddress = new Map(existing.map((a) => [a.address, a]));
  for (const a of incoming) {
    const old = byAddress.get(a.address);
    byAddress.set(a.address, old ? { ...old, name: a.name ?? old.name, wallet: a.wallet ?? old.wallet } : a);
  }
  return [...byAddress.values()];
}
