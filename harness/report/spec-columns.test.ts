// summary.csv's spec_* columns for the model: a oneOf of a built-in and a user's model, so the
// source lists every source, a user's `args` is one cell of JSON text, and a built-in model's row
// leaves the user-model columns empty (and a user's the built-in ones).
import { describe, expect, test } from 'vitest';
import { MODEL_SOURCES, type RunSpec } from '../../schemas/index.js';
import { TINY_SUITE } from '../fixtures/tiny-suite.js';
import { loadSuiteObject } from '../suite/index.js';
import { csvText } from './csv.js';
import { SUMMARY_TABLE } from './export-columns.js';
import { SPEC_COLUMNS, specValue } from './spec-columns.js';

const column = (name: string) => SPEC_COLUMNS.find((c) => c.name === name)!;
const builtin = loadSuiteObject({ ...TINY_SUITE, name: 'b' }, '/tmp', '/tmp/b.json').runs[0]!;
const user: RunSpec = {
  ...builtin,
  model: {
    source: 'tfjs-module',
    name: 'net.mjs#createModel',
    path: '/m/net.mjs',
    export: 'createModel',
    factory: null,
    args: { hidden: [5, 3], act: 'relu' },
    sha256: 'a'.repeat(64),
  },
};
const USER_COLUMNS = ['spec_model_path', 'spec_model_export', 'spec_model_factory', 'spec_model_args', 'spec_model_sha256'];

describe('model spec columns', () => {
  test('spec_model_args is a JSON-text string column, deliberately: one cell, whatever keys a factory takes', () => {
    expect(column('spec_model_args')).toMatchObject({ type: 'string', json: true });
    expect(column('spec_model_args').description).toContain('As JSON text');
    expect(specValue(user, column('spec_model_args'))).toBe('{"hidden":[5,3],"act":"relu"}');
    expect(specValue({ ...user, model: { ...user.model, args: {} } } as RunSpec, column('spec_model_args'))).toBe('{}');
  });

  test('spec_model_source allows every source of the registry; spec_model_name any label', () => {
    expect(column('spec_model_source').values).toEqual(['builtin', ...Object.keys(MODEL_SOURCES).filter((s) => s !== 'builtin')]);
    expect(column('spec_model_name').values).toBeUndefined();
  });

  test("a built-in model's row leaves the user-model columns empty; a user model's leaves hidden and batch_norm empty", () => {
    for (const name of USER_COLUMNS) expect(specValue(builtin, column(name)), name).toBeNull();
    expect(specValue(user, column('spec_model_hidden'))).toBeNull();
    expect(specValue(user, column('spec_model_batch_norm'))).toBeNull();
    expect(specValue(user, column('spec_model_sha256'))).toBe('a'.repeat(64));
  });

  test('summary.csv writes both rows (an object cell would throw there)', () => {
    const row = (spec: RunSpec) => ({ spec }) as unknown as Parameters<(typeof SUMMARY_TABLE.columns)[number]['value']>[0];
    const onlySpec = { ...SUMMARY_TABLE, columns: SUMMARY_TABLE.columns.filter((c) => c.name.startsWith('spec_model_')) };
    const lines = csvText(onlySpec, [row(builtin), row(user)])
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe(onlySpec.columns.map((c) => c.name).join(','));
    expect(lines[1]).toBe('builtin,mlp,16,false,,,,,');
    expect(lines[2]).toBe(
      `tfjs-module,net.mjs#createModel,,,/m/net.mjs,createModel,,"{""hidden"":[5,3],""act"":""relu""}",${'a'.repeat(64)}`,
    );
  });
});
