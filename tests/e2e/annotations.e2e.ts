import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatAmount } from '@/lib/units/amount';
import { deepTexts, launchTaoLens, setPositionsInCards, type TaoLensBrowser } from './chromium';
import { devnetControl } from './control';
import { ClosedPanel } from './stake-panel';

let browser: TaoLensBrowser;
const ctx = inject('e2e');
const control = devnetControl(ctx.controlUrl);

interface SubnetJson {
  netuid: number;
  name: string;
  price: string;
  taoInEmission: string;
  excessTao: string;
  alphaInEmission: string;
  alphaOutEmission: string;
}

beforeAll(async () => {
  browser = await launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts });
});
afterAll(async () => {
  await browser?.close();
});

/** The badge text the devnet's state implies (price and subsidy per day, compact), without coverage. */
function expectedBadgeStart(s: SubnetJson): string {
  const price = BigInt(s.price);
  const tao = (BigInt(s.taoInEmission) + BigInt(s.excessTao)) * 7200n;
  const alpha = (BigInt(s.alphaInEmission) + BigInt(s.alphaOutEmission)) * 7200n;
  const subsidy = tao + (alpha * price) / 1_000_000_000n;
  return `SN${s.netuid} · ${formatAmount(price, { unit: 'TAO', compact: true })} · subsidy ${formatAmount(subsidy, { unit: 'TAO', compact: true })}/d`;
}

/** What the first badge for `netuid` says (in its closed shadow root: read over the DevTools protocol). */
const badgeText = async (page: Page, netuid: number) => (await deepTexts(page, '.badge', `taolens-badge[data-netuid="${netuid}"]`))[0] ?? null;

async function openSettled(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('dialog', () => {
    throw new Error('a dialog opened: page or chain content was executed');
  });
  await page.goto(url);
  await page.locator('taolens-badge, taolens-summary, taolens-mention').first().waitFor({ timeout: 20_000 });
  return page;
}

