import { expect, it } from 'vitest';
import { CoalescingRefresher } from '@/lib/chain/refresher';

const head = (n: number) => ({ number: n, hash: `0x${n}` });

it('reads each finalized block at most once and collapses a burst into the newest head', async () => {
  const reads: number[] = [];
  let release!: () => void;
  const r = new CoalescingRefresher<null>(
    async (h) => {
      reads.push(h.number);
      if (h.number === 1) await new Promise<void>((res) => (release = res));
    },
    () => {},
  );
  r.push(head(1), null);
  r.push(head(2), null);
  r.push(head(3), null);
  r.push(head(3), null);
  release();
  await new Promise((res) => setTimeout(res, 0));
  expect(reads).toEqual([1, 3]);
  r.push(head(3), null);
  await new Promise((res) => setTimeout(res, 0));
  expect(reads).toEqual([1, 3]);
  r.again();
  await new Promise((res) => setTimeout(res, 0));
  expect(reads).toEqual([1, 3, 3]);
});

it('reports a failed read and moves on to the next head', async () => {
  const errors: number[] = [];
  const reads: number[] = [];
  const r = new CoalescingRefresher<null>(
    async (h) => {
      reads.push(h.number);
      if (h.number === 1) throw new Error('boom');
    },
    (_e, h) => errors.push(h.number),
  );
  r.push(head(1), null);
  await new Promise((res) => setTimeout(res, 0));
  r.push(head(2), null);
  await new Promise((res) => setTimeout(res, 0));
  expect(errors).toEqual([1]);
  expect(reads).toEqual([1, 2]);
});

it('again() while a read of the same head is running reads that head once more after it (the running read began before the change)', async () => {
  const reads: number[] = [];
  let release!: () => void;
  const r = new CoalescingRefresher<null>(
    async (h) => {
      reads.push(h.number);
      if (reads.length === 1) await new Promise<void>((res) => (release = res));
    },
    () => {},
  );
  r.push(head(5), null);
  r.again(); // e.g. a watch address added while block 5 is being read without it
  r.again();
  release();
  await new Promise((res) => setTimeout(res, 0));
  expect(reads).toEqual([5, 5]);
});
