/**
 * What of a free balance can be spent (staked, transferred) while the account stays alive, by the balances
 * pallet's rule for a polite, keep-alive withdrawal (`reducible_balance` with Preservation::Preserve,
 * Fortitude::Polite; Subtensor's add_stake withdraws that way):
 *
 *   spendable = free − max(frozen − reserved, existential deposit), never below 0
 *
 * Freezes (locks) apply to the whole balance, so the part already on hold (reserved) counts against them; the
 * existential deposit always stays. Pure, bigint rao.
 */
export interface AccountBalance {
  freeRao: bigint;
  reservedRao: bigint;
  frozenRao: bigint;
}

export function spendableRao(balance: AccountBalance, existentialDepositRao: bigint): bigint {
  const frozenBeyondHolds = balance.frozenRao > balance.reservedRao ? balance.frozenRao - balance.reservedRao : 0n;
  const untouchable = frozenBeyondHolds > existentialDepositRao ? frozenBeyondHolds : existentialDepositRao;
  return balance.freeRao > untouchable ? balance.freeRao - untouchable : 0n;
}
