// The Parquet files as a Parquet reader sees them (hyparquet, the reader hyparquet-writer is built
// on): each column's schema is the one PARQUET_TYPE gives its registry type, in the registry's
// order, also with no rows; every row is its results.jsonl row; a value that is not of its
// column's type is refused, naming the column, rather than written under another type.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, test } from 'vitest';
import { EXPORT_TABLES, SUMMARY_TABLE, type ExportTable } from './export-columns.js';
import { goldenInputs, otherSuiteInputs, writeResultsFolder } from './fixtures/export-folders.js';
import { PARQUET_TYPE, parquetBytes, parquetFile } from './parquet.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-parquet-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const FOLDERS = {
  golden: writeResultsFolder(path.join(scratch, 'golden'), goldenInputs()),
  other: writeResultsFolder(path.join(scratch, 'other'), otherSuiteInputs()),
};
const CASES = Object.entries(FOLDERS).flatMap(([suite, dir]) => EXPORT_TABLES.map((table) => [suite, table.name, dir, table] as const));

const arrayBuffer = (file: string) => {
  const bytes = fs.readFileSync(file);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
};
const jsonRows = (dir: string, table: string) =>
  fs
    .readFileSync(path.join(dir, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.table === table)
    .map(({ table: _, ...row }) => row);
// hyparquet gives INT64 as bigint, and a null list as undefined; JSON has numbers and null.
const plain = (value: unknown): unknown =>
  typeof value === 'bigint' ? Number(value) : Array.isArray(value) ? value.map(plain) : (value ?? null);

describe('the Parquet files of two suites', () => {
  test.each(CASES)('%s %s.parquet: the registry schema, column by column', (_, name, dir, table) => {
    const { schema, num_rows } = parquetMetadata(arrayBuffer(path.join(dir, parquetFile(table))));
    const expected = [
      { name: 'root', num_children: table.columns.length },
      ...table.columns.flatMap((c) => PARQUET_TYPE[c.type].elements(c.name)),
    ];
    expect(
      schema.map(({ name, type, converted_type, repetition_type, num_children }) => ({
        name,
        type,
        converted_type,
        repetition_type,
        num_children,
      })),
    ).toEqual(
      expected.map((e) => ({ type: undefined, converted_type: undefined, repetition_type: undefined, num_children: undefined, ...e })),
    );
    expect(Number(num_rows)).toBe(jsonRows(dir, name).length);
  });

  test.each(CASES)('%s %s.parquet: every row is its results.jsonl row', async (_, name, dir, table) => {
    const rows = await parquetReadObjects({ file: arrayBuffer(path.join(dir, parquetFile(table))) });
    expect(rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])))).toEqual(jsonRows(dir, name));
  });

  test('the tables with no rows in a suite without evaluation still carry every column', () => {
    expect(jsonRows(FOLDERS.other, 'evals')).toEqual([]);
    expect(parquetMetadata(arrayBuffer(path.join(FOLDERS.other, 'evals.parquet'))).schema).toHaveLength(
      EXPORT_TABLES.find((t) => t.name === 'evals')!.columns.length + 1,
    );
  });
});

describe('a value that is not of its column type', () => {
  const withColumn = (type: 'integer' | 'boolean' | 'integer-list', value: unknown): ExportTable<null> => ({
    ...(SUMMARY_TABLE as unknown as ExportTable<null>),
    columns: [{ name: 'x', type, description: '', value: () => value }],
  });

  test.each([
    ['integer', 1.5, 'summary column x (integer): expected an integer, got 1.5'],
    ['boolean', 'true', 'summary column x (boolean): expected a boolean, got "true"'],
    ['integer-list', '0;1', 'summary column x (integer-list): expected a list of integers, got "0;1"'],
  ] as const)('%s column holding %j: refused, naming the column', (type, value, message) => {
    expect(() => parquetBytes(withColumn(type, value), [null])).toThrow(message);
  });

  test('a number that JSON cannot hold is null, as in results.jsonl', async () => {
    const table: ExportTable<number> = {
      ...(SUMMARY_TABLE as unknown as ExportTable<number>),
      columns: [{ name: 'x', type: 'number', description: '', value: (n) => n }],
    };
    const bytes = parquetBytes(table, [Infinity, NaN, 0.5]);
    const rows = await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    });
    expect(rows).toEqual([{ x: null }, { x: null }, { x: 0.5 }]);
  });
});
