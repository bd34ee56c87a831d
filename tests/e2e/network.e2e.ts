/**
 * The network view in real Chromium against the devnet and the fixture revenue API: its figures against a
 * recomputation from the devnet's state and the fixture's revenue, daily history points as simulated days pass (the
 * e2e build's worker clock, moved from the worker's own global), the $TAO card's network line, and one browser
 * notification for a devnet price move past an alert's threshold. Screenshots (light, dark) when
 * TAOLENS_SCREENSHOTS=1. Devnet state touched here (pause, a trade on one subnet) is restored or left harmless.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_IDLE_REFRESH_MINUTES } from '@/lib/settings/idle-refresh';
import { createPriceService } from '@/lib/price/service';
import { chutesSource } from '@/lib/revenue/chutes';
import { combineRevenue } from '@/lib/revenue/combine';
import { metagraphCoverageSource } from '@/lib/revenue/metagraph';
import { createRevenueService } from '@/lib/revenue/service';
import { REVENUE_WINDOWS, WINDOW_DAYS, type RevenueWindow } from '@/lib/revenue/types';
import { formatExact, formatPercent, formatUsd, raoToUsd } from '@/lib/units/amount';
import { deepTexts, launchTaoLens, type TaoLensBrowser } from './chromium';
import { devnetControl } from './control';

interface SubnetJson {
  netuid: number;
  name: string;
  price: string;
  taoIn: string;
  taoInEmission: string;
  excessTao: string;
  alphaInEmission: string;
  alphaOutEmission: string;
}
interface StateJson {
  blockNumber: number;
  subnets: SubnetJson[];
}

const ctx = inject('e2e');
const control = devnetControl(ctx.controlUrl);
const DAY = 86_400_000;
const shots = process.env.TAOLENS_SCREENSHOTS === '1' ? resolve(import.meta.dirname, '../../docs/screenshots') : mkdtempSync(join(tmpdir(), 'taolens-shots-'));
mkdirSync(shots, { recursive: true });
let browser: TaoLensBrowser;
let popup: Page;

beforeAll(async () => {
  browser = await launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts });
  popup = await browser.openPopup(400);
  await popup.getByRole('tab', { name: 'Subnets' }).click();
  await popup.getByTestId('network-view').waitFor({ timeout: 45_000 });
});
afterAll(async () => {
  await browser?.close();
});

/** Subsidy per day as the devnet defines it: (TAO emission + excess) × 7,200 + alpha emission × 7,200 at the spot price. */
const subsidyPerDay = (s: SubnetJson) =>
  (BigInt(s.taoInEmission) + BigInt(s.excessTao)) * 7200n + ((BigInt(s.alphaInEmission) + BigInt(s.alphaOutEmission)) * 7200n * BigInt(s.price)) / 1_000_000_000n;

/** The fixture API's revenue per window and TAO/USD, read with the extension's own source parsers. */
async function fixtureRevenue() {
  const now = () => Date.now();
  const service = createRevenueService({ sources: [metagraphCoverageSource(ctx.apiUrl), chutesSource(ctx.apiUrl)], fetch: (...a) => fetch(...a), now });
  const byWindow = {} as Record<RevenueWindow, ReturnType<typeof combineRevenue>>;
  for (const w of REVENUE_WINDOWS) byWindow[w] = combineRevenue((await service.get(w)).results, w);
  const price = await createPriceService({ bases: { priceApi: ctx.apiUrl, binanceApi: ctx.apiUrl, revenueApi: ctx.apiUrl }, fetch: (...a) => fetch(...a), now }).get();
  return { byWindow, taoUsd: price.price! };
}

/** The network figures for a window, recomputed here (sums, coverage over the observed subnets, unobserved share). */
function expected(state: StateJson, revenue: Awaited<ReturnType<typeof fixtureRevenue>>, w: RevenueWindow) {
  const days = BigInt(WINDOW_DAYS[w]);
  const chosen = new Map(revenue.byWindow[w].filter((c) => c.chosen).map((c) => [c.netuid, c.chosen!.usd]));
  let total = 0n;
  let observedSubsidy = 0n;
  let revenueUsd = 0;
  let observed = 0;
  for (const s of state.subnets) {
    const perDay = subsidyPerDay(s);
    total += perDay;
    const usd = chosen.get(s.netuid);
    if (usd === undefined) continue;
    observed++;
    observedSubsidy += perDay;
    revenueUsd += usd;
  }
  const observedUsd = raoToUsd(observedSubsidy * days, revenue.taoUsd)!;
  return {
    subsidyDay: formatExact(total),
    subsidyWindow: formatExact(total * days),
    observed: `${observed} of ${state.subnets.length} subnets`,
    revenue: formatUsd(revenueUsd),
    coverage: formatPercent(revenueUsd / observedUsd, { maxFractionDigits: 1 }),
    unobserved: formatPercent(Number(((total - observedSubsidy) * 1_000_000_000n) / total) / 1e9, { maxFractionDigits: 1 }),
    observedCount: observed,
  };
}

