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
