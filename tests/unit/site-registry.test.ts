import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SITES, SITE_MATCHES, defaultSiteSwitches, site } from '@/lib/sites/registry';
import { defaultSettings } from '@/lib/storage/settings';
import { siteSwitchOf } from '@/lib/storage/site-switch';
import type { SiteAdapter } from '@/lib/sites/common';

/** Each site's adapter module, by the registry's naming rule (lib/sites/<id>.ts exports `<id>Adapter`). */
const adapters = import.meta.glob<Record<string, SiteAdapter>>('../../lib/sites/*.ts', { eager: true });

describe('the site registry', () => {
  it.each(SITES.map((s) => [s.id]))('%s has its adapter and an entrypoint that takes its matches from the registry', (id) => {
    const adapter = adapters[`../../lib/sites/${id}.ts`]?.[`${id}Adapter`];
    expect(adapter?.id).toBe(id);
    const entry = `entrypoints/${id}.content/index.ts`;
    expect(existsSync(entry)).toBe(true);
    const source = readFileSync(entry, 'utf8');
    expect(source).toContain(`matches: [...site('${id}').matches]`);
    expect(source).toContain(`runSite(ctx, ${id}Adapter)`);
    // The staking panel runs where the registry says, and only there.
    expect(source.includes('installStakingPanel(ctx)')).toBe(site(id).staking);
  });

  it('derives the host permissions, the wallet bridge matches and the default switches', () => {
    expect(SITE_MATCHES).toEqual(SITES.flatMap((s) => s.matches));
    expect(Object.keys(defaultSettings.sites).sort()).toEqual(SITES.map((s) => s.id).sort());
    expect(Object.values(defaultSiteSwitches()).every((on) => on)).toBe(true);
    for (const entry of ['entrypoints/wallet-bridge.content.ts', 'entrypoints/wallet-port.content.ts']) {
      expect(readFileSync(entry, 'utf8')).toContain('matches: SITE_MATCHES');
    }
  });

  it("a content script reads its switch from stored settings of any age: on unless switched off", () => {
    expect(siteSwitchOf(undefined, 'x')).toBe(true);
    expect(siteSwitchOf({}, 'x')).toBe(true);
    expect(siteSwitchOf({ sites: { taostats: false } }, 'x')).toBe(true);
    expect(siteSwitchOf({ sites: { x: false } }, 'x')).toBe(false);
    expect(siteSwitchOf({ ...defaultSettings, sites: { ...defaultSettings.sites, taomarketcap: false } }, 'taomarketcap')).toBe(false);
  });
});
