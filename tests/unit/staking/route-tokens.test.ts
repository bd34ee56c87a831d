// lib/staking/route-tokens.ts: the popup's one-time route into a tab.
import { describe, expect, it } from 'vitest';
import { createRouteTokens, ROUTE_HASH } from '@/lib/staking/route-tokens';

const TOKEN = '0b6c1e2a-4f3d-4c8e-9a1b-2c3d4e5f6a7b';

describe('panel routing', () => {
  it('a route token opens the panel once, only in the tab it was issued for, and not after it expires', () => {
    let t = 0;
    const tokens = createRouteTokens(() => t);
    tokens.issue({ action: 'stake', netuid: 5 }, TOKEN);
    expect(tokens.redeem(TOKEN, 7)).toBeNull(); // not bound to a tab yet
    tokens.bind(TOKEN, 7);
    tokens.bind(TOKEN, 8); // the first binding holds
    expect(tokens.redeem(TOKEN, 8)).toBeNull();
    expect(tokens.redeem(TOKEN, undefined)).toBeNull();
    expect(tokens.redeem(TOKEN, 7)).toEqual({ action: 'stake', netuid: 5 });
    expect(tokens.redeem(TOKEN, 7)).toBeNull(); // once
    tokens.issue({ action: 'unstake', netuid: 1 }, TOKEN);
    tokens.bind(TOKEN, 7);
    t += 3 * 60_000;
    expect(tokens.redeem(TOKEN, 7)).toBeNull();
  });

  it('reads the token from the hash; the old intent hash is not a route', () => {
    expect(ROUTE_HASH.exec(`#taolens-route=${TOKEN}`)?.[1]).toBe(TOKEN);
    expect(ROUTE_HASH.exec('#taolens-stake=stake&netuid=13')).toBeNull();
    expect(ROUTE_HASH.exec('#taolens-route=stake')).toBeNull();
  });
});
