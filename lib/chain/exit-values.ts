/**
 * Exit values come from one swap simulation per held subnet; running them every block would cost a
 * public node hundreds of calls a minute for a large portfolio. They are refreshed about once a minute
 * (or when the positions change) and carried over in between, each marked with its block.
 */
import type { Portfolio } from '../model/types';

export const EXIT_REFRESH_MS = 60_000;

const key = (p: { coldkey: string; hotkey: string; netuid: number }) => `${p.coldkey}/${p.hotkey}/${p.netuid}`;

/** Whether this refresh should simulate exit values. */
export function exitsDue(previous: readonly Portfolio[] | null, lastSimulatedAt: number | null, now: number, coldkeys: readonly string[]): boolean {
  if (lastSimulatedAt === null || now - lastSimulatedAt >= EXIT_REFRESH_MS) return true;
  const had = new Set(previous?.map((p) => p.coldkey) ?? []);
  return coldkeys.some((c) => !had.has(c));
}

/** Copies earlier exit values onto positions whose alpha is unchanged; others stay unknown until the next simulation. */
export function carryExitValues(previous: readonly Portfolio[] | null, next: Portfolio[]): Portfolio[] {
  const old = new Map(previous?.flatMap((pf) => pf.positions.map((p) => [key(p), p] as const)) ?? []);
  for (const pf of next) {
    for (const p of pf.positions) {
      const before = old.get(key(p));
      if (before && before.alpha === p.alpha && before.exitValueRao !== null) {
        p.exitValueRao = before.exitValueRao;
        p.exitValueBlock = before.exitValueBlock;
      }
    }
  }
  return next;
}

/** True when some position's alpha changed or appeared since the last simulation. */
export function positionsChanged(previous: readonly Portfolio[] | null, next: readonly Portfolio[]): boolean {
  const old = new Map(previous?.flatMap((pf) => pf.positions.map((p) => [key(p), p.alpha] as const)) ?? []);
  return next.some((pf) => pf.positions.some((p) => old.get(key(p)) !== p.alpha));
}