const text = (id: string) => popup.getByTestId(id).first().textContent();
/** An item of the extension's storage, read in its worker. */
const stored = <T>(key: string) =>
  browser.serviceWorker.evaluate(async (k) => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
    return (await api.storage.local.get(k))[k];
  }, key) as Promise<T | undefined>;
/** The stored daily network points, from the month items (lib/storage/network-history.ts). */
const storedNetwork = async () => {
  const months = (await stored<string[]>('networkHistory:months')) ?? [];
  const items = await Promise.all(months.map((m) => stored<{ network: { d: string; n: number; m: number }[] }>(`networkHistory:m:${m}`)));
  return items.flatMap((item) => item?.network ?? []);
};
const storedDays = async () => (await storedNetwork()).map((p) => p.d);
const advanceWorkerClock = (ms: number) =>
  browser.serviceWorker.evaluate((by) => (globalThis as unknown as { __taolensTestClock: { advance(ms: number): number } }).__taolensTestClock.advance(by), ms);

describe('network view', () => {
  it('shows, for each window, figures equal to a recomputation from the devnet’s state and the fixture’s revenue', async () => {
    const revenue = await fixtureRevenue();
    expect(revenue.byWindow['7d'].length).toBeGreaterThan(0);
    // Revenue arrives beside the chain read: wait for it, then freeze on one block.
    await expect.poll(() => popup.getByTestId('network-revenue').getAttribute('data-usd'), { timeout: 90_000 }).not.toBeNull();
    await control.pause();
    try {
      await control.produceBlock();
      const state = (await control.state()) as StateJson;
      await expect.poll(() => text('network-subsidy'), { timeout: 20_000 }).toContain(`block #${state.blockNumber}’s emission`);
      for (const w of REVENUE_WINDOWS) {
        await popup.locator(`.network-head [data-window="${w}"]`).click();
        const want = expected(state, revenue, w);
        expect(want.observedCount).toBeGreaterThan(0);
        expect(want.observedCount).toBeLessThan(state.subnets.length);
        expect(await popup.getByTestId('network-subsidy-day').getAttribute('data-exact')).toBe(want.subsidyDay);
        expect(await popup.getByTestId('network-subsidy-window').getAttribute('data-exact')).toBe(want.subsidyWindow);
        expect(await text('network-observed')).toContain(want.observed);
        expect(await text('network-revenue')).toBe(want.revenue);
        expect(await text('network-coverage')).toBe(want.coverage);
        expect(await text('network-unobserved')).toBe(want.unobserved);
        expect(await text('network-subsidy')).toContain('projected');
      }
      // A top subnet opens its subnet view, with its own coverage chart.
      const first = popup.getByTestId('network-top-revenue').locator('button').first();
      const netuid = await first.getAttribute('data-netuid');
      await first.click();
      expect(await popup.getByTestId('subnet-view').getAttribute('data-netuid')).toBe(netuid);
      await popup.getByTestId('subnet-coverage-chart').waitFor();
      await popup.getByRole('button', { name: '← Back' }).click();
    } finally {
      await control.resume();
    }
  }, 180_000);

  it('records one network point a day as simulated days pass, and the chart shows them', async () => {
    try {
      await expect.poll(storedDays, { timeout: 30_000 }).toHaveLength(1);
      const [first] = await storedDays();
      for (const n of [1, 2]) {
        await advanceWorkerClock(DAY);
        await expect.poll(storedDays, { timeout: 30_000 }).toHaveLength(n + 1);
      }
      const day = (i: number) => new Date(Date.parse(`${first}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10);
      expect(await storedDays()).toEqual([day(0), day(1), day(2)]);
      // More blocks the same simulated day add no point.
      await control.produceBlock();
      await new Promise((r) => setTimeout(r, 4_000));
      expect(await storedDays()).toHaveLength(3);
      await expect.poll(() => text('network-chart-caption'), { timeout: 60_000 }).toContain(`3 days recorded`);
    } finally {
      // The board re-renders every block; the extension pages that follow share its renderer, so it is closed here.
      await popup.close();
    }
  }, 180_000);

  it('the $TAO card on x.com shows the network’s coverage today and its trend, linking to the network view', async () => {
    // A trend needs two recorded days: the history test above records three; run alone, record them here.
    await expect.poll(storedDays, { timeout: 30_000 }).not.toHaveLength(0);
    if ((await storedDays()).length < 2) {
      await advanceWorkerClock(DAY);
      await expect.poll(storedDays, { timeout: 30_000 }).toHaveLength(2);
    }
    const page = await browser.context.newPage();
    await page.goto('https://x.com/home');
    // Post 101 of the x.com fixture ends with the $TAO cashtag.
    const tao = page.locator('[data-post="101"] taolens-mention[data-kind="tao"]');
    await tao.waitFor({ timeout: 20_000 });
    await tao.hover();
    await page.locator('taolens-card[data-kind="tao"]').waitFor();
    const card = (await deepTexts(page, '#taolens-card')).join(' ');
    const last = (await storedNetwork()).at(-1)!;
    expect(card).toContain('TAO/USD');
    expect(card).toMatch(/Network coverage\d+(\.\d)?% today · [↑↓→] from \d+(\.\d)?% on \d{4}-\d\d-\d\d \([+−]\d+\.\d pts\)/);
    expect(card).toContain(`over ${last.n} of ${last.m} subnets observed`);
    // The card is a closed shadow root: its button is found over the DevTools protocol.
    expect(await deepTexts(page, 'button[data-action="open-network"]', 'taolens-card')).toEqual(['Open the network view']);
    await page.close();
  }, 120_000);

  it('a devnet price move past an alert’s threshold gives exactly one notification, in plain language', async () => {
    const state0 = (await control.state()) as StateJson;
    const target = state0.subnets.filter((s) => s.netuid !== 0 && s.netuid !== 64 && BigInt(s.taoIn) > 0n).at(-1)!;
    // Record what the worker shows (the real call, observed).
    await browser.serviceWorker.evaluate(() => {
      type Options = { title: string; message: string };
      const api = (globalThis as unknown as { chrome: { notifications: { create(id: string, o: Options): Promise<string> } } }).chrome.notifications;
      const g = globalThis as unknown as { __notes: Options[] };
      g.__notes = [];
      const create = api.create.bind(api);
      api.create = (id, o) => {
        g.__notes.push({ title: o.title, message: o.message });
        return create(id, o).catch(() => id);
      };
    });
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const form = options.getByTestId('alert-add');
    // Bad input: a clear message, nothing saved.
    await form.locator('input[name="target"]').fill(String(target.netuid));
    await form.locator('select[name="kind"]').selectOption('price');
    await form.locator('input[name="value"]').fill('ten');
    await form.getByRole('button', { name: 'Add alert' }).click();
    await expect.poll(() => options.getByTestId('alert-error').textContent()).toMatch(/must be a number/);
    expect(await options.getByTestId('alert-rules').textContent()).toContain('No alerts set.');
    await form.locator('input[name="value"]').fill('10');
    await form.getByRole('button', { name: 'Add alert' }).click();
    await expect.poll(() => options.getByTestId('alert-rules').textContent()).toContain(`SN${target.netuid} alpha price moves by more than 10 % in 24 h`);
    await options.getByTestId('alerts-enabled').check();

    await control.pause();
    try {
      // The rule's baseline: one block's price, sampled by the worker. Nothing TaoLens shows is on screen (the
      // options page shows no figures), so that is the slow cadence's next read: its minutes pass first.
      await advanceWorkerClock(DEFAULT_IDLE_REFRESH_MINUTES * 60_000);
      await control.produceBlock();
      const sample = async () => Object.values((await stored<Record<string, { samples: { v: number }[] }>>('alertState')) ?? {})[0]?.samples ?? [];
      await expect.poll(async () => (await sample()).length, { timeout: 20_000 }).toBe(1);
      const before = (await sample())[0]!.v;
      // A day later (the worker's clock), someone buys into the pool with half its TAO: the price rises > 10 %.
      await advanceWorkerClock(DAY);
      await control.trade(target.netuid, { taoIn: String(BigInt(target.taoIn) / 2n) });
      await control.produceBlock();
      const after = Number(BigInt(((await control.state()) as StateJson).subnets.find((s) => s.netuid === target.netuid)!.price)) / 1e9;
      const notes = () => browser.serviceWorker.evaluate(() => (globalThis as unknown as { __notes: { title: string; message: string }[] }).__notes);
      await expect.poll(async () => (await notes()).length, { timeout: 20_000 }).toBe(1);
      const change = (after - before) / before;
      expect(change).toBeGreaterThan(0.1);
      const pct = `${(change * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;
      const name = target.name.trim() ? `SN${target.netuid} (${target.name.trim()})` : `SN${target.netuid}`;
      expect((await notes())[0]).toEqual({
        title: `${name} price rose ${pct}`,
        message: `The alpha price of ${name} rose +${pct} in 24 h, to ${after.toPrecision(4)} TAO (from ${before.toPrecision(4)} TAO). Your alert: more than 10 %.`,
      });
      // More blocks, and another hour: still one (one per rule per day).
      await advanceWorkerClock(3_600_000);
      for (let i = 0; i < 3; i++) await control.produceBlock();
      await new Promise((r) => setTimeout(r, 4_000));
      expect(await notes()).toHaveLength(1);
    } finally {
      await control.resume();
      await options.close();
    }
  }, 180_000);

  it('screenshots of the network view, light and dark', async () => {
    popup = await browser.openPopup(400);
    await popup.getByRole('tab', { name: 'Subnets' }).click();
    await popup.getByTestId('network-chart-caption').waitFor({ timeout: 60_000 });
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.getByTestId('network-view').scrollIntoViewIfNeeded();
      const bg = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe(scheme === 'dark' ? 'rgb(15, 18, 22)' : 'rgb(255, 255, 255)');
      await popup.getByTestId('network-view').screenshot({ path: join(shots, `popup-network-${scheme}.png`) });
    }
  }, 150_000);
});