describe('taostats.io', () => {
  it('badges every subnet link with the devnet numbers, and coverage or "not observed"', async () => {
    await control.pause();
    try {
      const page = await openSettled('https://taostats.io/subnets');
      const state = (await control.state()) as { subnets: SubnetJson[] };
      const sn = (n: number) => state.subnets.find((s) => s.netuid === n)!;
      await expect.poll(() => badgeText(page, 64), { timeout: 20_000 }).toMatch(new RegExp(`^${escape(expectedBadgeStart(sn(64)))} · cov \\d+%$`));
      expect(await badgeText(page, 1)).toBe(`${expectedBadgeStart(sn(1))} · rev not observed`);
      const links = await page.locator('#subnets-table a[href^="/subnets/"]').count();
      expect(await page.locator('taolens-badge').count()).toBe(links);
      // Netuid 999 is no subnet of this chain: its link gets no badge.
      expect(await page.locator('#not-on-chain taolens-badge').count()).toBe(0);
      await page.close();
    } finally {
      await control.resume();
    }
  });

  it('puts badges back exactly once after a re-render removes them', async () => {
    const page = await openSettled('https://taostats.io/subnets');
    const links = await page.locator('#subnets-table a[href^="/subnets/"]').count();
    await page.evaluate(() => document.querySelectorAll('taolens-badge').forEach((b) => b.remove()));
    await expect.poll(() => page.locator('taolens-badge').count()).toBe(links);
    // A re-render that rebuilds the rows themselves.
    await page.evaluate(() => {
      const body = document.querySelector('#subnets-table tbody')!;
      body.innerHTML = body.innerHTML.replace(/<taolens-badge[^>]*><\/taolens-badge>/g, '');
    });
    await expect.poll(() => page.locator('taolens-badge').count()).toBe(links);
    await page.waitForTimeout(300);
    expect(await page.locator('taolens-badge').count()).toBe(links);
    for (const a of await page.locator('#subnets-table a[href^="/subnets/"]').all()) {
      expect(await a.evaluate((el) => el.nextElementSibling?.localName)).toBe('taolens-badge');
    }
    await page.close();
  });

  it('opens the card on hover and on keyboard focus, with figures, sources and age; Escape closes it', async () => {
    const page = await openSettled('https://taostats.io/subnets');
    await expect.poll(() => badgeText(page, 64), { timeout: 20_000 }).toContain('cov');
    await page.locator('taolens-badge[data-netuid="64"]').first().hover();
    const card = page.locator('taolens-card[data-netuid="64"]');
    await card.waitFor();
    const text = (await deepTexts(page, '#taolens-card')).join(' ');
    for (const label of ['Price', 'Market cap', 'TAO in pool', 'Subsidy per day', 'Revenue (7d)', 'Coverage']) expect(text).toContain(label);
    expect(text).toMatch(/chain #\d+/);
    expect(text).toMatch(/as of block #\d+, \d+ s ago/);
    expect(text).toMatch(/published by the subnet|verified on chain|third-party/);
    await page.mouse.move(5, 5);
    await expect.poll(() => card.count()).toBe(0);

    await page.locator('taolens-badge[data-netuid="1"]').first().focus();
    await page.locator('taolens-card[data-netuid="1"]').waitFor();
    expect((await deepTexts(page, '#taolens-card')).join(' ')).toContain('not observed');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('taolens-card').count()).toBe(0);
    await page.close();
  });

  it("the card's TAO injected per day is (taoInEmission + excessTao) × 7,200 from the devnet", async () => {
    await control.pause();
    try {
      const page = await openSettled('https://taostats.io/subnets');
      const state = (await control.state()) as { subnets: SubnetJson[] };
      const s = state.subnets.find((x) => x.netuid === 64)!;
      const injected = formatAmount((BigInt(s.taoInEmission) + BigInt(s.excessTao)) * 7200n, { unit: 'TAO', maxFractionDigits: 2 });
      await expect.poll(() => badgeText(page, 64), { timeout: 20_000 }).toMatch(new RegExp(`^${escape(expectedBadgeStart(s))}`));
      await page.locator('taolens-badge[data-netuid="64"]').first().hover();
      await page.locator('taolens-card[data-netuid="64"]').waitFor();
      const rows = await deepTexts(page, 'tr', 'taolens-card');
      expect(rows.find((r) => r.startsWith('TAO injected per day'))).toContain(injected);
      expect(rows.find((r) => r.startsWith('Price'))).toContain(formatAmount(BigInt(s.price), { unit: 'TAO', maxFractionDigits: 6 }));
      await page.close();
    } finally {
      await control.resume();
    }
  });

  it('Enter opens the card as a dialog with focus inside; Stake dispatches taolens:stake-intent; Escape returns focus', async () => {
    const page = await openSettled('https://taostats.io/subnets');
    // The page's own world hears the event too (same DOM); the staking flow listens in the content script.
    await page.evaluate(() => {
      const w = window as unknown as { intents: string[] };
      w.intents = [];
      document.addEventListener('taolens:stake-intent', (e) => w.intents.push(`${e.type}:${(e.target as Element).localName}`));
    });
    const badge = page.locator('taolens-badge[data-netuid="64"]').first();
    expect(await badge.getAttribute('role')).toBe('button');
    expect(await badge.getAttribute('aria-label')).toMatch(/^Subnet 64 /);
    await badge.focus();
    await page.locator('taolens-card[data-netuid="64"]').waitFor();
    expect(await badge.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Enter');
    const card = await ClosedPanel.of(page, 'taolens-card');
    await expect
      .poll(() => card.call<string | null>('.card', 'function () { return this.getRootNode().activeElement?.dataset.action ?? null; }'))
      .toBe('stake');
    expect(await page.locator('taolens-card').getAttribute('role')).toBe('dialog');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as unknown as { intents: string[] }).intents)).toEqual(['taolens:stake-intent:taolens-card']);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('taolens-card').count()).toBe(0);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.netuid)).toBe('64');
    expect(await badge.getAttribute('aria-expanded')).toBe('false');
    // A forged event from the page is not ours: nothing in TaoLens reacts to it (onStakeIntent filters it).
    await page.close();
  });

  it('follows single-page navigation: the summary and badges follow the URL, once', async () => {
    const page = await openSettled('https://taostats.io/subnets/64');
    await page.locator('#subnet-title + taolens-summary[data-netuid="64"]').waitFor();
    await expect.poll(() => page.locator('#related-link + taolens-badge').getAttribute('data-netuid')).toBe('1');
    // Sub-page tabs (`/subnets/64/metagraph`) get no badge; only links to a subnet do.
    expect(await page.locator('nav taolens-badge').count()).toBe(0);

    await page.evaluate(() => (window as unknown as { spaGo(n: number): void }).spaGo(65));
    await expect.poll(() => page.locator('taolens-summary').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.netuid))).toEqual(['65']);
    await expect.poll(() => page.locator('#related-link + taolens-badge').getAttribute('data-netuid')).toBe('66');
    expect(await page.locator('taolens-badge').count()).toBe(1);

    await page.goBack();
    await expect.poll(() => page.locator('taolens-summary').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.netuid))).toEqual(['64']);
    await page.evaluate(() => (window as unknown as { spaGoList(): void }).spaGoList());
    await expect.poll(() => page.locator('taolens-summary').count()).toBe(0);

    // A link the page removes takes its badge with it.
    await page.evaluate(() => document.getElementById('related-link')!.remove());
    await expect.poll(() => page.locator('taolens-badge').count()).toBe(0);
    await page.close();
  });

  it('renders a hostile on-chain name as text: nothing runs, nothing is injected', async () => {
    const page = await openSettled('https://taostats.io/subnets');
    await expect.poll(() => badgeText(page, 13), { timeout: 20_000 }).toContain('subsidy'); // figures have arrived
    await page.locator('taolens-badge[data-netuid="13"]').first().hover();
    await page.locator('taolens-card[data-netuid="13"]').waitFor();
    const injected = (await (
      await ClosedPanel.of(page, 'taolens-card')
    ).call<{ imgs: number; title: string }>('.card', 'function () { return { imgs: this.querySelectorAll("img, script").length, title: this.querySelector("h2").textContent }; }'))!;
    expect(injected.imgs).toBe(0);
    expect(injected.title).toContain('<script>');
    // The badge's accessible name carries the name as text too; the page itself gained no element.
    expect(await page.locator('taolens-badge[data-netuid="13"]').first().getAttribute('aria-label')).toContain('<script>alert(');
    expect(await page.evaluate(() => document.querySelectorAll('img, script:not([src])').length)).toBe(0);

    // The same name as a subnet page's inline summary.
    const sub = await openSettled('https://taostats.io/subnets/13');
    await expect.poll(async () => (await deepTexts(sub, 'h2', 'taolens-summary')).join(''), { timeout: 20_000 }).toContain('<img src=x onerror=alert(1)>');
    expect(await (await ClosedPanel.of(sub, 'taolens-summary')).call('.card', 'function () { return this.querySelectorAll("img, script").length; }')).toBe(0);
    await sub.close();
    await page.close();
  });

  it('adds a summary under a subnet page title', async () => {
    const page = await openSettled('https://taostats.io/subnets/64');
    const summary = page.locator('#subnet-title + taolens-summary[data-netuid="64"]');
    await summary.waitFor();
    // The summary's shadow root is closed: read over the DevTools protocol.
    const host = '#subnet-title + taolens-summary[data-netuid="64"]';
    await expect.poll(() => deepTexts(page, 'th', host), { timeout: 20_000 }).toContain('Subsidy per day');
    expect((await deepTexts(page, 'h2', host))[0]).toMatch(/^SN64 · \S/);
    await page.close();
  });

  it('offers to watch an account, and the popup then lists it', async () => {
    const charlie = ctx.accounts.Charlie!;
    const page = await browser.context.newPage();
    await page.goto(`https://taostats.io/account/${charlie}`);
    const offer = await ClosedPanel.of(page, 'taolens-watch');
    await offer.click('button');
    await expect.poll(() => offer.text('[role="status"]'), { timeout: 20_000 }).toContain('Watching');
    const popup = await browser.openPopup();
    await expect.poll(() => popup.locator(`[data-testid="account"][data-address="${charlie}"]`).count(), { timeout: 10_000 }).toBe(1);
    await popup.close();
    await page.close();
  });
});

