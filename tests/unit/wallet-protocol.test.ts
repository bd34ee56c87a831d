// lib/wallet/protocol.ts: what the page-world bridge accepts.
import { describe, expect, it } from 'vitest';
import { isBridgeRequest, isChallengeText } from '@/lib/wallet/protocol';

const TOKEN = '0b6c1e2a-4f3d-4c8e-9a1b-2c3d4e5f6a7b';

describe('what is signed', () => {
  it('the bridge takes only well-formed requests, and raw signing only of the account challenge', () => {
    const challenge = '<Bytes>TaoLens: prove you control this account for TaoLens on taostats.io. This is not a transaction. Nonce 0123456789abcdef0123456789abcdef</Bytes>';
    expect(isChallengeText(challenge)).toBe(true);
    expect(isChallengeText('0x0503ff')).toBe(false);
    expect(isChallengeText(challenge.replace('This is not a transaction. ', ''))).toBe(false);
    const base = { id: 1, signId: TOKEN, wallet: 'polkadot-js' };
    expect(isBridgeRequest({ ...base, kind: 'signRaw', address: '5F', data: challenge })).toBe(true);
    expect(isBridgeRequest({ ...base, kind: 'signRaw', address: '5F', data: '0x0503ff' })).toBe(false);
    expect(isBridgeRequest({ ...base, kind: 'sign', payload: { address: '5F', method: '0x00' } })).toBe(true);
    expect(isBridgeRequest({ ...base, signId: 'x', kind: 'sign', payload: { address: '5F', method: '0x00' } })).toBe(false);
    expect(isBridgeRequest({ id: 2, kind: 'accounts' })).toBe(true);
  });
});
