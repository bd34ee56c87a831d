/**
 * The worker's clock for the daily history and alerts. Test builds only (TAOLENS_TEST_CLOCK=1 at build time) can move
 * it forward, from the service worker's own global, which no page can reach; in any other build the override is not
 * compiled in.
 */
declare const __TAOLENS_TEST_CLOCK__: boolean;

export function workerClock(): () => number {
  if (typeof __TAOLENS_TEST_CLOCK__ === 'undefined' || !__TAOLENS_TEST_CLOCK__) return () => Date.now();
  let offsetMs = 0;
  (globalThis as Record<string, unknown>).__taolensTestClock = {
    advance(ms: number) {
      offsetMs += ms;
      return Date.now() + offsetMs;
    },
  };
  return () => Date.now() + offsetMs;
}
