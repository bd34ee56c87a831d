/**
 * The quote as the panel shows it: what comes out, price and impact, fees, slippage, the MEV Shield choice and
 * the exact call the wallet will sign.
 */
/* Classic JSX (React.createElement): see StakePanel.tsx. */
/** @jsxRuntime classic */
/** @jsx React.createElement */
/** @jsxFrag React.Fragment */
import React from 'react';
import { IMPACT_DANGER_BPS, IMPACT_WARN_BPS } from '@/lib/staking/quote';
import type { Quote } from '@/lib/staking/types';
import { alphaLabel } from '@/lib/units/amount';
import { alpha, tao } from './sections';

export function QuoteView({ quote, shield, setShield }: { quote: Quote; shield: boolean | null; setShield(v: boolean | null): void }) {
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
