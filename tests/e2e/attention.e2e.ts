// Cadence follows attention, in real Chromium against the devnet: the background reads every subnet (the
// expensive `get_all_dynamic_info` runtime call, counted by the devnet) on every block only while someone is
// looking. Chromium runs without Playwright attached (unattended-chromium.ts): Playwright keeps its pages
// visible, a person's background tab is hidden. Blocks are produced one at a time (the devnet is paused).
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openChainSession, type ChainSession } from '@/lib/chain/session';
import { DEFAULT_IDLE_REFRESH_MINUTES } from '@/lib/settings/idle-refresh';
import { RUNTIME_API } from '@/lib/chain/runtime-api-names';
import { installFakeWallet } from '../fixtures/wallet/fake-wallet';
import { EXTENSION_ID } from './chromium';
import { devnetControl } from './control';
import { openStakePanel } from './stake-panel';
import { launchUnattended } from './unattended-chromium';

const ctx = inject('e2e');
const control = devnetControl(ctx.controlUrl);
const READ = `state_call:${RUNTIME_API.allDynamicInfo}`;
/** Heads reach the worker in milliseconds here; a read it would start has started well within this. */
const SETTLE_MS = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let browser: Awaited<ReturnType<typeof launchUnattended>>;
/**
 * Blocks at which the subnets were read since the devnet started (only this file's browser is connected). Blocks,
 * not calls: a block where a watched position moved is read twice (its exit values), still one block.
 */
const reads = async () => (await control.rpcCounts()).blocks[READ] ?? 0;
/** Requests the outside price and revenue APIs (the fixture server) have had from the extension. */
const feedRequests = async () =>
  Object.values((await (await fetch(`${ctx.apiUrl}/__control/requests`)).json()) as Record<string, number>).reduce((a, n) => a + n, 0);
/** One new finalized block, and time for the worker to hear it. */
const block = async () => {
  await control.produceBlock();
  await sleep(SETTLE_MS);
};
/** Waits for exactly `n` reads since `from`, then checks no more follow. */
async function expectReads(from: number, n: number) {
  await expect.poll(async () => (await reads()) - from, { timeout: 15_000 }).toBeGreaterThanOrEqual(n);
  await sleep(SETTLE_MS);
  expect((await reads()) - from).toBe(n);
}

beforeAll(async () => {
  await control.pause();
  browser = await launchUnattended({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts });
});
afterAll(async () => {
  await control.holdPool(false);
  await control.resume();
  await browser?.close();
});

