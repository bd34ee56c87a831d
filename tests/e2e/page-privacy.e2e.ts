// What a hostile page can read, probe or spoof, attacked with page scripts only (`page.evaluate` runs in the page's
// main world: exactly what a script on taostats.io or x.com can do). Issue 17, points 5 (names), 6, 7 and 9.
// What a person sees is read over the DevTools protocol (closed shadow roots), and clicks are real input events.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openChainSession, type ChainSession } from '@/lib/chain/session';
import { deepTexts, launchTaoLens, watchThroughPopup, type TaoLensBrowser } from './chromium';
import { installFakeWallet } from '../fixtures/wallet/fake-wallet';
import { ClosedPanel, openStakePanel } from './stake-panel';

const ctx = inject('e2e');
let browser: TaoLensBrowser;
let session: ChainSession;

beforeAll(async () => {
  [browser, session] = await Promise.all([
    launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts }),
    openChainSession(ctx.devnetUrl),
  ]);
  // The machine is shared: pages and the popup can be slow to paint under load.
  browser.context.setDefaultTimeout(60_000);
  browser.context.setDefaultNavigationTimeout(90_000);
});
afterAll(async () => {
  await session?.close();
  await browser?.close();
});

/** A fixture page with its figures arrived (badge 64 says "subsidy"). */
async function openWithFigures(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await expect
    .poll(async () => (await deepTexts(page, '.badge', 'taolens-badge[data-netuid="1"]'))[0] ?? '', { timeout: 30_000 })
    .toContain('subsidy');
  return page;
}

describe('nothing to read: a page cannot open or read our cards (6)', () => {
  it("a page script's synthetic mouseover, focus and Enter on badges and mentions open no card", async () => {
    const page = await openWithFigures('https://taostats.io/subnets');
    const opened = await page.evaluate(async () => {
      const targets = [...document.querySelectorAll('taolens-badge, taolens-mention')].slice(0, 20);
      for (const t of targets) {
        t.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
        t.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
        t.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
        t.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      }
      // Give the content script every chance to react (it answers in the same task or the next frame).
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300)));
      return { tried: targets.length, cards: document.querySelectorAll('taolens-card').length };
    });
    expect(opened.tried).toBeGreaterThan(5);
    expect(opened.cards).toBe(0);
    await page.close();
  });

  it('after a real hover, the card is on screen for the person but the page reads none of it', async () => {
    const page = await openWithFigures('https://taostats.io/subnets');
    await page.locator('taolens-badge[data-netuid="64"]').first().hover();
    await page.locator('taolens-card[data-netuid="64"]').waitFor();
    // The person sees the figures…
    const seen = (await deepTexts(page, '.card', 'taolens-card')).join(' ');
    expect(seen).toContain('Subsidy per day');
    // …the page's scripts get nothing: no shadow root, no text, no selection of it, no badge text either.
    const read = await page.evaluate(() => {
      const card = document.querySelector('taolens-card') as HTMLElement;
      const badge = document.querySelector('taolens-badge') as HTMLElement;
      const summaryRoots = [...document.querySelectorAll('taolens-summary')].map((s) => s.shadowRoot);
      getSelection()!.selectAllChildren(document.body);
      const selected = getSelection()!.toString();
      getSelection()!.removeAllRanges();
      return {
        cardRoot: card.shadowRoot === null,
        badgeRoot: badge.shadowRoot === null,
        summaryRoots: summaryRoots.every((r) => r === null),
        cardText: card.textContent + card.innerText,
        badgeText: badge.textContent + badge.innerText,
        selected,
      };
    });
    expect(read).toMatchObject({ cardRoot: true, badgeRoot: true, summaryRoots: true, cardText: '', badgeText: '' });
    expect(read.selected).not.toContain('Subsidy per day');
    expect(read.selected).not.toMatch(/subsidy τ/);
    await page.close();
  });

  it('a page that defines our tag names as its own custom elements gets no root through attachInternals', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { internals: ElementInternals[] };
      w.internals = [];
      for (const tag of ['taolens-card', 'taolens-badge', 'taolens-summary']) {
        customElements.define(
          tag,
          class extends HTMLElement {
            constructor() {
              super();
              w.internals.push(this.attachInternals());
            }
          },
        );
      }
    });
    await page.goto('https://taostats.io/subnets/64');
    // Our content script creates its hosts once figures arrive (the page's constructor sees each one).
    await expect.poll(() => page.evaluate(() => (window as unknown as { internals: unknown[] }).internals.length), { timeout: 30_000 }).toBeGreaterThan(0);
    // A related subnet's link: where a badge (and, on hover, a card) would be, were the tags ours.
    await page.locator('#related-1[href^="/subnets/"]').hover();
    await page.waitForTimeout(2000);
    const leaked = await page.evaluate(() =>
      (window as unknown as { internals: ElementInternals[] }).internals.map((i) => i.shadowRoot?.textContent ?? '').join(''),
    );
    expect(leaked).toBe('');
    await page.close();
  });

  it("a watched account's positions are not in page cards by default (the setting is off)", async () => {
    await watchThroughPopup(browser, ctx.accounts.Alice!);
    const popup = await browser.openPopup();
    // The popup has her positions (SN1 among them): the data is there, the cards just do not carry it.
    await popup.locator('[data-testid="group"][data-netuid="1"]').waitFor({ timeout: 30_000 });
    await popup.close();
    const page = await openWithFigures('https://taostats.io/subnets');
    await page.locator('taolens-badge[data-netuid="1"]').first().hover();
    await page.locator('taolens-card[data-netuid="1"]').waitFor();
    const card = (await deepTexts(page, '.card', 'taolens-card')).join(' ');
    expect(card).toContain('Subsidy per day'); // the subnet's own public figures still show
    expect(card).not.toContain('Your positions');
    const sub = await browser.context.newPage();
    await sub.goto('https://taostats.io/subnets/1');
    await expect.poll(async () => (await deepTexts(sub, '.card', 'taolens-summary')).join(' '), { timeout: 20_000 }).toContain('Subsidy per day');
    expect((await deepTexts(sub, '.card', 'taolens-summary')).join(' ')).not.toContain('Your positions');
    await sub.close();
    await page.close();
  }, 240_000);
});

