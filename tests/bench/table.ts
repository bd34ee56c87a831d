/** The benchmark table: every bench file contributes rows; `npm run bench` prints them together. */
export interface BenchRow {
  /** What was measured, e.g. "full refresh, 128 subnets". */
  name: string;
  /** Median of the runs, with its unit. */
  median: number;
  unit: 'ms' | 'calls' | 'kB' | 'kB gzip' | 'blocks' | '×';
  /** The target, when the issue names one (same unit): a ceiling, or a floor with `atLeast`. */
  target?: number;
  atLeast?: boolean;
  /** Free text: a comparison or ratio, the number of runs. */
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function printTable(rows: BenchRow[]): string {
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 1 ? 3 : 1));
  const lines = rows.map((r) => [
    r.name,
    `${fmt(r.median)} ${r.unit}`,
    r.target === undefined ? '' : r.atLeast ? `${r.median >= r.target ? 'ok' : 'UNDER'} (≥ ${fmt(r.target)})` : `${r.median <= r.target ? 'ok' : 'OVER'} (≤ ${fmt(r.target)})`,
    r.note ?? '',
  ]);
  const header = ['benchmark', 'median', 'target', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}
