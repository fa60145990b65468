// examples/own-variant/ through the built CLI, in both frameworks: the suites as shipped, with the
// dataset swapped for a small folder of .npy arrays written here and the steps cut (so the test
// needs neither downloaded data nor Python to make it), and the plugin files as shipped. Warm-up 2 + 8 measured steps, warmupSteps 4, every 2:
// the plugin takes SAM on steps 6, 8 and 10 and plain steps elsewhere, which steps.csv, summary.csv,
// configurations.csv and report.html must all show. Then the errors a user meets first: a plugin
// that returns no strategy or whose factory throws (refused by the probe before any run, in a bench,
// a dry run and calibrate, at the suite's pointer of that variant) and a plugin in the wrong
// framework's suite (refused at load, naming the pointer).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { CLI, cliIn, readCsv } from './fixtures/cli-process.js';
import { writeNpyFolder } from './fixtures/npy-folder.js';
import { PROJECT_ROOT } from './paths.js';

const EXAMPLE = path.join(PROJECT_ROOT, 'examples', 'own-variant');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-own-variant-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
for (const name of fs.readdirSync(EXAMPLE)) fs.copyFileSync(path.join(EXAMPLE, name), path.join(dir, name));
writeNpyFolder(path.join(dir, 'arrays'));

const sambench = cliIn(dir);
// dist/harness/cli/calibrate.js, beside the CLI.
const CALIBRATE = path.join(path.dirname(CLI), 'cli', 'calibrate.js');

type Variant = { kind: string; args?: Record<string, unknown> } & Record<string, unknown>;
type Suite = { name: string; matrix: { variant: Variant[] } } & Record<string, unknown>;

// The shipped suite, small: 8×8 arrays, 2 + 8 steps, one seed, the plugin's warm-up at 4 steps.
function smallSuite(framework: 'tfjs' | 'torch', edit: (suite: Suite) => void = () => {}): string {
  const suite = JSON.parse(fs.readFileSync(path.join(dir, `${framework}.json`), 'utf8')) as Suite;
  suite.dataset = { name: 'arrays', path: 'arrays', batchSize: 8 };
  suite.model = { name: 'mlp' };
  delete suite.backend;
  suite.steps = { warmup: 2, measured: 8 };
  suite.seeds = [0];
  suite.matrix.variant[1]!.args = { warmupSteps: 4, every: 2 };
  edit(suite);
  const file = path.join(dir, `small-${framework}-${suite.name}.json`);
  fs.writeFileSync(file, JSON.stringify(suite));
  return file;
}

const PLUGIN_ID = 'sam-warmup-every2-warmupSteps4-rho0.1-bs8-lr0.05-s0';
const PLUGIN_LABEL = 'SAM warmup every=2 warmupSteps=4 rho=0.1 bs=8 lr=0.05';

