/**
 * Alert rules the user sets in the options page (off by default), their validation, and their evaluation. Pure:
 * the worker hands in readings and the clock, and gets back the notices to show and the state to keep.
 *
 * - coverage: coverage (network or a subnet, the one-day window) crosses a level, up or down.
 * - subsidy: a subnet's subsidy per day changes by more than X % against ~24 h ago.
 * - price: a subnet's alpha price moves by more than X % against ~24 h ago.
 * - exit: a position's exit value (what selling returns) falls below a level.
 * At most one notice per rule per 24 h; none during quiet hours (a notice due then is held and shown when they end,
 * if it is still the newest for its rule). The baseline for "24 h ago" is kept by the rule itself (hourly samples),
 * so it survives a worker restart with the rest of the state.
 */
import { formatAmount, parseAmount } from '../units/amount';

export type AlertScope = 'network' | number;

export type AlertRule =
  | { id: string; kind: 'coverage'; scope: AlertScope; levelPct: number }
  | { id: string; kind: 'subsidy'; netuid: number; pct: number }
  | { id: string; kind: 'price'; netuid: number; pct: number }
  | { id: string; kind: 'exit'; netuid: number; levelRao: string };

export interface AlertSettings {
  enabled: boolean;
  rules: AlertRule[];
  /** Quiet hours in the browser's local time, "HH:MM"; null for none. May wrap midnight (22:00–07:00). */
  quiet: { from: string; to: string } | null;
}

export const defaultAlertSettings: AlertSettings = { enabled: false, rules: [], quiet: null };

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** A "24 h ago" sample must be 23–25 h old (never a shorter change passed off as a daily one). */
const BASELINE_MIN_MS = 23 * HOUR_MS;
const BASELINE_MAX_MS = 25 * HOUR_MS;
const SAMPLE_EVERY_MS = HOUR_MS;

export interface RuleState {
  /** Last value seen (for crossings). */
  last: number | null;
  /** Hourly samples of the value, about 26 h of them (for changes over 24 h). */
  samples: { at: number; v: number }[];
  firedAt: number | null;
  /** A notice that fell in quiet hours, shown when they end. */
  held: AlertNotice | null;
}

export type AlertState = Record<string, RuleState>;

export interface AlertNotice {
  id: string;
  ruleId: string;
  title: string;
  message: string;
  /** What the click opens: the network view, or a subnet's view. */
  opens: AlertScope;
}

/** What the worker read this time; null where a figure is unknown (no rule fires on an unknown figure). */
export interface AlertReadings {
  now: number;
  /** Minutes since local midnight, for quiet hours. */
  localMinutes: number;
  networkCoverage: number | null;
  subnets: Record<number, { name: string; coverage: number | null; subsidyPerDayRao: bigint; priceRao: bigint; exitValueRao: bigint | null }>;
}

// ---------- validation ----------

const NETUID_TEXT = /^\d{1,5}$/;

export type ValidateResult = { ok: true; settings: AlertSettings } | { ok: false; error: string };

function minutesOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Numbers typed by the user: a plain decimal, nothing else ("1e3", "10%" and "" are refused). */
function decimal(raw: string, what: string, min: number, max: number): number | string {
  const s = raw.trim();
  if (!/^\d+(\.\d+)?$/.test(s)) return `${what} must be a number like 5 or 12.5 (you typed "${raw.slice(0, 20)}").`;
  const n = Number(s);
  if (n < min || n > max) return `${what} must be between ${min} and ${max} (you typed ${s}).`;
  return n;
}

export interface RuleDraft {
  kind: AlertRule['kind'];
  /** "network" or a subnet number. */
  target: string;
  /** A percentage for coverage, subsidy and price; TAO (decimal) for exit. */
  value: string;
}

