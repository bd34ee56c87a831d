/**
 * Tiny strict readers for untrusted JSON. Each throws a ShapeError naming the path that is wrong, so a source can
 * turn "data.subnets[3].revenue_usd is a string, expected a number" into a status line.
 */

export class ShapeError extends Error {}

export type Json = Record<string, unknown>;

export function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return `a ${typeof v}`;
}

function fail(path: string, v: unknown, expected: string): never {
  throw new ShapeError(`${path} is ${describeType(v)}, expected ${expected}`);
}

export const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A stored record's key read as a netuid (JSON keeps number keys as strings); null when it is not one. */
export const netuidKey = (key: string): number | null => (/^\d{1,5}$/.test(key) ? Number(key) : null);

export function obj(v: unknown, path: string): Json {
  if (!isRecord(v)) fail(path, v, 'an object');
  return v;
}

export function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, v, 'a list');
  return v;
}

export function str(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, v, 'a string');
  return v;
}

/** A finite number (never a numeric string). */
export function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, v, 'a finite number');
  return v;
}

export function numOrNull(v: unknown, path: string): number | null {
  return v === null ? null : num(v, path);
}

export function strOrNull(v: unknown, path: string): string | null {
  return v === null || v === undefined ? null : str(v, path);
}

export function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, v, 'true or false');
  return v;
}

export function int(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(path, v, 'an integer');
  return v;
}

/** An ISO 8601 timestamp with a time zone (Z or ±hh:mm), to ms since epoch. */
export function isoTime(v: unknown, path: string): number {
  const s = str(v, path);
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) ? Date.parse(s) : NaN;
  if (!Number.isFinite(ms)) throw new ShapeError(`${path} is "${s.slice(0, 40)}", expected an ISO 8601 time with a zone`);
  return ms;
}
