/** Validator choice for a subnet: the user's current one, else the largest with a permit there. */
import { addressPrefix, cleanName, sameNameAs } from '../chain/text';
import type { Validator } from '../model/types';
import type { ValidatorChoice } from './types';

export function validatorChoices(
  validators: readonly Validator[],
  netuid: number,
  positions: readonly { netuid: number; hotkey: string; alpha: bigint }[],
): ValidatorChoice[] {
  const mine = new Map<string, bigint>();
  for (const p of positions) if (p.netuid === netuid) mine.set(p.hotkey, (mine.get(p.hotkey) ?? 0n) + p.alpha);
  const twins = sameNameAs(validators.map((v) => ({ id: v.hotkey, name: cleanName(v.name) })));
  const list = validators.map((v) => ({
    hotkey: v.hotkey,
    name: validatorName(v.hotkey, v.name, twins.get(v.hotkey)?.length ?? 0),
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

/**
 * What a validator is called wherever it is listed: its on-chain name (cleaned) with its hotkey prefix, so two
 * validators can never look the same, and a marker when other validators' names read alike (fullwidth,
 * zero-width or look-alike twins included). Null for a validator with no name (the list shows its hotkey).
 */
export function validatorName(hotkey: string, raw: string | null, twins: number): string | null {
  const name = cleanName(raw);
  if (!name) return null;
  const marker = twins ? ` · ⚠ same name as ${twins} other${twins === 1 ? '' : 's'}` : '';
  return `${name} · ${addressPrefix(hotkey)}${marker}`;
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