describe("the viewer's own positions", () => {
  it('with "Show my positions in page cards" on, a watched account’s stake on a subnet shows in that subnet’s card', async () => {
    const alice = ctx.accounts.Alice!;
    await setPositionsInCards(browser, true);
    const account = await browser.context.newPage();
    await account.goto(`https://taostats.io/account/${alice}`);
    const offer = await ClosedPanel.of(account, 'taolens-watch');
    await offer.click('button');
    await expect.poll(() => offer.text('[role="status"]'), { timeout: 20_000 }).toContain('Watching');
    await account.close();

    const page = await openSettled('https://taostats.io/subnets');
    // Alice stakes on subnet 1 through validator1 in the default scenario; the figures arrive with a block.
    await expect
      .poll(
        async () => {
          await page.mouse.move(5, 5);
          await page.locator('taolens-badge[data-netuid="1"]').first().hover();
          await page.locator('taolens-card[data-netuid="1"]').waitFor();
          return (await deepTexts(page, '#taolens-card')).join(' ');
        },
        // The first read after adding an account also simulates its exits: slow on a loaded 2-core machine.
        { timeout: 60_000, interval: 1000 },
      )
      .toMatch(/Your positions: [\d.,]+\s?TS1 \(τ[\d.,]+\) via 5\w{5}…\w{4}/);
    await page.close();
  }, 120_000);
});

