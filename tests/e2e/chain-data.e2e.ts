import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchTaoLens, type TaoLensBrowser } from './chromium';
import { devnetControl } from './control';

let browser: TaoLensBrowser;
const ctx = inject('e2e');
const control = devnetControl(ctx.controlUrl);

beforeAll(async () => {
  browser = await launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts });
});
afterAll(async () => {
  await browser?.close();
});

it('the background reads every subnet from the devnet and the popup shows the live snapshot', async () => {
  const popup = await browser.openPopup();
  const state = await control.state();
  await expect.poll(() => popup.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('live');
  await expect
    .poll(() => popup.getByTestId('snapshot-block').textContent(), { timeout: 20_000 })
    .toContain(`${state.subnets.length} subnets`);
});

it('after the worker is stopped, a reopened popup shows the stored snapshot at once while the chain is unreachable', async () => {
  await control.pause();
  const popup = await browser.openPopup();
  await expect.poll(() => popup.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('live');
  // With blocks paused, wait until the last finalized block has reached the popup.
  let shown = '';
  await expect
    .poll(async () => {
      const before = await popup.getByTestId('snapshot-block').textContent();
      await new Promise((r) => setTimeout(r, 1500));
      shown = (await popup.getByTestId('snapshot-block').textContent()) ?? '';
      return before === shown;
    }, { timeout: 20_000 })
    .toBe(true);
  await popup.close();

  await control.refuseConnections(true);
  await control.dropConnections();
  try {
    // Stop the MV3 worker as Chrome does when idle: the next view must come from storage, not the chain.
    const worker = browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId))!;
    const stopped = new Promise((resolve) => worker.once('close', resolve));
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped; // the old worker, and its in-memory snapshot, are gone
    await page.close();

    const again = await browser.openPopup();
    await expect.poll(() => again.getByTestId('snapshot-block').textContent(), { timeout: 10_000 }).toBe(shown);
    expect(await again.getByTestId('connection').textContent()).not.toBe('live');
    await again.close();
  } finally {
    await control.refuseConnections(false);
    await control.resume();
  }
});
