// The typed columnar export: one Parquet file per table (summary.parquet, configurations.parquet,
// verdicts.parquet, steps.parquet, evals.parquet) beside its CSV, its schema built from the column
// definitions of export-columns.ts through PARQUET_TYPE, so every column has the one Parquet type
// its registry type maps to, whatever the suite and even with no rows. Written with hyparquet-writer
// (pure JavaScript, MIT: no native build, nothing downloaded).
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeOutputFile } from '../output-file.js';
import { EXPORT_TABLES, type ColumnType, type ExportColumn, type ExportTable } from './export-columns.js';
import type { TableRows } from './jsonl.js';

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

interface ParquetType {
  /** How columns.md names it. */
  label: string;
  /** The schema elements of one column named `name`: every column is OPTIONAL (null where its CSV cell is empty). */
  elements(name: string): SchemaElement[];
  /** A cell's value as the writer takes it; null stays null. */
  value(cell: unknown): unknown;
}

const int64 = (cell: unknown): bigint => {
  if (typeof cell !== 'number' || !Number.isSafeInteger(cell)) throw new Error(`expected an integer, got ${JSON.stringify(cell)}`);
  return BigInt(cell);
};

const typed =
  <V>(kind: string, check: (cell: unknown) => boolean) =>
  (cell: unknown): V => {
    if (!check(cell)) throw new Error(`expected a ${kind}, got ${JSON.stringify(cell)}`);
    return cell as V;
  };

/** The one Parquet type of each registry type. */
export const PARQUET_TYPE: Record<ColumnType, ParquetType> = {
  string: {
    label: 'STRING',
    elements: (name) => [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }],
    value: typed<string>('string', (c) => typeof c === 'string'),
  },
  integer: {
    label: 'INT64',
    elements: (name) => [{ name, type: 'INT64', repetition_type: 'OPTIONAL' }],
    value: int64,
  },
  number: {
    label: 'DOUBLE',
    elements: (name) => [{ name, type: 'DOUBLE', repetition_type: 'OPTIONAL' }],
    // ±Infinity and NaN are null, as in results.jsonl and the CSV's empty cell.
    value: (cell) => {
      const number = typed<number>('number', (c) => typeof c === 'number')(cell);
      return Number.isFinite(number) ? number : null;
    },
  },
  boolean: {
    label: 'BOOLEAN',
    elements: (name) => [{ name, type: 'BOOLEAN', repetition_type: 'OPTIONAL' }],
    value: typed<boolean>('boolean', (c) => typeof c === 'boolean'),
  },
  // The standard three-level LIST, so readers give a list of integers (polars List(Int64), duckdb BIGINT[]).
  'integer-list': {
    label: 'LIST<INT64>',
    elements: (name) => [
      { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'INT64', repetition_type: 'REQUIRED' },
    ],
    value: (cell) => {
      if (!Array.isArray(cell)) throw new Error(`expected a list of integers, got ${JSON.stringify(cell)}`);
      return cell.map(int64);
    },
  },
};

/** The Parquet file of a table: its CSV's name with `.parquet`. */
export const parquetFile = (table: ExportTable<never>): string => `${table.name}.parquet`;

function cells<T>(table: ExportTable<T>, column: ExportColumn<T>, rows: readonly T[]): unknown[] {
  const type = PARQUET_TYPE[column.type];
  return rows.map((row) => {
    const cell = column.value(row);
    if (cell === null || cell === undefined) return null;
    try {
      return type.value(cell);
    } catch (error) {
      throw new Error(`${table.name} column ${column.name} (${column.type}): ${(error as Error).message}`, { cause: error });
    }
  });
}

/** One table as the bytes of a Parquet file: its columns in order, typed by PARQUET_TYPE. */
export function parquetBytes<T>(table: ExportTable<T>, rows: readonly T[]): Uint8Array {
  const schema: SchemaElement[] = [
    { name: 'root', num_children: table.columns.length },
    ...table.columns.flatMap((c) => PARQUET_TYPE[c.type].elements(c.name)),
  ];
  const columnData = table.columns.map((c) => ({ name: c.name, data: cells(table, c, rows) }));
  return new Uint8Array(parquetWriteBuffer({ columnData, schema, createdBy: 'sambench' }));
}

/** Writes one Parquet file per table into `dir`; returns their paths. */
export function writeParquet(dir: string, rows: TableRows): string[] {
  return EXPORT_TABLES.map((table) => {
    const file = path.join(dir, parquetFile(table));
    writeOutputFile(file, parquetBytes(table as ExportTable<unknown>, rows[table.name] as readonly unknown[]));
    return file;
  });
}
