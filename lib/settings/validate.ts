/**
 * Validation of what a person types in the options page. Pure: every field comes back either as the
 * value to store or as a message; nothing is stored unless every field is valid.
 */
import { endpointProblem, httpBaseProblem } from '../config/defaults';
import { parseAmount } from '../units/amount';
import type { ManualRevenueEntry } from '../revenue/manual';
import type { RevenueWindow } from '../revenue/types';
import type { Settings, SiteId } from '../storage/settings';
import { MAX_IDLE_REFRESH_MINUTES, MIN_IDLE_REFRESH_MINUTES } from './idle-refresh';

/** The options form: text as typed. */
export interface SettingsForm {
  endpoints: string;
  priceApi: string;
  binanceApi: string;
  revenueApi: string;
  chutesApi: string;
  revenueWindow: RevenueWindow;
  revenueFeedUrl: string;
  dustThresholdTao: string;
  slippagePercent: string;
  mevShieldMinTao: string;
  idleRefreshMinutes: string;
  sites: Record<SiteId, boolean>;
  showPositionsInPageCards: boolean;
}

export type FormErrors = Partial<Record<keyof SettingsForm, string>>;

export function formFromSettings(s: Settings, formatTao: (rao: bigint) => string): SettingsForm {
  return {
    endpoints: s.endpoints.join('\n'),
    priceApi: s.priceApi,
    binanceApi: s.binanceApi,
    revenueApi: s.revenueApi,
    chutesApi: s.chutesApi,
    revenueWindow: s.revenueWindow,
    revenueFeedUrl: s.revenueFeedUrl ?? '',
    dustThresholdTao: formatTao(BigInt(s.dustThresholdRao)),
    slippagePercent: String(s.slippageBps / 100),
    mevShieldMinTao: formatTao(BigInt(s.mevShieldMinRao)),
    idleRefreshMinutes: String(s.idleRefreshMinutes),
    sites: { ...s.sites },
    showPositionsInPageCards: s.showPositionsInPageCards,
  };
}

function httpUrl(text: string, label: string): { value?: string; error?: string } {
  const problem = httpBaseProblem(text, label);
  if (problem) return { error: problem };
  return { value: new URL(text.trim()).toString().replace(/\/+$/, '') };
}

/** Parses a slippage tolerance in percent ("0.5") into basis points, refusing nonsense. */
export function parseSlippagePercent(text: string): { ok: true; bps: number } | { ok: false; error: string } {
  const parsed = parseAmount(text, 2, '%');
  if (!parsed.ok) return { ok: false, error: `Slippage: ${parsed.error}` };
  const bps = Number(parsed.value);
  if (bps <= 0) return { ok: false, error: 'Slippage must be above 0 %: a zero tolerance fails on any price move.' };
  if (bps > 5000) return { ok: false, error: 'Slippage above 50 % is refused: it offers no protection.' };
  return { ok: true, bps };
}

/** The slow cadence while nothing is visible: whole minutes, within bounds that keep alerts useful and the line quiet. */
export function parseIdleRefreshMinutes(text: string): { ok: true; minutes: number } | { ok: false; error: string } {
  const t = text.trim();
  const range = `${MIN_IDLE_REFRESH_MINUTES} to ${MAX_IDLE_REFRESH_MINUTES}`;
  if (!/^\d{1,4}$/.test(t)) return { ok: false, error: `Refresh while nothing is visible: a whole number of minutes, ${range}.` };
  const minutes = Number(t);
  if (minutes < MIN_IDLE_REFRESH_MINUTES || minutes > MAX_IDLE_REFRESH_MINUTES)
    return { ok: false, error: `Refresh while nothing is visible: ${range} minutes (alerts wait at most that long).` };
  return { ok: true, minutes };
}

export function settingsFromForm(
  form: SettingsForm,
  base: Settings,
): { ok: true; settings: Settings } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const endpoints = form.endpoints.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  if (endpoints.length === 0) errors.endpoints = 'Add at least one chain endpoint (wss://…).';
  // The first unsafe or malformed endpoint is named; nothing is saved until every one is usable.
  for (const e of endpoints) {
    const problem = endpointProblem(e);
    if (problem) {
      errors.endpoints = problem;
      break;
    }
  }
  const apis = {} as Pick<Settings, 'priceApi' | 'binanceApi' | 'revenueApi' | 'chutesApi'>;
  for (const [key, label] of [
    ['priceApi', 'The price API'],
    ['binanceApi', 'The Binance API'],
    ['revenueApi', 'The revenue API'],
    ['chutesApi', 'The Chutes API'],
  ] as const) {
    const r = httpUrl(form[key], label);
    if (r.error) errors[key] = r.error;
    else apis[key] = r.value!;
  }
  let revenueFeedUrl: string | null = null;
  if (form.revenueFeedUrl.trim()) {
    const r = httpUrl(form.revenueFeedUrl, 'The revenue feed');
    if (r.error) errors.revenueFeedUrl = r.error;
    else revenueFeedUrl = r.value!;
  }
  const dust = parseAmount(form.dustThresholdTao);
  if (!dust.ok) errors.dustThresholdTao = `Dust threshold: ${dust.error}`;
  const slippage = parseSlippagePercent(form.slippagePercent);
  if (!slippage.ok) errors.slippagePercent = slippage.error;
  const mev = parseAmount(form.mevShieldMinTao);
  if (!mev.ok) errors.mevShieldMinTao = `Shield threshold: ${mev.error}`;
  const idle = parseIdleRefreshMinutes(form.idleRefreshMinutes);
  if (!idle.ok) errors.idleRefreshMinutes = idle.error;

  if (Object.keys(errors).length || !dust.ok || !slippage.ok || !mev.ok || !idle.ok) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      ...base,
      endpoints,
      ...apis,
      revenueWindow: form.revenueWindow,
      revenueFeedUrl,
      dustThresholdRao: dust.value.toString(),
      slippageBps: slippage.bps,
      mevShieldMinRao: mev.value.toString(),
      idleRefreshMinutes: idle.minutes,
      sites: { ...form.sites },
      showPositionsInPageCards: form.showPositionsInPageCards,
    },
  };
}

/** A manual revenue entry from the form's fields, or the reason it is refused. */
export function manualEntryFromForm(
  input: { netuid: string; window: RevenueWindow; usd: string; note: string },
  now: number,
): { ok: true; entry: ManualRevenueEntry } | { ok: false; error: string } {
  if (!/^\d{1,5}$/.test(input.netuid.trim())) return { ok: false, error: 'Netuid must be a whole number, like 64.' };
  const usd = parseAmount(input.usd.replace(/^\$/, ''), 2, 'USD');
  if (!usd.ok) return { ok: false, error: `Revenue: ${usd.error}` };
  return {
    ok: true,
    entry: {
      netuid: Number(input.netuid.trim()),
      window: input.window,
      usd: Number(usd.value) / 100,
      asOf: now,
      note: input.note.trim().slice(0, 200) || undefined,
    },
  };
}
