/**
 * The staking panel (React, in a closed shadow root on the page). Everything it shows comes from the
 * background (quotes, calls, tx status); the wallet bridge only lists accounts and signs. Signing starts
 * only from a trusted click on the panel's own confirm button. The flow lives in ./useStakeFlow.ts; this
 * file and ./sections.tsx render it.
 */
/* Classic JSX (React.createElement): content scripts are built apart from the pages, and a dev/prod
   mismatch of the automatic runtime (jsxDEV) there broke the panel in test builds. */
/** @jsxRuntime classic */
/** @jsx React.createElement */
/** @jsxFrag React.Fragment */
import React from 'react';
import { availableActions } from '@/lib/staking/calls';
import type { PanelMode } from '@/lib/staking/panel-order';
import { QuoteView } from './QuoteView';
import { AccountSection, AmountSection, DestinationSection, FlowStatus, ValidatorSection } from './sections';
import { useStakeFlow, type StakeFlowDeps } from './useStakeFlow';

export interface StakePanelProps extends StakeFlowDeps {
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

const CONFIRM_LABEL: Record<PanelMode, string> = {
  stake: 'Stake',
  unstake: 'Unstake',
  'unstake-all': 'Unstake all',
  move: 'Move',
  'change-validator': 'Change validator',
  batch: 'Stake on all',
};

export function StakePanel({ onClose, ...deps }: StakePanelProps) {
  const flow = useStakeFlow(deps);
  const { form, set, ctx, orderError, quote, quoteError, busy } = flow;
  const confirmLabel = CONFIRM_LABEL[form.mode];
  return (
    <div className="panel" role="dialog" aria-label="TaoLens staking">
      <h2>
        <span>TaoLens · {form.mode === 'batch' ? 'several subnets' : `SN${form.netuidText}`}</span>
        <button className="close" aria-label="Close" onClick={onClose}>×</button>
      </h2>
      <div className="tabs">
        {MODES.filter((m) => !ctx || availableActions(ctx.calls).includes(m.mode === 'batch' ? 'stake' : m.mode)).map((m) => (
          <button key={m.mode} aria-pressed={form.mode === m.mode} data-mode={m.mode} onClick={() => set('mode', m.mode)}>
            {m.label}
          </button>
        ))}
      </div>

      <AccountSection flow={flow} />
      {form.mode === 'batch' ? (
        <>
          <label htmlFor="batch-netuids">Subnets</label>
          <input id="batch-netuids" value={form.batchText} onChange={(e) => set('batchText', e.target.value)} placeholder="1, 5, 64" />
          <label htmlFor="batch-weights">Weights (empty = split equally)</label>
          <input id="batch-weights" value={form.weightsText} onChange={(e) => set('weightsText', e.target.value)} placeholder="50, 30, 20" />
        </>
      ) : (
        <ValidatorSection flow={flow} />
      )}
      <DestinationSection flow={flow} />
      <AmountSection flow={flow} />

      {orderError ? <div className="error">{orderError}</div> : null}
      {quoteError ? <div className="error">{quoteError}</div> : null}
      {quote?.problem ? <div className="error" data-testid="quote-problem">{quote.problem}</div> : null}
      {quote ? <QuoteView quote={quote} shield={form.shield} setShield={(v) => set('shield', v)} /> : null}

      <button className="confirm" data-testid="confirm" disabled={!quote || !!quote.problem || !!busy} onClick={(e) => void flow.confirm(e)}>
        {confirmLabel}
      </button>
      <FlowStatus flow={flow} confirmLabel={confirmLabel} />
    </div>
  );
}
