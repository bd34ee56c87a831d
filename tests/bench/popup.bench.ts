/**
 * Popup first paint in real Chromium, with a watch address holding the default scenario's positions. The
 * background already holds a snapshot (as it does whenever the popup is opened after the first block): the
 * popup does no fetching of its own.
 *
 * The headline is navigation start → the portfolio total (the last snapshot's figure, with its unit, block
 * and age beside it) painted on screen, as the browser reports it through Element Timing (`elementtiming`
 * on that figure: the frame's presentation time, not when our code ran). The parts before it are
 * performance marks from the popup's own code. A static page served from the same extension gives the
 * browser's floor: what any extension page costs before its first script runs.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildExtension } from '../support/build-extension';
import { startLocalWorld } from '../support/local-world';
import { launchTaoLens, watchThroughPopup } from '../e2e/chromium';
import { median, type BenchRow } from './table';

const OPENS = 15;
/**
 * Bittensor's block time. The background reads the chain and rewrites its stored views once per block, in
 * the same browser process as the popup; faster devnet blocks would have it busy for most opens.
 */
const BLOCK_MS = 12_000;
/** components/popup/PortfolioPanel.tsx: TOTAL_TIMING. */
const TOTAL = 'taolens:portfolio-total';
const STATIC_PAGE = 'bench-static.html';

/** Resolves with the render time of the element named `name` once it has been painted. */
function paintedAt(page: Page, name: string): Promise<number> {
  // A string, not a function: tsx's helpers do not exist in the page.
  return page.evaluate(`new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      const hit = list.getEntries().find((e) => e.identifier === ${JSON.stringify(name)});
      if (hit) { observer.disconnect(); resolve(hit.renderTime || hit.loadTime); }
    }).observe({ type: 'element', buffered: true });
  })`) as Promise<number>;
}

const marks = (page: Page, names: string[]) =>
  page.evaluate(`${JSON.stringify(names)}.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN)`) as Promise<number[]>;

const ms = (values: number[]) => Math.round(median(values) * 10) / 10;
const range = (values: number[]) => `range ${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} ms`;

export async function bench(): Promise<BenchRow[]> {
  const world = await startLocalWorld({ blockMs: BLOCK_MS });
  try {
    const extensionDir = buildExtension({ outDir: '.output/bench-popup', env: world.buildEnv });
    // The floor: one line of text, no script, no stylesheet, from the same extension.
    writeFileSync(
      join(extensionDir, STATIC_PAGE),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><p elementtiming="${TOTAL}">1.2345 TAO</p></body></html>`,
    );
    const browser = await launchTaoLens({ extensionDir });
    try {
      // Warm-up: the background connects, an account is watched, its positions are read.
      await watchThroughPopup(browser, world.devnet.accounts.Alice!, 400);
      const load = [loadavg()[0]!];

      const painted: number[] = [];
      const parts: number[][] = [[], [], []];
      const floor: number[] = [];
      for (let i = 0; i < OPENS; i++) {
        const page = await browser.openPopup(400);
        painted.push(await paintedAt(page, TOTAL));
        const m = await marks(page, ['taolens:script-start', 'taolens:first-view', 'taolens:data-on-screen']);
        m.forEach((t, j) => parts[j]!.push(t));
        await page.close();

        const bare = await browser.context.newPage();
        await bare.setViewportSize({ width: 400, height: 600 });
        await bare.goto(`chrome-extension://${browser.extensionId}/${STATIC_PAGE}`);
        floor.push(await paintedAt(bare, TOTAL));
        await bare.close();
      }
      load.push(loadavg()[0]!);
      const loadNote = `load average ${load.map((l) => l.toFixed(1)).join('→')} on ${availableParallelism()} cores`;
      return [
        {
          name: 'popup: open → portfolio total painted',
          median: ms(painted),
          unit: 'ms',
          target: 100,
          note: `median of ${OPENS} opens, headless Chromium, 128 subnets + 6 positions; Element Timing; ${range(painted)}; ${loadNote}`,
        },
        { name: 'popup: open → script running', median: ms(parts[0]!), unit: 'ms', note: 'part of the above: navigation, HTML, JS fetch + compile' },
        { name: 'popup: open → stored view read', median: ms(parts[1]!), unit: 'ms', note: 'part of the above: its localStorage copy, parsed' },
        { name: 'popup: open → figures in the DOM', median: ms(parts[2]!), unit: 'ms', note: 'part of the above: React rendered it; the rest is the browser painting' },
        { name: 'static page from the extension: open → painted', median: ms(floor), unit: 'ms', note: `the browser's floor (no script, no CSS), same opens interleaved; ${range(floor)}` },
      ];
    } finally {
      await browser.close();
    }
  } finally {
    await world.stop();
  }
}
