import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { defaultsFromEnv } from './lib/config/defaults.ts';

// Unit tests and the devnet's own tests: Node, no browser. The real-Chromium suite has its own config.
export default defineConfig({
  plugins: [WxtVitest()],
  // Unit tests see the public defaults, whatever TAOLENS_* the shell has.
  define: { __TAOLENS_DEFAULTS__: JSON.stringify(defaultsFromEnv({})) },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
