import { defineConfig } from 'wxt';
import { defaultsFromEnv, originPattern } from './lib/config/defaults';
import { STAKING_SITE_MATCHES } from './lib/wallet/sites';

const defaults = defaultsFromEnv(process.env);

/** Sites TaoLens annotates. Anything else is asked for at run time (optional permissions). */
const SITE_MATCHES = STAKING_SITE_MATCHES;

// A fixed public key gives a fixed extension id (mlnjcekcjccemhiioemmoigbkcojkdio), which tests rely on.
const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnadP5cFUFeKvbbrMuXKdE74dpOV9+TH03p80S6prO6jC+wE6XZAHlN6RRdfxDvps8Okfndf5cODEkdj22U7MZW5yCyTpud+MtdfHcjUWTgSxiMjJi+UCZ1Nx1Kuv5bd4Qa8OoTmMpjjpZryuv6Hdj/iYyghUJsAim8qIs1X7amKeI3ylb9fCZ+IunDTxbhYgQ5OcgOkm3cS8VQmt0z/P45f2BJ+WVd3+gm+Bd7OPHIeo2AZQBq5HeAosoBlwNE+dhaJBZlK7mv0cRgg14HWxgeg54rjo+QNyMlrLdsTBdZLeQPNhSF1EJzYtN624GbX45SuNLU9iBme0VkSNJnd2wwIDAQAB';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  outDir: process.env.TAOLENS_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    name: 'TaoLens',
    description:
      'Which Bittensor subnets earn real revenue, against the subsidy they are paid — on taostats and x.com, with protected one-click staking.',
    ...(browser === 'chrome' ? { key: MANIFEST_KEY } : {}),
    // notifications: a tracked transaction's end, in plain language. scripting: the staking panel's code is
    // injected into a page (one of the sites above) on its first Stake, not carried by every content script.
    permissions: ['storage', 'alarms', 'notifications', 'scripting'],
    host_permissions: [
      ...SITE_MATCHES,
      ...new Set([defaults.priceApi, defaults.binanceApi, defaults.revenueApi, defaults.chutesApi].map(originPattern)),
    ],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_security_policy: {
      // @polkadot's sr25519 and hashing run as wasm in the service worker.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'taolens@taolens.dev', strict_min_version: '128.0' } } }
      : {}),
  }),
  vite: () => ({
    define: { __TAOLENS_DEFAULTS__: JSON.stringify(defaults) },
  }),
});
