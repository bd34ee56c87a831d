import { describe, expect, it } from 'vitest';
import { ConfigError, MAINNET_ENDPOINTS, defaultsFromEnv, originPattern, parseEndpointList } from '@/lib/config/defaults';

describe('build-time defaults', () => {
  it('fall back to the public mainnet endpoints and APIs', () => {
    const d = defaultsFromEnv({});
    expect(d.endpoints).toEqual(MAINNET_ENDPOINTS);
    expect(d.priceApi).toBe('https://api.coingecko.com');
    expect(d.revenueApi).toBe('https://api.metagraph.sh');
  });

  it('take TAOLENS_ENDPOINTS as a comma-separated list of ws/wss URLs', () => {
    expect(defaultsFromEnv({ TAOLENS_ENDPOINTS: ' ws://127.0.0.1:9944 , wss://a.example:443' }).endpoints).toEqual([
      'ws://127.0.0.1:9944',
      'wss://a.example:443',
    ]);
  });

  it('refuse a non-websocket endpoint with a message naming it', () => {
    expect(() => parseEndpointList('https://rpc.example')).toThrow(ConfigError);
    expect(() => parseEndpointList('https://rpc.example')).toThrow('"https://rpc.example" must start with wss://');
    expect(() => parseEndpointList('not a url')).toThrow('is not a URL');
  });

  it('normalise API bases and refuse other schemes', () => {
    expect(defaultsFromEnv({ TAOLENS_PRICE_API: 'http://127.0.0.1:8080/' }).priceApi).toBe('http://127.0.0.1:8080');
    expect(() => defaultsFromEnv({ TAOLENS_REVENUE_API: 'ftp://x' })).toThrow(ConfigError);
  });

  it('derive host-permission patterns from origins', () => {
    expect(originPattern('http://127.0.0.1:8080/api')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://api.metagraph.sh')).toBe('https://api.metagraph.sh/*');
  });
});
