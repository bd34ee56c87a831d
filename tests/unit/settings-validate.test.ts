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

  it('refuses bad fields with messages and saves nothing', () => {
    const r = settingsFromForm(
      { ...form(), endpoints: 'https://rpc.example', priceApi: 'ftp://x', dustThresholdTao: '1e3', slippagePercent: '0' },
      defaultSettings,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.endpoints).toContain('must start with ws:// or wss://');
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