/**
 * A person's "Connect wallet" from the SN64 card, by keyboard (real key events): focus the badge, Enter moves
 * into the card (Stake), Tab twice reaches Connect wallet, Enter presses it. Returns the card, read over CDP.
 */
async function connectFromCard(page: Page): Promise<ClosedPanel> {
  await page.locator('taolens-badge[data-netuid="64"]').first().waitFor({ timeout: 30_000 });
  await page.locator('taolens-badge[data-netuid="64"]').first().focus();
  await page.locator('taolens-card[data-netuid="64"]').waitFor();
  await page.keyboard.press('Enter');
  const card = await ClosedPanel.of(page, 'taolens-card');
  await expect.poll(() => card.call<string | null>('.card', 'function () { return this.getRootNode().activeElement?.dataset.action ?? null; }')).toBe('stake');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  // (Polled: the card re-renders with each block's figures, so a node found over CDP can be gone a moment later.)
  await expect.poll(() => card.call<string | null>('.card', 'function () { return this.getRootNode().activeElement?.dataset.action ?? null; }')).toBe('connect-wallet');
  await page.keyboard.press('Enter');
  return card;
}

/** What a page learns by asking for our files: did fetch and a <script> load succeed? */
async function probe(page: Page, url: string): Promise<{ fetched: boolean; scriptLoaded: boolean }> {
  return page.evaluate(async (u) => {
    const fetched = await fetch(u).then(
      (r) => r.ok,
      () => false,
    );
    const scriptLoaded = await new Promise<boolean>((resolve) => {
      const s = document.createElement('script');
      s.src = u;
      s.onload = () => resolve(true);
      s.onerror = () => resolve(false);
      document.head.append(s);
    });
    return { fetched, scriptLoaded };
  }, url);
}

