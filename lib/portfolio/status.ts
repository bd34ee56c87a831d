/**
 * What the popup says about the data's freshness: ages ("12 s ago"), the status pill and whether to show the
 * stale banner. Pure: `now` is passed in.
 */
import type { ConnectionState, ConnectionStatus } from '../chain/connection';
import { BLOCKS_PER_DAY } from '../model/types';

/** Bittensor's block time: 7,200 blocks a day. */
export const EXPECTED_BLOCK_MS = 86_400_000 / Number(BLOCKS_PER_DAY);

/**
 * Data is stale once more than two and a half expected blocks passed without a new read: one late or missed
 * finalized head is normal, more is not (30 s at 12 s blocks), whatever the socket says.
 */
export const staleAfterMs = (expectedBlockMs: number) => expectedBlockMs * 2.5;

export type StatusPill = { kind: 'connecting' } | { kind: 'live' } | { kind: 'stale'; ageMs: number } | { kind: 'offline' };

/**
 * The header's status, from what is true of the connection and of the data on screen:
 * - offline: no endpoint answers (whatever is on screen, the banner gives its age);
 * - connecting: no snapshot yet, or the socket is being (re)opened while the data is still recent;
 * - stale (with the data's age): the last read is older than `staleAfterMs`, even while the socket is open;
 * - live: the socket is open and the last read is recent.
 */
export function statusPill(input: {
  connection: ConnectionStatus | null;
  /** When the snapshot on screen was read (ms since epoch), or null when there is none. */
  snapshotAt: number | null;
  now: number;
  expectedBlockMs: number;
}): StatusPill {
  if (input.connection === 'offline') return { kind: 'offline' };
  if (input.snapshotAt === null) return { kind: 'connecting' };
  const ageMs = Math.max(0, input.now - input.snapshotAt);
  if (ageMs > staleAfterMs(input.expectedBlockMs)) return { kind: 'stale', ageMs };
  return input.connection === 'live' ? { kind: 'live' } : { kind: 'connecting' };
}

/** "live", "connecting", "offline", "stale · 33 s ago". */
export function statusPillText(pill: StatusPill, now: number): string {
  return pill.kind === 'stale' ? `stale · ${formatAge(now - pill.ageMs, now)}` : pill.kind;
}

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
  const old = nowMs - snapshot.fetchedAt > staleAfterMs(EXPECTED_BLOCK_MS);
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

/**
 * The popup's notice when USD figures are missing: one short sentence. The price service's reason (each
 * source's own message, several sentences) is the detail, shown on hover.
 */
export function noUsdNotice(reason: string | null): { text: string; detail: string | null } {
  const detail = (reason ?? '').replace(/^No current TAO\/USD price\.?\s*/i, '').trim();
  return { text: 'No USD values: no current TAO/USD price.', detail: detail || null };
}
