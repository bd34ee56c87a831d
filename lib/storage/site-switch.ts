/**
 * A content script's view of its site's switch (Settings.sites), read straight from `storage.local`:
 * @wxt-dev/storage is about 8 kB of a content script that must stay near 17 kB gzip, for one boolean.
 * The settings item (lib/storage/settings.ts) writes the same key.
 */
import { browser } from 'wxt/browser';
import type { SiteId } from '../sites/registry';

/** Where `settingsItem` keeps the settings in `storage.local`. */
export const SETTINGS_KEY = 'settings';

/** A site's switch in stored settings (however old their shape): on unless switched off. */
export function siteSwitchOf(stored: unknown, id: SiteId): boolean {
  const sites = (stored as { sites?: Partial<Record<SiteId, unknown>> } | null | undefined)?.sites;
  return sites?.[id] !== false;
}

/** Calls `cb` with the switch now and whenever the settings change; returns the stop function. */
export function watchSiteSwitch(id: SiteId, cb: (on: boolean) => void): () => void {
  let stopped = false;
  const changed = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) cb(siteSwitchOf(changes[SETTINGS_KEY]!.newValue, id));
  };
  browser.storage.onChanged.addListener(changed);
  void browser.storage.local.get(SETTINGS_KEY).then((got) => {
    if (!stopped) cb(siteSwitchOf(got[SETTINGS_KEY], id));
  });
  return () => {
    stopped = true;
    browser.storage.onChanged.removeListener(changed);
  };
}
