/** The options page's alerts: rules as stored, the add intent (validated; nothing saved on bad input), quiet hours. */
import { create } from 'zustand';
import { parseRule, validateAlertSettings, type AlertSettings, type RuleDraft } from '../alerts/rules';
import { request } from '../messaging/protocol';
import { alertSettingsItem } from '../storage/network';

interface AlertsState {
  settings: AlertSettings | null;
  /** Subnets on chain, and those held in watched accounts (suggested first). */
  netuids: number[];
  held: number[];
  load(): Promise<void>;
  /** Returns an error message, or null when saved. */
  add(draft: RuleDraft): Promise<string | null>;
  remove(id: string): Promise<void>;
  setEnabled(on: boolean): Promise<void>;
  setQuiet(quiet: AlertSettings['quiet']): Promise<string | null>;
}

async function store(next: AlertSettings): Promise<string | null> {
  const checked = validateAlertSettings(next);
  if (!checked.ok) return checked.error;
  await alertSettingsItem.setValue(checked.settings);
  return null;
}

export const useAlertsStore = create<AlertsState>((set, get) => ({
  settings: null,
  netuids: [],
  held: [],
  async load() {
    set({ settings: await alertSettingsItem.getValue() });
    const res = await request({ type: 'summaries/get' });
    if (res.ok) {
      set({
        netuids: res.value.subnets.map((s) => s.netuid),
        held: [...new Set(res.value.holdings.map((h) => h.netuid))].sort((a, b) => a - b),
      });
    }
  },
  async add(draft) {
    const settings = get().settings;
    if (!settings) return 'Alerts are still loading.';
    if (!get().netuids.length && draft.target.trim() !== 'network') return 'TaoLens has not read the chain yet, so it cannot check that subnet; try again in a moment.';
    const parsed = parseRule(draft, `r${Date.now().toString(36)}`, get().netuids);
    if (!parsed.ok) return parsed.error;
    const next = { ...settings, rules: [...settings.rules, parsed.rule] };
    const error = await store(next);
    if (!error) set({ settings: next });
    return error;
  },
  async remove(id) {
    const settings = get().settings;
    if (!settings) return;
    const next = { ...settings, rules: settings.rules.filter((r) => r.id !== id) };
    if (!(await store(next))) set({ settings: next });
  },
  async setEnabled(enabled) {
    const settings = get().settings;
    if (!settings) return;
    const next = { ...settings, enabled };
    if (!(await store(next))) set({ settings: next });
  },
  async setQuiet(quiet) {
    const settings = get().settings;
    if (!settings) return 'Alerts are still loading.';
    const next = { ...settings, quiet };
    const error = await store(next);
    if (!error) set({ settings: next });
    return error;
  },
}));
