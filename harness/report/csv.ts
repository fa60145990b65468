// Writes the exports of a results folder: summary.csv (one row per run), configurations.csv,
// verdicts.csv, steps.csv and evals.csv, each with the fixed columns of export-columns.ts and
// always a header; the same rows typed in results.jsonl (jsonl.ts) and in one Parquet file per
// table (parquet.ts); and columns.md, the
// dictionary of every column (column-dictionary.ts).
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ConfigurationSummary, RunResult } from '../measure/index.js';
import { writeOutputFile } from '../output-file.js';
import { writeColumnDictionary } from './column-dictionary.js';
import {
  CONFIGURATIONS_TABLE,
  EVALS_TABLE,
  STEPS_TABLE,
  SUMMARY_TABLE,
  VERDICTS_TABLE,
  type EvalRow,
  type ExportColumn,
  type ExportTable,
  type StepRow,
} from './export-columns.js';
import { writeJsonLines, type TableRows } from './jsonl.js';
import { writeParquet } from './parquet.js';
import type { Verdict } from './verdicts.js';

// null and undefined → empty; a list → `a;b;c`; a boolean → `true`/`false`.
function csvCell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  if (typeof value === 'number') return value;
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  throw new Error(`an exported cell holds a ${typeof value}: ${JSON.stringify(value)}`);
}

/** One table as CSV text: the header, then one line per row (the header alone when there are none). */
export function csvText<T>(table: ExportTable<T>, rows: readonly T[]): string {
  const header = table.columns.map((c) => c.name);
  const cells = rows.map((row) => table.columns.map((c: ExportColumn<T>) => csvCell(c.value(row))));
  return stringify([header, ...cells]);
}

/** The rows of every exported table, from the one result model. */
export function tableRows(
  results: readonly RunResult[],
  configurations: readonly ConfigurationSummary[],
  verdicts: readonly Verdict[],
): TableRows {
  return {
    summary: results,
    configurations,
    verdicts,
    steps: results.flatMap(({ spec, steps }) => steps.map((step): StepRow => ({ runId: spec.id, step }))),
    evals: results.flatMap(({ spec, evals }) => evals.map((evaluation): EvalRow => ({ runId: spec.id, evaluation }))),
  };
}

/**
 * Writes summary.csv, steps.csv, verdicts.csv, configurations.csv, evals.csv, the same five tables
 * as .parquet, results.jsonl with results.schema.json, and columns.md into `dir`; returns their paths.
 */
export function writeCsvReports(
  dir: string,
  results: readonly RunResult[],
  configurations: readonly ConfigurationSummary[],
  verdicts: readonly Verdict[],
): string[] {
  const rows = tableRows(results, configurations, verdicts);
  const write = <T>(table: ExportTable<T>, tableRows: readonly T[]) => {
    const file = path.join(dir, table.file);
    writeOutputFile(file, csvText(table, tableRows));
    return file;
  };
  return [
    write(SUMMARY_TABLE, rows.summary),
    write(STEPS_TABLE, rows.steps),
    write(VERDICTS_TABLE, rows.verdicts),
    write(CONFIGURATIONS_TABLE, rows.configurations),
    write(EVALS_TABLE, rows.evals),
    ...writeParquet(dir, rows),
    ...writeJsonLines(dir, rows),
    writeColumnDictionary(dir),
  ];
}
