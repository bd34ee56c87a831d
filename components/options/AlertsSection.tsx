import { useEffect, useState } from 'react';
import type { AlertRule, AlertSettings, RuleDraft } from '@/lib/alerts/rules';
import { useAlertsStore } from '@/lib/store/alerts-store';
import { formatAmount } from '@/lib/units/amount';

const KINDS: { id: AlertRule['kind']; label: string; unit: string }[] = [
  { id: 'coverage', label: 'Coverage crosses', unit: '%' },
  { id: 'subsidy', label: 'Subsidy per day changes by more than', unit: '% day over day' },
  { id: 'price', label: 'Alpha price moves by more than', unit: '% in 24 h' },
  { id: 'exit', label: 'Exit value falls below', unit: 'TAO' },
];

export function describeRule(r: AlertRule): string {
  switch (r.kind) {
    case 'coverage':
      return `${r.scope === 'network' ? 'Network' : `SN${r.scope}`} coverage (1 d) crosses ${r.levelPct} %`;
    case 'subsidy':
      return `SN${r.netuid} subsidy per day changes by more than ${r.pct} % day over day`;
    case 'price':
      return `SN${r.netuid} alpha price moves by more than ${r.pct} % in 24 h`;
    case 'exit':
      return `SN${r.netuid} exit value of your stake falls below ${formatAmount(BigInt(r.levelRao), { unit: 'TAO' })}`;
  }
}

/** Alerts: off by default; each rule checked before it is saved (a clear message, nothing saved otherwise). */
export function AlertsSection() {
  const { settings, held, load, add, remove, setEnabled, setQuiet } = useAlertsStore();
  const [draft, setDraft] = useState<RuleDraft>({ kind: 'coverage', target: 'network', value: '' });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  if (!settings) return null;
  const unit = KINDS.find((k) => k.id === draft.kind)!.unit;

  return (
    <section aria-labelledby="alerts-h" data-testid="alerts">
      <h2 id="alerts-h">Alerts</h2>
      <p>Browser notifications in plain language, at most one per alert a day; clicking one opens the view it is about.</p>
      <label className="switch">
        <input type="checkbox" checked={settings.enabled} onChange={(e) => void setEnabled(e.target.checked)} data-testid="alerts-enabled" />
        Alerts on
      </label>
      <ul data-testid="alert-rules">
        {settings.rules.map((r) => (
          <li key={r.id}>
            {describeRule(r)}{' '}
            <button type="button" onClick={() => void remove(r.id)} aria-label={`Remove: ${describeRule(r)}`}>
              Remove
            </button>
          </li>
        ))}
        {settings.rules.length === 0 && <li className="muted">No alerts set.</li>}
      </ul>
      <form
        className="inline"
        data-testid="alert-add"
        onSubmit={(e) => {
          e.preventDefault();
          void add(draft).then((err) => {
            setError(err);
            if (!err) setDraft({ ...draft, value: '' });
          });
        }}
      >
        <label>
          For{' '}
          <input list="alert-targets" value={draft.target} onChange={(e) => setDraft({ ...draft, target: e.target.value })} name="target" size={8} />
          <datalist id="alert-targets">
            <option value="network" />
            {held.map((n) => (
              <option key={n} value={String(n)} label={`SN${n} (held)`} />
            ))}
          </datalist>
        </label>
        <label>
          When{' '}
          <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as AlertRule['kind'] })} name="kind">
            {KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input value={draft.value} onChange={(e) => setDraft({ ...draft, value: e.target.value })} name="value" size={8} /> {unit}
        </label>
        <button type="submit">Add alert</button>
        {error && (
          <p role="alert" className="error" data-testid="alert-error">
            {error}
          </p>
        )}
      </form>
      <QuietHours key={JSON.stringify(settings.quiet)} initial={settings.quiet} save={setQuiet} />
    </section>
  );
}

function QuietHours(props: { initial: AlertSettings['quiet']; save(q: AlertSettings['quiet']): Promise<string | null> }) {
  const [quiet, setQuietForm] = useState(props.initial ?? { from: '', to: '' });
  const [quietError, setQuietError] = useState<string | null>(null);
  const setQuiet = props.save;
  return (
    <form
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        const none = !quiet.from.trim() && !quiet.to.trim();
        void setQuiet(none ? null : { from: quiet.from.trim(), to: quiet.to.trim() }).then(setQuietError);
      }}
    >
      <label>
        Quiet hours from <input value={quiet.from} onChange={(e) => setQuietForm({ ...quiet, from: e.target.value })} placeholder="22:00" size={5} name="quiet-from" />
      </label>
      <label>
        to <input value={quiet.to} onChange={(e) => setQuietForm({ ...quiet, to: e.target.value })} placeholder="07:00" size={5} name="quiet-to" />
      </label>
      <button type="submit">Set quiet hours</button>
      <small> Local time; an alert due then is shown when they end. Leave both empty for none.</small>
      {quietError && (
        <p role="alert" className="error">
          {quietError}
        </p>
      )}
    </form>
  );
}
