import { storage } from '@wxt-dev/storage';
import { buildDefaults } from '../config/build-defaults';
import type { ManualRevenueEntry } from '../revenue/manual';
import type { RevenueWindow } from '../revenue/types';
import { DEFAULT_SLIPPAGE_BPS } from '../staking/order-checks';
import { defaultSiteSwitches, type SiteId } from '../sites/registry';
import { SETTINGS_KEY } from './site-switch';
import { DEFAULT_IDLE_REFRESH_MINUTES } from '../settings/idle-refresh';

export type { SiteId } from '../sites/registry';

export interface Settings {
  /** Chain endpoints in order of preference (ws/wss). */
  endpoints: string[];
  priceApi: string;
  binanceApi: string;
  revenueApi: string;
  chutesApi: string;
  /** Window revenue and coverage are shown over. */
  revenueWindow: RevenueWindow;
  /** A user-supplied revenue feed (schema in docs/revenue-feed-schema.md), or null. */
  revenueFeedUrl: string | null;
  /** Revenue figures the user typed in the options page. */
  manualRevenue: ManualRevenueEntry[];
  /** Each site's switch (lib/sites/registry.ts). */
  sites: Record<SiteId, boolean>;
  /**
   * The user's own positions in the cards on pages ("Your positions: …"). Off by default: what a card shows is in
   * the page, and a person reading it there links their accounts to what the site knows about them.
   */
  showPositionsInPageCards: boolean;
  /** Positions worth less than this (rao of TAO, decimal string) are hidden as dust. */
  dustThresholdRao: string;
  /** Slippage tolerance in basis points (50 = 0.5 %). */
  slippageBps: number;
  /** Shielded (MEV-protected) submission from this amount up (rao of TAO, decimal string). */
  mevShieldMinRao: string;
  /** While nothing TaoLens shows is visible, the chain is read this often (minutes) instead of every block. */
  idleRefreshMinutes: number;
}

export const defaultSettings: Settings = {
  endpoints: buildDefaults.endpoints,
  priceApi: buildDefaults.priceApi,
  binanceApi: buildDefaults.binanceApi,
  revenueApi: buildDefaults.revenueApi,
  chutesApi: buildDefaults.chutesApi,
  revenueWindow: '7d',
  revenueFeedUrl: null,
  manualRevenue: [],
  sites: defaultSiteSwitches(),
  showPositionsInPageCards: false,
  dustThresholdRao: '10000000',
  slippageBps: DEFAULT_SLIPPAGE_BPS,
  mevShieldMinRao: '1000000000',
  idleRefreshMinutes: DEFAULT_IDLE_REFRESH_MINUTES,
};

export const settingsItem = storage.defineItem<Settings>(`local:${SETTINGS_KEY}`, {
  fallback: defaultSettings,
  version: 1,
});

/** Stored settings with any field a newer version added (a setting, a site's switch) filled from the defaults. */
const withDefaults = (stored: Partial<Settings>): Settings => ({ ...defaultSettings, ...stored, sites: { ...defaultSettings.sites, ...stored.sites } });

/** Settings as stored, with any field a newer version added filled from the defaults. */
export async function readSettings(): Promise<Settings> {
  return withDefaults(await settingsItem.getValue());
}

/** Calls `cb` with the settings, defaults filled as by `readSettings`, whenever they are saved; returns the unwatch. */
export function watchSettings(cb: (settings: Settings) => void): () => void {
  return settingsItem.watch((stored) => {
    if (stored) cb(withDefaults(stored));
  });
}
