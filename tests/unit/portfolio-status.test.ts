import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '@/lib/chain/connection';
import { formatAge, freshness, staleText } from '@/lib/portfolio/status';

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
    expect(freshness({ snapshot: snapshot(0), connection: live }, 59_000).kind).toBe('live');
  });
  it('stale when disconnected or when the data is older than 60 s', () => {
    const off = { ...live, status: 'offline' as const, retryAt: 70_000 };
    const f = freshness({ snapshot: snapshot(0), connection: off }, 1_000);
    expect(f).toMatchObject({ kind: 'stale', why: 'disconnected' });
    expect(staleText(f as Extract<typeof f, { kind: 'stale' }>, 125_000)).toBe('Stale: last block #77, 2 min ago — offline, retrying now');
    const old = freshness({ snapshot: snapshot(0), connection: live }, 61_000);
    expect(old).toMatchObject({ kind: 'stale', why: 'old' });
    const connecting = freshness({ snapshot: snapshot(0), connection: { ...live, status: 'connecting' } }, 120_000);
    expect(staleText(connecting as Extract<typeof connecting, { kind: 'stale' }>, 120_000)).toBe('Stale: last block #77, 2 min ago — reconnecting');
  });
});
