import { describe, expect, it } from 'vitest';
import { evaluateAlerts, forgetRuleStates, parseRule, validateAlertSettings, DAY_MS, type AlertReadings, type AlertRule, type AlertSettings, type AlertState } from '@/lib/alerts/rules';

const TAO = 1_000_000_000n;
const T0 = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const reading = (now: number, p: Partial<AlertReadings> = {}, sn: Partial<AlertReadings['subnets'][number]> = {}): AlertReadings => ({
  now,
  localMinutes: 12 * 60,
  networkCoverage: 0.1,
  subnets: { 64: { name: 'Chutes', coverage: 0.5, subsidyPerDayRao: 100n * TAO, priceRao: TAO / 10n, exitValueRao: 50n * TAO, ...sn } },
  ...p,
});
const on = (rules: AlertRule[], quiet: AlertSettings['quiet'] = null): AlertSettings => ({ enabled: true, rules, quiet });
const cov: AlertRule = { id: 'c', kind: 'coverage', scope: 'network', levelPct: 15 };

/** Runs readings in order, returning the notices each produced. */
function run(settings: AlertSettings, readings: AlertReadings[], state: AlertState = {}) {
  const out: string[][] = [];
  for (const r of readings) {
    const res = evaluateAlerts(settings, state, r);
    state = res.state;
    out.push(res.notices.map((n) => n.title));
  }
  return { out, state };
}

describe('coverage crossing', () => {
  it('fires once going up through the level, and once going down (a day later)', () => {
    const { out } = run(on([cov]), [
      reading(T0, { networkCoverage: 0.1 }),
      reading(T0 + HOUR, { networkCoverage: 0.2 }), // up
      reading(T0 + 2 * HOUR, { networkCoverage: 0.3 }), // still above: nothing
      reading(T0 + DAY_MS + 3 * HOUR, { networkCoverage: 0.1 }), // down
    ]);
    expect(out).toEqual([[], ['Coverage crossed your level'], [], ['Coverage fell below your level']]);
  });

  it('says it in plain language and opens the network view', () => {
    const res = evaluateAlerts(on([cov]), evaluateAlerts(on([cov]), {}, reading(T0)).state, reading(T0 + HOUR, { networkCoverage: 0.2 }));
    expect(res.notices[0]).toMatchObject({
      message: 'The network’s revenue now covers 20 % of its subsidy (1 day), up through your 15 % level from 10 %.',
      opens: 'network',
    });
  });

  it('at most one notice per rule per day, however often it crosses', () => {
    const { out } = run(on([cov]), [
      reading(T0, { networkCoverage: 0.1 }),
      reading(T0 + HOUR, { networkCoverage: 0.2 }),
      reading(T0 + 2 * HOUR, { networkCoverage: 0.1 }),
      reading(T0 + 3 * HOUR, { networkCoverage: 0.2 }),
      reading(T0 + DAY_MS + HOUR, { networkCoverage: 0.1 }),
    ]);
    expect(out.flat()).toEqual(['Coverage crossed your level', 'Coverage fell below your level']);
  });

  it('an unknown coverage neither fires nor moves the baseline', () => {
    const { out } = run(on([cov]), [reading(T0, { networkCoverage: 0.1 }), reading(T0 + HOUR, { networkCoverage: null }), reading(T0 + 2 * HOUR, { networkCoverage: 0.2 })]);
    expect(out).toEqual([[], [], ['Coverage crossed your level']]);
  });

  it('off by default: nothing while disabled', () => {
    const { out } = run({ ...on([cov]), enabled: false }, [reading(T0, { networkCoverage: 0.1 }), reading(T0 + HOUR, { networkCoverage: 0.2 })]);
    expect(out.flat()).toEqual([]);
  });
});

describe('quiet hours', () => {
  const quiet = { from: '22:00', to: '07:00' };
  it('holds a notice due in quiet hours (wrapping midnight) and shows it when they end', () => {
    const { out } = run(on([cov], quiet), [
      reading(T0, { networkCoverage: 0.1, localMinutes: 23 * 60 }),
      reading(T0 + HOUR, { networkCoverage: 0.2, localMinutes: 0 }), // due at midnight: held
      reading(T0 + 2 * HOUR, { networkCoverage: 0.2, localMinutes: 6 * 60 + 59 }), // still quiet
      reading(T0 + 3 * HOUR, { networkCoverage: 0.2, localMinutes: 7 * 60 }), // quiet over: shown
      reading(T0 + 4 * HOUR, { networkCoverage: 0.2, localMinutes: 8 * 60 }),
    ]);
    expect(out).toEqual([[], [], [], ['Coverage crossed your level'], []]);
  });
});

