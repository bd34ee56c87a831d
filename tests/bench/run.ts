/**
 * `npm run bench`: one run over every bench file (each exports `bench(): Promise<BenchRow[]>`), then
 * one table. Timings live here, never in tests.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable, type BenchRow } from './table';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const rows: BenchRow[] = [];
for (const file of readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()) {
  if (only && !file.includes(only)) continue;
  const mod = (await import(join(here, file))) as { bench(): Promise<BenchRow[]> };
  process.stderr.write(`bench: ${file}…\n`);
  rows.push(...(await mod.bench()));
}
console.log(printTable(rows));
process.exit(0);