describe('cadence follows attention', () => {
  let taostats: string;
  let blank: string;

  it('a hidden taostats tab costs no subnet reads, whatever its page claims; in front again, it is read at once and on every block', async () => {
    taostats = await browser.openTab('https://taostats.io/subnets');
    await control.produceBlock();
    await expect.poll(reads, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await browser.visibility(taostats)).toBe('visible');
    await sleep(SETTLE_MS);
    let before = await reads();
    await control.produceBlock();
    await expectReads(before, 1);

    // Another tab in front: the taostats tab is hidden (the page itself says so).
    blank = await browser.openTab('about:blank');
    expect(await browser.visibility(taostats)).toBe('hidden');
    await sleep(SETTLE_MS);
    before = await reads();
    const feedsBefore = await feedRequests();
    // The page's own script says it is visible and fires the event: the content script reads the browser's answer.
    await browser.evaluate(
      taostats,
      `Object.defineProperty(Document.prototype, 'visibilityState', { get: () => 'visible' });
       Object.defineProperty(document, 'hidden', { get: () => false });
       document.dispatchEvent(new Event('visibilitychange'));
       window.dispatchEvent(new Event('focus'));
       document.visibilityState`,
    );
    for (let i = 0; i < 4; i++) await block();
    expect(await reads()).toBe(before);
    // Nor the outside APIs: their refreshes (every 3 s in this build) came due in these 6 s and wait.
    expect(await feedRequests()).toBe(feedsBefore);

    // The slow cadence: once its minutes passed on the worker's clock, the next head is read (alerts run on it), and
    // the feeds that came due are asked with it.
    await browser.inWorker(`__taolensTestClock.advance(${DEFAULT_IDLE_REFRESH_MINUTES * 60_000})`);
    await control.produceBlock();
    await expectReads(before, 1);
    await expect.poll(feedRequests, { timeout: 10_000 }).toBeGreaterThan(feedsBefore);
    before = await reads();
    await block();
    expect(await reads()).toBe(before);

    // A block it skipped, then the tab back in front: read at once, without waiting for another block.
    await block();
    expect(await reads()).toBe(before);
    const feedsHidden = await feedRequests();
    await browser.front(taostats);
    expect(await browser.visibility(taostats)).toBe('visible');
    await expectReads(before, 1);
    await expect.poll(feedRequests, { timeout: 10_000 }).toBeGreaterThan(feedsHidden); // in front: feeds at once
    await control.produceBlock();
    await expectReads(before, 2);

    // Closed: nothing visible is left (the blank tab has no TaoLens figures).
    await browser.closeTab(taostats);
    await browser.front(blank);
    await sleep(SETTLE_MS);
    before = await reads();
    await block();
    await block();
    expect(await reads()).toBe(before);
  });

  it('the popup open is read at once and on every block; closed, quiet again', async () => {
    await block();
    const before = await reads();
    const popup = await browser.openTab(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await expectReads(before, 1);
    await control.produceBlock();
    await expectReads(before, 2);
    await control.produceBlock();
    await expectReads(before, 3);
    // What the person sees: the block just read, live.
    await expect
      .poll(() => browser.evaluate<string>(popup, `document.querySelector('[data-testid="connection"]')?.textContent ?? ''`), { timeout: 10_000 })
      .toBe('live');
    await browser.closeTab(popup);
    await browser.front(blank);
    await sleep(SETTLE_MS);
    await block();
    const after = await reads();
    await block();
    await block();
    expect(await reads()).toBe(after);
  });

  it('a transaction in flight is followed on every block while nothing is visible, until it ends', async () => {
    // A congested chain: the stake waits in the pool for as many blocks as the test holds it.
    await control.holdPool(true);
    const session: ChainSession = await openChainSession(ctx.devnetUrl);
    const pw = await chromium.connectOverCDP(browser.playwrightUrl);
    try {
      const { page, panel } = await openStakePanel(pw.contexts()[0]!, 2, {
        beforeLoad: async (p) => void (await installFakeWallet(p, { uri: '//Alice', name: 'Alice', registry: () => session.api.registry })),
      });
      await panel.type('#amount', '0.1');
      await panel.expectCall(/^subtensorModule\.addStakeLimit\(/);
      await panel.confirmAfterLooking();
      await expect.poll(() => panel.attr('[data-testid="tx-status"]', 'data-status'), { timeout: 20_000 }).toBe('ready');
      await page.close();
    } finally {
      // Playwright lets go of the browser: from here on, only what a person would see counts.
      await pw.close();
      await session.close();
    }
    await browser.front(blank);
    await sleep(SETTLE_MS);
    const journal = () => browser.inWorker<string[]>(`chrome.storage.local.get('txJournal').then((r) => r.txJournal.map((e) => e.status))`);
    expect(await journal()).toContain('ready');

    const before = await reads();
    for (let i = 1; i <= 3; i++) {
      await control.produceBlock();
      await expectReads(before, i);
    }
    // The chain takes it: it lands and is finalized; the block holding it is read, then reading stops.
    await control.holdPool(false);
    await control.produceBlock();
    await expect.poll(journal, { timeout: 15_000 }).not.toContain('ready');
    expect(await journal()).toContain('finalized');
    await block();
    const ended = await reads();
    expect(ended - before).toBeGreaterThanOrEqual(4);
    await block();
    await block();
    expect(await reads()).toBe(ended);
  });
});
