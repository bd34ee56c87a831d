/**
 * The browser notification for a tracked transaction that has ended, in plain language. Pure: the
 * background shows what this returns (lib/background/tx-notifications.ts).
 */
import { upperFirst } from './errors';
import { isPending, type TxEntry } from './journal';

/** Notification ids carry the journal entry's id after this prefix. */
export const TX_NOTIFICATION_PREFIX = 'taolens-tx:';
/** Chrome cuts long notification text anyway; keep whole sentences readable. */
const MAX_MESSAGE = 300;

export interface TxNotice {
  id: string;
  title: string;
  message: string;
}

/** Null while the transaction is still on its way. */
export function txNotice(entry: TxEntry): TxNotice | null {
  if (isPending(entry)) return null;
  const id = TX_NOTIFICATION_PREFIX + entry.id;
  const block = entry.blockNumber !== null ? ` in block #${entry.blockNumber}` : '';
  switch (entry.status) {
    case 'finalized':
      return {
        id,
        title: `Done: ${entry.summary}`,
        message: `Finalized${block}${entry.shielded ? ', confirmed by the protected stake’s own result' : ''}. It shows in your portfolio from the next refresh.`,
      };
    case 'failed':
      return { id, title: `Failed: ${entry.summary}`, message: cap(entry.error?.message ?? 'The chain did not say why.') };
    default:
      return { id, title: `Not sent: ${entry.summary}`, message: cap(sentence(entry.error?.message ?? 'The node dropped the transaction.')) };
  }
}

function sentence(text: string): string {
  const t = upperFirst(text);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function cap(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}
