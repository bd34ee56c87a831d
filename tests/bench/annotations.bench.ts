/**
 * Annotation cost in real Chromium, from the engine's own performance measures (`taolens:annotate`,
 * one per batched flush), on the fixtures shaped like the real sites: taostats' 14-column subnets table
 * with 256 rows (each linking to `/subnets/{n}/chart` twice: one badge per row), and a 1,000-post x.com
 * timeline arriving as it scrolls, through 30 recycled cells. Plus the gzip size of each content script.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { makeCertificate } from '../e2e/cert';
import { launchTaoLens } from '../e2e/chromium';
import { FIXTURE_HOSTS, startSiteServer } from '../fixtures/site-server';
import { buildExtension } from '../support/build-extension';
import { startLocalWorld } from '../support/local-world';
import { median, type BenchRow } from './table';

const MEASURE = 'taolens:annotate';
const RUNS = 5;

/** Durations of the engine's flushes since `since` (ms, page clock). Content-script marks share the page's timeline. */
async function flushes(page: Page, since: number): Promise<number[]> {
  return page.evaluate(
    ([name, t]) => performance.getEntriesByName(name as string).filter((e) => e.startTime >= (t as number)).map((e) => e.duration),
    [MEASURE, since] as const,
  );
}

export async function bench(): Promise<BenchRow[]> {
  const world = await startLocalWorld({ blockMs: 0, scenario: 'scale' });
  await world.devnet.control.produceBlock();
  const sites = await startSiteServer(makeCertificate(FIXTURE_HOSTS));
  try {
    const extensionDir = buildExtension({ outDir: '.output/bench-annotations', env: world.buildEnv });
    const browser = await launchTaoLens({ extensionDir, siteHosts: Object.fromEntries(FIXTURE_HOSTS.map((h) => [h, sites.port])) });
    try {
      // 256 rows of 14 cells, each row linking to its subnet twice (name and sparkline), as taostats' table does.
      const page = await browser.context.newPage();
      await page.goto('https://taostats.io/subnets');
      // Badges render in closed roots; their accessible name carries the same figures.
      await page.locator('#taostats-table taolens-badge[aria-label*="subsidy"]').first().waitFor({ timeout: 30_000 });
      const tableTimes: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const t0 = await page.evaluate(() => performance.now());
        await page.evaluate(() => {
          const cells = '<td>1.23%</td><td><p>τ0.0412</p></td>' + '<td class="up">+1.20%</td>'.repeat(4) + '<td>τ120.4k</td>'.repeat(3) + '<td>18.0%</td>';
          const rows = Array.from({ length: 256 }, (_, n) =>
            `<tr><td>${n + 1}</td><td><a class="sn-link" href="/subnets/${n}/chart"><span class="dot"></span><div class="flex flex-col"><p class="font-bold">Subnet ${n}</p><p class="text-xs">SN${n}</p></div></a></td>` +
            `${cells}<td><a class="spark" href="/subnets/${n}/chart"><svg width="96" height="24"><polyline points="0,12 13,4 26,18"></polyline></svg></a></td><td>Neutral</td></tr>`);
          document.querySelector('#taostats-table tbody')!.innerHTML = rows.join('');
        });
        await page.waitForFunction(() => document.querySelectorAll('#taostats-table taolens-badge').length === 256);
        tableTimes.push((await flushes(page, t0)).reduce((a, b) => a + b, 0));
      }
      await page.close();

      // 1,000 posts arriving 50 at a time, as infinite scroll delivers them.
      const x = await browser.context.newPage();
      await x.goto('https://x.com/home');
      await x.locator('taolens-mention').first().waitFor({ timeout: 30_000 });
      const perPost: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const t0 = await x.evaluate(() => performance.now());
        for (let batch = 0; batch < 20; batch++) {
          await x.evaluate(() => {
            const w = window as unknown as { appendPosts(n: number, body: string): void };
            w.appendPosts(50, 'Thread: SN64 revenue vs subsidy, subnet #4 and sn 19 too. $TAO holders, read https://taostats.io/subnets/64 and follow @chutes_ai.');
          });
          await x.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        }
        perPost.push((await flushes(x, t0)).reduce((a, b) => a + b, 0) / 1000);
      }
      await x.close();

      const dir = join(extensionDir, 'content-scripts');
      const sizes = readdirSync(dir)
        .filter((f) => f.endsWith('.js'))
        .map((f) => ({ f, kb: gzipSync(readFileSync(join(dir, f))).length / 1024 }));
      return [
        { name: 'annotate a 256-row subnet table (512 links, 256 badges)', median: Math.round(median(tableTimes) * 10) / 10, unit: 'ms', target: 16, note: `script time in flushes, median of ${RUNS}, real Chromium` },
        { name: 'annotate posts while scrolling 1,000', median: Math.round(median(perPost) * 1000) / 1000, unit: 'ms', target: 0.2, note: `script time per post, median of ${RUNS} timelines (50 posts per scroll step)` },
        ...sizes.map(({ f, kb }) => ({ name: `content script ${f}`, median: Math.round(kb * 10) / 10, unit: 'kB gzip' as const })),
        {
          name: 'staking panel stake-panel.js',
          median: Math.round((gzipSync(readFileSync(join(extensionDir, 'stake-panel.js'))).length / 1024) * 10) / 10,
          unit: 'kB gzip',
          note: "injected into a page on its first Stake / Unstake / Move, not with the content script",
        },
      ];
    } finally {
      await browser.close();
    }
  } finally {
    await sites.stop();
    await world.stop();
  }
}
