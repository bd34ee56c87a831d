import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchTaoLens, type TaoLensBrowser } from './chromium';
import { devnetControl } from './control';
import { startDevnet } from '../devnet/index';

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
  const consoleErrors: string[] = [];
  browser.context.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
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
    // Stop the MV3 worker as Chrome does when idle: its memory is gone, only extension storage survives.
    const cdp = await browser.context.browser()!.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(browser.extensionId))!;
    expect(worker).toBeDefined();
    await cdp.send('Target.closeTarget', { targetId: worker.targetId });
    await expect
      .poll(async () => (await cdp.send('Target.getTargets')).targetInfos.some((t) => t.targetId === worker.targetId))
      .toBe(false);

    // Opening the popup wakes a new worker, whose first view must come from storage.
    const again = await browser.openPopup();
    await expect.poll(() => again.getByTestId('snapshot-block').textContent(), { timeout: 10_000 }).toBe(shown);
    expect(await again.getByTestId('connection').textContent()).not.toBe('live');
    await again.waitForTimeout(3000); // reconnect attempts against the refusing node
    expect(consoleErrors).toEqual([]);
    await again.close();
  } finally {
    await control.refuseConnections(false);
    await control.resume();
  }
});

it('with two endpoints configured, dropping the first fails over to the second within 5 s', async () => {
  const second = await startDevnet({ port: 0, scenario: 'default', blockMs: 2000 });
  try {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByLabel('Chain endpoints').fill(`${ctx.devnetUrl}\n${second.url}`);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText('Saved.').waitFor();
    await options.close();

    const popup = await browser.openPopup();
    const endpoint = () => popup.locator('.endpoint').textContent();
    await expect.poll(endpoint, { timeout: 20_000 }).toContain(ctx.devnetUrl);
    await expect.poll(() => popup.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('live');

    await control.refuseConnections(true);
    try {
      await control.dropConnections();
      const dropped = Date.now();
      await expect.poll(endpoint, { timeout: 5_000, interval: 100 }).toContain(second.url);
      await expect.poll(() => popup.getByTestId('connection').textContent(), { timeout: 5_000 - (Date.now() - dropped), interval: 100 }).toBe('live');
    } finally {
      await control.refuseConnections(false);
    }
    await popup.close();
  } finally {
    // Back to the suite's single endpoint for the files that follow.
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByLabel('Chain endpoints').fill(ctx.devnetUrl);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.close();
    await second.stop();
  }
});
