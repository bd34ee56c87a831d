import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchTaoLens, type TaoLensBrowser } from './chromium';

// Revenue, subsidy and coverage as a user sees them, from the fixture revenue API (metagraph.sh and
// Chutes shapes) against the devnet's subsidy. SN64 has revenue there; SN1 is reported as not observed.
let browser: TaoLensBrowser;
const ctx = inject('e2e');

beforeAll(async () => {
  browser = await launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts });
});
afterAll(async () => {
  await browser?.close();
});

it('the popup board shows revenue, subsidy and coverage with how they were computed, and "not observed" without a figure', async () => {
  const popup = await browser.openPopup(800);
  await popup.getByRole('tab', { name: 'Subnets' }).click();
  const row = (netuid: number) => popup.locator(`[data-testid="board-row"][data-netuid="${netuid}"]`);
  await row(64).waitFor({ timeout: 30_000 });

  const cell = (netuid: number, column: string) => row(netuid).locator(`[data-column="${column}"]`);
  await expect.poll(() => cell(64, 'revenue').textContent(), { timeout: 30_000 }).toMatch(/^\$[\d.,]+[KMB]? \/7d$/);
  const subsidy = await cell(64, 'subsidy').textContent();
  expect(subsidy).toMatch(/^τ[\d,.]+\$[\d.,]+[KMB]?$/); // TAO and USD
  const coverage = cell(64, 'coverage').locator('span');
  expect(await coverage.textContent()).toMatch(/^\d+(\.\d+)?%$/);
  const explain = (await coverage.getAttribute('title')) ?? '';
  expect(explain).toMatch(/^Revenue \$[\d,.]+ over 7 d from (metagraph\.sh|Chutes)/);
  expect(explain).toContain('÷ subsidy');
  expect(explain).toContain('per-block snapshot × 7,200');

  expect(await cell(1, 'revenue').textContent()).toBe('not observed');
  expect(await cell(1, 'coverage').textContent()).toBe('not observed');
  expect(await cell(1, 'coverage').locator('span').getAttribute('title')).toContain('unknown (not 0)');
  await popup.close();
});
