/**
 * The *Refresh while nothing is visible* setting: how many minutes apart the chain is read while nobody looks
 * (lib/background/attention.ts applies it; the options page and settings validation bound it).
 */

/** Default slow cadence while nothing is visible: enough for alerts and a recent snapshot to come back to. */
export const DEFAULT_IDLE_REFRESH_MINUTES = 20;
export const MIN_IDLE_REFRESH_MINUTES = 1;
export const MAX_IDLE_REFRESH_MINUTES = 60;

/** The slow cadence in ms; a stored value that is missing (older settings) or out of bounds gives the default. */
export function idleEveryMs(minutes: unknown): number {
  const ok = typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= MIN_IDLE_REFRESH_MINUTES && minutes <= MAX_IDLE_REFRESH_MINUTES;
  return (ok ? minutes : DEFAULT_IDLE_REFRESH_MINUTES) * 60_000;
}
