import { useLayoutEffect } from 'react';
import { EXPECTED_BLOCK_MS, statusPill, statusPillText } from '@/lib/portfolio/status';
import { usePopupStore } from '@/lib/store/popup-store';
import { useNow } from '../common/useNow';
import { Accounts } from './Accounts';
import { BoardPanel } from './BoardPanel';
import { TxHistoryPanel } from './TxHistoryPanel';
import { NetworkPanel } from './NetworkPanel';
import { PortfolioPanel } from './PortfolioPanel';
import { StatusBanner, Notice } from './StatusBanner';
import { SubnetView } from './SubnetView';
import { Tabs } from './Tabs';

/** Connecting, live, stale (with the data's age) or offline: lib/portfolio/status.ts decides. */
function StatusPillView() {
  const view = usePopupStore((s) => s.view);
  const now = useNow();
  const pill = statusPill({
    connection: view?.connection.status ?? null,
    snapshotAt: view?.snapshot?.fetchedAt ?? null,
    now,
    expectedBlockMs: EXPECTED_BLOCK_MS,
  });
  return (
    <span className={`pill pill-${pill.kind}`} title={view?.connection.reason ?? undefined} data-status={pill.kind}>
      <span className="sr-only">Connection: </span>
      <span data-testid="connection">{statusPillText(pill, now)}</span>
    </span>
  );
}

export const DATA_ON_SCREEN_MARK = 'taolens:data-on-screen';
let marked = false;

/** The popup's root: status, accounts, then the portfolio, the subnet board (or one subnet) or the transaction history. */
export function PopupApp() {
  const view = usePopupStore((s) => s.view);
  const tab = usePopupStore((s) => s.tab);
  const openNetuid = usePopupStore((s) => s.openNetuid);
  const snapshot = view?.snapshot ?? null;
  // Pools and emission are read about once a minute, prices every block (lib/chain/reader.ts ReadCadence).
  const infoBlock = snapshot?.subnets.find((s) => s.infoBlock !== undefined)?.infoBlock;

  // The first snapshot is in the DOM (not yet painted): one of the parts the popup benchmark reports.
  useLayoutEffect(() => {
    if (snapshot && !marked) {
      marked = true;
      performance.mark(DATA_ON_SCREEN_MARK);
    }
  }, [snapshot]);

  return (
    <div className="app">
      <header className="top">
        <h1>TaoLens</h1>
        <StatusPillView />
      </header>
      <main aria-label="TaoLens">
        <StatusBanner />
        <Notice />
        <Accounts />
        <Tabs />
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="panel">
          {openNetuid !== null ? (
            <SubnetView netuid={openNetuid} />
          ) : tab === 'portfolio' ? (
            <PortfolioPanel />
          ) : tab === 'board' ? (
            <>
              <NetworkPanel />
              <BoardPanel />
            </>
          ) : (
            <TxHistoryPanel />
          )}
        </div>
      </main>
      <footer className="foot">
        {snapshot ? (
          <span data-testid="snapshot-block">
            block #{snapshot.block.number} · {snapshot.subnets.length} subnets
            {infoBlock !== undefined && ` · pools, emission and names from #${infoBlock}`}
          </span>
        ) : (
          <span>no data yet</span>
        )}
        {view?.connection.endpoint && <span className="endpoint"> · {view.connection.endpoint}</span>}
      </footer>
    </div>
  );
}
