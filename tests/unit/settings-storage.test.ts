// lib/storage/settings.ts: settings read or watched come with the defaults of fields a newer version added.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings, readSettings, watchSettings, type Settings } from '@/lib/storage/settings';

/** Settings as an older version stored them: no idle-refresh field, one site switch only. */
const olderStored = () => {
  const { idleRefreshMinutes: _dropped, ...rest } = defaultSettings;
  return { ...rest, slippageBps: 120, sites: { taostats: false } };
};

describe('stored settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('read and watched alike: stored fields kept, missing ones (a setting, a site switch) from the defaults', async () => {
    const seen: Settings[] = [];
    const unwatch = watchSettings((s) => seen.push(s));
    await fakeBrowser.storage.local.set({ settings: olderStored() });
    await expect.poll(() => seen.length).toBe(1);
    const read = await readSettings();
    for (const s of [read, seen[0]!]) {
      expect(s.slippageBps).toBe(120);
      expect(s.idleRefreshMinutes).toBe(defaultSettings.idleRefreshMinutes);
      expect(s.sites).toEqual({ ...defaultSettings.sites, taostats: false });
    }
    expect(seen[0]).toEqual(read);
    unwatch();
    await fakeBrowser.storage.local.set({ settings: { ...olderStored(), slippageBps: 80 } });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(1);
  });
});
