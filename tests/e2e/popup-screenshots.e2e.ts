/**
 * Screenshots of the popup (portfolio and subnet board, light and dark) with a watch address holding the
 * devnet scenario's positions. Written to docs/screenshots/ when TAOLENS_SCREENSHOTS=1, to a temp folder
 * otherwise (the themes are still checked on every run).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, inject, it } from 'vitest';
import { launchTaoLens } from './chromium';

const ctx = inject('e2e');
const outDir = process.env.TAOLENS_SCREENSHOTS === '1' ? resolve(import.meta.dirname, '../../docs/screenshots') : mkdtempSync(join(tmpdir(), 'taolens-shots-'));
mkdirSync(outDir, { recursive: true });

for (const scheme of ['light', 'dark'] as const) {
  it(`portfolio and board, ${scheme}`, async () => {
    const browser = await launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts, colorScheme: scheme });
    try {
      const popup = await browser.openPopup(400);
      await popup.setViewportSize({ width: 400, height: 600 });
      // On a busy machine the first connect can time out; Retry is what a user would press.
      await expect
        .poll(
          async () => {
            const status = await popup.getByTestId('connection').textContent();
            if (status === 'offline') await popup.getByRole('button', { name: 'Retry' }).first().click().catch(() => undefined);
            return status;
          },
          { timeout: 45_000, interval: 2_000 },
        )
        .toBe('live');
      for (const name of ['Alice', 'Ferdie']) {
        await popup.getByTestId('watch-input').fill(ctx.accounts[name]!);
        await popup.getByRole('button', { name: 'Add', exact: true }).click();
        await expect.poll(async () => (await popup.getByTestId('watch-error').count()) || (await popup.getByTestId('watch-input').inputValue())).toBe('');
      }
      await expect.poll(() => popup.getByTestId('account').count()).toBe(2);
      await expect.poll(() => popup.getByTestId('group').count(), { timeout: 20_000 }).toBeGreaterThan(3);
      await expect.poll(() => popup.getByTestId('accounts-pending').count(), { timeout: 20_000 }).toBe(0);
      const bg = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe(scheme === 'dark' ? 'rgb(15, 18, 22)' : 'rgb(255, 255, 255)');
      await popup.evaluate(() => document.querySelector('details.accounts')?.removeAttribute('open'));
      await popup.screenshot({ path: join(outDir, `popup-portfolio-${scheme}.png`) });
      await popup.getByRole('tab', { name: 'Subnets' }).click();
      await expect.poll(() => popup.getByTestId('board-row').count()).toBeGreaterThan(100);
      await popup.screenshot({ path: join(outDir, `popup-board-${scheme}.png`) });
    } finally {
      await browser.close();
    }
    // Two browsers' worth of steps: on a loaded 2-core machine the default 60 s is not enough.
  }, 150_000);
}
