/**
 * What the popup says about the data's freshness: ages ("12 s ago") and whether to show the stale banner.
 * Pure: `now` is passed in.
 */
import type { ConnectionState } from '../chain/connection';

/** Data older than this is stale even while the socket says live. */
export const STALE_AFTER_MS = 60_000;

/** "just now", "12 s ago", "2 min ago", "3 h ago", "2 d ago". Future times (clock skew) read as "just now". */
export function formatAge(thenMs: number, nowMs: number): string {
  const s = Math.floor((nowMs - thenMs) / 1000);
  if (s < 1) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

export type Freshness =
  | { kind: 'loading' }
  | { kind: 'waiting'; connection: ConnectionState }
  | { kind: 'live' }
  | { kind: 'stale'; blockNumber: number; fetchedAt: number; connection: ConnectionState; why: 'disconnected' | 'old' };

export function freshness(
  view: { snapshot: { block: { number: number }; fetchedAt: number } | null; connection: ConnectionState } | null,
  nowMs: number,
): Freshness {
  if (!view) return { kind: 'loading' };
  const { snapshot, connection } = view;
  if (!snapshot) return { kind: 'waiting', connection };
  const disconnected = connection.status !== 'live';
  const old = nowMs - snapshot.fetchedAt > STALE_AFTER_MS;
  if (!disconnected && !old) return { kind: 'live' };
  return { kind: 'stale', blockNumber: snapshot.block.number, fetchedAt: snapshot.fetchedAt, connection, why: disconnected ? 'disconnected' : 'old' };
}

/** The banner's sentence: "Stale: last block #N, 2 min ago — reconnecting". */
export function staleText(f: Extract<Freshness, { kind: 'stale' }>, nowMs: number): string {
  const tail =
    f.connection.status === 'offline' && f.connection.retryAt
      ? `offline, retrying ${f.connection.retryAt <= nowMs ? 'now' : `in ${Math.ceil((f.connection.retryAt - nowMs) / 1000)} s`}`
      : f.connection.status === 'live'
        ? 'waiting for a new block'
        : 'reconnecting';
  return `Stale: last block #${f.blockNumber}, ${formatAge(f.fetchedAt, nowMs)} — ${tail}`;
}
