import type { TestProject } from 'vitest/node';
import { makeCertificate } from './cert';
import { findChromium } from './chromium';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildExtension, REPO_ROOT } from '../support/build-extension';
import { startLocalWorld } from '../support/local-world';
import { FIXTURE_HOSTS, startSiteServer } from '../fixtures/site-server';

export interface E2eContext {
  extensionDir: string;
  siteHosts: Record<string, number>;
  devnetUrl: string;
  /** The devnet's HTTP control interface (pause, trade, state read-back). */
  controlUrl: string;
  apiUrl: string;
  accounts: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

/** One devnet, one set of fixture servers and one build for the whole real-Chromium suite. */
export default async function setup(project: TestProject) {
  findChromium(); // fail first, with one line, when there is no browser
  const [world, sites] = await Promise.all([
    startLocalWorld({ blockMs: 2000 }),
    startSiteServer(makeCertificate(FIXTURE_HOSTS)),
  ]);
  // A folder per run: two runs at once must not load each other's build (pointed at another devnet).
  const outDir = `.output/e2e-${process.pid}`;
  // TAOLENS_TEST_CLOCK: this build's worker clock can be moved forward by a test (lib/background/worker-clock.ts).
  // TAOLENS_SUBNET_INFO_EVERY_BLOCKS=1: the suites compare pools and emission with the devnet's state at one block;
  // the slower product clock is tested at the reader (tests/integration/reader-cadence.test.ts).
  const extensionDir = buildExtension({ outDir, env: { ...world.buildEnv, TAOLENS_TEST_CLOCK: '1', TAOLENS_SUBNET_INFO_EVERY_BLOCKS: '1' } });
  project.provide('e2e', {
    extensionDir,
    siteHosts: Object.fromEntries(FIXTURE_HOSTS.map((h) => [h, sites.port])),
    devnetUrl: world.devnet.url,
    controlUrl: world.devnet.controlUrl!,
    apiUrl: world.api.url,
    accounts: world.devnet.accounts,
  });
  return async () => {
    await Promise.all([sites.stop(), world.stop()]);
    rmSync(resolve(REPO_ROOT, outDir), { recursive: true, force: true });
  };
}
