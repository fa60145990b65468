// The library from dist/ in a process of its own, as a user's script has it: bench() of a tiny
// suite with a fake worker (SAMBENCH_PYTHON runs launch/fixtures/worker-ok.mjs) prints nothing and
// returns the results loadResults() reads back and compare() compares; a bad suite throws the
// error, with the exit code, that the CLI prints for it. Build first (npm run build).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from './paths.js';
import { TINY_SUITE } from './fixtures/tiny-suite.js';

const ENTRY = pathToFileURL(path.join(PROJECT_ROOT, 'dist', 'harness', 'index.js')).href;
const CLI = path.join(PROJECT_ROOT, 'dist', 'harness', 'cli.js');
const WORKER = path.join(PROJECT_ROOT, 'harness', 'launch', 'fixtures', 'worker-ok.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-library-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Stands in for Python: answers preflight's torch probe ("no CUDA"), runs the fake worker otherwise.
const python = path.join(dir, 'python');
fs.writeFileSync(python, `#!/bin/sh\n[ "$1" = "-c" ] && { echo False; exit 0; }\nexec "${process.execPath}" "${WORKER}" "$@"\n`, {
  mode: 0o755,
});
const suite = {
  ...TINY_SUITE,
  name: 'library',
  framework: 'torch',
  torch: { device: 'cpu' },
  steps: { warmup: 1, measured: 4 },
  expect: [{ kind: 'step-ratio', range: { min: 0 } }],
};
const suiteFile = path.join(dir, 'library.json');
fs.writeFileSync(suiteFile, JSON.stringify(suite, null, 2));
const env = { SAMBENCH_PYTHON: python, SAMBENCH_HISTORY_FILE: path.join(dir, 'history.jsonl'), FORCE_COLOR: '0' };

// Runs `body` (ES module code with bench, loadResults, compare in scope) in a new node process; `answer` is what it writes to $ANSWER.
async function script(name: string, body: string) {
  const file = path.join(dir, `${name}.mjs`);
  const answer = path.join(dir, `${name}.answer.json`);
  fs.writeFileSync(
    file,
    `import fs from 'node:fs';\nimport { bench, loadResults, compare } from '${ENTRY}';\nconst write = (value) => fs.writeFileSync(process.env.ANSWER, JSON.stringify(value));\n${body}\n`,
  );
  const run = await execa('node', [file], { cwd: dir, reject: false, env: { ...env, ANSWER: answer } });
  return { ...run, answer: fs.existsSync(answer) ? (JSON.parse(fs.readFileSync(answer, 'utf8')) as Record<string, unknown>) : null };
}

describe('bench(), loadResults() and compare() from dist/', () => {
  test('bench() runs the suite silently: results, files, events; loadResults() reads the same back; compare() of it with itself', async () => {
    const out = path.join(dir, 'results');
    const run = await script(
      'bench',
      `const events = [];
const result = await bench(${JSON.stringify(suiteFile)}, { out: ${JSON.stringify(out)}, onEvent: (e) => events.push(e.type) });
const read = loadResults(result.source);
const comparison = compare(result, ${JSON.stringify(out)});
write({
  exitCode: result.exitCode, source: result.source, runs: result.runs.map((r) => [r.spec.id, r.status]),
  verdicts: result.verdicts.map((v) => [v.expectation, v.outcome]), configurations: result.configurations.length,
  files: result.files.map((f) => f.slice(result.source.length + 1)), historyError: result.historyError, events,
  read: { exitCode: read.exitCode, runs: read.runs.map((r) => [r.spec.id, r.status]), verdicts: read.verdicts.map((v) => [v.expectation, v.outcome]), configurations: read.configurations.length },
  compared: { configurations: comparison.configurations.length, exitCode: comparison.exitCode },
});`,
    );
    expect([run.exitCode, run.stdout, run.stderr]).toEqual([0, '', '']);
    const a = run.answer!;
    const runs = [
      ['base-bs16-lr0.05-s0', 'ok'],
      ['sam-k2-rho0.05-bs16-lr0.05-s0', 'ok'],
    ];
    expect(a).toMatchObject({ exitCode: 0, source: out, runs, configurations: 2, historyError: null });
    expect(a.files).toEqual(expect.arrayContaining(['summary.csv', 'verdicts.csv', 'report.html']));
    expect(a.verdicts).toEqual([['step-ratio', expect.stringMatching(/^(pass|inconclusive)$/)]]);
    expect(a.read).toEqual({ exitCode: a.exitCode, runs, verdicts: a.verdicts, configurations: 2 });
    expect(a.compared).toEqual({ configurations: 2, exitCode: 0 });
    const events = a.events as string[];
    expect(events[0]).toBe('bench-start');
    expect(events.filter((e) => e === 'run-start')).toHaveLength(2);
    expect(events.filter((e) => e === 'run-end')).toHaveLength(2);
    expect(events).toContain('run-event');
    // The folder lock is let go when the bench's process ends, as the CLI's.
    expect(fs.readdirSync(out).filter((f) => f.includes('lock'))).toEqual([]);
    expect(fs.readFileSync(env.SAMBENCH_HISTORY_FILE, 'utf8')).toContain('"suite":"library"');
  });

  test('a bad suite throws the SambenchError the CLI prints, with the exit code the CLI exits with; nothing printed', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...suite, name: 'bad', steps: { warmup: 1, measured: 0 }, colour: 'red' }, null, 2));
    const run = await script(
      'bad',
      `try { await bench(${JSON.stringify(bad)}); write({ threw: false }); }
catch (error) { write({ name: error.name, code: error.code, exitCode: error.exitCode, message: error.message }); }`,
    );
    expect([run.stdout, run.stderr]).toEqual(['', '']);
    const cli = await execa('node', [CLI, bad], { cwd: dir, reject: false, env });
    expect(run.answer).toMatchObject({ name: 'SuiteError', code: 'SUITE_INVALID', exitCode: cli.exitCode });
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toBe(`sambench: ${run.answer!.message as string}`);
  });

  test('a suite object with its folder: the same checks, its problems placed in `<baseDir>/<suite object>`', async () => {
    const run = await script(
      'object',
      `try { await bench({ suite: ${JSON.stringify({ ...suite, colour: 'red' })}, baseDir: ${JSON.stringify(dir)} }); write({ threw: false }); }
catch (error) { write({ name: error.name, exitCode: error.exitCode, message: error.message }); }`,
    );
    expect([run.stdout, run.stderr]).toEqual(['', '']);
    expect(run.answer).toMatchObject({ name: 'SuiteError', exitCode: 2 });
    expect(run.answer!.message).toMatch(/^\S+<suite object>: 1 problem\n\s+\S+<suite object>:\d+:\d+ \/colour is not a known key/);
    expect(run.answer!.message).toContain(`${dir}/<suite object>`);
  });
});
