import type { Defaults } from './defaults';

declare const __TAOLENS_DEFAULTS__: Defaults;

/** The defaults this build was made with (TAOLENS_* at build time, else the public mainnet ones). */
export const buildDefaults: Defaults = __TAOLENS_DEFAULTS__;
