import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { defaultsFromEnv, originPattern } from './lib/config/defaults';
import { SITE_MATCHES } from './lib/sites/registry';

const defaults = defaultsFromEnv(process.env);

// A fixed public key gives a fixed extension id (mlnjcekcjccemhiioemmoigbkcojkdio), which tests rely on.
const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnadP5cFUFeKvbbrMuXKdE74dpOV9+TH03p80S6prO6jC+wE6XZAHlN6RRdfxDvps8Okfndf5cODEkdj22U7MZW5yCyTpud+MtdfHcjUWTgSxiMjJi+UCZ1Nx1Kuv5bd4Qa8OoTmMpjjpZryuv6Hdj/iYyghUJsAim8qIs1X7amKeI3ylb9fCZ+IunDTxbhYgQ5OcgOkm3cS8VQmt0z/P45f2BJ+WVd3+gm+Bd7OPHIeo2AZQBq5HeAosoBlwNE+dhaJBZlK7mv0cRgg14HWxgeg54rjo+QNyMlrLdsTBdZLeQPNhSF1EJzYtN624GbX45SuNLU9iBme0VkSNJnd2wwIDAQAB';

/**
 * Firefox (AMO). 140 is the first desktop Firefox with the built-in data-collection consent that
 * `data_collection_permissions` declares; every other API TaoLens uses is older. Declared honestly
 * (PRIVACY.md): watched addresses go to the chain endpoint to read their balances and stakes, and the
 * transactions the user signs are submitted there: Mozilla's "financial and payment information".
 */
const FIREFOX_SETTINGS = {
  gecko: {
    id: 'taolens@taolens.dev',
    strict_min_version: '140.0',
    data_collection_permissions: { required: ['financialAndPaymentInfo'] },
  },
  // Firefox for Android reads the consent from 142.
  gecko_android: { strict_min_version: '142.0' },
};

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  outDir: process.env.TAOLENS_OUT_DIR ?? '.output',
  // Manifest V3 for Firefox too: the wallet bridge is a `world: "MAIN"` content script, which Firefox runs only in
  // MV3 (from 128; the minimum below is 140).
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'TaoLens',
    description:
      'Which Bittensor subnets earn real revenue, against the subsidy they are paid — on taostats and x.com, with protected one-click staking.',
    ...(browser === 'chrome' ? { key: MANIFEST_KEY } : {}),
    // notifications: a tracked transaction's end, in plain language. scripting: the staking panel's code is
    // injected into a page (one of the sites above) on its first Stake, not carried by every content script.
    permissions: ['storage', 'alarms', 'notifications', 'scripting'],
    // The sites TaoLens annotates (lib/sites/registry.ts). Anything else is asked for at run time (optional permissions).
    host_permissions: [
      ...SITE_MATCHES,
      ...new Set([defaults.priceApi, defaults.binanceApi, defaults.revenueApi, defaults.chutesApi].map(originPattern)),
    ],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_security_policy: {
      // @polkadot's sr25519 and hashing run as wasm in the service worker.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    ...(browser === 'firefox' ? { browser_specific_settings: FIREFOX_SETTINGS } : {}),
  }),
  // PRIVACY.md ships inside the extension (as text, which every browser shows), linked from the options page.
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push({ absoluteSrc: resolve(import.meta.dirname, 'PRIVACY.md'), relativeDest: 'privacy.txt' });
    },
  },
  // `npm run zip`: taolens-VERSION-chrome.zip, taolens-VERSION-firefox.zip and, for Mozilla's review,
  // taolens-VERSION-sources.zip (what the build needs, no tests or screenshots).
  zip: {
    excludeSources: ['tests/**', 'docs/screenshots/**', 'demo-output/**', '*.zip'],
  },
  vite: () => ({
    define: {
      __TAOLENS_DEFAULTS__: JSON.stringify(defaults),
      // Only the e2e build sets it: the worker's clock can then be moved forward by the test (worker-clock.ts).
      __TAOLENS_TEST_CLOCK__: JSON.stringify(process.env.TAOLENS_TEST_CLOCK === '1'),
    },
  }),
});