/** A draft from the form → a rule, or a plain message saying what to fix. */
export function parseRule(draft: RuleDraft, id: string, knownNetuids: readonly number[]): { ok: true; rule: AlertRule } | { ok: false; error: string } {
  const target = draft.target.trim();
  let scope: AlertScope;
  if (target === 'network') {
    if (draft.kind !== 'coverage') return { ok: false, error: 'Only a coverage alert can be set for the whole network; pick a subnet.' };
    scope = 'network';
  } else if (NETUID_TEXT.test(target)) {
    scope = Number(target);
    if (!knownNetuids.includes(scope)) return { ok: false, error: `Subnet ${scope} is not on the chain TaoLens reads; pick one of your held or watched subnets.` };
  } else {
    return { ok: false, error: `Choose the network or a subnet number (you typed "${target.slice(0, 20)}").` };
  }
  const netuid = scope as number;
  switch (draft.kind) {
    case 'coverage': {
      const v = decimal(draft.value, 'The coverage level (%)', 0, 100_000);
      return typeof v === 'string' ? { ok: false, error: v } : { ok: true, rule: { id, kind: 'coverage', scope, levelPct: v } };
    }
    case 'subsidy':
    case 'price': {
      const v = decimal(draft.value, 'The change (%)', 0.1, 1000);
      return typeof v === 'string' ? { ok: false, error: v } : { ok: true, rule: { id, kind: draft.kind, netuid, pct: v } };
    }
    case 'exit': {
      const parsed = parseAmount(draft.value.trim());
      if (!parsed.ok) return { ok: false, error: `The exit value level: ${parsed.error}` };
      if (parsed.value <= 0n) return { ok: false, error: 'The exit value level must be more than 0 TAO.' };
      return { ok: true, rule: { id, kind: 'exit', netuid, levelRao: parsed.value.toString() } };
    }
    default:
      return { ok: false, error: 'Unknown kind of alert.' };
  }
}

/** Checks stored or edited settings as a whole (a rule that no longer parses is refused, never half-saved). */
export function validateAlertSettings(s: AlertSettings): ValidateResult {
  if (s.quiet) {
    const from = minutesOf(s.quiet.from);
    const to = minutesOf(s.quiet.to);
    if (from === null || to === null) return { ok: false, error: 'Quiet hours must be times like 22:00 and 07:00.' };
    if (from === to) return { ok: false, error: 'Quiet hours must start and end at different times.' };
  }
  const ids = new Set<string>();
  for (const r of s.rules) {
    if (ids.has(r.id)) return { ok: false, error: 'Two alerts have the same id.' };
    ids.add(r.id);
  }
  if (s.rules.length > 50) return { ok: false, error: 'At most 50 alerts.' };
  return { ok: true, settings: s };
}

// ---------- evaluation ----------

function inQuietHours(quiet: AlertSettings['quiet'], minutes: number): boolean {
  if (!quiet) return false;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === null || to === null) return false;
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

const pct = (ratio: number, digits = 1) => `${(ratio * 100).toLocaleString('en-US', { maximumFractionDigits: digits })} %`;
const subnetName = (netuid: number, r: AlertReadings) => {
  const name = r.subnets[netuid]?.name.trim();
  return name ? `SN${netuid} (${name})` : `SN${netuid}`;
};

/** The value a rule watches, or null when unknown. */
function valueOf(rule: AlertRule, r: AlertReadings): number | null {
  switch (rule.kind) {
    case 'coverage':
      return rule.scope === 'network' ? r.networkCoverage : (r.subnets[rule.scope]?.coverage ?? null);
    case 'subsidy': {
      const s = r.subnets[rule.netuid];
      return s ? Number(s.subsidyPerDayRao) / 1e9 : null;
    }
    case 'price': {
      const s = r.subnets[rule.netuid];
      return s && s.priceRao > 0n ? Number(s.priceRao) / 1e9 : null;
    }
    case 'exit': {
      const v = r.subnets[rule.netuid]?.exitValueRao;
      return v === null || v === undefined ? null : Number(v) / 1e9;
    }
  }
}

function baseline(samples: RuleState['samples'], now: number): number | null {
  let best: { at: number; v: number } | null = null;
  for (const s of samples) {
    const age = now - s.at;
    if (age < BASELINE_MIN_MS || age > BASELINE_MAX_MS) continue;
    if (!best || Math.abs(age - DAY_MS) < Math.abs(now - best.at - DAY_MS)) best = s;
  }
  return best?.v ?? null;
}