describe('x.com', () => {
  it('marks subnet mentions in posts and leaves lookalikes, links, handles and code alone', async () => {
    const page = await openSettled('https://x.com/home');
    const marked = async (post: string) =>
      page.locator(`#${post} taolens-mention`).evaluateAll((els) => els.map((e) => `${e.textContent}=${(e as HTMLElement).dataset.netuid ?? 'tao'}`));
    await expect.poll(() => marked('post-1'), { timeout: 20_000 }).toEqual(['SN64=64', 'Subnet 4=4', '$TAO=tao']);
    expect(await marked('post-2')).toEqual([]);
    expect(await marked('post-3')).toEqual(['sn 19=19', 'subnet #42=42']);
    // A subnet's token as a cashtag and an exact hashtag count; longer words, hosts, unknown netuids
    // (none is 200 on this chain), <code>, links and e-mail addresses do not.
    expect(await marked('post-4')).toEqual(['$TS19=19', 'SN64=64']);
    expect(await page.locator('#post-4 code taolens-mention, #post-4 a taolens-mention').count()).toBe(0);
    expect(await page.locator('#post-4 [data-testid="tweetText"]').textContent()).toBe(
      'Cashtag $TS19 and #SN64 count; #ASN64, #SN64isgreat, taostats.io/subnets/64, SN200 and SN64 do not, nor @sn64bot or mail@sn64.io',
    );
    // The words of the post are unchanged.
    expect(await page.locator('#post-1 [data-testid="tweetText"]').textContent()).toBe(
      'Revenue on SN64 keeps climbing while Subnet 4 sits tight. $TAO',
    );

    // x.com's React re-renders the text and drops our nodes: marks come back, once.
    await page.evaluate(() => (window as unknown as { rerenderPost(id: string): void }).rerenderPost('post-1'));
    await expect.poll(() => marked('post-1')).toEqual(['SN64=64', 'Subnet 4=4', '$TAO=tao']);

    // Infinite scroll: new posts are marked too.
    await page.evaluate(() => (window as unknown as { appendPosts(n: number, t: string): void }).appendPosts(3, 'Loading up on SN64 today'));
    await expect.poll(() => page.locator('article:last-child taolens-mention').count()).toBe(1);
    // The page's own text node stays attached (React keeps references to it and may update or remove it).
    await page.evaluate(() => {
      const w = window as unknown as { appendPosts(n: number, t: string): void; keptText: Text };
      w.appendPosts(1, 'Quiet day for subnet 64 so far');
      w.keptText = document.querySelector('article:last-child [data-testid="tweetText"] span')!.firstChild as Text;
    });
    await expect.poll(() => page.locator('article:last-child taolens-mention').count()).toBe(1);
    expect(await page.evaluate(() => {
      const t = (window as unknown as { keptText: Text }).keptText;
      return { connected: t.isConnected, data: t.data, next: (t.nextSibling as Element | null)?.localName };
    })).toEqual({ connected: true, data: 'Quiet day for ', next: 'taolens-mention' });

    // Marks are not duplicated by later scans (new blocks, re-renders elsewhere).
    await page.waitForTimeout(1500);
    expect(await page.locator('taolens-mention taolens-mention').count()).toBe(0);
    expect(await marked('post-1')).toEqual(['SN64=64', 'Subnet 4=4', '$TAO=tao']);

    await page.locator('#post-1 taolens-mention[data-netuid="64"]').hover();
    await page.locator('taolens-card[data-netuid="64"]').waitFor();
    await page.mouse.move(5, 5);
    await expect.poll(() => page.locator('taolens-card').count()).toBe(0);
    await page.locator('#post-3 taolens-mention[data-netuid="19"]').focus();
    await page.locator('taolens-card[data-netuid="19"]').waitFor();
    // $TAO opens TAO's own card: the TAO/USD price with its source, and no staking buttons.
    await page.locator('#post-1 taolens-mention[data-kind="tao"]').hover();
    await page.locator('taolens-card[data-kind="tao"]').waitFor();
    const tao = (await deepTexts(page, '#taolens-card')).join(' ');
    expect(tao).toMatch(/TAO\/USD/);
    expect(tao).toMatch(/\$[\d,]+\.\d\d/);
    expect(await page.locator('taolens-card button').count()).toBe(0);
    await page.close();
  });
});

