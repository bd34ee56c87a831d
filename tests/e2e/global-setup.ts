import type { TestProject } from 'vitest/node';
import { makeCertificate } from './cert';
import { findChromium } from './chromium';
import { buildExtension } from '../support/build-extension';
import { FIXTURE_HOSTS, startSiteServer } from '../fixtures/site-server';

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: { extensionDir: string; siteHosts: Record<string, number> };
  }
}

/** One set of servers and one build for the whole real-Chromium suite. */
export default async function setup(project: TestProject) {
  findChromium(); // fail first, with one line, when there is no browser
  const sites = await startSiteServer(makeCertificate(FIXTURE_HOSTS));
  const extensionDir = buildExtension({ outDir: '.output/e2e', env: {} });
  project.provide('e2e', {
    extensionDir,
    siteHosts: Object.fromEntries(FIXTURE_HOSTS.map((h) => [h, sites.port])),
  });
  return async () => {
    await sites.stop();
  };
}
