// The exports of a results folder as data tools read them: every CSV parsed by a real CSV
// parser, results.jsonl checked against its JSON Schema, columns.md against the files. Two
// different suites (fixtures/export-folders.ts). pandas, polars and duckdb read the same
// folders in typed-exports.e2e.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, test } from 'vitest';
import { goldenInputs, otherSuiteInputs, writeResultsFolder } from './report/fixtures/export-folders.js';
import { EXPORT_TABLES, type ColumnType } from './report/export-columns.js';
import { PARQUET_TYPE } from './report/parquet.js';
import { SPEC_COLUMNS, specValue } from './report/spec-columns.js';
import { readSchema, type RunSpec } from '../schemas/index.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-exports-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

const golden = writeResultsFolder(path.join(scratch, 'golden'), goldenInputs());
const other = writeResultsFolder(path.join(scratch, 'other'), otherSuiteInputs());
const FOLDERS = { golden, other };

const readRows = (file: string): string[][] => parse(fs.readFileSync(file, 'utf8'));
const records = (file: string) => parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { columns: true });

const CELL: Record<ColumnType, RegExp> = {
  string: /^[\s\S]+$/,
  integer: /^-?\d+$/,
  number: /^-?\d+(\.\d+)?(e[-+]?\d+)?$/,
  boolean: /^(true|false)$/,
  'integer-list': /^\d+(;\d+)*$/,
};

