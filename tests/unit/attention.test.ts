import { describe, expect, it } from 'vitest';
import { createTxFollowing, refreshDue } from '@/lib/background/attention';
import { DEFAULT_IDLE_REFRESH_MINUTES, idleEveryMs } from '@/lib/settings/idle-refresh';
import { createAttention } from '@/lib/messaging/attention';
import { formFromSettings, parseIdleRefreshMinutes, settingsFromForm } from '@/lib/settings/validate';
import { defaultSettings } from '@/lib/storage/settings';
import { formatExact } from '@/lib/units/amount';

const MIN = 60_000;
const idle = { looking: false, txFollowing: false, lastRefreshAt: 1_000_000, now: 1_000_000 + 12_000, idleEveryMs: 5 * MIN };

describe('refreshDue: cadence follows attention', () => {
  it('reads every block while someone is looking', () => {
    expect(refreshDue({ ...idle, looking: true })).toBe(true);
  });

  it('skips blocks while nothing is visible, until the slow cadence is due', () => {
    expect(refreshDue(idle)).toBe(false);
    expect(refreshDue({ ...idle, now: idle.lastRefreshAt + 5 * MIN - 1 })).toBe(false);
    expect(refreshDue({ ...idle, now: idle.lastRefreshAt + 5 * MIN })).toBe(true);
  });

  it('follows a transaction in flight every block, even while nothing is visible', () => {
    expect(refreshDue({ ...idle, txFollowing: true })).toBe(true);
  });

  it('reads the first head of a worker that has no snapshot at all', () => {
    expect(refreshDue({ ...idle, lastRefreshAt: null })).toBe(true);
  });
});

describe('idleEveryMs', () => {
  it('takes a stored whole number of minutes within bounds', () => {
    expect(idleEveryMs(1)).toBe(MIN);
    expect(idleEveryMs(60)).toBe(60 * MIN);
  });

  it.each([undefined, null, 0, -5, 61, 2.5, Number.NaN, '5'])('falls back to the default for a stored %s', (stored) => {
    expect(idleEveryMs(stored)).toBe(DEFAULT_IDLE_REFRESH_MINUTES * MIN);
  });
});

describe('createAttention', () => {
  it('counts a UI only once it reported itself visible, and not after it hid or went away', () => {
    const a = createAttention<string>();
    const changes: boolean[] = [];
    a.onChange((looking) => changes.push(looking));
    expect(a.looking()).toBe(false);
    a.report('tab', false);
    expect(a.looking()).toBe(false);
    a.report('tab', true);
    a.report('popup', true);
    expect(a.looking()).toBe(true);
    a.report('tab', false);
    expect(a.looking()).toBe(true); // the popup is still open
    a.gone('popup');
    expect(a.looking()).toBe(false);
    a.report('tab', true);
    a.gone('tab');
    expect(changes).toEqual([true, false, true, false]);
  });

  it('does not announce a repeated report', () => {
    const a = createAttention<string>();
    const changes: boolean[] = [];
    a.onChange((looking) => changes.push(looking));
    a.report('tab', true);
    a.report('tab', true);
    a.report('other', true);
    expect(changes).toEqual([true]);
  });
});

describe('createTxFollowing', () => {
  it('follows while an entry is pending and once more after it ends, until that block was read', () => {
    const t = createTxFollowing();
    expect(t.following()).toBe(false);
    t.update([{ id: 'a', pending: true }, { id: 'old', pending: false }]);
    expect(t.following()).toBe(true);
    t.read();
    expect(t.following()).toBe(true);
    t.update([{ id: 'a', pending: false }, { id: 'old', pending: false }]);
    expect(t.following()).toBe(true); // the block holding it is wanted
    t.read();
    expect(t.following()).toBe(false);
  });

  it('an ended entry that was never seen pending starts nothing', () => {
    const t = createTxFollowing();
    t.update([{ id: 'x', pending: false }]);
    expect(t.following()).toBe(false);
  });
});

describe('the options form: refresh while nothing is visible', () => {
  const form = () => formFromSettings(defaultSettings, (rao) => formatExact(rao));

  it('stores whole minutes', () => {
    const r = settingsFromForm({ ...form(), idleRefreshMinutes: ' 15 ' }, defaultSettings);
    expect(r.ok && r.settings.idleRefreshMinutes).toBe(15);
  });

  it.each(['0', '61', '2.5', '-1', 'five', ''])('refuses %j with a clear message and stores nothing', (text) => {
    expect(parseIdleRefreshMinutes(text).ok).toBe(false);
    const r = settingsFromForm({ ...form(), idleRefreshMinutes: text }, defaultSettings);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.errors.idleRefreshMinutes).toMatch(/^Refresh while nothing is visible: .*1 to 60/);
  });
});
