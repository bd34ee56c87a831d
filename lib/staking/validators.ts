/** Validator choice for a subnet: the user's current one, else the largest with a permit there. */
import type { Validator } from '../model/types';
import type { ValidatorChoice } from './types';

export function validatorChoices(
  validators: readonly Validator[],
  netuid: number,
  positions: readonly { netuid: number; hotkey: string; alpha: bigint }[],
): ValidatorChoice[] {
  const mine = new Map<string, bigint>();
  for (const p of positions) if (p.netuid === netuid) mine.set(p.hotkey, (mine.get(p.hotkey) ?? 0n) + p.alpha);
  const list = validators.map((v) => ({
    hotkey: v.hotkey,
    name: v.name,
    take: v.take,
    stake: v.stakeByNetuid[netuid] ?? 0n,
    permit: v.permits.includes(netuid),
    mine: mine.get(v.hotkey) ?? 0n,
  }));
  return list.sort((a, b) => {
    if (a.mine !== b.mine) return a.mine > b.mine ? -1 : 1;
    if (a.permit !== b.permit) return a.permit ? -1 : 1;
    if (a.stake !== b.stake) return a.stake > b.stake ? -1 : 1;
    return a.hotkey < b.hotkey ? -1 : 1;
  });
}

/** The user's current validator on the subnet (largest position), else the largest with a permit there. */
export function defaultValidator(choices: readonly ValidatorChoice[]): string | null {
  const current = choices.filter((c) => c.mine > 0n).sort((a, b) => (a.mine > b.mine ? -1 : a.mine < b.mine ? 1 : 0))[0];
  if (current) return current.hotkey;
  const permitted = choices.filter((c) => c.permit).sort((a, b) => (a.stake > b.stake ? -1 : a.stake < b.stake ? 1 : 0))[0];
  return permitted?.hotkey ?? null;
}

/** Case-insensitive search by name or hotkey prefix/substring. */
export function searchValidators(choices: readonly ValidatorChoice[], query: string): ValidatorChoice[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...choices];
  return choices.filter((c) => (c.name ?? '').toLowerCase().includes(q) || c.hotkey.toLowerCase().includes(q));
}

/** Take (parts of 65535) as a percentage string, e.g. "18.00 %". */
export function formatTake(take: number): string {
  return `${((take / 65535) * 100).toFixed(2)} %`;
}
