/**
 * Clickjacking: a confirm counts only when the panel was fully visible and unchanged for a while before the
 * click, so a page cannot hide, cover or slide the panel under a decoy at the last moment. Pure: the DOM side
 * (lib/staking/panel-guard.ts) feeds it samples.
 */
export const STABLE_MS = 1_000;

export interface VisibilitySample {
  /** Null when fully visible; else what is wrong, in words. */
  problem: string | null;
  /** Everything that must not change before a click: position, size, styles. */
  key: string;
}

export function createStabilityClock(minStableMs = STABLE_MS) {
  let key: string | null = null;
  let since = 0;
  let problem: string | null = 'not shown yet';
  return {
    observe(sample: VisibilitySample, now: number): void {
      if (sample.key !== key || sample.problem !== problem) since = now;
      key = sample.key;
      problem = sample.problem;
    },
    /** Null when a click at `now` may count; else why not. */
    refusal(now: number): string | null {
      if (problem) return problem;
      if (now - since < minStableMs) return 'it had just appeared or changed';
      return null;
    },
  };
}

/** Styles of the panel's host (and the page's root) under which it is not what the user sees. */
export function styleProblem(s: Pick<CSSStyleDeclaration, 'opacity' | 'visibility' | 'display' | 'filter' | 'transform' | 'clipPath' | 'mixBlendMode'>, what: string): string | null {
  if (s.display === 'none') return `${what} is not displayed`;
  if (s.visibility !== 'visible') return `${what} is hidden`;
  if (Number(s.opacity) < 1) return `${what} is see-through`;
  if (s.filter && s.filter !== 'none') return `${what} is filtered`;
  if (s.transform && s.transform !== 'none') return `${what} is transformed`;
  if (s.clipPath && s.clipPath !== 'none') return `${what} is clipped`;
  if (s.mixBlendMode && s.mixBlendMode !== 'normal') return `${what} is blended`;
  return null;
}

export function refusalText(reason: string): string {
  return `That click did not count: the panel could not be seen as it is (${reason}). Nothing was signed. Look at the panel, then click again.`;
}