describe('nothing to fingerprint (7)', () => {
  it('a page on another https origin cannot load chrome-extension://<id>/wallet-bridge.js', async () => {
    const page = await browser.context.newPage();
    // Any other https site: served by the test itself under its own origin.
    await page.route('https://elsewhere.example/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>elsewhere</title><p>hello</p>' }),
    );
    await page.goto('https://elsewhere.example/');
    expect(await probe(page, `chrome-extension://${browser.extensionId}/wallet-bridge.js`)).toEqual({ fetched: false, scriptLoaded: false });
    await page.close();
  });

  it("on the fixture sites the fixed id is closed too, and the card's Connect wallet still reaches the wallet", async () => {
    const page = await browser.context.newPage();
    await installFakeWallet(page, { uri: '//Bob', name: 'Bob', registry: () => session.api.registry });
    await page.goto('https://taostats.io/subnets');
    expect(await probe(page, `chrome-extension://${browser.extensionId}/wallet-bridge.js`)).toEqual({ fetched: false, scriptLoaded: false });
    // The bridge is a manifest-declared main-world content script on a private channel: a real click reaches the
    // wallet, which lists Bob and signs the one-time account check, so he is connected as a wallet account.
    const card = await connectFromCard(page);
    await expect.poll(() => card.text('[role="status"]'), { timeout: 20_000 }).toMatch(/^Connected 1 wallet account: /);
    await page.close();
  });
});

