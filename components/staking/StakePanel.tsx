/**
 * The staking panel (React, in a closed shadow root on the page). Everything it shows comes from the
 * background (quotes, calls, tx status); the wallet bridge only lists accounts and signs. Signing starts
 * only from a trusted click on the panel's own confirm button.
 */
/* Classic JSX (React.createElement): content scripts are built apart from the pages, and a dev/prod
   mismatch of the automatic runtime (jsxDEV) there broke the panel in test builds. */
/** @jsxRuntime classic */
/** @jsx React.createElement */
/** @jsxFrag React.Fragment */
import React, { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { request, type SubnetSummary } from '@/lib/messaging/protocol';
import { availableActions } from '@/lib/staking/calls';
import { IMPACT_DANGER_BPS, IMPACT_WARN_BPS } from '@/lib/staking/quote';
import { createConfirmGate } from './confirm-gate';
import { fingerprintText } from '@/lib/staking/fingerprint';
import { isPending, statusText, type TxEntry } from '@/lib/staking/journal';
import { MIN_STAKE_RAO } from '@/lib/staking/order-checks';
import { effectiveSlippageBps, panelOrder, parseNetuid, parseNetuids, type PanelMode } from '@/lib/staking/panel-order';
import { defaultSettings } from '@/lib/storage/settings';
import type { PanelIntent, Quote, StakeContext, StakeOrder } from '@/lib/staking/types';
import { formatTake, searchValidators } from '@/lib/staking/validators';
import { alphaLabel, formatAmount, formatExact, stakeUnit } from '@/lib/units/amount';
import type { BridgeClient } from '@/lib/wallet/bridge-client';
import type { PanelGuard } from './panel-guard';
import type { WalletAccount } from '@/lib/wallet/protocol';

export interface StakePanelProps {
  bridge: BridgeClient;
  /** Whether a click may count: the panel fully visible and unchanged for a second (clickjacking). */
  guard: PanelGuard;
  initial: PanelIntent;
  onClose(): void;
}

const MODES: { mode: PanelMode; label: string }[] = [
  { mode: 'stake', label: 'Stake' },
  { mode: 'unstake', label: 'Unstake part' },
  { mode: 'unstake-all', label: 'Unstake all' },
  { mode: 'move', label: 'Move subnet' },
  { mode: 'change-validator', label: 'Change validator' },
  { mode: 'batch', label: 'Several subnets' },
];

const tao = (v: bigint, digits = 6) => formatAmount(v, { unit: 'TAO', maxFractionDigits: digits });

export function StakePanel({ bridge, guard, initial, onClose }: StakePanelProps) {
  const [accounts, setAccounts] = useState<WalletAccount[] | null>(null);
  const [accountsError, setAccountsError] = useState<string | null>(null);
  const [address, setAddress] = useState('');
  const [mode, setMode] = useState<PanelMode>(initial.action);
  const [netuidText, setNetuidText] = useState(String(initial.netuid));
  const [destNetuidText, setDestNetuidText] = useState('');
  const [destHotkey, setDestHotkey] = useState('');
  const [ctx, setCtx] = useState<StakeContext | null>(null);
  const [ctxError, setCtxError] = useState<string | null>(null);
  const [hotkey, setHotkey] = useState('');
  const [search, setSearch] = useState('');
  const [amountText, setAmountText] = useState('');
  const [slippageText, setSlippageText] = useState('');
  const [batchText, setBatchText] = useState(String(initial.netuid));
  const [weightsText, setWeightsText] = useState('');
  const [batchHotkeys, setBatchHotkeys] = useState<Record<number, string | null>>({});
  const [shield, setShield] = useState<boolean | null>(null);
  const [quoted, setQuoted] = useState<{ for: StakeOrder; quote: Quote | null; error: string | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [flowError, setFlowError] = useState<string | null>(null);
  const [entry, setEntry] = useState<TxEntry | null>(null);
  /** Something the user should know about the flow that is not an error (e.g. the envelope was sealed again). */
  const [flowNote, setFlowNote] = useState<string | null>(null);
  /** The exact payload being signed, as the wallet's window should show it. */
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  /** The order whose Max the user was asked to confirm once more. */
  const [maxArmed, setMaxArmed] = useState<StakeOrder | null>(null);
  const gate = useRef(createConfirmGate());
  const [subnets, setSubnets] = useState<SubnetSummary[]>([]);

  const netuid = parseNetuid(netuidText);
  const alpha = (v: bigint, n: number, digits = 6) => formatAmount(v, { unit: stakeUnit(n), maxFractionDigits: digits });

  // Accounts from the user's wallet (through the page-world bridge). Not remembered here: a page script can
  // answer the bridge's questions itself; an account is remembered once its signature has been checked (confirm).
  useEffect(() => {
    let stop = false;
    bridge.accounts().then(
      (list) => {
        if (stop) return;
        setAccounts(list);
        if (list[0]) setAddress((a) => a || list[0]!.address);
        if (!list.length) setAccountsError('Your wallet shared no accounts with this site.');
      },
      (err: unknown) => !stop && setAccountsError(err instanceof Error ? err.message : String(err)),
    );
    void request({ type: 'summaries/get' }).then((r) => r.ok && !stop && setSubnets(r.value.subnets));
    return () => {
      stop = true;
    };
  }, [bridge]);

  // Balance, positions and validators for the account on the subnet.
  useEffect(() => {
    if (!address || netuid === null) return;
    let stop = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = (): void =>
      void request({ type: 'stake/context', address, netuid }).then((r) => {
        if (stop) return;
        if (!r.ok) {
          setCtxError(r.error);
          retry = setTimeout(load, 2_000); // e.g. still connecting to the chain
          return;
        }
        setCtxError(null);
        setCtx(r.value);
        setHotkey(r.value.defaultHotkey ?? r.value.validators[0]?.hotkey ?? '');
        setSlippageText((t) => t || `${(r.value.slippageBps / 100).toFixed(2)}`);
      });
    load();
    return () => {
      stop = true;
      clearTimeout(retry);
    };
  }, [address, netuid]);

  const batchNetuids = mode === 'batch' ? parseNetuids(batchText) : null;
  const asked = useRef(new Set<string>());
  // Each subnet of a batch gets its own default validator (current, else largest with a permit, else the
  // first listed, as for one subnet); null when the subnet has none.
  useEffect(() => {
    if (!address || !batchNetuids) return;
    for (const n of batchNetuids) {
      if (asked.current.has(`${address}/${n}`)) continue;
      asked.current.add(`${address}/${n}`);
      void request({ type: 'stake/context', address, netuid: n }).then((r) =>
        setBatchHotkeys((m) => ({ ...m, [n]: r.ok ? (r.value.defaultHotkey ?? r.value.validators[0]?.hotkey ?? null) : null })),
      );
    }
  }, [address, batchText, mode]); // eslint-disable-line react-hooks/exhaustive-deps

  // An empty field means the default from the settings (shown as its placeholder), never a figure of our own.
  const defaultSlippageBps = ctx?.slippageBps ?? defaultSettings.slippageBps;
  const slippageBps = effectiveSlippageBps({ slippageText, defaultSlippageBps });
  const amountUnit = mode === 'stake' || mode === 'batch' ? 'TAO' : netuid !== null ? alphaLabel(netuid) : 'alpha';
  const spotPrice = subnets.find((s) => s.netuid === netuid)?.priceRao ?? null;
  const order = useMemo(
    () =>
      panelOrder(
        { mode, address, netuidText, hotkey, amountText, amountUnit, slippageText, defaultSlippageBps, shield, batchText, weightsText, batchHotkeys, destNetuidText, destHotkey },
        ctx,
        spotPrice,
      ),
    [mode, address, netuidText, hotkey, amountText, amountUnit, slippageText, defaultSlippageBps, shield, batchText, weightsText, batchHotkeys, destNetuidText, destHotkey, ctx, spotPrice],
  );

  // Quote from the node's simulation, refreshed as the inputs settle.
  const quoteSeq = useRef(0);
  useEffect(() => {
    if (!order || 'error' in order) return;
    const seq = ++quoteSeq.current;
    const timer = setTimeout(() => {
      void request({ type: 'stake/quote', order: order.order }).then((r) => {
        if (seq !== quoteSeq.current) return;
        setQuoted({ for: order.order, quote: r.ok ? r.value : null, error: r.ok ? null : r.error });
      });
    }, 300);
    return () => clearTimeout(timer);
  }, [order]);
  // Only a quote of exactly the order on screen is shown (and can be confirmed).
  const current = order && !('error' in order) && quoted?.for === order.order ? quoted : null;
  const quote = current?.quote ?? null;
  const quoteError = current?.error ?? null;
  const setQuoteError = (error: string) => order && !('error' in order) && setQuoted({ for: order.order, quote: null, error });

  // Follow the transaction the background is watching.
  useEffect(() => {
    if (!entry || !isPending(entry)) return;
    const timer = setTimeout(() => {
      void request({ type: 'tx/get', id: entry.id }).then((r) => r.ok && r.value && setEntry(r.value));
    }, 700);
    return () => clearTimeout(timer);
  }, [entry]);

  const setMax = async () => {
    if (!ctx || netuid === null) return;
    if (mode === 'stake' || mode === 'batch') {
      // The fee depends on the amount (from the MEV Shield threshold on, the envelope pays too): ask for the most at
      // the fee of what the quote in hand allows (or of the chain's minimum stake), then at the fee of that amount.
      const hk = hotkey || ctx.defaultHotkey || '';
      const maxAt = async (amount: bigint) => {
        const r = await request({ type: 'stake/quote', order: { action: 'stake', address, legs: [{ netuid, hotkey: hk, amount }], slippageBps: slippageBps ?? defaultSlippageBps, ...(shield === null ? {} : { shield }) } });
        if (!r.ok) throw new Error(r.error);
        return r.value.maxAmount;
      };
      try {
        const first = quote?.maxAmount ?? (await maxAt(MIN_STAKE_RAO));
        const max = first > 0n ? await maxAt(first) : first;
        setAmountText(formatExact(max < first ? max : first));
      } catch (err) {
        setQuoteError(err instanceof Error ? err.message : String(err));
      }
    } else {
      // Only the unlocked part can be unstaked or moved.
      const available = ctx.positions.filter((p) => p.netuid === netuid && p.hotkey === hotkey).reduce((a, p) => a + p.available, 0n);
      setAmountText(formatExact(available));
    }
  };

  // Signing starts only here: a trusted click on our own button, inside our closed shadow root; the
  // gate holds until this flow ends, so a second click of a double click starts nothing.
  const confirm = async (event: MouseEvent<HTMLButtonElement>) => {
    if (!quote || quote.problem || !order || 'error' in order) return;
    if (!event.nativeEvent.isTrusted || gate.current.busy) return;
    const refused = guard.refusal(event.nativeEvent);
    if (refused) {
      setFlowError(refused);
      return;
    }
    // Everything the account can give (Max): a second click on the same order, after reading what it means.
    if (quote.maxAmount > 0n && quote.totalIn >= quote.maxAmount && maxArmed !== order.order) {
      setMaxArmed(order.order);
      setFlowError(null);
      return;
    }
    if (!gate.current.tryOpen(event.nativeEvent)) return;
    setMaxArmed(null);
    setFlowError(null);
    setFlowNote(null);
    setEntry(null);
    try {
      setBusy('Preparing the transaction…');
      const built = await request({ type: 'stake/build', order: order.order });
      if (!built.ok) throw new Error(built.error);
      const wallet = accounts?.find((a) => a.address === address)?.wallet ?? '';
      let step: typeof built.value | Awaited<ReturnType<typeof submitStep>> = built.value;
      while (step.status === 'sign') {
        setBusy(step.of === 2 ? `Sign ${step.step} of 2 in your wallet… ${step.note}` : 'Sign in your wallet…');
        setFingerprint(fingerprintText(step.fingerprint));
        if (step.resealed) setFlowNote(step.note);
        // Only the payload the background issued for this flow, under its one-time id.
        const signature = await bridge.sign(step.id, wallet, step.payload as never);
        setFingerprint(null);
        setBusy('Checking the signature and sending…');
        step = await submitStep(step.id, signature);
      }
      setEntry(step.entry);
      // The background verified this account's signature, which no page can forge: now it is remembered for the popup.
      const signer = step.entry.address;
      void request({ type: 'accounts/from-wallet', accounts: [accounts?.find((a) => a.address === signer) ?? { address: signer, name: null, wallet: 'unknown' }] });
    } catch (err) {
      setFlowError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
      setFingerprint(null);
      gate.current.release();
    }
  };

  const filtered = ctx ? searchValidators(ctx.validators, search).slice(0, 50) : [];
  const held = ctx && netuid !== null ? ctx.positions.filter((p) => p.netuid === netuid && p.hotkey === hotkey).reduce((a, p) => a + p.alpha, 0n) : 0n;
  const confirmLabel = { stake: 'Stake', unstake: 'Unstake', 'unstake-all': 'Unstake all', move: 'Move', 'change-validator': 'Change validator', batch: 'Stake on all' }[mode];

  return (
    <div className="panel" role="dialog" aria-label="TaoLens staking">
      <h2>
        <span>TaoLens · {mode === 'batch' ? 'several subnets' : `SN${netuidText}`}</span>
        <button className="close" aria-label="Close" onClick={onClose}>×</button>
      </h2>
      <div className="tabs">
        {MODES.filter((m) => !ctx || availableActions(ctx.calls).includes(m.mode === 'batch' ? 'stake' : m.mode)).map((m) => (
          <button key={m.mode} aria-pressed={mode === m.mode} data-mode={m.mode} onClick={() => setMode(m.mode)}>
            {m.label}
          </button>
        ))}
      </div>

      <label htmlFor="account">Account</label>
      {accounts === null && !accountsError ? <div className="hint">Asking your wallet…</div> : null}
      {accountsError ? <div className="error">{accountsError}</div> : null}
      {accounts && accounts.length ? (
        <select id="account" value={address} onChange={(e) => setAddress(e.target.value)}>
          {accounts.map((a) => (
            <option key={a.address} value={a.address}>
              {(a.name ?? 'Account') + ' · ' + a.address.slice(0, 6) + '…' + a.address.slice(-4) + ' (' + a.wallet + ')'}
            </option>
          ))}
        </select>
      ) : null}
      {ctx ? <div className="hint" data-testid="free">Free: {tao(ctx.freeRao, 4)}{held > 0n && netuid !== null ? ` · staked here: ${alpha(held, netuid, 4)}` : ''}</div> : null}
      {ctxError ? <div className="error">{ctxError}</div> : null}

      {mode === 'batch' ? (
        <>
          <label htmlFor="batch-netuids">Subnets</label>
          <input id="batch-netuids" value={batchText} onChange={(e) => setBatchText(e.target.value)} placeholder="1, 5, 64" />
          <label htmlFor="batch-weights">Weights (empty = split equally)</label>
          <input id="batch-weights" value={weightsText} onChange={(e) => setWeightsText(e.target.value)} placeholder="50, 30, 20" />
        </>
      ) : (
        <>
          <label htmlFor="netuid">Subnet</label>
          <input id="netuid" value={netuidText} onChange={(e) => setNetuidText(e.target.value)} inputMode="numeric" />
          <label htmlFor="validator-search">Validator</label>
          <input id="validator-search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search by name or hotkey" />
          <div className="vlist" role="listbox">
            {filtered.map((v) => (
              <button key={v.hotkey} aria-pressed={v.hotkey === hotkey} onClick={() => setHotkey(v.hotkey)} title={v.hotkey}>
                <span>
                  {v.name ?? `${v.hotkey.slice(0, 8)}…`}
                  {v.mine > 0n ? ' (yours)' : ''}
                  {v.permit ? '' : ' · no permit here'}
                </span>
                <span>
                  take {formatTake(v.take)} · {netuid !== null ? alpha(v.stake, netuid, 0) : ''}
                </span>
              </button>
            ))}
          </div>
        </>
      )}

      {mode === 'move' ? (
        <>
          <label htmlFor="dest-netuid">Move to subnet</label>
          <input id="dest-netuid" value={destNetuidText} onChange={(e) => setDestNetuidText(e.target.value)} inputMode="numeric" />
        </>
      ) : null}
      {mode === 'change-validator' && ctx ? (
        <>
          <label htmlFor="dest-hotkey">Move to validator</label>
          <select id="dest-hotkey" value={destHotkey} onChange={(e) => setDestHotkey(e.target.value)}>
            <option value="">Choose…</option>
            {ctx.validators.filter((v) => v.hotkey !== hotkey).map((v) => (
              <option key={v.hotkey} value={v.hotkey}>
                {(v.name ?? v.hotkey.slice(0, 10) + '…') + ' · take ' + formatTake(v.take)}
              </option>
            ))}
          </select>
        </>
      ) : null}

      {mode !== 'unstake-all' ? (
        <>
          <label htmlFor="amount">Amount ({amountUnit})</label>
          <div className="row">
            <input id="amount" value={amountText} onChange={(e) => setAmountText(e.target.value)} inputMode="decimal" placeholder="0.0" />
            <button className="narrow" type="button" onClick={() => void setMax()}>Max</button>
          </div>
          {mode === 'stake' || mode === 'batch' ? <div className="hint">Max leaves the network fee and the existential deposit.</div> : null}
        </>
      ) : null}
      <label htmlFor="slippage">Slippage tolerance (%)</label>
      <input
        id="slippage"
        value={slippageText}
        placeholder={(defaultSlippageBps / 100).toFixed(2)}
        onChange={(e) => setSlippageText(e.target.value)}
        inputMode="decimal"
      />

      {order && 'error' in order ? <div className="error">{order.error}</div> : null}
      {quoteError ? <div className="error">{quoteError}</div> : null}
      {quote?.problem ? <div className="error" data-testid="quote-problem">{quote.problem}</div> : null}
      {quote ? <QuoteView quote={quote} alpha={alpha} shield={shield} setShield={setShield} /> : null}

      <button className="confirm" data-testid="confirm" disabled={!quote || !!quote.problem || !!busy} onClick={(e) => void confirm(e)}>
        {confirmLabel}
      </button>
      {maxArmed && order && !('error' in order) && maxArmed === order.order && quote && !busy ? (
        <div className="warn" role="alert" data-testid="max-confirm">
          This is everything this account can {mode === 'stake' || mode === 'batch' ? 'stake' : 'take'} ({quote.legs[0]!.inUnit === 'tao' ? tao(quote.totalIn, 9) : alpha(quote.totalIn, quote.legs[0]!.netuid, 9)}), fees already counted. Click {confirmLabel} again to go on.
        </div>
      ) : null}
      {busy ? <div className="status">{busy}</div> : null}
      {fingerprint ? (
        <div className="fingerprint" data-testid="fingerprint">
          Your wallet must show exactly this; if it shows anything else, reject it there: <code>{fingerprint}</code>
        </div>
      ) : null}
      {flowError ? <div className="error" role="alert" data-testid="flow-error">{flowError}</div> : null}
      {flowNote ? <div className="hint" data-testid="flow-note">{flowNote}</div> : null}
      {entry ? (
        <div className={`status ${entry.status}`} data-testid="tx-status" data-status={entry.status}>
          {entry.summary}: {statusText(entry)}
        </div>
      ) : null}
    </div>
  );

  async function submitStep(id: string, signature: string) {
    const r = await request({ type: 'stake/submit-signed', id, signature });
    if (!r.ok) throw new Error(r.error);
    return r.value;
  }
}

function QuoteView({
  quote,
  alpha,
  shield,
  setShield,
}: {
  quote: Quote;
  alpha: (v: bigint, n: number, d?: number) => string;
  shield: boolean | null;
  setShield(v: boolean | null): void;
}) {
  const out = (v: bigint, unit: 'tao' | 'alpha', n: number) => (unit === 'tao' ? tao(v) : alpha(v, n));
  const totalOut = quote.legs.length === 1 ? quote.legs[0]! : null;
  return (
    <div className="quote" data-testid="quote">
      <dl>
        {quote.legs.length > 1 ? null : (
          <>
            <dt>{quote.action === 'stake' ? 'You receive' : 'You get'}</dt>
            <dd data-testid="receive">{out(totalOut!.amountOut, totalOut!.outUnit, totalOut!.outNetuid)}</dd>
            {totalOut!.effectivePrice > 0n ? (
              <>
                <dt>Price</dt>
                <dd>{tao(totalOut!.effectivePrice)} per {alphaLabel(totalOut!.netuid)} (spot {tao(totalOut!.spotPrice)})</dd>
                <dt>Price impact</dt>
                <dd className={totalOut!.impactBps >= IMPACT_DANGER_BPS ? 'danger' : ''}>{(totalOut!.impactBps / 100).toFixed(2)} %</dd>
                <dt>Swap fee</dt>
                <dd>{out(totalOut!.swapFee, totalOut!.inUnit, totalOut!.netuid)}</dd>
              </>
            ) : null}
            <dt>Minimum received</dt>
            <dd>{out(totalOut!.minReceived, totalOut!.outUnit, totalOut!.outNetuid)}</dd>
          </>
        )}
        <dt>Network fee</dt>
        <dd>{tao(quote.networkFee, 9)}</dd>
        <dt>Slippage tolerance</dt>
        <dd>{(quote.slippageBps / 100).toFixed(2)} %</dd>
      </dl>
      {quote.legs.length > 1 ? (
        <table className="legs">
          <tbody>
            {quote.legs.map((l) => (
              <tr key={l.netuid}>
                <td>SN{l.netuid}</td>
                <td>{tao(l.amountIn, 4)}</td>
                <td>→ {alpha(l.amountOut, l.netuid, 4)}</td>
                <td>min {alpha(l.minReceived, l.netuid, 4)}</td>
                <td className={l.impactBps >= IMPACT_WARN_BPS ? 'danger' : ''}>{(l.impactBps / 100).toFixed(2)} %</td>
              </tr>
            ))}
            <tr>
              <td>Total</td>
              <td>{tao(quote.totalIn, 4)}</td>
              <td colSpan={3}>all or nothing (one utility.batchAll)</td>
            </tr>
          </tbody>
        </table>
      ) : null}
      {quote.warnings.map((w) => (
        <div key={w} className="warn">{w}</div>
      ))}
      {quote.shieldAvailable ? (
        <label style={{ fontWeight: 400 }}>
          <input
            type="checkbox"
            style={{ width: 'auto' }}
            checked={quote.shielded}
            onChange={(e) => setShield(e.target.checked)}
          />{' '}
          MEV protection (encrypted submission){shield === null ? ' — default for this amount' : ''}
          {quote.shielded ? (
            <div className="hint" data-testid="shield-scope">
              Your wallet will ask you to sign twice: first the stake, then the encrypted envelope. This keeps the stake out of
              the public mempool (front-running bots) until it is in a block; it does not hide it from scripts on this page,
              where your wallet signs the stake in clear before it is sealed. The network fee above counts both.
            </div>
          ) : null}
        </label>
      ) : null}
      <div className="hint">You will sign exactly:</div>
      <pre className="call" data-testid="call">{quote.call.text}</pre>
    </div>
  );
}
