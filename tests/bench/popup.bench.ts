/**
 * Popup first paint in real Chromium, opened the way a user opens it: the toolbar button
 * (`chrome.action.openPopup()`), in the browser's popup window. A watch address holds the default
 * scenario's positions and the background already holds a snapshot (as it does whenever the popup is opened
 * after the first block): the popup does no fetching of its own.
 *
 * The headline is the measure, performance marks: navigation start → the mark the popup sets when the
 * last snapshot's figures are committed to the DOM. Beside it, stricter, the moment the browser presented the
 * frame showing the portfolio total (Element Timing on that figure), with its parts: the browser's navigation
 * and visibility entries (Chrome shows a popup only after its load event, then sizes it).
 *
 * Two floors, opened the same way from the same extension, separate what the browser costs from what our
 * code costs: the popup's own painted DOM and CSS saved as a static page (the same pixels, no script), and a
 * one-line page.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildExtension } from '../support/build-extension';
import { startLocalWorld } from '../support/local-world';
import { launchTaoLens, watchThroughPopup } from '../e2e/chromium';
import { openToolbarPopup } from '../e2e/toolbar-popup';
import { median, type BenchRow } from './table';

const OPENS = 15;
/**
 * Bittensor's block time. The background reads the chain and rewrites its stored views once per block, in
 * the same browser process as the popup; faster devnet blocks would have it busy for most opens.
 */
const BLOCK_MS = 12_000;
/** components/popup/PortfolioPanel.tsx: TOTAL_TIMING. */
const TOTAL = 'taolens:portfolio-total';
const SAME_PIXELS_PAGE = 'bench-same-pixels.html';
const ONE_LINE_PAGE = 'bench-one-line.html';
/** Lets the popup window close before the next opens. */
const SETTLE_MS = 300;

interface Timings {
  painted: number;
  scriptStart: number;
  storedView: number;
  inDom: number;
  loaded: number;
  shown: number;
  width: number;
}

/** Resolves once the element named TOTAL has been painted, with the timings of that open. */
const TIMINGS = `new Promise((resolve) => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
  new PerformanceObserver((list, observer) => {
    const hit = list.getEntries().find((e) => e.identifier === ${JSON.stringify(TOTAL)});
    if (!hit) return;
    observer.disconnect();
    resolve({
      painted: hit.renderTime || hit.loadTime,
      scriptStart: at('taolens:script-start'),
      storedView: at('taolens:first-view'),
      inDom: at('taolens:data-on-screen'),
      loaded: performance.getEntriesByType('navigation')[0].loadEventEnd,
      shown: performance.getEntriesByType('visibility-state').find((e) => e.name === 'visible')?.startTime ?? NaN,
      width: innerWidth,
    });
  }).observe({ type: 'element', buffered: true });
})`;

const ms = (values: number[]) => Math.round(median(values) * 10) / 10;
const range = (values: number[]) => `range ${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} ms`;
const STALENESS_SAMPLES = 30;
const pause = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

