/**
 * The staking panel's sections (account, validator, amount, the flow's status). They render the flow's state
 * (./useStakeFlow.ts) and call its actions; nothing here talks to the background or the wallet.
 */
/* Classic JSX (React.createElement): see StakePanel.tsx. */
/** @jsxRuntime classic */
/** @jsx React.createElement */
/** @jsxFrag React.Fragment */
import React from 'react';
import { statusText } from '@/lib/staking/journal';
import type { ValidatorChoice } from '@/lib/staking/types';
import { formatTake, searchValidators, VALIDATOR_ORDER } from '@/lib/staking/validators';
import { formatAmount, stakeUnit } from '@/lib/units/amount';
import type { StakeFlow } from './useStakeFlow';

export const tao = (v: bigint, digits = 6) => formatAmount(v, { unit: 'TAO', maxFractionDigits: digits });
export const alpha = (v: bigint, netuid: number, digits = 6) => formatAmount(v, { unit: stakeUnit(netuid), maxFractionDigits: digits });

const short = (address: string) => address.slice(0, 6) + '…' + address.slice(-4);

export function AccountSection({ flow }: { flow: StakeFlow }) {
  const { accounts, accountsError, address, setAddress, ctx, ctxError, netuid, form } = flow;
  const held = ctx && netuid !== null ? ctx.positions.filter((p) => p.netuid === netuid && p.hotkey === form.hotkey).reduce((a, p) => a + p.alpha, 0n) : 0n;
  return (
    <>
      <label htmlFor="account">Account</label>
      {accounts === null && !accountsError ? <div className="hint">Asking your wallet…</div> : null}
      {accountsError ? <div className="error">{accountsError}</div> : null}
      {accounts && accounts.length ? (
        <select id="account" value={address} onChange={(e) => setAddress(e.target.value)}>
          {accounts.map((a) => (
            <option key={a.address} value={a.address}>
              {(a.name ?? 'Account') + ' · ' + short(a.address) + ' (' + a.wallet + ')'}
            </option>
          ))}
        </select>
      ) : null}
      {ctx ? <div className="hint" data-testid="free">Free: {tao(ctx.freeRao, 4)}{held > 0n && netuid !== null ? ` · staked here: ${alpha(held, netuid, 4)}` : ''}</div> : null}
      {ctxError ? <div className="error">{ctxError}</div> : null}
    </>
  );
}

const validatorLabel = (v: ValidatorChoice) => v.name ?? `${v.hotkey.slice(0, 8)}…`;

export function ValidatorSection({ flow }: { flow: StakeFlow }) {
  const { ctx, form, set, netuid } = flow;
  const filtered = ctx ? searchValidators(ctx.validators, form.search).slice(0, 50) : [];
  const chosen = ctx?.validators.find((v) => v.hotkey === form.hotkey) ?? null;
  const stakeText = (v: ValidatorChoice, digits: number) => (netuid !== null ? alpha(v.stake, netuid, digits) : '');
  return (
    <>
      <label htmlFor="netuid">Subnet</label>
      <input id="netuid" value={form.netuidText} onChange={(e) => set('netuidText', e.target.value)} inputMode="numeric" />
      <label htmlFor="validator-search">Validator</label>
      {chosen ? (
        <div className="hint" data-testid="validator-choice" title={chosen.hotkey}>
          {validatorLabel(chosen)} · take {formatTake(chosen.take)} · stake {stakeText(chosen, 0)}
          {chosen.hotkey === ctx?.defaultHotkey ? ` (default: ${VALIDATOR_ORDER})` : ''}
        </div>
      ) : null}
      <input id="validator-search" value={form.search} onChange={(e) => set('search', e.target.value)} placeholder="Search by name or hotkey" />
      <div className="vlist" role="listbox">
        {filtered.map((v) => (
          <button key={v.hotkey} aria-pressed={v.hotkey === form.hotkey} onClick={() => set('hotkey', v.hotkey)} title={v.hotkey}>
            <span>
              {validatorLabel(v)}
              {v.mine > 0n ? ' (yours)' : ''}
              {v.permit ? '' : ' · no permit here'}
            </span>
            <span>
              take {formatTake(v.take)} · {stakeText(v, 0)}
            </span>
          </button>
        ))}
      </div>
    </>
  );
}

export function DestinationSection({ flow }: { flow: StakeFlow }) {
  const { form, set, ctx } = flow;
  if (form.mode === 'move') {
    return (
      <>
        <label htmlFor="dest-netuid">Move to subnet</label>
        <input id="dest-netuid" value={form.destNetuidText} onChange={(e) => set('destNetuidText', e.target.value)} inputMode="numeric" />
      </>
    );
  }
  if (form.mode !== 'change-validator' || !ctx) return null;
  return (
    <>
      <label htmlFor="dest-hotkey">Move to validator</label>
      <select id="dest-hotkey" value={form.destHotkey} onChange={(e) => set('destHotkey', e.target.value)}>
        <option value="">Choose…</option>
        {ctx.validators.filter((v) => v.hotkey !== form.hotkey).map((v) => (
          <option key={v.hotkey} value={v.hotkey}>
            {(v.name ?? v.hotkey.slice(0, 10) + '…') + ' · take ' + formatTake(v.take)}
          </option>
        ))}
      </select>
    </>
  );
}

export function AmountSection({ flow }: { flow: StakeFlow }) {
  const { form, set, amountUnit, defaultSlippageBps, setMax } = flow;
  const staking = form.mode === 'stake' || form.mode === 'batch';
  return (
    <>
      {form.mode !== 'unstake-all' ? (
        <>
          <label htmlFor="amount">Amount ({amountUnit})</label>
          <div className="row">
            <input id="amount" value={form.amountText} onChange={(e) => set('amountText', e.target.value)} inputMode="decimal" placeholder="0.0" />
            <button className="narrow" type="button" onClick={() => void setMax()}>Max</button>
          </div>
          {staking ? <div className="hint">Max leaves the network fee and the existential deposit.</div> : null}
        </>
      ) : null}
      <label htmlFor="slippage">Slippage tolerance (%)</label>
      <input
        id="slippage"
        value={form.slippageText}
        placeholder={(defaultSlippageBps / 100).toFixed(2)}
        onChange={(e) => set('slippageText', e.target.value)}
        inputMode="decimal"
      />
    </>
  );
}

/** What happens after Confirm: the wallet step, the payload's fingerprint, errors, notes and the transaction's status. */
export function FlowStatus({ flow, confirmLabel }: { flow: StakeFlow; confirmLabel: string }) {
  const { quote, maxArmed, busy, fingerprint, flowError, flowNote, entry, form } = flow;
  const first = quote?.legs[0];
  return (
    <>
      {maxArmed && quote && first ? (
        <div className="warn" role="alert" data-testid="max-confirm">
          This is everything this account can {form.mode === 'stake' || form.mode === 'batch' ? 'stake' : 'take'} ({first.inUnit === 'tao' ? tao(quote.totalIn, 9) : alpha(quote.totalIn, first.netuid, 9)}), fees already counted. Click {confirmLabel} again to go on.
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
    </>
  );
}
