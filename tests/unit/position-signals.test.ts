import { describe, expect, it } from 'vitest';
import { FINALITY_LAG_READS, PositionSignals } from '@/lib/chain/position-signals';

const values = (o: Record<string, string>) => new Map(Object.entries(o));

describe('PositionSignals', () => {
  it('nothing is due while no value moves after the baseline', () => {
    const s = new PositionSignals();
    s.seed(values({ a: '1', b: '2' }));
    expect([...s.due(values({ a: '1', b: '2' }))]).toEqual([]);
  });

  it('a moved value stays due for the finality lag (the node pushes its best block, reads are pinned to the finalized one)', () => {
    const s = new PositionSignals();
    s.seed(values({ a: '1', b: '2' }));
    const seen: string[][] = [];
    seen.push([...s.due(values({ a: '1', b: '3' }))]);
    for (let i = 0; i < FINALITY_LAG_READS; i++) seen.push([...s.due(values({ a: '1', b: '3' }))]);
    expect(seen).toEqual([...Array(FINALITY_LAG_READS)].map(() => ['b']).concat([[]]));
  });

  it('a new signal (a new position) is due; a forgotten one comes back as new', () => {
    const s = new PositionSignals();
    s.seed(values({ a: '1' }));
    expect([...s.due(values({ a: '1', c: '9' }))]).toEqual(['c']);
    s.seed(values({ a: '1' }));
    s.due(values({ a: '1' })); // c forgotten
    expect([...s.due(values({ a: '1', c: '9' }))]).toEqual(['c']);
  });

  it('a second move restarts the lag', () => {
    const s = new PositionSignals();
    s.seed(values({ a: '1' }));
    s.due(values({ a: '2' }));
    s.due(values({ a: '2' }));
    s.due(values({ a: '3' }));
    const after = [...Array(FINALITY_LAG_READS)].map(() => s.due(values({ a: '3' })).has('a'));
    expect(after).toEqual([...Array(FINALITY_LAG_READS - 1)].map(() => true).concat([false]));
  });
});