describe('look-alike and planted names (5, 9)', () => {
  it('subnets named alike (fullwidth, zero-width twins) are marked in the popup and cards, and their name links no mention', async () => {
    const popup = await browser.openPopup(800);
    await popup.getByTestId('connection').filter({ hasText: 'live' }).waitFor({ timeout: 30_000 });
    await popup.evaluate(() => document.getElementById('tab-board')!.click());
    await popup.getByTestId('board-row').first().waitFor();
    const rows = () =>
      popup.evaluate(() =>
        [22, 23, 24, 25].map((n) => {
          const row = document.querySelector(`[data-testid="board-row"][data-netuid="${n}"]`);
          return [row?.querySelector('.subnet-name')?.textContent ?? null, row?.querySelector('[data-testid="same-name"]')?.textContent ?? null];
        }),
      );
    await expect.poll(rows, { timeout: 30_000 }).toEqual([
      ['Lookalike', 'same name as SN23, SN25'],
      ['Ｌｏｏｋａｌｉｋｅ', 'same name as SN22, SN25'],
      [expect.any(String), null],
      // The zero-width twin shows as the plain name: only the marker and the netuid tell them apart.
      ['Lookalike', 'same name as SN22, SN23'],
    ]);
    await popup.close();

    // The subnet page's summary card says which netuid it is and warns about the twins.
    const page = await browser.context.newPage();
    await page.goto('https://taostats.io/subnets/23');
    await expect.poll(() => deepTexts(page, 'h2', 'taolens-summary'), { timeout: 30_000 }).toEqual(['SN23 · ＬｏｏｋａｌｉｋｅTS23']);
    expect(await deepTexts(page, '.warn', 'taolens-summary')).toEqual(['⚠ Same name as SN22, SN25: check the netuid']);
    await page.close();

    const x = await browser.context.newPage();
    await x.goto('https://x.com/home');
    await x.locator('[data-post="101"] taolens-mention').first().waitFor({ timeout: 30_000 });
    // "SN22" is the post's Bittensor cue: a vocabulary name with a unique owner would be marked beside it.
    await x.evaluate(() => (window as unknown as { appendPosts(n: number, t: string): void }).appendPosts(1, 'Lookalike and SN22 are pumping'));
    const last = '[data-testid="cellInnerDiv"]:last-child [data-testid="tweetText"] taolens-mention';
    await expect.poll(() => x.locator(last).count()).toBe(1);
    expect(await x.locator(last).allTextContents()).toEqual(['SN22']);
    await x.close();
  }, 240_000);

  it('three validators named alike (takes 15, 0, 20 %) are told apart in the stake panel: hotkey prefix, marker and take', async () => {
    const { page, panel } = await openStakePanel(browser.context, 1, {
      beforeLoad: async (p) => void (await installFakeWallet(p, { uri: '//Alice', name: 'Alice', registry: () => session.api.registry })),
    });
    await panel.waitFor('.vlist button');
    const rows = (await panel.call<{ label: string; hotkey: string }[]>(
      '.vlist',
      'function () { return [...this.querySelectorAll("button")].map((b) => ({ label: b.textContent, hotkey: b.title })); }',
    ))!;
    const alike = rows.filter((r) => /Foundry/i.test(r.label.normalize('NFKC')));
    expect(alike).toHaveLength(3);
    for (const r of alike) {
      expect(r.label).toContain(`· ${r.hotkey.slice(0, 6)}…${r.hotkey.slice(-4)} · ⚠ same name as 2 others`);
      expect(r.label).not.toMatch(/\u200B/);
    }
    expect(alike.map((r) => /take ([\d.]+ %)/.exec(r.label)![1]).sort()).toEqual(['0.00 %', '15.00 %', '20.00 %']);
    expect(new Set(alike.map((r) => r.label)).size).toBe(3);
    await page.close();
  });

  it("wallet-reported names are cleaned before the popup shows them: no bidi trick, capped, twins marked", async () => {
    const page = await browser.context.newPage();
    const reg = () => session.api.registry;
    await installFakeWallet(page, { uri: '//Charlie', name: 'My savings \u202Eexe.tnuocca', registry: reg, source: 'polkadot-js' });
    await installFakeWallet(page, { uri: '//Dave', name: 'My savings exe.tnuocca\u200B', registry: reg, source: 'talisman' });
    await installFakeWallet(page, { uri: '//Ferdie', name: 'W'.repeat(5_000), registry: reg, source: 'subwallet-js' });
    await page.goto('https://taostats.io/subnets');
    const card = await connectFromCard(page);
    // All three sign the account check: verified wallet accounts, which keep the names their wallet reported
    // (a listed but unverified account is stored without one), so the names below are the wallet's, cleaned.
    await expect.poll(() => card.text('[role="status"]'), { timeout: 20_000 }).toMatch(/^Connected 3 wallet accounts: /);
    await page.close();

    const popup = await browser.openPopup();
    const row = (who: string) => popup.locator(`[data-testid="account"][data-address="${ctx.accounts[who]}"]`);
    await row('Charlie').waitFor({ timeout: 20_000 });
    const name = (who: string) => row(who).locator('.account-name').textContent();
    expect(await name('Charlie')).toBe('My savings exe.tnuocca');
    expect(await name('Dave')).toBe('My savings exe.tnuocca');
    // Both read the same: both are marked, and the address prefix tells them apart.
    expect(await row('Charlie').getByTestId('same-name').count()).toBe(1);
    expect(await row('Dave').getByTestId('same-name').count()).toBe(1);
    expect(await row('Ferdie').getByTestId('same-name').count()).toBe(0);
    expect(await row('Dave').locator('.address').textContent()).toBe(`${ctx.accounts.Dave!.slice(0, 6)}…${ctx.accounts.Dave!.slice(-6)}`);
    const long = (await name('Ferdie'))!;
    // Capped (the bridge or the worker's cleaner, whichever cuts first), never 5,000 characters on screen.
    expect(long).toMatch(/^W+…?$/);
    expect([...long].length).toBeLessThanOrEqual(64);
    // What the worker stored is the cleaned name (no override hidden in storage for another view to show).
    const stored = await browser.serviceWorker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      return ((await c.storage.local.get('accounts')).accounts as { name: string | null }[]).map((a) => a.name);
    });
    expect(stored.some((n) => n !== null && /[\u202A-\u202E\u2066-\u2069\u200B]/.test(n))).toBe(false);
    expect(Math.max(...stored.map((n) => [...(n ?? '')].length))).toBeLessThanOrEqual(64);
    await popup.close();
  }, 240_000);
});