describe.each(['tfjs', 'torch'] as const)('examples/own-variant, %s', (framework) => {
  test("the plugin's steps are its own: SAM on 6, 8, 10 after a plain warm-up; counted, in configurations.csv and on the report's frontier", async () => {
    const out = path.join(dir, `out-${framework}`);
    const result = await sambench(smallSuite(framework), '--out', out);
    expect(result.exitCode, result.all).toBe(0);
    const summary = readCsv(path.join(out, 'summary.csv'));
    expect(summary.map((r) => [r.run_id, r.status])).toEqual([
      ['base-bs8-lr0.05-s0', 'ok'],
      ['sam-k2-rho0.1-bs8-lr0.05-s0', 'ok'],
      [PLUGIN_ID, 'ok'],
    ]);
    const plugin = summary.find((r) => r.run_id === PLUGIN_ID)!;
    expect(plugin.spec_sam_variant_kind).toBe(framework === 'tfjs' ? 'module' : 'python');
    expect([plugin.sam_step_n, plugin.base_step_n]).toEqual(['3', '5']);
    const steps = readCsv(path.join(out, 'steps.csv')).filter((s) => s.run_id === PLUGIN_ID);
    expect(steps.map((s) => `${s.step}:${s.kind}`)).toEqual([
      '1:base',
      '2:base',
      '3:base',
      '4:base',
      '5:base',
      '6:sam',
      '7:base',
      '8:sam',
      '9:base',
      '10:sam',
    ]);
    const configurations = readCsv(path.join(out, 'configurations.csv'));
    const row = configurations.find((c) => c.configuration === PLUGIN_LABEL);
    expect(row, configurations.map((c) => c.configuration).join('\n')).toBeDefined();
    // Its cost and gain are measured, so it is a point that the Pareto front either takes or not.
    expect(Number.isFinite(Number(row!.accuracy_gain_points))).toBe(true);
    expect(['true', 'false']).toContain(row!.on_pareto_front);
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('warmup every=2 warmupSteps=4');
  });

  // A suite whose second variant is a plugin written here, in this framework's kind.
  function brokenSuite(name: string, code: { tfjs: string; torch: string }): { suite: string; file: string } {
    const module = `${name.replace(/-/g, '_')}_variant`;
    const file = framework === 'tfjs' ? `${name}.mjs` : `${module}.py`;
    fs.writeFileSync(path.join(dir, file), code[framework]);
    const suite = smallSuite(framework, (s) => {
      s.name = `${name}-${framework}`;
      s.matrix.variant[1] = framework === 'tfjs' ? { kind: 'module', path: file } : { kind: 'python', factory: `${module}:build` };
    });
    return { suite, file };
  }
  const pointer = framework === 'tfjs' ? '/matrix/variant/1/path' : '/matrix/variant/1/factory';

  test("a plugin that returns no strategy is refused before any run: exit 2, the suite's pointer /matrix/variant/1/…, no results folder runs", async () => {
    const { suite, file } = brokenSuite('no-strategy', {
      tfjs: 'export function build() { return 42; }\n',
      torch: 'def build(variant, context):\n    return 42\n',
    });
    const out = path.join(dir, `out-no-strategy-${framework}`);
    const result = await sambench(suite, '--out', out);
    expect(result.exitCode, result.all).toBe(2);
    const line = result.all.split('\n').find((l) => l.includes(pointer));
    expect(line, result.all).toBeDefined();
    expect(line).toContain(path.basename(suite));
    expect(line).toContain(file);
    expect(line).toMatch(framework === 'tfjs' ? /returned number 42, not a SAM strategy .*isSamStep/ : /returned int, .*is_sam_step/);
    expect(fs.existsSync(path.join(out, 'runs'))).toBe(false);
    // A dry run builds it too, and so does calibrate, before its first pair.
    const dry = await sambench(suite, '--dry-run');
    expect(dry.exitCode, dry.all).toBe(2);
    expect(dry.all).toContain(pointer);
    expect(dry.all).not.toContain('dry run: nothing started');
    const calibrateOut = path.join(dir, `calibrate-no-strategy-${framework}`);
    const calibrate = await execa('node', [CALIBRATE, suite, '--out', calibrateOut], { cwd: dir, reject: false, all: true });
    expect(calibrate.exitCode, calibrate.all).toBe(2);
    expect(calibrate.all).toContain(pointer);
    expect(fs.existsSync(calibrateOut)).toBe(false);
  });

  test('a factory that throws is refused before any run, with its first line only', async () => {
    const { suite, file } = brokenSuite('throwing', {
      tfjs: 'export function build() {\n  throw new Error("every must be >= 1\\nsecond line");\n}\n',
      torch: 'def build(variant, context):\n    raise ValueError("every must be >= 1\\nsecond line")\n',
    });
    const out = path.join(dir, `out-throwing-${framework}`);
    const result = await sambench(suite, '--out', out);
    expect(result.exitCode, result.all).toBe(2);
    const line = result.all.split('\n').find((l) => l.includes(pointer));
    expect(line, result.all).toBeDefined();
    expect(line).toContain(file);
    expect(line).toMatch(framework === 'tfjs' ? /threw: .*every must be >= 1/ : /raised ValueError: every must be >= 1/);
    expect(result.all).not.toContain('second line');
    expect(fs.existsSync(path.join(out, 'runs'))).toBe(false);
  });

  test("a plugin of the other framework's kind is refused at load, naming the pointer", async () => {
    const suite = smallSuite(framework, (s) => {
      s.name = `wrong-${framework}`;
      s.matrix.variant[1] =
        framework === 'tfjs' ? { kind: 'python', factory: 'warmup_sam:build' } : { kind: 'module', path: 'warmup-sam.mjs' };
    });
    const result = await sambench(suite, '--dry-run');
    expect(result.exitCode, result.all).toBe(2);
    expect(result.all).toContain('/matrix/variant/1');
  });
});