/** The notice a rule raises now, if any. */
function check(rule: AlertRule, state: RuleState, value: number, r: AlertReadings): AlertNotice | null {
  const notice = (title: string, message: string, opens: AlertScope): AlertNotice => ({
    id: `taolens-alert:${rule.id}:${r.now}`,
    ruleId: rule.id,
    title,
    message,
    opens,
  });
  switch (rule.kind) {
    case 'coverage': {
      const level = rule.levelPct / 100;
      const prev = state.last;
      if (prev === null) return null;
      const who = rule.scope === 'network' ? 'The network’s' : `${subnetName(rule.scope, r)}’s`;
      if (prev < level && value >= level) {
        return notice('Coverage crossed your level', `${who} revenue now covers ${pct(value)} of its subsidy (1 day), up through your ${pct(level, 2)} level from ${pct(prev)}.`, rule.scope);
      }
      if (prev >= level && value < level) {
        return notice('Coverage fell below your level', `${who} revenue now covers ${pct(value)} of its subsidy (1 day), down through your ${pct(level, 2)} level from ${pct(prev)}.`, rule.scope);
      }
      return null;
    }
    case 'subsidy':
    case 'price': {
      const before = baseline(state.samples, r.now);
      if (before === null || before <= 0) return null;
      const change = (value - before) / before;
      if (Math.abs(change) * 100 <= rule.pct) return null;
      const dir = change > 0 ? 'rose' : 'fell';
      const sign = change > 0 ? '+' : '−';
      if (rule.kind === 'price') {
        return notice(
          `${subnetName(rule.netuid, r)} price ${dir} ${pct(Math.abs(change))}`,
          `The alpha price of ${subnetName(rule.netuid, r)} ${dir} ${sign}${pct(Math.abs(change))} in 24 h, to ${value.toPrecision(4)} TAO (from ${before.toPrecision(4)} TAO). Your alert: more than ${rule.pct} %.`,
          rule.netuid,
        );
      }
      return notice(
        `${subnetName(rule.netuid, r)} subsidy ${dir} ${pct(Math.abs(change))}`,
        `The subsidy paid to ${subnetName(rule.netuid, r)} ${dir} ${sign}${pct(Math.abs(change))} against yesterday, to ${value.toLocaleString('en-US', { maximumFractionDigits: 2 })} TAO a day (a projection from the current block). Your alert: more than ${rule.pct} %.`,
        rule.netuid,
      );
    }
    case 'exit': {
      const level = Number(BigInt(rule.levelRao)) / 1e9;
      const prev = state.last;
      if (prev === null || !(prev >= level && value < level)) return null;
      return notice(
        `${subnetName(rule.netuid, r)} exit value below your level`,
        `Selling your stake in ${subnetName(rule.netuid, r)} would now return about ${value.toLocaleString('en-US', { maximumFractionDigits: 4 })} TAO, below your ${formatAmount(BigInt(rule.levelRao), { unit: 'TAO' })} level.`,
        rule.netuid,
      );
    }
  }
}

const emptyState = (): RuleState => ({ last: null, samples: [], firedAt: null, held: null });

/** The subnet a rule watches; null for the network's coverage. */
export const ruleNetuid = (rule: AlertRule): number | null => (rule.kind === 'coverage' ? (rule.scope === 'network' ? null : rule.scope) : rule.netuid);

/**
 * The state without what the rules on `netuids` remembered (baselines, last value, held notice): those netuids now
 * belong to new subnets (lib/history/subnet-lineage.ts), and a change or crossing measured against the old subnet
 * would be a false notice. Returns `state` itself when none of them had any.
 */
export function forgetRuleStates(settings: AlertSettings, state: AlertState, netuids: readonly number[]): AlertState {
  const gone = settings.rules.filter((r) => netuids.includes(ruleNetuid(r) ?? -1) && r.id in state).map((r) => r.id);
  if (!gone.length) return state;
  const next = { ...state };
  for (const id of gone) delete next[id];
  return next;
}

/**
 * Evaluates every rule against this reading. Returns the notices to show now and the next state (rules no longer
 * set are dropped from it). Disabled alerts still keep their baselines, so turning them on does not start blind.
 */
export function evaluateAlerts(settings: AlertSettings, state: AlertState, r: AlertReadings): { notices: AlertNotice[]; state: AlertState } {
  const quiet = inQuietHours(settings.quiet, r.localMinutes);
  const next: AlertState = {};
  const notices: AlertNotice[] = [];
  for (const rule of settings.rules) {
    const prev = state[rule.id] ?? emptyState();
    const value = valueOf(rule, r);
    let s: RuleState = { ...prev };
    const canFire = settings.enabled && (prev.firedAt === null || r.now - prev.firedAt >= DAY_MS);
    let due: AlertNotice | null = value === null ? null : check(rule, prev, value, r);
    if (!due && prev.held && canFire) due = prev.held; // held through quiet hours
    if (due && canFire) {
      if (quiet) s.held = due;
      else {
        notices.push(due);
        s = { ...s, firedAt: r.now, held: null };
      }
    } else if (!canFire) s.held = null; // one a day: a held notice does not outlive the day's limit
    if (value !== null) {
      s.last = value;
      const newest = prev.samples.at(-1);
      const samples = prev.samples.filter((x) => r.now - x.at <= BASELINE_MAX_MS + HOUR_MS && x.at <= r.now);
      if (!newest || r.now - newest.at >= SAMPLE_EVERY_MS) samples.push({ at: r.now, v: value });
      s.samples = samples;
    }
    next[rule.id] = s;
  }
  return { notices, state: next };
}
