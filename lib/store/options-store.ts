/** The options page's state: the form as typed, its errors, and the save intent. */
import { create } from 'zustand';
import { browser } from 'wxt/browser';
import { originPattern } from '../config/defaults';
import { formatExact } from '../units/amount';
import { formFromSettings, manualEntryFromForm, settingsFromForm, type FormErrors, type SettingsForm } from '../settings/validate';
import { readSettings, settingsItem, type Settings } from '../storage/settings';
import type { RevenueWindow } from '../revenue/types';

export interface OptionsState {
  settings: Settings | null;
  form: SettingsForm | null;
  errors: FormErrors;
  status: string | null;
  load(): Promise<void>;
  edit(patch: Partial<SettingsForm>): void;
  save(): Promise<void>;
  addManual(input: { netuid: string; window: RevenueWindow; usd: string; note: string }): Promise<string | null>;
  removeManual(index: number): Promise<void>;
}

export const useOptionsStore = create<OptionsState>((set, get) => ({
  settings: null,
  form: null,
  errors: {},
  status: null,
  async load() {
    const settings = await readSettings();
    set({ settings, form: formFromSettings(settings, (rao) => formatExact(rao)), errors: {}, status: null });
  },
  edit(patch) {
    const form = get().form;
    if (form) set({ form: { ...form, ...patch }, status: null });
  },
  async save() {
    const { form, settings } = get();
    if (!form || !settings) return;
    const result = settingsFromForm(form, settings);
    if (!result.ok) {
      set({ errors: result.errors, status: 'Nothing was saved: fix the fields marked below.' });
      return;
    }
    // A data API or feed on a host the manifest does not list is asked for now, during the click, like the feed's.
    const asked = (['priceApi', 'binanceApi', 'revenueApi', 'chutesApi', 'revenueFeedUrl'] as const).filter(
      (key) => result.settings[key] && result.settings[key] !== settings[key],
    );
    if (asked.length) {
      const origins = [...new Set(asked.map((key) => originPattern(result.settings[key]!)))];
      const granted = await browser.permissions.request({ origins }).catch(() => false);
      if (!granted) {
        const errors = Object.fromEntries(asked.map((key) => [key, 'TaoLens needs permission to read that host; it was not granted.']));
        set({ errors, status: 'Nothing was saved.' });
        return;
      }
    }
    await settingsItem.setValue(result.settings);
    set({ settings: result.settings, errors: {}, status: 'Saved.' });
  },
  async addManual(input) {
    const settings = get().settings;
    if (!settings) return 'Settings are still loading.';
    const r = manualEntryFromForm(input, Date.now());
    if (!r.ok) return r.error;
    const next = { ...settings, manualRevenue: [...settings.manualRevenue, r.entry] };
    await settingsItem.setValue(next);
    set({ settings: next });
    return null;
  },
  async removeManual(index) {
    const settings = get().settings;
    if (!settings) return;
    const next = { ...settings, manualRevenue: settings.manualRevenue.filter((_, i) => i !== index) };
    await settingsItem.setValue(next);
    set({ settings: next });
  },
}));
