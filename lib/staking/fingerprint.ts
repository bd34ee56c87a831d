/**
 * What the user compares between the panel and the wallet's window: the call, the amount, the nonce and the
 * ends of the exact call data (wallets show the method, its arguments, the nonce and the call data). Pure.
 */
import { formatAmount, stakeUnit } from '../units/amount';
import type { PayloadFingerprint, Quote } from './types';
export type { PayloadFingerprint } from './types';

export function payloadFingerprint(payload: { method: string; nonce: string | number }, call: string, amount: string | null): PayloadFingerprint {
  const hex = payload.method.toLowerCase();
  const callData = hex.length > 22 ? `${hex.slice(0, 10)}…${hex.slice(-8)}` : hex;
  return { call, amount, nonce: Number(BigInt(payload.nonce)), callData };
}

/** The amount the quoted call moves, as the wallet shows it (exact). */
export function quotedAmountText(q: Quote): string {
  const first = q.legs[0]!;
  return formatAmount(q.totalIn, { unit: first.inUnit === 'tao' ? 'TAO' : stakeUnit(first.netuid), maxFractionDigits: 9 });
}

export function fingerprintText(f: PayloadFingerprint): string {
  return [f.call, f.amount, `nonce ${f.nonce}`, `call data ${f.callData}`].filter(Boolean).join(' · ');
}

/** Said when a wallet's signature is not over the payload TaoLens issued: plain about what may have happened and what to do. */
export const SIGNATURE_MISMATCH =
  'The signature your wallet returned does not match this transaction, so nothing was sent. ' +
  'The page may have made your wallet sign something else, and the page itself could send a signature it got that way. ' +
  "Open your wallet's activity or history to see what was signed, check the account's recent transactions, " +
  "and revoke this site's access in your wallet (its connected or trusted sites) before trying again.";
