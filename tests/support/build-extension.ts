import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** Builds the Chrome extension with TAOLENS_* defaults pointing at local servers; returns its folder. */
export function buildExtension(opts: { outDir: string; env: Record<string, string> }): string {
  execFileSync(process.execPath, [resolve(REPO_ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build'], {
    cwd: REPO_ROOT,
    // NODE_ENV from vitest ('test') would give React's development build: test what users install.
    env: { ...process.env, NODE_ENV: 'production', ...opts.env, TAOLENS_OUT_DIR: opts.outDir },
    stdio: 'pipe',
  });
  return resolve(REPO_ROOT, opts.outDir, 'chrome-mv3');
}
