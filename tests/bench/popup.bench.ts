/**
 * Popup first paint in real Chromium: time from opening the popup to the first snapshot on screen
 * (`performance.mark('taolens:data-on-screen')`, read back through page.evaluate), median of 10 opens,
 * with a watch address holding the default scenario's positions. The background already holds a
 * snapshot (as it does whenever the popup is opened after the first block): no fetching from the popup.
 */
import { buildExtension } from '../support/build-extension';
import { startLocalWorld } from '../support/local-world';
import { launchTaoLens, watchThroughPopup } from '../e2e/chromium';
import { median, type BenchRow } from './table';

const OPENS = 10;
const MARK = 'taolens:data-on-screen';

export async function bench(): Promise<BenchRow[]> {
  const world = await startLocalWorld({ blockMs: 1000 });
  try {
    const extensionDir = buildExtension({ outDir: '.output/bench-popup', env: world.buildEnv });
    const browser = await launchTaoLens({ extensionDir });
    try {
      // Warm-up: the background connects, an account is watched, its positions are read.
      await watchThroughPopup(browser, world.devnet.accounts.Alice!, 400);

      const times: number[] = [];
      const scriptStart: number[] = [];
      const firstView: number[] = [];
      for (let i = 0; i < OPENS; i++) {
        const page = await browser.openPopup(400);
        const handle = await page.waitForFunction((m) => performance.getEntriesByName(m)[0]?.startTime ?? null, MARK, { timeout: 10_000 });
        times.push((await handle.jsonValue()) as number);
        // A string, not a function: tsx's helpers do not exist in the page.
        const marks = (await page.evaluate(
          `['taolens:script-start', 'taolens:first-view'].map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN)`,
        )) as [number, number];
        scriptStart.push(marks[0]);
        firstView.push(marks[1]);
        await page.close();
      }
      return [
        {
          name: 'popup: open → first snapshot on screen',
          median: Math.round(median(times) * 10) / 10,
          unit: 'ms',
          target: 100,
          note: `median of ${OPENS} opens in Chromium (headless), 128 subnets + 6 positions; range ${Math.round(Math.min(...times))}–${Math.round(Math.max(...times))} ms`,
        },
        { name: 'popup: open → script running (JS load + parse)', median: Math.round(median(scriptStart)), unit: 'ms', note: 'part of the above' },
        { name: 'popup: open → first view from the port', median: Math.round(median(firstView)), unit: 'ms', note: 'part of the above; the rest is React rendering it' },
      ];
    } finally {
      await browser.close();
    }
  } finally {
    await world.stop();
  }
}
