import { useEffect, useId, useState, type ReactNode } from 'react';
import { useOptionsStore } from '@/lib/store/options-store';
import type { SettingsForm } from '@/lib/settings/validate';
import type { RevenueWindow } from '@/lib/revenue/types';
import { SITES } from '@/lib/sites/registry';
import { formatUsd } from '@/lib/units/amount';
import { AlertsSection } from './AlertsSection';

const WINDOWS: RevenueWindow[] = ['1d', '7d', '30d'];

function Field(props: { label: string; error?: string; hint?: string; children: (id: string, describedBy: string) => ReactNode }) {
  const id = useId();
  const errId = `${id}-err`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, props.error ? errId : '')}
      {props.hint && <small>{props.hint}</small>}
      {props.error && (
        <p id={errId} role="alert" className="error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The settings page: renders the form and dispatches edit/save intents. */
export function OptionsApp() {
  const { form, errors, status, settings, load, edit, save, addManual, removeManual } = useOptionsStore();
  const [manual, setManual] = useState({ netuid: '', window: '7d' as RevenueWindow, usd: '', note: '' });
  const [manualError, setManualError] = useState<string | null>(null);
  useEffect(() => void load(), [load]);
  if (!form || !settings) return <main aria-busy="true">Loading settings…</main>;

  const text = (key: keyof SettingsForm, label: string, hint?: string, multiline = false) => (
    <Field label={label} error={errors[key]} hint={hint}>
      {(id, describedBy) =>
        multiline ? (
          <textarea id={id} aria-describedby={describedBy || undefined} aria-invalid={!!errors[key]} rows={3}
            value={form[key] as string} onChange={(e) => edit({ [key]: e.target.value })} />
        ) : (
          <input id={id} aria-describedby={describedBy || undefined} aria-invalid={!!errors[key]}
            value={form[key] as string} onChange={(e) => edit({ [key]: e.target.value })} />
        )
      }
    </Field>
  );

  return (
    <main aria-label="TaoLens settings" className="options">
      <h1>TaoLens settings</h1>
      <p><a href="/privacy.txt" target="_blank" rel="noreferrer">Privacy: every host TaoLens talks to, what it sends and what it stores</a></p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>Chain</legend>
          {text('endpoints', 'Chain endpoints', 'One wss:// URL per line, tried in order (ws:// only for this computer).', true)}
          {text('idleRefreshMinutes', 'Refresh while nothing is visible (minutes)', 'Every block while the popup or a page with TaoLens figures is on screen; this often otherwise (1 to 60, default 20). Alerts are checked at each refresh.')}
        </fieldset>
        <fieldset>
          <legend>Sites</legend>
          {SITES.map((site) => (
            <label key={site.id} className="switch">
              <input type="checkbox" checked={form.sites[site.id]}
                onChange={(e) => edit({ sites: { ...form.sites, [site.id]: e.target.checked } })} />
              Annotate {site.label}
            </label>
          ))}
          <label className="switch">
            <input type="checkbox" checked={form.showPositionsInPageCards} data-testid="positions-in-cards"
              onChange={(e) => edit({ showPositionsInPageCards: e.target.checked })} />
            Show my positions in page cards
          </label>
          <small>Off: cards on pages show the subnet&apos;s public figures only, nothing about your accounts.</small>
        </fieldset>
        <fieldset>
          <legend>Prices and revenue</legend>
          {text('priceApi', 'TAO/USD source (CoinGecko shape)')}
          {text('binanceApi', 'TAO/USD fallback (Binance market data)')}
          {text('revenueApi', 'Revenue coverage (metagraph.sh)')}
          {text('chutesApi', 'Chutes (SN64) published revenue')}
          <Field label="Revenue window">
            {(id) => (
              <select id={id} value={form.revenueWindow} onChange={(e) => edit({ revenueWindow: e.target.value as RevenueWindow })}>
                {WINDOWS.map((w) => <option key={w} value={w}>{w}</option>)}
              </select>
            )}
          </Field>
          {text('revenueFeedUrl', 'Your revenue feed (optional)', 'JSON in the taolens.revenue/1 schema (see the README). TaoLens asks for permission to read its host.')}
        </fieldset>
        <fieldset>
          <legend>Portfolio and staking</legend>
          {text('dustThresholdTao', 'Hide positions worth less than (τ)')}
          {text('slippagePercent', 'Slippage tolerance (%)', 'Default 0.5 %. The stake fails rather than fill beyond it.')}
          {text('mevShieldMinTao', 'Shield (MEV-protected) submission from (τ)')}
        </fieldset>
        <button type="submit">Save</button>
        {status && <p role="status">{status}</p>}
      </form>

      <section aria-labelledby="manual-h">
        <h2 id="manual-h">Revenue you entered</h2>
        <p>Shown as “entered by you”, below every sourced figure.</p>
        <table>
          <thead><tr><th scope="col">Subnet</th><th scope="col">Window</th><th scope="col">Revenue</th><th scope="col">Note</th><th /></tr></thead>
          <tbody>
            {settings.manualRevenue.map((m, i) => (
              <tr key={`${m.netuid}-${m.window}-${m.asOf}`}>
                <td>SN{m.netuid}</td><td>{m.window}</td><td>{formatUsd(m.usd)}</td><td>{m.note ?? ''}</td>
                <td><button type="button" onClick={() => void removeManual(i)} aria-label={`Remove SN${m.netuid} ${m.window}`}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void addManual(manual).then((err) => {
              setManualError(err);
              if (!err) setManual({ netuid: '', window: manual.window, usd: '', note: '' });
            });
          }}
        >
          <label>Netuid <input value={manual.netuid} onChange={(e) => setManual({ ...manual, netuid: e.target.value })} /></label>
          <label>Window <select value={manual.window} onChange={(e) => setManual({ ...manual, window: e.target.value as RevenueWindow })}>
            {WINDOWS.map((w) => <option key={w} value={w}>{w}</option>)}</select></label>
          <label>Revenue (USD) <input value={manual.usd} onChange={(e) => setManual({ ...manual, usd: e.target.value })} /></label>
          <label>Note <input value={manual.note} onChange={(e) => setManual({ ...manual, note: e.target.value })} /></label>
          <button type="submit">Add</button>
          {manualError && <p role="alert" className="error">{manualError}</p>}
        </form>
      </section>
      <AlertsSection />
    </main>
  );
}
