/**
 * What TaoLens costs a user per hour while the browser runs (issue 20): bytes the node sends, requests, and the
 * background worker's CPU time, for (a) nothing visible, (b) the popup open, (c) one visible taostats tab; at 128
 * subnets (default scenario, //Alice's 6 positions watched) and 256 (scale scenario, her 200 positions).
 *
 * The built extension runs in real headless Chromium without Playwright attached (its pages would all read as
 * visible), against the devnet behind the counting proxy. An hour cannot be measured here: blocks are produced
 * one after another (each once the previous one's traffic went quiet) and the worker's test clock is moved 12 s
 * per block, so its slow cadence comes due as it would at Bittensor's 12-s blocks; the window is then scaled to
 * 300 blocks an hour. CPU is the CPU time of the extension's renderer process (Chromium's `SystemInfo.getProcessInfo`):
 * the service worker, and the popup while it is open (same process); the socket's network I/O runs in the browser's
 * network service, not counted. DevTools' Performance metrics are not offered for service workers. The devnet pays
 * dividends at each subnet's epoch, as mainnet does.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_IDLE_REFRESH_MINUTES } from '../../lib/settings/idle-refresh';
import { makeCertificate } from '../e2e/cert';
import { EXTENSION_ID } from '../e2e/chromium';
import { launchUnattended } from '../e2e/unattended-chromium';
import { FIXTURE_HOSTS, startSiteServer } from '../fixtures/site-server';
import { buildExtension } from '../support/build-extension';
import { startLocalWorld } from '../support/local-world';
import { startRpcCounter } from './rpc-counter';
import type { BenchRow } from './table';

const BLOCK_MS = 12_000;
const BLOCKS_PER_HOUR = 3_600_000 / BLOCK_MS;
/** 25 simulated minutes: five slow refreshes at the default 5-minute cadence. */
const IDLE_BLOCKS = 200;
/** Five of the one-minute dynamic-info reads and one five-minute full positions read (attention.ts, reader.ts). */
const LOOKING_BLOCKS = 25;
const SLOW_READS = (IDLE_BLOCKS * BLOCK_MS) / (DEFAULT_IDLE_REFRESH_MINUTES * 60_000);
/** A block is done once the node has sent nothing for this long. */
const QUIET_MS = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Chromium runs the extension's pages and its service worker in one renderer process, marked on its command line. */
const isExtensionProcess = (pid: number) => {
  try {
    // Chromium rewrites its process title: the arguments may be separated by spaces, not NULs.
    return /(^|[\s\0])--extension-process([\s\0]|$)/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
};

type Mode = 'a' | 'b' | 'c';
const MODE_LABEL: Record<Mode, string> = { a: '(a) nothing visible', b: '(b) popup open', c: '(c) one visible taostats tab' };

async function scenarioRows(scenario: 'default' | 'scale', sitePort: number): Promise<BenchRow[]> {
  // Dividends at each subnet's epoch, as mainnet pays them (the tests' devnet pays every block): what a followed
  // validator's pool pushes per block depends on it.
  const world = await startLocalWorld({ blockMs: 0, scenario, dividends: 'per-epoch' });
  const counter = await startRpcCounter(world.devnet.url);
  const browserDir = buildExtension({
    outDir: `.output/bench-cadence-${scenario}`,
    env: { ...world.buildEnv, TAOLENS_ENDPOINTS: counter.url, TAOLENS_TEST_CLOCK: '1' },
  });
  const browser = await launchUnattended({ extensionDir: browserDir, siteHosts: Object.fromEntries(FIXTURE_HOSTS.map((h) => [h, sitePort])) });
  const subnets = world.devnet.control.state().subnets.length;
  const rows: BenchRow[] = [];
  try {
    const settle = async () => {
      for (let waited = 0; waited < 10_000 && counter.quietFor() < QUIET_MS; waited += 50) await sleep(50);
    };
    const block = async () => {
      await world.devnet.control.produceBlock();
      await browser.inWorker(`__taolensTestClock.advance(${BLOCK_MS})`);
      await sleep(20);
      await settle();
    };
    // Watch //Alice from the popup (as the Add button does), then let the first reads finish.
    const popup = await browser.openTab(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await world.devnet.control.produceBlock();
    const alice = world.devnet.accounts.Alice!;
    await browser.evaluate(popup, `chrome.runtime.sendMessage({ tag: 'taolens/1', body: { type: 'accounts/add-watch', address: ${JSON.stringify(alice)} } })`);
    for (let i = 0; i < 3; i++) await block();
    const positions = await browser.evaluate<number>(
      popup,
      `chrome.runtime.sendMessage({ tag: 'taolens/1', body: { type: 'popup/get' } }).then((r) => r.value.snapshot.portfolios[0].positions.length)`,
    );
    await browser.closeTab(popup);
    const blank = await browser.openTab('about:blank');
    const threadSeconds = async () => {
      const { processInfo } = await browser.command<{ processInfo: { type: string; id: number; cpuTime: number }[] }>('SystemInfo.getProcessInfo');
      const extension = processInfo.filter((p) => p.type === 'renderer' && isExtensionProcess(p.id));
      if (extension.length !== 1) throw new Error(`expected one extension process, found ${extension.length}`);
      return extension[0]!.cpuTime;
    };

    const measure = async (mode: Mode) => {
      let shown: string | null = null;
      if (mode === 'b') shown = await browser.openTab(`chrome-extension://${EXTENSION_ID}/popup.html`);
      if (mode === 'c') shown = await browser.openTab('https://taostats.io/subnets');
      if (mode === 'a') await browser.front(blank);
      // Coming into view reads at once: that read belongs to the moment of looking, not to the window.
      await sleep(1500);
      await block();
      const blocks = mode === 'a' ? IDLE_BLOCKS : LOOKING_BLOCKS;
      counter.reset();
      const cpu0 = await threadSeconds();
      for (let i = 0; i < blocks; i++) await block();
      const cpu = (await threadSeconds()) - cpu0;
      const bytes = counter.bytesReceived();
      const requests = counter.requests();
      if (shown) await browser.closeTab(shown);
      return { blocks, bytes, requests, cpuMs: cpu * 1000 };
    };

    const at256 = subnets >= 256;
    const what = `${subnets} subnets + ${positions} positions`;
    for (const mode of ['a', 'b', 'c'] as Mode[]) {
      const m = await measure(mode);
      const scale = BLOCKS_PER_HOUR / m.blocks;
      const window = `measured over ${m.blocks} blocks (${(m.blocks * BLOCK_MS) / 60_000} min of 12-s blocks on the worker's test clock), ×${scale.toFixed(1)}`;
      const perHourKB = (m.bytes / 1000) * scale;
      rows.push(
        {
          name: `cadence ${MODE_LABEL[mode]}, ${what}: bytes received per hour`,
          median: Math.round(perHourKB),
          unit: 'kB',
          ...(mode === 'a' && at256 ? { target: 25_000 / 24 } : {}),
          note: `= ${((perHourKB * 24) / 1000).toFixed(1)} MB/day${mode === 'a' && at256 ? ' (target ≤ 25 MB/day)' : ''}; ${window}${mode === 'a' ? `; ${SLOW_READS} slow-cadence reads (default ${DEFAULT_IDLE_REFRESH_MINUTES} min) in it, each a full refresh (storage queried at its block, no subscription; exit values only for an exit alert)` : ''}`,
        },
        { name: `cadence ${MODE_LABEL[mode]}, ${what}: requests per hour`, median: Math.round(m.requests * scale), unit: 'calls', note: 'every JSON-RPC request, health checks included' },
        {
          name: `cadence ${MODE_LABEL[mode]}, ${what}: worker CPU per hour`,
          median: Math.round(m.cpuMs * scale),
          unit: 'ms',
          ...(mode === 'a' && at256 ? { target: 60_000 / 24 } : {}),
          note: `= ${((m.cpuMs * scale * 24) / 1000).toFixed(1)} s/day${mode === 'a' && at256 ? ' (target ≤ 60 s/day)' : ''}; the extension process's CPU time (worker${mode === 'b' ? ' + popup' : ''})`,
        },
      );
      if (mode !== 'a')
        rows.push({
          name: `cadence ${MODE_LABEL[mode]}, ${what}: bytes received per block`,
          median: Math.round((m.bytes / m.blocks / 1000) * 10) / 10,
          unit: 'kB',
          ...(at256 ? { target: 60 } : {}),
          note: `mean of ${m.blocks} blocks`,
        });
    }
  } finally {
    await browser.close();
    await counter.stop();
    await world.stop();
  }
  return rows;
}

export async function bench(): Promise<BenchRow[]> {
  const sites = await startSiteServer(makeCertificate(FIXTURE_HOSTS));
  try {
    return [...(await scenarioRows('default', sites.port)), ...(await scenarioRows('scale', sites.port))];
  } finally {
    await sites.stop();
  }
}
