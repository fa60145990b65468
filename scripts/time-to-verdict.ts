// `npm run bench:time-to-verdict [suite]`: how long a bench takes from the command to its verdict,
// and where that time goes (scripts/verdict-time.ts): the build check, the harness around the
// runs, each worker's start (process, framework import, data, model), warm-up and measured steps,
// and the rest. Runs the bench as `npm run bench` does (build check, then the CLI), each time into
// a fresh folder, then times --resume of that folder (it reruns nothing: the harness alone).
// Prints medians over --repeats benches with their range; the share of measured steps is the
// figure to watch (ARCHITECTURE: a bench should spend its time measuring).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { readRunLog } from '../harness/launch/index.js';
import { loadSuite } from '../harness/suite/index.js';
import { PROJECT_ROOT } from '../harness/paths.js';
import { textTable } from '../harness/report/format.js';
import { median } from '../harness/stats/index.js';
import { intOption } from './bench-args.js';
import { PHASES, verdictTime, type VerdictTime } from './verdict-time.js';

/** The share of time to verdict that measured steps should reach. */
const MEASURED_SHARE_TARGET = 0.8;

interface Options {
  suite: string;
  repeats: number;
  resumes: number;
}

function parseOptions(): Options {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { repeats: { type: 'string', default: '1' }, resumes: { type: 'string', default: '3' } },
  });
  if (positionals.length > 1) throw new Error(`one suite at most; got ${positionals.join(' ')}`);
  return {
    suite: path.resolve(positionals[0] ?? path.join(PROJECT_ROOT, 'suites', 'smoke.json')),
    repeats: intOption('repeats', values.repeats, 1),
    resumes: intOption('resumes', values.resumes, 1),
  };
}

/** Seconds `node args…` takes, run from the project root; its stderr (progress) is shown. */
async function timeNode(args: string[]): Promise<number> {
  const started = performance.now();
  const result = await execa(process.execPath, args, { cwd: PROJECT_ROOT, stdout: 'ignore', stderr: 'inherit', reject: false });
  // 1: an expectation failed (a verdict all the same); anything else: the bench did not finish.
  if (result.exitCode !== 0 && result.exitCode !== 1) throw new Error(`node ${args.join(' ')} exited ${result.exitCode ?? result.signal}`);
  return (performance.now() - started) / 1000;
}

async function measureOnce(options: Options, cli: string): Promise<VerdictTime> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-time-to-verdict-'));
  try {
    const buildSeconds = await timeNode([path.join(PROJECT_ROOT, 'scripts', 'build-if-stale.mjs')]);
    const benchSeconds = await timeNode([cli, options.suite, '--out', out]);
    const resumes: number[] = [];
    for (let i = 0; i < options.resumes; i += 1) resumes.push(await timeNode([cli, options.suite, '--out', out, '--resume']));
    const runsDir = path.join(out, 'runs');
    const runs = loadSuite(options.suite).runs.map((spec) => readRunLog(runsDir, spec.id).events);
    return verdictTime({ buildSeconds, benchSeconds, harnessSeconds: median(resumes), runs });
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const percent = (share: number) => `${(100 * share).toFixed(0)} %`;

function table(times: readonly VerdictTime[]): string {
  const rows = PHASES.map(([phase, label]) => {
    const seconds = times.map((t) => t.phases[phase]);
    const shares = times.map((t) => t.phases[phase] / t.seconds);
    const range = times.length > 1 ? `${percent(Math.min(...shares))}–${percent(Math.max(...shares))}` : '';
    return [label, median(seconds).toFixed(1), percent(median(shares)), range];
  });
  const totals = times.map((t) => t.seconds);
  rows.push([
    'time to verdict',
    median(totals).toFixed(1),
    '100 %',
    times.length > 1 ? `${Math.min(...totals).toFixed(1)}–${Math.max(...totals).toFixed(1)} s` : '',
  ]);
  return textTable(['phase', 'seconds (median)', 'share', times.length > 1 ? 'share range' : ''], rows, [
    'left',
    'right',
    'right',
    'right',
  ]);
}

async function main(): Promise<void> {
  const options = parseOptions();
  const cli = path.join(PROJECT_ROOT, 'dist', 'harness', 'cli.js');
  const times: VerdictTime[] = [];
  for (let i = 0; i < options.repeats; i += 1) {
    console.error(`time-to-verdict: bench ${i + 1} of ${options.repeats} of ${path.relative(process.cwd(), options.suite)}`);
    times.push(await measureOnce(options, cli));
  }
  console.log(`\n${table(times)}`);
  const shares = times.map((t) => t.phases.measured / t.seconds);
  const share = median(shares);
  const met = share >= MEASURED_SHARE_TARGET ? 'met' : 'NOT met';
  console.log(`\nmeasured steps: ${percent(share)} of the time to verdict (target ≥ ${percent(MEASURED_SHARE_TARGET)}: ${met})`);
  const overcount = Math.max(...times.map((t) => t.overcount));
  if (overcount > 0)
    console.log(`(the harness's --resume took ${overcount.toFixed(1)} s longer than its part of a bench: phases add up beyond 100 %)`);
}

await main();
