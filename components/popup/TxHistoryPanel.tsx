import { useMemo } from 'react';
import { historyRows } from '@/lib/staking/history';
import { usePopupStore } from '@/lib/store/popup-store';
import { Age } from '../common/Age';
import { shortAddress } from './Accounts';

/** Every staking transaction TaoLens sent, newest first, followed live from the journal. */
export function TxHistoryPanel() {
  const transactions = usePopupStore((s) => s.transactions);
  const accounts = usePopupStore((s) => s.view?.accounts ?? []);
  const rows = useMemo(() => historyRows(transactions), [transactions]);
  if (!rows.length) {
    return (
      <p className="muted" data-testid="history-empty">
        No transactions yet. Stakes, unstakes and moves you sign through TaoLens are listed here and followed to the end, even
        after the page or popup closes.
      </p>
    );
  }
  return (
    <ul className="history" aria-label="Transactions, newest first" data-testid="history">
      {rows.map((r) => {
        const name = accounts.find((a) => a.address === r.address)?.name;
        return (
          <li key={r.id} className={`tx tx-${r.status}`} data-testid="history-row" data-status={r.status} data-block={r.blockNumber ?? ''}>
            <div className="tx-head">
              <span className="tx-summary">{r.summary}</span>
              <span className="tx-status" data-testid="history-status">
                {r.statusLabel}
                {r.status === 'finalized' && r.blockNumber !== null ? ` in block #${r.blockNumber}` : ''}
              </span>
            </div>
            {r.reason && (
              <p className="tx-reason" role="note">
                {r.reason}
              </p>
            )}
            <p className="source">
              {name ? `${name} · ` : ''}
              <span title={r.address}>{shortAddress(r.address)}</span>
              {r.shielded ? ' · MEV-shielded' : ''} · <span title={r.hash}>{shortAddress(r.hash)}</span> · <Age at={r.at} />
            </p>
          </li>
        );
      })}
    </ul>
  );
}
