/**
 * Which wallet account the panel opens on. Pure. An unstake or move starts on the account that holds stake on
 * the subnet (the largest holding); otherwise, and when none does, on the account the user last sent a
 * transaction from (the newest journal entry); else on the first account the wallet lists.
 */
import type { PanelAction, TxEntry } from './types';

export function startingAccount(
  accounts: readonly { address: string }[],
  facts: { action: PanelAction; holders: readonly { address: string; alpha: bigint }[]; journal: readonly Pick<TxEntry, 'address' | 'createdAt'>[] },
): string | null {
  const listed = new Set(accounts.map((a) => a.address));
  if (facts.action !== 'stake') {
    const holder = [...facts.holders].filter((h) => listed.has(h.address) && h.alpha > 0n).sort((a, b) => (a.alpha === b.alpha ? 0 : a.alpha > b.alpha ? -1 : 1))[0];
    if (holder) return holder.address;
  }
  const lastUsed = [...facts.journal].filter((e) => listed.has(e.address)).sort((a, b) => b.createdAt - a.createdAt)[0];
  return lastUsed?.address ?? accounts[0]?.address ?? null;
}