describe('price and subsidy over 24 h', () => {
  const price: AlertRule = { id: 'p', kind: 'price', netuid: 64, pct: 10 };
  it('compares with the sample from ~24 h ago, not with a shorter change', () => {
    const { out } = run(on([price]), [
      reading(T0),
      reading(T0 + 2 * HOUR, {}, { priceRao: TAO / 5n }), // +100 % in 2 h: no 24 h baseline yet
      reading(T0 + DAY_MS, {}, { priceRao: (TAO * 115n) / 1000n }), // +15 % vs 24 h ago
      reading(T0 + DAY_MS + HOUR, {}, { priceRao: TAO }), // once per day
    ]);
    expect(out).toEqual([[], [], ['SN64 (Chutes) price rose 15 %'], []]);
  });

  it('a netuid taken by a new subnet starts its rules afresh: no notice comparing the new subnet with the old', () => {
    const net: AlertRule = { id: 'n', kind: 'coverage', scope: 'network', levelPct: 15 };
    const other: AlertRule = { id: 'o', kind: 'price', netuid: 7, pct: 10 };
    const settings = on([price, net, other]);
    const day0 = run(settings, [reading(T0, {}, {}), reading(T0 + HOUR)]).state;
    const state = { ...day0, o: day0.p! };
    const forgotten = forgetRuleStates(settings, state, [64]);
    expect(Object.keys(forgotten).sort()).toEqual(['n', 'o']);
    expect(forgetRuleStates(settings, state, [99])).toBe(state);
    // A day later the new subnet trades at 5× the old one's price: told with the baseline kept, not once forgotten.
    const later = reading(T0 + DAY_MS, {}, { priceRao: TAO / 2n });
    expect(evaluateAlerts(settings, state, later).notices.map((n) => n.ruleId)).toEqual(['p']);
    expect(evaluateAlerts(settings, forgotten, later).notices).toEqual([]);
  });

  it('a move within the threshold, or down through it, is told apart', () => {
    const small = run(on([price]), [reading(T0), reading(T0 + DAY_MS, {}, { priceRao: (TAO * 105n) / 1000n })]);
    expect(small.out.flat()).toEqual([]);
    const down = evaluateAlerts(on([price]), evaluateAlerts(on([price]), {}, reading(T0)).state, reading(T0 + DAY_MS, {}, { priceRao: (TAO * 8n) / 100n }));
    expect(down.notices[0]!.message).toBe(
      'The alpha price of SN64 (Chutes) fell −20 % in 24 h, to 0.08000 TAO (from 0.1000 TAO). Your alert: more than 10 %.',
    );
    expect(down.notices[0]!.opens).toBe(64);
  });

  it('subsidy per day day over day', () => {
    const rule: AlertRule = { id: 's', kind: 'subsidy', netuid: 64, pct: 20 };
    const { out } = run(on([rule]), [reading(T0), reading(T0 + DAY_MS, {}, { subsidyPerDayRao: 130n * TAO })]);
    expect(out).toEqual([[], ['SN64 (Chutes) subsidy rose 30 %']]);
  });
});

describe('exit value', () => {
  const rule: AlertRule = { id: 'e', kind: 'exit', netuid: 64, levelRao: (40n * TAO).toString() };
  it('fires when it falls below the level, not when it is already below or rises', () => {
    const { out } = run(on([rule]), [
      reading(T0, {}, { exitValueRao: 30n * TAO }),
      reading(T0 + HOUR, {}, { exitValueRao: 45n * TAO }),
      reading(T0 + 2 * HOUR, {}, { exitValueRao: 39n * TAO }),
      reading(T0 + 3 * HOUR, {}, { exitValueRao: null }),
    ]);
    expect(out).toEqual([[], [], ['SN64 (Chutes) exit value below your level'], []]);
  });
});

describe('state survives a restart', () => {
  it('is plain JSON: a round trip keeps the once-a-day limit and the baseline', () => {
    const rule: AlertRule = { id: 'p', kind: 'price', netuid: 64, pct: 10 };
    let { state } = run(on([rule]), [reading(T0)]);
    state = JSON.parse(JSON.stringify(state)) as AlertState;
    const res = evaluateAlerts(on([rule]), state, reading(T0 + DAY_MS, {}, { priceRao: TAO / 5n }));
    expect(res.notices).toHaveLength(1);
  });
});

describe('parseRule and validateAlertSettings', () => {
  const known = [0, 1, 64];
  it('accepts well-formed drafts', () => {
    expect(parseRule({ kind: 'coverage', target: 'network', value: '12.5' }, 'a', known)).toEqual({ ok: true, rule: { id: 'a', kind: 'coverage', scope: 'network', levelPct: 12.5 } });
    expect(parseRule({ kind: 'exit', target: '64', value: '1,000.5' }, 'b', known)).toEqual({ ok: true, rule: { id: 'b', kind: 'exit', netuid: 64, levelRao: '1000500000000' } });
    expect(parseRule({ kind: 'price', target: ' 1 ', value: '5' }, 'c', known)).toMatchObject({ ok: true, rule: { netuid: 1, pct: 5 } });
  });

  it('refuses bad input with a clear message', () => {
    const err = (kind: AlertRule['kind'], target: string, value: string) => {
      const r = parseRule({ kind, target, value }, 'x', known);
      return r.ok ? null : r.error;
    };
    expect(err('price', 'network', '5')).toBe('Only a coverage alert can be set for the whole network; pick a subnet.');
    expect(err('price', '99', '5')).toMatch(/Subnet 99 is not on the chain/);
    expect(err('price', 'sn64', '5')).toMatch(/Choose the network or a subnet number/);
    expect(err('price', '64', '1e3')).toMatch(/must be a number/);
    expect(err('price', '64', '-5')).toMatch(/must be a number/);
    expect(err('price', '64', '5000')).toMatch(/between 0.1 and 1000/);
    expect(err('coverage', 'network', '')).toMatch(/must be a number/);
    expect(err('exit', '64', '0')).toBe('The exit value level must be more than 0 TAO.');
    expect(err('exit', '64', 'abc')).toMatch(/^The exit value level: /);
  });

  it('checks quiet hours and duplicate ids', () => {
    expect(validateAlertSettings({ enabled: true, rules: [], quiet: { from: '22:00', to: '7:00' } })).toEqual({ ok: false, error: 'Quiet hours must be times like 22:00 and 07:00.' });
    expect(validateAlertSettings({ enabled: true, rules: [], quiet: { from: '22:00', to: '22:00' } }).ok).toBe(false);
    expect(validateAlertSettings({ enabled: true, rules: [cov, cov], quiet: null }).ok).toBe(false);
    expect(validateAlertSettings({ enabled: true, rules: [cov], quiet: { from: '22:00', to: '07:00' } }).ok).toBe(true);
  });
});
