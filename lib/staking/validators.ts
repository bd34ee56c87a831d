/** Validator choice for a subnet, in one stated order (`VALIDATOR_ORDER`): the first listed is the default. */
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
  return list.sort(compareValidators);
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

/** The rule the panel states beside its default validator. */
export const VALIDATOR_ORDER = 'yours first, then those with a permit here by most stake, then lowest take';

const desc = (a: bigint, b: bigint) => (a === b ? 0 : a > b ? -1 : 1);

/**
 * The order validators are listed in, and so the default: the user's own (largest position first), then those with
 * a validator permit on the subnet, by most stake there, then lowest take; the hotkey breaks the last ties.
 */
export function compareValidators(a: ValidatorChoice, b: ValidatorChoice): number {
  return (
    desc(a.mine, b.mine) ||
    (a.permit === b.permit ? 0 : a.permit ? -1 : 1) ||
    desc(a.stake, b.stake) ||
    a.take - b.take ||
    (a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : 0)
  );
}

/** The validator the panel starts on: the first by `compareValidators` that is yours or has a permit here; else null. */
export function defaultValidator(choices: readonly ValidatorChoice[]): string | null {
  return [...choices].sort(compareValidators).find((c) => c.mine > 0n || c.permit)?.hotkey ?? null;
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
