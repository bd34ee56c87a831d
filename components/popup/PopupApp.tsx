import { useEffect } from 'react';
import { usePopupStore } from '@/lib/store/popup-store';

/** The popup's root: grows into the portfolio and the subnet board. */
export function PopupApp() {
  const view = usePopupStore((s) => s.view);
  const connect = usePopupStore((s) => s.connect);
  useEffect(() => connect(), [connect]);
  const snapshot = view?.snapshot;
  return (
    <main aria-label="TaoLens">
      <h1 style={{ fontSize: 16, margin: 12 }}>TaoLens</h1>
      <p data-testid="connection">{view ? view.connection.status : 'loading'}</p>
      {snapshot && (
        <p data-testid="snapshot-block">
          block #{snapshot.block.number} · {snapshot.subnets.length} subnets
        </p>
      )}
    </main>
  );
}
