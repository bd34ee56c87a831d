/**
 * The release artifacts as a store reviewer gets them: `npm run zip` writes the Chrome zip, the Firefox
 * zip and the sources zip, named with package.json's version; the Firefox manifest carries what
 * addons.mozilla.org requires; Mozilla's own linter finds no error and only the warnings the README explains.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/build-extension';
import { readZip } from '../support/zip';

const outDir = `.output/release-${process.pid}`;
const out = resolve(REPO_ROOT, outDir);
const { version } = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const manifestOf = (zip: string) => JSON.parse(readZip(resolve(out, zip)).get('manifest.json')!.toString('utf8'));

describe('npm run zip', () => {
  beforeAll(() => {
    // Without vitest's NODE_ENV=test, which would make Vite bundle React's development build.
    const { NODE_ENV: _, ...env } = process.env;
    execFileSync('npm', ['run', 'zip'], { cwd: REPO_ROOT, env: { ...env, TAOLENS_OUT_DIR: outDir }, stdio: 'pipe' });
  }, 240_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes the three zips, named with the version from package.json', () => {
    const zips = readdirSync(out).filter((f) => f.endsWith('.zip')).sort();
    expect(zips).toEqual([`taolens-${version}-chrome.zip`, `taolens-${version}-firefox.zip`, `taolens-${version}-sources.zip`]);
  });

  it('the Chrome zip is the MV3 build with the fixed key and that version', () => {
    const manifest = manifestOf(`taolens-${version}-chrome.zip`);
    expect(manifest).toMatchObject({ manifest_version: 3, version, name: 'TaoLens' });
    expect(manifest.key).toMatch(/^MIIB/);
    expect(manifest.browser_specific_settings).toBeUndefined();
  });

  it('both zips carry PRIVACY.md as the privacy.txt the options page links to', () => {
    const privacy = readFileSync(resolve(REPO_ROOT, 'PRIVACY.md'), 'utf8');
    for (const browser of ['chrome', 'firefox']) {
      expect(readZip(resolve(out, `taolens-${version}-${browser}.zip`)).get('privacy.txt')?.toString('utf8')).toBe(privacy);
    }
  });

  it('the Firefox zip declares its id, its data collection and a minimum version that supports that declaration', () => {
    const manifest = manifestOf(`taolens-${version}-firefox.zip`);
    expect(manifest.version).toBe(version);
    expect(manifest.key).toBeUndefined();
    // MV3, so that Firefox runs the wallet bridge in the page's world before any page script (it does so only in MV3).
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.content_scripts.find((c: { js: string[] }) => c.js.includes('content-scripts/wallet-bridge.js'))).toMatchObject({ world: 'MAIN', run_at: 'document_start' });
    const gecko = manifest.browser_specific_settings.gecko;
    expect(gecko.id).toBe('taolens@taolens.dev');
    // Addresses go to the chain endpoint and signed transactions are submitted there (PRIVACY.md).
    expect(gecko.data_collection_permissions).toEqual({ required: ['financialAndPaymentInfo'] });
    // Desktop Firefox reads data_collection_permissions from 140, Firefox for Android from 142.
    expect(Number.parseFloat(gecko.strict_min_version)).toBeGreaterThanOrEqual(140);
    expect(Number.parseFloat(manifest.browser_specific_settings.gecko_android.strict_min_version)).toBeGreaterThanOrEqual(142);
  });

  it('the sources zip holds what the build needs and no tests, outputs or dependencies', () => {
    const names = [...readZip(resolve(out, `taolens-${version}-sources.zip`)).keys()];
    for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md', 'PRIVACY.md', 'entrypoints/background.ts', 'lib/chain/reader.ts']) {
      expect(names).toContain(needed);
    }
    expect(names.filter((n) => /^(tests|node_modules|\.output|\.wxt|demo-output)\//.test(n))).toEqual([]);
  });

  it('web-ext lint on the Firefox build: 0 errors, and every warning is one the README explains', () => {
    const lint = spawnSync(resolve(REPO_ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', resolve(out, 'firefox-mv3'), '--output', 'json', '--no-config-discovery'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
    });
    const report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{'))) as {
      errors: { code: string; message: string }[];
      warnings: { code: string; file?: string }[];
    };
    expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');
    const unexplained = report.warnings.filter((w) => !readme.includes(w.code));
    expect(unexplained).toEqual([]);
    // The known one is React's own innerHTML (dangerouslySetInnerHTML support), only in the bundles that carry React
    // DOM (the staking panel, and the chunk the popup and options share, whatever the bundler names it)…
    for (const w of report.warnings) {
      expect(w.file).toMatch(/^(stake-panel\.js|chunks\/[\w-]+\.js)$/);
      expect(readFileSync(resolve(out, 'firefox-mv3', w.file!), 'utf8')).toContain('dangerouslySetInnerHTML');
    }
    // …and TaoLens's own code never uses it.
    const ours = spawnSync('grep', ['-rl', 'dangerouslySetInnerHTML', 'lib', 'components', 'entrypoints'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(ours.stdout.trim()).toBe('');
  }, 180_000);
});
