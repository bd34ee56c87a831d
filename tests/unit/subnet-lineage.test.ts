// lib/history/subnet-lineage.ts: telling a reused netuid's new subnet from the one its history was recorded for.
import { describe, expect, it } from 'vitest';
import { decodeRegistrations, registrationChanges } from '@/lib/history/subnet-lineage';

const at = (netuid: number, registeredAtBlock: number) => ({ netuid, registeredAtBlock });

describe('subnet lineage', () => {
  it('records netuids seen for the first time without calling them replaced', () => {
    const first = registrationChanges({}, [at(1, 100), at(2, 250)]);
    expect(first.registrations).toEqual({ 1: 100, 2: 250 });
    expect(first.replaced).toEqual([]);
  });

  it('a netuid registered again at another block is replaced; the others are kept as they were', () => {
    const recorded = { 1: 100, 2: 250, 3: 400 };
    const { registrations, replaced } = registrationChanges(recorded, [at(1, 100), at(2, 9_000), at(3, 400)]);
    expect(replaced).toEqual([2]);
    expect(registrations).toEqual({ 1: 100, 2: 9_000, 3: 400 });
    expect(recorded).toEqual({ 1: 100, 2: 250, 3: 400 }); // not changed in place
  });

  it('nothing changed: the very same record comes back (nothing to store)', () => {
    const recorded = { 1: 100, 2: 250 };
    const same = registrationChanges(recorded, [at(1, 100), at(2, 250)]);
    expect(same.registrations).toBe(recorded);
    expect(same.replaced).toEqual([]);
  });

  it('a netuid absent from a read keeps its record, so its reuse is still recognised later', () => {
    const gone = registrationChanges({ 1: 100, 2: 250 }, [at(1, 100)]);
    expect(gone.registrations).toEqual({ 1: 100, 2: 250 });
    expect(registrationChanges(gone.registrations, [at(1, 100), at(2, 7_777)]).replaced).toEqual([2]);
  });

  it('a registration block that is not a block number is neither recorded nor taken as a new subnet', () => {
    const r = registrationChanges({ 1: 100 }, [at(1, Number.NaN), at(2, -5), at(3, 1.5)]);
    expect(r.registrations).toEqual({ 1: 100 });
    expect(r.replaced).toEqual([]);
  });

  it('reads back only netuid → block pairs from storage', () => {
    expect(decodeRegistrations({ 1: 100, 2: '250', x: 3, 4: -1, 5: 2.5, 6: 0 })).toEqual({ 1: 100, 6: 0 });
    expect(decodeRegistrations(null)).toEqual({});
    expect(decodeRegistrations([1, 2])).toEqual({});
  });
});
