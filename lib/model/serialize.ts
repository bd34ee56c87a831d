/**
 * bigint-safe JSON for storage and messages: extension storage and runtime messaging serialize as JSON,
 * which has no bigint. Amounts travel as `{"$big":"123"}` and come back as exact bigints.
 */
const TAG = '$big';

export function encodeBigints(value: unknown): unknown {
  if (typeof value === 'bigint') return { [TAG]: value.toString() };
  if (Array.isArray(value)) return value.map(encodeBigints);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeBigints(v);
    return out;
  }
  return value;
}

export function decodeBigints<T>(value: unknown): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(walk);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === TAG && typeof entries[0]![1] === 'string' && /^-?\d+$/.test(entries[0]![1])) {
      return BigInt(entries[0]![1]);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) out[k] = walk(v);
    return out;
  }
  return value;
}
