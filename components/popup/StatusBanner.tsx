import { freshness, staleText } from '@/lib/portfolio/status';
import { usePopupStore } from '@/lib/store/popup-store';
import { useNow } from '../common/useNow';

/** Loading, connecting, offline or stale (with the data's age), and errors — each with Retry where it helps. */
export function StatusBanner() {
  const view = usePopupStore((s) => s.view);
  const error = usePopupStore((s) => s.error);
  const retry = usePopupStore((s) => s.retry);
  const now = useNow();
  const f = freshness(view, now);
  const retryButton = (
    <button type="button" className="btn small" onClick={() => void retry()}>
      Retry
    </button>
  );
  return (
    <>
      {f.kind === 'loading' && (
        <p className="banner" role="status" data-testid="loading">
          Loading the last snapshot…
        </p>
      )}
      {f.kind === 'waiting' && (
        <div className={`banner ${f.connection.status === 'offline' ? 'bad' : ''}`} role="status" data-testid="waiting">
          <span>
            {f.connection.status === 'offline'
              ? `Cannot reach the chain${f.connection.reason ? `: ${f.connection.reason}` : ''}.`
              : `Connecting to ${f.connection.endpoint ?? 'the chain'}… The first snapshot appears with the next finalized block.`}
          </span>
          {f.connection.status === 'offline' && retryButton}
        </div>
      )}
      {f.kind === 'stale' && (
        <div className="banner warn" role="status" data-testid="stale-banner">
          <span>
            {staleText(f, now)}
            {f.connection.reason ? <span className="reason"> ({f.connection.reason})</span> : null}
          </span>
          {retryButton}
        </div>
      )}
      {f.kind === 'live' && view?.connection.reason && (
        <div className="banner warn" role="status" data-testid="read-error">
          <span>{view.connection.reason}</span>
          {retryButton}
        </div>
      )}
      {error && (
        <p className="banner bad" role="alert" data-testid="error">
          {error}
        </p>
      )}
    </>
  );
}

export function Notice() {
  const notice = usePopupStore((s) => s.notice);
  const dismiss = usePopupStore((s) => s.dismissNotice);
  if (!notice) return null;
  return (
    <div className="banner info" role="status" data-testid="notice">
      <span>{notice}</span>
      <button type="button" className="btn small" onClick={dismiss} aria-label="Dismiss">
        OK
      </button>
    </div>
  );
}
