import { describe, expect, it } from 'vitest';
import { StorageFollower, type StorageChangeSet, type SubscribeStorage } from '@/lib/chain/storage-follower';

/** A node stand-in: records each subscription and lets the test push notifications to it. */
function fakeNode(opts: { refuse?: boolean } = {}) {
  const subs: { keys: string[]; push(set: StorageChangeSet): void; open: boolean }[] = [];
  const subscribe: SubscribeStorage = async (keys, onChanges) => {
    if (opts.refuse) throw new Error('refused');
    const sub = { keys, push: onChanges, open: true };
    subs.push(sub);
    return async () => {
      sub.open = false;
    };
  };
  return { subs, subscribe };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('StorageFollower', () => {
  it('knows nothing until the first notification, then every pushed value (null = absent)', async () => {
    const node = fakeNode();
    const f = new StorageFollower(node.subscribe);
    f.follow(['0xAA', '0xbb']);
    expect(f.lookup(['0xaa', '0xbb']).missing).toEqual(['0xaa', '0xbb']);
    await flush();
    node.subs[0]!.push({ block: '0x1', changes: [['0xaa', '0x01'], ['0xbb', null]] });
    expect(f.lookup(['0xAA', '0xbb'])).toEqual({ values: new Map([['0xaa', '0x01'], ['0xbb', null]]), missing: [] });
    node.subs[0]!.push({ block: '0x2', changes: [['0xaa', '0x02']] });
    expect(f.lookup(['0xaa']).values.get('0xaa')).toBe('0x02');
  });

  it('subscribes again only when the key set changes; kept keys keep their value, new ones are missing', async () => {
    const node = fakeNode();
    const f = new StorageFollower(node.subscribe);
    f.follow(['0xaa', '0xbb']);
    await flush();
    node.subs[0]!.push({ block: '0x1', changes: [['0xaa', '0x01'], ['0xbb', '0x02']] });
    f.follow(['0xbb', '0xaa']); // same set, other order
    await flush();
    expect(node.subs.length).toBe(1);

    f.follow(['0xaa', '0xcc']);
    await flush();
    expect(node.subs.length).toBe(2);
    expect(node.subs[0]!.open).toBe(false);
    expect(node.subs[1]!.keys).toEqual(['0xaa', '0xcc']);
    expect(f.lookup(['0xaa', '0xbb', '0xcc'])).toEqual({ values: new Map([['0xaa', '0x01']]), missing: ['0xbb', '0xcc'] });
    // A late notification of the replaced subscription changes nothing.
    node.subs[0]!.push({ block: '0x2', changes: [['0xaa', '0xff']] });
    expect(f.lookup(['0xaa']).values.get('0xaa')).toBe('0x01');
  });

  it('after a refused subscription it knows nothing and tries again on the next follow', async () => {
    const node = fakeNode({ refuse: true });
    const f = new StorageFollower(node.subscribe);
    f.follow(['0xaa']);
    await flush();
    expect(f.lookup(['0xaa']).missing).toEqual(['0xaa']);
    let tried = 0;
    const g = new StorageFollower(async () => {
      tried++;
      throw new Error('refused');
    });
    g.follow(['0xaa']);
    await flush();
    g.follow(['0xaa']);
    await flush();
    expect(tried).toBe(2);
  });

  it('stop() ends the subscription', async () => {
    const node = fakeNode();
    const f = new StorageFollower(node.subscribe);
    f.follow(['0xaa']);
    await flush();
    f.stop();
    await flush();
    expect(node.subs[0]!.open).toBe(false);
  });
});
