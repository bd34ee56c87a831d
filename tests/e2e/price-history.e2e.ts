/**
 * The price history in real Chromium against the devnet: the worker stores it an hour per item, and a user who
 * updates from a version that kept it as one item keeps it (split into hour items when the updated worker starts,
 * the old item removed), so the board's 24 h change is there at once; the same for the daily network history (a
 * month per item); and a reused netuid's history is forgotten. Blocks are paused for the second test and
 * resumed after it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { priceAsNumber } from '@/lib/history/price-history';
import { formatPercent } from '@/lib/units/amount';
import { launchTaoLens, type TaoLensBrowser } from './chromium';
import { devnetControl } from './control';

interface StateJson {
  subnets: { netuid: number; price: string; registeredAt: string; name: string }[];
  positions: { netuid: number }[];
}

const ctx = inject('e2e');
const control = devnetControl(ctx.controlUrl);
let browser: TaoLensBrowser;

beforeAll(async () => {
  browser = await launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts });
});
afterAll(async () => {
  await browser?.close();
});

type Chrome = { chrome: { storage: { local: { get(k?: string | null): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } } } };
/** The extension's whole local storage, read in its worker. */
const storedAll = () => browser.serviceWorker.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.local.get(null));

/** Stops the worker, as Chrome does an idle MV3 worker or an update does: the next one starts on what is stored. */
async function stopWorker(): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.close();
}

type SubnetRow = StateJson['subnets'][number];

/**
 * Runs `test` with blocks paused on a fresh block (resumed afterwards, whatever happens) on the subnet `pick` chooses
 * from the devnet's state, given with its price in TAO per alpha.
 */
async function onPausedChain(pick: (state: StateJson) => SubnetRow | undefined, test: (subnet: SubnetRow, price: number) => Promise<void>): Promise<void> {
  await control.pause();
  try {
    await control.produceBlock();
    const subnet = pick((await control.state()) as StateJson)!;
    await test(subnet, priceAsNumber(BigInt(subnet.price)));
  } finally {
    await control.resume();
  }
}

/** The text of a subnet's 24 h change on the popup's board. */
const change24hText = (popup: Page, netuid: number) => popup.locator(`[data-testid="board-row"][data-netuid="${netuid}"] [data-column="change24h"]`).textContent();
const PLUS_100 = formatPercent(1, { maxFractionDigits: 1 });

async function openBoard(): Promise<Page> {
  const popup = await browser.openPopup(420);
  await popup.getByRole('tab', { name: 'Subnets' }).click();
  await popup.getByTestId('board-row').first().waitFor({ timeout: 45_000 });
  return popup;
}

