import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '@/lib/chain/connection';
import { EXPECTED_BLOCK_MS, formatAge, noUsdNotice, freshness, staleText, statusPill, statusPillText } from '@/lib/portfolio/status';

const live: ConnectionState = { status: 'live', endpoint: 'ws://x', reason: null, since: 0, lastHeadAt: 0, retryAt: null };
const snapshot = (fetchedAt: number) => ({ block: { number: 77 }, fetchedAt });

describe('ages', () => {
  it('reads like a person would say it', () => {
    expect(formatAge(1_000, 1_000)).toBe('just now');
    expect(formatAge(0, 12_400)).toBe('12 s ago');
    expect(formatAge(0, 125_000)).toBe('2 min ago');
    expect(formatAge(0, 3 * 3_600_000)).toBe('3 h ago');
    expect(formatAge(0, 72 * 3_600_000)).toBe('3 d ago');
    expect(formatAge(5_000, 0)).toBe('just now');
  });
});

describe('freshness', () => {
  it('loading, waiting, live', () => {
    expect(freshness(null, 0).kind).toBe('loading');
    expect(freshness({ snapshot: null, connection: live }, 0).kind).toBe('waiting');
    expect(freshness({ snapshot: snapshot(0), connection: live }, 29_000).kind).toBe('live');
  });
  it('stale when disconnected or when the data is older than two and a half blocks (30 s)', () => {
    const off = { ...live, status: 'offline' as const, retryAt: 70_000 };
    const f = freshness({ snapshot: snapshot(0), connection: off }, 1_000);
    expect(f).toMatchObject({ kind: 'stale', why: 'disconnected' });
    expect(staleText(f as Extract<typeof f, { kind: 'stale' }>, 125_000)).toBe('Stale: last block #77, 2 min ago — offline, retrying now');
    const old = freshness({ snapshot: snapshot(0), connection: live }, 33_000);
    expect(old).toMatchObject({ kind: 'stale', why: 'old' });
    const connecting = freshness({ snapshot: snapshot(0), connection: { ...live, status: 'connecting' } }, 120_000);
    expect(staleText(connecting as Extract<typeof connecting, { kind: 'stale' }>, 120_000)).toBe('Stale: last block #77, 2 min ago — reconnecting');
  });
});

describe('status pill', () => {
  const pill = (connection: ConnectionState['status'] | null, snapshotAt: number | null, now: number) =>
    statusPill({ connection, snapshotAt, now, expectedBlockMs: EXPECTED_BLOCK_MS });

  it('Bittensor blocks are 12 s', () => {
    expect(EXPECTED_BLOCK_MS).toBe(12_000);
  });
  it('says connecting before the first snapshot, even while the socket is already open', () => {
    expect(pill('live', null, 5_000)).toEqual({ kind: 'connecting' });
    expect(pill('connecting', null, 5_000)).toEqual({ kind: 'connecting' });
    expect(pill('stale', null, 5_000)).toEqual({ kind: 'connecting' });
    expect(pill(null, null, 5_000)).toEqual({ kind: 'connecting' });
  });
  it('says live only with an open socket and recent data', () => {
    expect(pill('live', 100_000, 100_000)).toEqual({ kind: 'live' });
    expect(pill('live', 100_000, 130_000)).toEqual({ kind: 'live' });
    // A clock a little behind the snapshot's is not "old".
    expect(pill('live', 100_000, 99_000)).toEqual({ kind: 'live' });
  });
  it('says stale, with the age, over data 33 s old even while the socket says live', () => {
    expect(pill('live', 100_000, 133_000)).toEqual({ kind: 'stale', ageMs: 33_000 });
    expect(statusPillText(pill('live', 100_000, 133_000), 133_000)).toBe('stale · 33 s ago');
    expect(statusPillText(pill('connecting', 0, 125_000), 125_000)).toBe('stale · 2 min ago');
  });
  it('says connecting while reconnecting over recent data', () => {
    expect(pill('connecting', 100_000, 110_000)).toEqual({ kind: 'connecting' });
    expect(pill('stale', 100_000, 110_000)).toEqual({ kind: 'connecting' });
  });
  it('says offline when no endpoint answers, whatever is on screen', () => {
    expect(pill('offline', null, 0)).toEqual({ kind: 'offline' });
    expect(pill('offline', 100_000, 101_000)).toEqual({ kind: 'offline' });
    expect(pill('offline', 0, 600_000)).toEqual({ kind: 'offline' });
    expect(statusPillText({ kind: 'offline' }, 0)).toBe('offline');
  });
  it('scales with the expected block time', () => {
    expect(statusPill({ connection: 'live', snapshotAt: 0, now: 6_000, expectedBlockMs: 2_000 })).toEqual({ kind: 'stale', ageMs: 6_000 });
    expect(statusPill({ connection: 'live', snapshotAt: 0, now: 4_000, expectedBlockMs: 2_000 })).toEqual({ kind: 'live' });
  });
});

describe('no-USD notice', () => {
  it('is one short sentence; the sources\' messages are the detail', () => {
    // The price service's reason when every source failed (lib/price/service.ts).
    const reason = 'No current TAO/USD price. CoinGecko: CoinGecko answered 429. Binance: Binance failed: timeout. metagraph.sh: metagraph.sh\'s price is 95 min old (limit 60 min).';
    const n = noUsdNotice(reason);
    expect(n.text).toBe('No USD values: no current TAO/USD price.');
    expect(n.text).not.toContain('..');
    expect(n.detail).toBe(reason.slice('No current TAO/USD price. '.length));
    expect(noUsdNotice(null)).toEqual({ text: 'No USD values: no current TAO/USD price.', detail: null });
    expect(noUsdNotice('socket error').detail).toBe('socket error');
  });
});
