import { useState, type FormEvent } from 'react';
import { sameNameAs } from '@/lib/chain/text';
import { usePopupStore } from '@/lib/store/popup-store';
import { ChainText } from '../common/ChainText';

export const shortAddress = (a: string) => (a.length > 14 ? `${a.slice(0, 6)}…${a.slice(-6)}` : a);
/** Beside a validator's name (names are anyone's to choose and can collide): the first characters of its hotkey. */
export const hotkeyPrefix = (a: string) => (a.length > 8 ? `${a.slice(0, 6)}…` : a);

/** Accounts from the wallet bridge and watch-only addresses; choose which the portfolio sums; add a watch address. */
export function Accounts() {
  const view = usePopupStore((s) => s.view);
  const toggle = usePopupStore((s) => s.toggleAccount);
  const select = usePopupStore((s) => s.select);
  const remove = usePopupStore((s) => s.removeAccount);
  if (!view) return null;
  const { accounts, selected } = view;
  const all = selected.length === 0;
  // Two accounts whose names read alike (a wallet or page may have planted one): each is marked.
  const twins = sameNameAs(accounts.map((a) => ({ id: a.address, name: a.name })));
  const summary = !accounts.length
    ? 'No accounts yet'
    : all
      ? `All ${accounts.length} account${accounts.length === 1 ? '' : 's'}`
      : `${selected.length} of ${accounts.length} accounts`;
  return (
    <details className="accounts" open>
      <summary>
        Accounts <span className="muted">· {summary}</span>
      </summary>
      {accounts.length > 0 && (
        <>
          <ul className="account-list" aria-label="Accounts" data-testid="account-list">
            {accounts.map((a) => {
              const on = all || selected.includes(a.address);
              const label = a.name ?? (a.wallet ? 'Wallet account' : 'Watch-only');
              return (
                <li key={a.address} data-testid="account" data-address={a.address}>
                  <label className="account-pick">
                    <input type="checkbox" checked={on} onChange={() => void toggle(a.address)} aria-label={`Include ${label} ${a.address} in the portfolio`} />
                    <span className="account-name">
                      <ChainText text={label} />
                    </span>
                    {twins.has(a.address) && (
                      <span className="tag warn" data-testid="same-name" title="Another account has a name that reads the same: tell them apart by address">
                        same name
                      </span>
                    )}
                    <span className="tag">{a.wallet ? <ChainText text={a.wallet} /> : 'watch'}</span>
                    <code className="address" title={a.address}>
                      {shortAddress(a.address)}
                    </code>
                  </label>
                  <button type="button" className="btn link small" onClick={() => void remove(a.address)} aria-label={`Remove ${label} ${a.address}`}>
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
          {!all && (
            <button type="button" className="btn link small" onClick={() => void select([])}>
              Use all accounts
            </button>
          )}
        </>
      )}
      <WatchForm />
    </details>
  );
}

function WatchForm() {
  const addWatch = usePopupStore((s) => s.addWatch);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const typed = text.trim();
    const res = await addWatch(typed);
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      setAdded(null);
      return;
    }
    setError(null);
    setText('');
    setAdded(
      res.address === null
        ? 'That address is already in the list.'
        : res.address === typed
          ? `Watching ${shortAddress(res.address)}.`
          : `Watching ${shortAddress(res.address)} (shown in Bittensor's prefix 42).`,
    );
  };
  return (
    <form className="watch" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor="watch-input">Watch an address (SS58 coldkey, read-only)</label>
      <div className="row">
        <input
          id="watch-input"
          data-testid="watch-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="5F… coldkey address"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'watch-error' : undefined}
        />
        <button type="submit" className="btn" disabled={busy || !text.trim()}>
          Add
        </button>
      </div>
      {error && (
        <p id="watch-error" className="field-error" role="alert" data-testid="watch-error">
          {error}
        </p>
      )}
      {added && !error && (
        <p className="muted" role="status" data-testid="watch-added">
          {added}
        </p>
      )}
    </form>
  );
}
