// `npm run bench:report`: how the steps after the runs (reading the event logs, the one reduction,
// the CSVs and report.html) grow with the steps per run. Writes a synthetic results folder of the
// smoke suite's runs with N measured steps each (step times drawn from a seeded log-normal), then
// times `compare`'s reading of it (readResultsFolder: logs streamed, then reduceRuns) and the
// report writers, and prints one row per N with the time per measured step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { readResultsFolder } from '../harness/compare/index.js';
import { runFiles } from '../harness/launch/index.js';
import { summarizeConfigurations } from '../harness/measure/index.js';
import { PROJECT_ROOT } from '../harness/paths.js';
import { mulberry32 } from '../harness/prng.js';
import { textTable } from '../harness/report/format.js';
import { writeCsvReports } from '../harness/report/csv.js';
import { writeReport } from '../harness/report/html/index.js';
import { checkExpectations } from '../harness/report/verdicts.js';
import { loadSuite, type LoadedSuite } from '../harness/suite/index.js';
import type { RunSpec } from '../schemas/index.js';

// A step-time distribution shaped like the smoke suite's (base ≈ 60 ms, SAM ≈ 2×, a right tail).
function stepMs(random: () => number, kind: 'base' | 'sam'): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return (kind === 'sam' ? 120 : 60) * Math.exp(0.1 * normal);
}

// One run's event log, written line by line (never held whole), as a worker would print it.
function writeLog(file: string, spec: RunSpec, measured: number, seed: number): void {
  const random = mulberry32(seed);
  const fd = fs.openSync(file, 'w');
  const lines: string[] = [];
  const flush = () => {
    fs.writeSync(fd, lines.join(''));
    lines.length = 0;
  };
  const interval = spec.sam?.interval ?? 0;
  for (let i = 0; i < spec.steps.warmup + measured; i += 1) {
    const kind = interval > 0 && i % interval === 0 ? 'sam' : 'base';
    const event = { type: 'step', i: i + 1, kind, ms: stepMs(random, kind), loss: 2.3, warmup: i < spec.steps.warmup };
    lines.push(`${JSON.stringify(event)}\n`);
    if (lines.length === 10_000) flush();
  }
  lines.push(`${JSON.stringify({ type: 'done', steps: spec.steps.warmup + measured, wallMs: 1 })}\n`);
  flush();
  fs.closeSync(fd);
}

function writeResultsFolder(dir: string, loaded: LoadedSuite, measured: number): void {
  const runsDir = path.join(dir, 'runs');
  fs.mkdirSync(runsDir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'suite.resolved.json'), JSON.stringify(loaded.suite));
  loaded.runs.forEach((run, r) => {
    const spec = { ...run, steps: { ...run.steps, measured } };
    const files = runFiles(runsDir, spec.id);
    fs.writeFileSync(files.spec, JSON.stringify(spec));
    writeLog(files.events, spec, measured, r + 1);
  });
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function main(): void {
  const { values } = parseArgs({ options: { steps: { type: 'string', default: '10000,40000,200000' } } });
  const sizes = values.steps.split(',').map(Number);
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 2))
    throw new Error(`--steps must be integers ≥ 2, comma-separated; got ${values.steps}`);
  const loaded = loadSuite(path.join(PROJECT_ROOT, 'suites', 'smoke.json'));
  const rows: string[][] = [];
  for (const measured of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-bench-report-'));
    try {
      writeResultsFolder(dir, loaded, measured);
      const logBytes = fs.readdirSync(path.join(dir, 'runs')).reduce((sum, f) => sum + fs.statSync(path.join(dir, 'runs', f)).size, 0);
      let started = performance.now();
      const bench = readResultsFolder(dir);
      const readAndReduce = seconds(started);
      started = performance.now();
      const configurations = summarizeConfigurations(bench.runs);
      const verdicts = checkExpectations(loaded.suite.expect ?? [], bench.runs);
      writeCsvReports(dir, bench.runs, configurations, verdicts);
      writeReport(dir, {
        suite: loaded.suite,
        results: bench.runs,
        verdicts,
        createdAt: new Date().toISOString(),
        provenance: bench.provenance,
      });
      const reports = seconds(started);
      const total = measured * loaded.runs.length;
      rows.push([
        String(measured),
        String(loaded.runs.length),
        `${(logBytes / 2 ** 20).toFixed(0)} MiB`,
        readAndReduce.toFixed(1),
        reports.toFixed(1),
        ((1e6 * (readAndReduce + reports)) / total).toFixed(1),
        `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
      ]);
      console.error(`${measured} steps per run done`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(textTable(['measured steps/run', 'runs', 'logs', 'read+reduce (s)', 'CSVs+report (s)', 'µs per step', 'RSS after'], rows));
}

main();
