// The typed export: every table's rows in one JSON Lines file, results.jsonl, each line tagged
// with its table, beside results.schema.json (JSON Schema 2020-12) that types every column.
// Written from the column definitions of export-columns.ts, like the CSVs; no dependency.
import path from 'node:path';
import type { ConfigurationSummary, RunResult } from '../measure/index.js';
import { writeOutputFile } from '../output-file.js';
import { EXPORT_TABLES, type ColumnType, type EvalRow, type ExportTable, type StepRow } from './export-columns.js';
import { parquetFile } from './parquet.js';
import type { Verdict } from './verdicts.js';

/** The rows of every exported table. */
export interface TableRows {
  summary: readonly RunResult[];
  configurations: readonly ConfigurationSummary[];
  verdicts: readonly Verdict[];
  steps: readonly StepRow[];
  evals: readonly EvalRow[];
}

export const JSONL_FILE = 'results.jsonl';
export const JSONL_SCHEMA_FILE = 'results.schema.json';

const JSON_TYPE: Record<ColumnType, object> = {
  string: { type: ['string', 'null'] },
  integer: { type: ['integer', 'null'] },
  number: { type: ['number', 'null'] },
  boolean: { type: ['boolean', 'null'] },
  'integer-list': { type: ['array', 'null'], items: { type: 'integer' } },
};

/** The JSON Schema of one results.jsonl line: one branch per table, chosen by its `table` property. */
export function jsonLinesSchema(): object {
  const branches = EXPORT_TABLES.map((table: ExportTable<never>) => ({
    title: table.file,
    description: `A row of ${table.file} (and of ${parquetFile(table)}): ${table.row}.`,
    type: 'object',
    additionalProperties: false,
    required: ['table', ...table.columns.map((c) => c.name)],
    properties: {
      table: { const: table.name },
      ...Object.fromEntries(table.columns.map((c) => [c.name, { ...JSON_TYPE[c.type], description: c.description }])),
    },
  }));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'sambench results.jsonl line',
    description: 'One row of one of the results tables; `table` says which. Null where a CSV cell is empty.',
    type: 'object',
    required: ['table'],
    oneOf: branches,
  };
}

// Numbers that JSON cannot hold (±Infinity, NaN) become null, as in the CSV's empty cell.
function jsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

function lines<T>(table: ExportTable<T>, rows: readonly T[]): string[] {
  return rows.map((row) =>
    JSON.stringify({ table: table.name, ...Object.fromEntries(table.columns.map((c) => [c.name, jsonValue(c.value(row))])) }),
  );
}

/** Writes results.jsonl and results.schema.json into `dir`; returns their paths. */
export function writeJsonLines(dir: string, rows: TableRows): string[] {
  const all = EXPORT_TABLES.flatMap((table) => lines(table as ExportTable<unknown>, rows[table.name] as readonly unknown[]));
  const data = path.join(dir, JSONL_FILE);
  const schema = path.join(dir, JSONL_SCHEMA_FILE);
  writeOutputFile(data, all.map((line) => `${line}\n`).join(''));
  writeOutputFile(schema, `${JSON.stringify(jsonLinesSchema(), null, 2)}\n`);
  return [data, schema];
}
