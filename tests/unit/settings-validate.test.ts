import { describe, expect, it } from 'vitest';
import { formFromSettings, manualEntryFromForm, parseSlippagePercent, settingsFromForm } from '@/lib/settings/validate';
import { defaultSettings } from '@/lib/storage/settings';
import { formatExact } from '@/lib/units/amount';

const form = () => formFromSettings(defaultSettings, (rao) => formatExact(rao));

describe('options form', () => {
  it('round-trips the defaults unchanged', () => {
    const r = settingsFromForm(form(), defaultSettings);
    expect(r).toEqual({ ok: true, settings: defaultSettings });
  });

  it('takes endpoints one per line and exact TAO amounts', () => {
    const r = settingsFromForm(
      { ...form(), endpoints: 'ws://127.0.0.1:9944\nwss://b.example:443', dustThresholdTao: '0.000000001', slippagePercent: '1.25', mevShieldMinTao: '2.5' },
      defaultSettings,
    );
    expect(r.ok && r.settings).toMatchObject({
      endpoints: ['ws://127.0.0.1:9944', 'wss://b.example:443'],
      dustThresholdRao: '1',
      slippageBps: 125,
      mevShieldMinRao: '2500000000',
    });
  });

  it.each([
    ['ws://node.example:9944', 'endpoints', 'ws:// is unencrypted'],
    ['ws://10.0.0.5:9944', 'endpoints', 'Use wss://'],
    ['ws://169.254.1.1', 'endpoints', 'allowed only for this computer'],
  ] as const)('refuses the unencrypted endpoint %s with a clear message', (value, field, message) => {
    const r = settingsFromForm({ ...form(), [field]: value }, defaultSettings);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.errors[field]).toContain(message);
  });

  it.each([
    ['priceApi', 'http://169.254.169.254'],
    ['revenueApi', 'http://api.example'],
    ['revenueFeedUrl', 'http://feed.example/f.json'],
  ] as const)('refuses a plain-http %s to another computer, and allows it to this one', (field, value) => {
    const r = settingsFromForm({ ...form(), [field]: value }, defaultSettings);
    expect(r.ok ? '' : r.errors[field]).toContain('http:// is unencrypted');
    expect(settingsFromForm({ ...form(), [field]: 'http://127.0.0.1:8080', endpoints: 'ws://localhost:9944\nws://[::1]:9944' }, defaultSettings).ok).toBe(true);
  });

  it('refuses bad fields with messages and saves nothing', () => {
    const r = settingsFromForm(
      { ...form(), endpoints: 'https://rpc.example', priceApi: 'ftp://x', dustThresholdTao: '1e3', slippagePercent: '0' },
      defaultSettings,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.endpoints).toContain('must start with wss://');
    expect(r.errors.priceApi).toContain('https://');
    expect(r.errors.dustThresholdTao).toMatch(/^Dust threshold: /);
    expect(r.errors.slippagePercent).toContain('above 0 %');
  });

  it('bounds slippage to something that still protects', () => {
    expect(parseSlippagePercent('0.5')).toEqual({ ok: true, bps: 50 });
    expect(parseSlippagePercent('50.01').ok).toBe(false);
    expect(parseSlippagePercent('abc').ok).toBe(false);
  });

  it('checks manual revenue entries', () => {
    expect(manualEntryFromForm({ netuid: '64', window: '7d', usd: '$12,345.67', note: ' mine ' }, 5)).toEqual({
      ok: true,
      entry: { netuid: 64, window: '7d', usd: 12345.67, asOf: 5, note: 'mine' },
    });
    expect(manualEntryFromForm({ netuid: 'SN64', window: '7d', usd: '1', note: '' }, 5).ok).toBe(false);
    expect(manualEntryFromForm({ netuid: '64', window: '7d', usd: '-1', note: '' }, 5).ok).toBe(false);
  });
});