describe('every CSV of a results folder, read with csv-parse', () => {
  test.each(EXPORT_TABLES.map((t) => [t.file, t] as const))('%s: its header, the same in two different suites', (file, table) => {
    const names = table.columns.map((c) => c.name);
    for (const dir of Object.values(FOLDERS)) expect(readRows(path.join(dir, file))[0]).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  test('evals.csv of a suite without evaluation is its header alone: zero records, not an empty file', () => {
    const text = fs.readFileSync(path.join(other, 'evals.csv'), 'utf8');
    expect(text).toBe('run_id,step,test_accuracy,test_top5,test_loss,test_samples,train_s\n');
    expect(records(path.join(other, 'evals.csv'))).toEqual([]);
    expect(records(path.join(golden, 'evals.csv')).length).toBeGreaterThan(0);
  });

  test.each(Object.entries(FOLDERS))('%s: every non-empty cell parses as its column type (numbers as numbers)', (_, dir) => {
    for (const table of EXPORT_TABLES) {
      const rows = records(path.join(dir, table.file));
      for (const column of table.columns) {
        for (const row of rows) {
          const cell = row[column.name]!;
          if (cell !== '') expect(cell, `${table.file} ${column.name}`).toMatch(CELL[column.type]);
          if (cell !== '' && (column.type === 'number' || column.type === 'integer')) expect(Number.isFinite(Number(cell))).toBe(true);
        }
      }
    }
  });

  test('cells that do not apply are empty: no-SAM settings, hidden units of a CNN, PyTorch settings of a TF.js run', () => {
    const goldenRuns = records(path.join(golden, 'summary.csv'));
    const base = goldenRuns.find((r) => r.spec_sam_enabled === 'false')!;
    expect([base.spec_sam_rho, base.spec_sam_interval, base.step_ratio_of_medians, base.reason]).toEqual(['', '', '', '']);
    expect(goldenRuns.map((r) => [r.spec_model_name, r.spec_model_hidden, r.spec_torch_device])[0]).toEqual(['mlp', '32', '']);
    const otherRuns = records(path.join(other, 'summary.csv'));
    expect(otherRuns.map((r) => r.spec_model_hidden)).toEqual(otherRuns.map(() => ''));
    expect(otherRuns[0]!.spec_torch_world_size).toBe('1');
    expect(otherRuns[0]!.spec_optimizer_schedule_milestones).toBe('5;10');
    expect(otherRuns[0]!.test_accuracy).toBe('');
  });
});

describe('column definitions', () => {
  test('summary.csv has one spec_ column per setting of the run-spec schema, run_id instead of spec_id', () => {
    const schema = readSchema('run-spec');
    const topLevel = Object.keys(schema.properties as object).filter((k) => k !== 'id');
    const names = SPEC_COLUMNS.map((c) => c.name);
    for (const key of topLevel)
      expect(names.some((n) => n.startsWith(`spec_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`))).toBe(true);
    expect(names).toContain('spec_dataset_batch_size');
    expect(names).toContain('spec_optimizer_schedule_warmup_steps');
    expect(names).not.toContain('spec_id');
    expect(EXPORT_TABLES[0].columns[0]!.name).toBe('run_id');
  });

  test("a user model's free-form args are one string cell: their JSON", () => {
    const args = SPEC_COLUMNS.find((c) => c.name === 'spec_model_args')!;
    const spec = { model: { source: 'timm', name: 'resnet10t', args: { drop_rate: 0.1 } } } as unknown as RunSpec;
    expect(specValue(spec, args)).toBe('{"drop_rate":0.1}');
    expect(specValue({ model: { source: 'builtin', name: 'mlp' } } as unknown as RunSpec, args)).toBeNull();
  });

  test('columns.md names every column of every file with its type and its Parquet type', () => {
    const dictionary = fs.readFileSync(path.join(golden, 'columns.md'), 'utf8');
    expect(dictionary).toContain('snake_case');
    for (const table of EXPORT_TABLES) {
      expect(dictionary).toContain(`## ${table.file}`);
      for (const c of table.columns) expect(dictionary).toContain(`| \`${c.name}\` | ${c.type} | ${PARQUET_TYPE[c.type].label} |`);
    }
  });
});

describe('verdicts.csv and configurations.csv', () => {
  test('expected_min / expected_max are numbers beside the text; slowdown-law has a 95 % interval', () => {
    const rows = records(path.join(golden, 'verdicts.csv'));
    const byName = new Map(rows.map((r) => [r.expectation, r]));
    expect(byName.get('step-ratio')).toMatchObject({ expected: '[1.2, 2.6]', expected_min: '1.2', expected_max: '2.6' });
    expect(byName.get('accuracy-gain@interval=2')).toMatchObject({ expected_min: '-10', expected_max: '' });
    const law = byName.get('slowdown-law')!;
    expect(law.expected_max).toBe('0.2');
    expect(Number(law.ci95_lo)).toBeLessThanOrEqual(Number(law.measured));
    expect(Number(law.ci95_hi)).toBeGreaterThanOrEqual(Number(law.measured));
  });

  test("configurations.csv carries the runs' step ratio and within-run slowdown, pooled as the verdicts pool them", () => {
    const runs = records(path.join(golden, 'summary.csv')).filter((r) => r.spec_sam_interval === '2');
    const k2 = records(path.join(golden, 'configurations.csv')).find((c) => c.interval === '2')!;
    const mean = (column: string) => runs.reduce((sum, r) => sum + Number(r[column]), 0) / runs.length;
    expect(Number(k2.step_ratio_of_medians)).toBeCloseTo(mean('step_ratio_of_medians'), 12);
    expect(Number(k2.slowdown_within_run_of_means)).toBeCloseTo(mean('slowdown_within_run_of_means'), 12);
    expect(Number(k2.slowdown_of_means)).toBeCloseTo(mean('slowdown_of_means'), 12);
  });

  test('on_pareto_front: no configuration on the front is beaten on both slowdown and gain; empty without accuracy', () => {
    const rows = records(path.join(golden, 'configurations.csv'));
    const point = (c: Record<string, string>) =>
      c.interval === '' ? { cost: 0, gain: 0 } : { cost: Number(c.slowdown_of_means), gain: Number(c.accuracy_gain_points) };
    const beats = (a: { cost: number; gain: number }, b: typeof a) =>
      a.cost <= b.cost && a.gain >= b.gain && (a.cost < b.cost || a.gain > b.gain);
    expect(rows.map((c) => c.on_pareto_front)).toContain('true');
    expect(rows.find((c) => c.interval === '')!.on_pareto_front).toBe('true'); // no SAM: the origin
    for (const c of rows) {
      const beaten = rows.some((other) => beats(point(other), point(c)));
      expect(c.on_pareto_front, c.configuration).toBe(beaten ? 'false' : 'true');
    }
    expect(records(path.join(other, 'configurations.csv')).map((c) => c.on_pareto_front)).toEqual(
      records(path.join(other, 'configurations.csv')).map(() => ''),
    );
  });
});

describe('results.jsonl: the typed export', () => {
  test.each(Object.entries(FOLDERS))('%s: every line validates against results.schema.json and matches its CSV row', (_, dir) => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(readJson<object>(path.join(dir, 'results.schema.json')));
    const lines = fs
      .readFileSync(path.join(dir, 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const line of lines) expect(validate(line), JSON.stringify(validate.errors)).toBe(true);
    for (const table of EXPORT_TABLES) {
      const csv = records(path.join(dir, table.file));
      const json = lines.filter((l) => l.table === table.name);
      expect(json).toHaveLength(csv.length);
      json.forEach((line, i) => {
        for (const c of table.columns) {
          const cell = csv[i]![c.name]!;
          const value = line[c.name];
          if (cell === '') expect(value, c.name).toBeNull();
          else if (c.type === 'number' || c.type === 'integer') expect(value, c.name).toBe(Number(cell));
          else if (c.type === 'integer-list') expect((value as number[]).join(';')).toBe(cell);
          else expect(String(value)).toBe(cell);
        }
      });
    }
  });
});