describe('price history storage', () => {
  it('stores each subnet’s points in the current hour’s item, listed in the index, and no single item', async () => {
    const startedAt = Date.now();
    const popup = await openBoard();
    const state = (await control.state()) as StateJson;
    await expect.poll(async () => (await storedAll())['priceHistory:hours'], { timeout: 30_000 }).toBeDefined();
    const all = await storedAll();
    // A fresh profile: one point per subnet so far, all in one hour.
    const hours = all['priceHistory:hours'] as number[];
    expect(hours).toHaveLength(1);
    expect(hours[0]).toBeGreaterThanOrEqual(Math.floor(startedAt / 3_600_000));
    expect(hours[0]).toBeLessThanOrEqual(Math.floor(Date.now() / 3_600_000));
    const chunk = all[`priceHistory:h:${hours.at(-1)}`] as Record<string, number[]>;
    expect(Object.keys(chunk).map(Number).sort((a, b) => a - b)).toEqual(state.subnets.map((s) => s.netuid).sort((a, b) => a - b));
    expect(all).not.toHaveProperty('priceHistory');
    await popup.close();
  });

  it('keeps a history the previous version stored as one item: moved into hour items on update, 24 h change shown', async () => {
    await onPausedChain((state) => state.subnets.find((s) => BigInt(s.price) > 0n), async (subnet, current) => {
      const now = Date.now();
      // As the previous version stored it: a day ago at half today's price, and an hour later.
      const dayAgo = { t: now - 24 * 3_600_000, price: current / 2 };
      const legacy = { [subnet.netuid]: [dayAgo, { t: dayAgo.t + 3_600_000, price: current / 2 }] };
      await browser.serviceWorker.evaluate((v) => (globalThis as unknown as Chrome).chrome.storage.local.set({ priceHistory: v }), legacy);

      // As after an update or whenever Chrome stops an idle MV3 worker: the worker is stopped, and the next one
      // (woken by the popup) starts on the stored items. (Without the stop this test fails: the running worker
      // never reads the item again.)
      await stopWorker();

      const popup = await openBoard();
      await expect.poll(() => change24hText(popup, subnet.netuid), { timeout: 20_000 }).toBe(PLUS_100);

      // Read from the popup, an extension page like the worker.
      const all = await popup.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.local.get(null));
      expect(all).not.toHaveProperty('priceHistory');
      const hourOfDayAgo = Math.floor(dayAgo.t / 3_600_000);
      expect(all['priceHistory:hours']).toEqual(expect.arrayContaining([hourOfDayAgo, hourOfDayAgo + 1]));
      expect((all[`priceHistory:h:${hourOfDayAgo}`] as Record<string, number[]>)[subnet.netuid]).toEqual([dayAgo.t - hourOfDayAgo * 3_600_000, current / 2]);
      await popup.close();
    });
  });

  it('keeps the daily network history the previous version stored as one item: split into month items, its days charted', async () => {
    const months = async () => ((await storedAll())['networkHistory:months'] as string[] | undefined) ?? [];
    // Today's point first (it needs the day's revenue asked for once).
    await expect.poll(months, { timeout: 60_000 }).not.toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    const dayOffset = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    const point = (d: string, cov: number) => ({ d, at: Date.parse(`${d}T12:00:00Z`), sub: '7200000000000', subUsd: 2_880_000, rev: 288_000 * cov * 10, obsSubUsd: 288_000, cov, n: 3, m: 128, px: 400 });
    // 25 and 24 days ago (another month than today's, within the chart's 30 days).
    const legacy = { network: [point(dayOffset(25), 0.2), point(dayOffset(24), 0.25)], subnets: {} };
    await browser.serviceWorker.evaluate((v) => (globalThis as unknown as Chrome).chrome.storage.local.set({ networkHistory: v }), legacy);
    await stopWorker();

    const popup = await openBoard();
    await expect.poll(() => popup.getByTestId('network-chart-caption').first().textContent(), { timeout: 30_000 }).toContain('3 days recorded');
    const all = await storedAll();
    expect(all).not.toHaveProperty('networkHistory');
    const days = [dayOffset(25), dayOffset(24), today];
    expect(all['networkHistory:months']).toEqual([...new Set(days.map((d) => d.slice(0, 7)))].sort());
    const month = dayOffset(25).slice(0, 7);
    expect((all[`networkHistory:m:${month}`] as { network: { d: string }[] }).network.map((p) => p.d)).toEqual(days.filter((d) => d.startsWith(month)));
    await popup.close();
  });

  it('forgets what it recorded under a netuid when a new subnet takes that netuid: no 24 h change against the old one', async () => {
    const unstaked = (state: StateJson) => {
      const staked = new Set(state.positions.map((p) => p.netuid));
      return state.subnets.filter((s) => s.netuid !== 0 && !staked.has(s.netuid) && BigInt(s.price) > 0n).at(-1);
    };
    await onPausedChain(unstaked, async (subnet, current) => {
      const now = Date.now();
      // A day of history under this netuid at half today's price, recorded for its present subnet.
      const dayAgo = now - 24 * 3_600_000;
      const hour = Math.floor(dayAgo / 3_600_000);
      const stored = await storedAll();
      await browser.serviceWorker.evaluate(
        (v) => (globalThis as unknown as Chrome).chrome.storage.local.set(v),
        {
          'priceHistory:hours': [...new Set([...((stored['priceHistory:hours'] as number[]) ?? []), hour])].sort((a, b) => a - b),
          [`priceHistory:h:${hour}`]: { ...((stored[`priceHistory:h:${hour}`] as object) ?? {}), [subnet.netuid]: [dayAgo - hour * 3_600_000, current / 2] },
          subnetRegistrations: { ...((stored.subnetRegistrations as object) ?? {}), [subnet.netuid]: Number(subnet.registeredAt) },
        },
      );
      await stopWorker();
      let popup = await openBoard();
      const change = () => change24hText(popup, subnet.netuid);
      await expect.poll(change, { timeout: 20_000 }).toBe(PLUS_100);
      await popup.close();

      // The subnet is pruned and a new one registers on its netuid at the same price: the old +100 % is not its.
      await control.reregister(subnet.netuid, 'Newcomer', subnet.price);
      popup = await openBoard();
      const name = popup.locator(`[data-testid="board-row"][data-netuid="${subnet.netuid}"] [data-column="name"]`);
      // The dynamic info (names, registration blocks) is read 1 block in 5 while someone looks.
      for (let i = 0; i < 12 && !(await name.textContent())?.includes('Newcomer'); i++) {
        await control.produceBlock();
        await popup.waitForTimeout(500);
      }
      await expect.poll(() => name.textContent(), { timeout: 10_000 }).toContain('Newcomer');
      await expect.poll(change, { timeout: 10_000 }).toBe('—');
      // And stored so: the old point is gone from its hour, the new registration recorded.
      await expect.poll(async () => ((await storedAll())[`priceHistory:h:${hour}`] as Record<string, unknown> | undefined)?.[subnet.netuid], { timeout: 10_000 }).toBeUndefined();
      const after = await storedAll();
      expect((after.subnetRegistrations as Record<string, number>)[subnet.netuid]).toBe(Number(((await control.state()) as StateJson).subnets.find((s) => s.netuid === subnet.netuid)!.registeredAt));
      // After a restart too: nothing brings the old point back.
      await popup.close();
      await stopWorker();
      popup = await openBoard();
      await expect.poll(change, { timeout: 20_000 }).toBe('—');
      await popup.close();
    });
  });
});
