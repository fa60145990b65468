// A user's own TF.js model through the real CLI: a Layers model.json written by TF.js' own
// model.save, and an ES module factory, each trained and timed (base and SAM steps) with its
// parameter count and file hash in summary.csv; a broken one refused by the model probe before
// any run (also in --dry-run); and --resume refusing a model.json edited since.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliIn, readCsv } from './fixtures/cli-process.js';
import { FACTORY_MODULE, saveLayersModel, smallNet } from './fixtures/user-models.js';
import { loadBackend } from './worker/backend.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-user-models-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await loadBackend('tensorflow');
});

// Warm-up 1, 4 measured steps at interval 2: the SAM run has base and SAM steps.
function writeSuite(name: string, model: object): string {
  const file = path.join(dir, `${name}.json`);
  const suite = {
    name,
    model,
    dataset: { name: 'synthetic', shape: [8, 8, 1], classes: 3, batchSize: 8, samples: 32 },
    optimizer: { name: 'sgd', learningRate: 0.05 },
    steps: { warmup: 1, measured: 4 },
    matrix: { interval: [2] },
  };
  fs.writeFileSync(file, JSON.stringify(suite, null, 2));
  return file;
}

const sambench = cliIn(dir);

// Both runs ok; the SAM run timed base and SAM steps (steps.csv and summary.csv agree).
function expectTrained(out: string, source: string, parameters: number): Record<string, string>[] {
  const summary = readCsv(path.join(out, 'summary.csv'));
  expect(summary.map((r) => r.status)).toEqual(['ok', 'ok']);
  for (const row of summary) {
    expect(row.spec_model_source).toBe(source);
    expect(row.spec_model_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(row.env_parameters)).toBe(parameters);
  }
  const sam = summary.find((r) => r.spec_sam_enabled === 'true')!;
  expect(Number(sam.sam_step_n)).toBe(2);
  expect(Number(sam.base_step_n)).toBe(2);
  const kinds = readCsv(path.join(out, 'steps.csv')).filter((s) => s.run_id === sam.run_id && s.warmup === 'false');
  expect(kinds.map((s) => s.kind).sort()).toEqual(['base', 'base', 'sam', 'sam']);
  return summary;
}

describe('a user TF.js model through the CLI', () => {
  test("tfjs-layers: model.save's files train; --dry-run shows its parameters; --resume refuses an edited weight file (model.sha256)", async () => {
    await saveLayersModel(smallNet(3), path.join(dir, 'net'));
    const suite = writeSuite('layers', { source: 'tfjs-layers', path: 'net/model.json' });
    const parameters = 3 * 3 * 1 * 4 + 4 + 6 * 6 * 4 * 3 + 3;
    const dry = await sambench(suite, '--dry-run');
    expect(dry.exitCode, dry.all).toBe(0);
    expect(dry.stdout).toContain(`model net/model.json (tfjs-layers): ${parameters} parameters`);
    const out = path.join(dir, 'out-layers');
    const run = await sambench(suite, '--out', out);
    expect(run.exitCode, run.all).toBe(0);
    const summary = expectTrained(out, 'tfjs-layers', parameters);
    expect(summary[0]!.spec_model_args).toBe('{}');
    const events = fs.readFileSync(path.join(out, 'runs', `${summary[0]!.run_id}.jsonl`), 'utf8').split('\n')[0]!;
    expect((JSON.parse(events) as { model: unknown }).model).toMatchObject({
      source: 'tfjs-layers',
      name: 'net/model.json',
      files: [{ path: path.join(dir, 'net', 'model.json') }, { path: path.join(dir, 'net', 'weights.bin') }],
    });

    fs.appendFileSync(path.join(dir, 'net', 'weights.bin'), Buffer.alloc(4));
    const resumed = await sambench(suite, '--out', out, '--resume');
    expect(resumed.exitCode, resumed.all).toBe(2);
    expect(resumed.stderr).toContain(`${suite} differs from the suite ${out} was made with (model.sha256)`);
  }, 30_000);

  test('tfjs-module: the factory gets (tf, {inputShape, classes, seed, args}) and its model trains', async () => {
    fs.writeFileSync(path.join(dir, 'net.mjs'), FACTORY_MODULE);
    const suite = writeSuite('module', { source: 'tfjs-module', path: 'net.mjs', args: { hidden: 5 } });
    const out = path.join(dir, 'out-module');
    const run = await sambench(suite, '--out', out);
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stderr).toContain('model net.mjs#createModel (tfjs-module): 343 parameters');
    const summary = expectTrained(out, 'tfjs-module', 64 * 5 + 5 + 5 * 3 + 3);
    expect(summary[0]!.spec_model_args).toBe('{"hidden":5}');
    expect(summary[0]!.spec_model_export).toBe('createModel');
  }, 30_000);

  test('the model probe refuses a module without the export before any run, in a bench and a dry run (exit 2, file and pointer)', async () => {
    fs.writeFileSync(path.join(dir, 'other.mjs'), FACTORY_MODULE);
    const suite = writeSuite('no-export', { source: 'tfjs-module', path: 'other.mjs', export: 'build' });
    const out = path.join(dir, 'out-no-export');
    const expected = `${suite} /model/export ${path.join(dir, 'other.mjs')} has no export "build"; it exports "createModel", "version"`;
    for (const args of [['--dry-run'], ['--out', out]]) {
      const result = await sambench(suite, ...args);
      expect(result.exitCode, result.all).toBe(2);
      expect(result.stderr).toContain(expected);
    }
    expect(fs.existsSync(out)).toBe(false);
  }, 30_000);

  test('a factory that returns the wrong output size is refused by the probe, naming the sizes', async () => {
    fs.writeFileSync(path.join(dir, 'wide.mjs'), FACTORY_MODULE.replace('units: classes', 'units: 7'));
    const suite = writeSuite('wide', { source: 'tfjs-module', path: 'wide.mjs' });
    const result = await sambench(suite, '--dry-run');
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toMatch(/\/model\/export the model's output shape is \[7\] \(batch axis aside\); expected \[3\]/);
  }, 30_000);
});