describe('taomarketcap.com (second explorer, same adapter shape)', () => {
  it('adds the summary and badges, following the dark theme', async () => {
    const page = await openSettled('https://taomarketcap.com/subnets/64');
    await page.locator('h1 + taolens-summary[data-netuid="64"]').waitFor();
    await expect.poll(() => page.locator('taolens-badge').count()).toBe(2);
    expect(await page.locator('taolens-badge').first().getAttribute('data-theme')).toBe('dark');
    await page.close();
  });
});

describe('switches and safety', () => {
  it('stops annotating a site switched off in the options, and starts again when switched on', async () => {
    const setSite = async (on: boolean) => {
      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
      const box = options.getByLabel('Annotate taostats.io');
      if ((await box.isChecked()) !== on) await box.click();
      await options.getByRole('button', { name: 'Save' }).click();
      await options.getByText('Saved.').waitFor();
      await options.close();
    };
    const page = await openSettled('https://taostats.io/subnets');
    await setSite(false);
    await expect.poll(() => page.locator('taolens-badge').count()).toBe(0);
    await page.reload();
    await page.waitForTimeout(1000);
    expect(await page.locator('taolens-badge').count()).toBe(0);
    await setSite(true);
    await expect.poll(() => page.locator('taolens-badge').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.close();
  });

  it('runs content scripts only on the configured sites, one script per site', () => {
    const manifest = JSON.parse(readFileSync(join(ctx.extensionDir, 'manifest.json'), 'utf8')) as {
      content_scripts: { matches: string[]; js: string[]; all_frames?: boolean }[];
    };
    const bySite = Object.fromEntries(manifest.content_scripts.map((c) => [c.js.join(), c.matches]));
    expect(bySite).toEqual({
      'content-scripts/taostats.js': ['https://taostats.io/*'],
      'content-scripts/x.js': ['https://x.com/*'],
      'content-scripts/taomarketcap.js': ['https://taomarketcap.com/*'],
    });
    expect(manifest.content_scripts.some((c) => c.all_frames)).toBe(false);
  });

  it('ships no @polkadot/api in any content script, nor in the staking panel injected into pages', () => {
    const dir = join(ctx.extensionDir, 'content-scripts');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => join(dir, f));
    expect(files.length).toBeGreaterThanOrEqual(3);
    // React comes with the staking panel, injected on a page's first staking action, not with every page view.
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toContain('react.dev/errors');
    files.push(join(ctx.extensionDir, 'stake-panel.js'));
    expect(readFileSync(files.at(-1)!, 'utf8')).toContain('react.dev/errors');
    for (const f of files) {
      const code = readFileSync(f, 'utf8');
      expect(code).not.toMatch(/ApiPromise|WsProvider|@polkadot\/api|@polkadot\/rpc-core/);
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