export async function bench(): Promise<BenchRow[]> {
  const world = await startLocalWorld({ blockMs: BLOCK_MS });
  try {
    const extensionDir = buildExtension({ outDir: '.output/bench-popup', env: world.buildEnv });
    writeFileSync(
      join(extensionDir, ONE_LINE_PAGE),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><p elementtiming="${TOTAL}">1.2345 TAO</p></body></html>`,
    );
    const browser = await launchTaoLens({ extensionDir });
    try {
      // Warm-up: the background connects, an account is watched, its positions are read.
      await watchThroughPopup(browser, world.devnet.accounts.Alice!, 400);
      const open = async (page: string): Promise<Timings> => {
        const popup = await openToolbarPopup(browser, page);
        try {
          return await popup.evaluate<Timings>(TIMINGS);
        } finally {
          await popup.close();
          await pause(SETTLE_MS);
        }
      };
      // The same pixels without a script: the popup's own DOM (its CSS rides in a <style>) as a static page.
      const first = await openToolbarPopup(browser);
      await first.evaluate(TIMINGS);
      const html = await first.evaluate<string>(
        `'<!doctype html>' + document.documentElement.outerHTML.replace(/<script\\b[^>]*>[\\s\\S]*?<\\/script>/g, '')`,
      );
      await first.close();
      writeFileSync(join(extensionDir, SAME_PIXELS_PAGE), html);
      await pause(SETTLE_MS);

      const load = [loadavg()[0]!];
      const popup: Timings[] = [];
      const samePixels: number[] = [];
      const oneLine: number[] = [];
      for (let i = 0; i < OPENS; i++) {
        popup.push(await open('popup.html'));
        samePixels.push((await open(SAME_PIXELS_PAGE)).painted);
        oneLine.push((await open(ONE_LINE_PAGE)).painted);
      }
      load.push(loadavg()[0]!);
      const loadNote = `load average ${load.map((l) => l.toFixed(1)).join('→')} on ${availableParallelism()} cores`;
      const part = (key: keyof Timings) => ms(popup.map((t) => t[key]));

      // Every outside API accepts and never answers: how many blocks behind the devnet the popup shows.
      for (const route of ['coingecko', 'binance', 'tao-usd', 'coverage', 'chutes'] as const) world.api.setMode(route, 'timeout');
      const behind: number[] = [];
      const tab = await browser.openPopup();
      await tab.getByTestId('snapshot-block').waitFor();
      for (let i = 0; i < STALENESS_SAMPLES; i++) {
        const chain = world.devnet.control.state().blockNumber;
        const shown = Number(/#(\d+)/.exec((await tab.getByTestId('snapshot-block').textContent()) ?? '')?.[1] ?? NaN);
        behind.push(chain - shown);
        await pause(1000);
      }
      await tab.close();
      for (const route of ['coingecko', 'binance', 'tao-usd', 'coverage', 'chutes'] as const) world.api.setMode(route, 'ok');
      const painted = popup.map((t) => t.painted);
      const inDom = popup.map((t) => t.inDom);
      return [
        {
          name: 'popup (toolbar): open → data on screen',
          median: ms(inDom),
          unit: 'ms',
          target: 100,
          note: `performance marks (the issue's measure): navigation start → the last snapshot's figures committed to the DOM; median of ${OPENS} opens with chrome.action.openPopup, headless Chromium (popup ${popup[0]!.width} px wide), 128 subnets + 6 positions; ${range(inDom)}; ${loadNote}`,
        },
        { name: 'popup: open → script running', median: part('scriptStart'), unit: 'ms', note: 'part of the above: navigation, HTML, JS fetch + compile' },
        { name: 'popup: open → stored view read', median: part('storedView'), unit: 'ms', note: 'part of the above: its localStorage copy, parsed; then React renders it' },
        {
          name: 'popup: open → total painted (frame presented)',
          median: ms(painted),
          unit: 'ms',
          note: `stricter: when the browser presented the frame showing the total (Element Timing); ${range(painted)}; compare the floors below`,
        },
        { name: 'popup: open → load event done', median: part('loaded'), unit: 'ms', note: 'part of the above: Chrome shows a popup only after its load' },
        { name: 'popup: open → window shown', median: part('shown'), unit: 'ms', note: 'part of the above: visibility turns visible; the rest is the first frame' },
        {
          name: 'same pixels, no script: open → painted',
          median: ms(samePixels),
          unit: 'ms',
          note: `floor: the popup's own DOM and CSS as a static page, opened the same way; ${range(samePixels)}`,
        },
        {
          name: 'popup staleness with every outside API hanging',
          median: median(behind),
          unit: 'blocks',
          target: 0,
          note: `blocks between the devnet's head and the popup's, sampled once a second for ${STALENESS_SAMPLES} s (${BLOCK_MS / 1000} s blocks); max ${Math.max(...behind)}; 1 = a block being read`,
        },
        {
          name: 'one-line page: open → painted',
          median: ms(oneLine),
          unit: 'ms',
          note: `floor: one line of text, no script, no CSS, opened the same way; ${range(oneLine)}`,
        },
      ];
    } finally {
      await browser.close();
    }
  } finally {
    await world.stop();
  }
}
