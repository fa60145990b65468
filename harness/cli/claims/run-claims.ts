#!/usr/bin/env node
// `npm run claims`: benches each suite of the method card's claims (method-card-claims.ts), each
// as its own `sambench bench` process into <out>/<suite name>, resuming a folder that exists (a
// finished one is only judged again), then judges every folder with its suite's current
// expectations and writes claims.html and claims.md into <out>.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { earlyExit, parseArgv, pathOption, printEarlyExit, runIfEntry } from '../../command-line.js';
import { readResultsFolder } from '../../compare/bench-data.js';
import { judgeBench, type BenchResults } from '../../compare/bench-results.js';
import { ExitCode, UsageError } from '../../errors.js';
import { writeOutputFile } from '../../output-file.js';
import { PROJECT_ROOT } from '../../paths.js';
import { READ_LIMITS, readTextFileIfPresent } from '../../read-file.js';
import { renderClaimsMarkdown, renderClaimsPage, type ClaimSection } from '../../report/claims-page.js';
import type { Verdict } from '../../report/verdicts.js';
import { loadSuite } from '../../suite/index.js';
import { printErr, printOut } from '../../terminal-output.js';
import { gainComparison } from './gain-comparison.js';
import { METHOD_CARD_CLAIMS, type MethodCardClaim } from './method-card-claims.js';

/** Help text of `claims`. */
export const CLAIMS_USAGE = `usage: npm run claims -- [--only ID,...] [--out DIR] [--page-only]
       (installed: sambench claims …)

  Checks the method card's claims, each with its suites in suites/claims/: ${METHOD_CARD_CLAIMS.map((c) => c.id).join(', ')}.
  Benches every suite into DIR/<suite name> (a folder that exists is resumed: its finished runs are
  kept and only judged again), then writes DIR/claims.html and DIR/claims.md: per claim, the card's
  words, the suites, the deciding verdicts with their 95 % intervals, a chart and the claim's verdict.
  About 52 minutes on 2 CPU cores for all of them (docs/claims.md gives each suite's wall time).

  --only ID,...  bench these claims only (the page still shows every claim whose folders exist)
  --out DIR      where the results folders and the page go (default results/claims)
  --page-only    bench nothing: judge the folders that exist and write the page
  -h, --help     this text
  -V, --version  print sambench's version`;

const WALL_TIMES = 'wall-times.json';
const BENCH_CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));

// A suite's results folder, report link and verdict prefix are named by its file's stem.
const suiteName = (file: string) => path.basename(file, '.json');
const suiteDir = (out: string, file: string) => path.join(out, suiteName(file));

function parseClaimsArgs(argv: string[]) {
  const { values } = parseArgv({
    args: argv,
    allowPositionals: false,
    strict: true,
    options: { only: { type: 'string' }, out: { type: 'string' }, 'page-only': { type: 'boolean', default: false } },
  });
  const early = earlyExit(values);
  if (early) return early;
  const known = new Set(METHOD_CARD_CLAIMS.map((c) => c.id));
  const only = values.only === undefined ? null : values.only.split(',').filter(Boolean);
  const unknown = only?.filter((id) => !known.has(id)) ?? [];
  if (unknown.length > 0) throw new UsageError(`--only: no claim ${unknown.join(', ')} (the claims: ${[...known].join(', ')})`);
  return {
    only,
    out: path.resolve(pathOption('out', values.out) ?? path.join(PROJECT_ROOT, 'results', 'claims')),
    pageOnly: values['page-only'],
  };
}

// Only finite numbers under the suites' own file names are kept: the folder may have been edited.
function readWallTimes(out: string): Record<string, number> {
  const file = path.join(out, WALL_TIMES);
  const text = readTextFileIfPresent(file, { what: 'the wall times of `npm run claims`', maxBytes: READ_LIMITS.json });
  let value: unknown = null;
  try {
    value = text === null ? null : JSON.parse(text);
  } catch {
    printErr(`sambench claims: warning: ${file} is not JSON; wall times are left out`);
  }
  if (typeof value !== 'object' || value === null) return {};
  const suites = new Set(METHOD_CARD_CLAIMS.flatMap((c) => c.suites));
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => suites.has(e[0]) && Number.isFinite(e[1])));
}

// A bench of its own, as a user runs it: progress on this terminal, its own exit code.
async function benchSuite(file: string, out: string): Promise<number> {
  const dir = suiteDir(out, file);
  const resume = fs.existsSync(path.join(dir, 'bench.json'));
  printErr(`sambench claims: ${resume ? 'resuming' : 'benching'} ${file} into ${dir}`);
  const started = performance.now();
  const child = await execa(process.execPath, [BENCH_CLI, path.join(PROJECT_ROOT, file), '--out', dir, ...(resume ? ['--resume'] : [])], {
    stdio: 'inherit',
    reject: false,
  });
  const times = readWallTimes(out);
  // A resume that only judged again keeps the wall time of the bench that ran the runs.
  if (!resume || !(file in times)) times[file] = (performance.now() - started) / 1000;
  writeOutputFile(path.join(out, WALL_TIMES), `${JSON.stringify(times, null, 2)}\n`);
  return child.exitCode ?? ExitCode.bug;
}

// Judged with the suite file as it is now, so an expectation added later needs no rerun.
function judged(file: string, out: string): BenchResults | null {
  const dir = suiteDir(out, file);
  if (!fs.existsSync(path.join(dir, 'runs'))) return null;
  const { suite } = loadSuite(path.join(PROJECT_ROOT, file));
  return judgeBench(readResultsFolder(dir), suite.expect ?? []);
}

function section(claim: MethodCardClaim, out: string, times: Record<string, number>): ClaimSection | null {
  const results = new Map(claim.suites.map((file) => [file, judged(file, out)]));
  if ([...results.values()].every((r) => r === null)) return null;
  // A claim checked by several suites names each verdict's suite: their expectations may share a name.
  const named = (file: string, v: Verdict): Verdict =>
    claim.suites.length > 1 ? { ...v, expectation: `${suiteName(file)}: ${v.expectation}` } : v;
  const verdicts = [...results].flatMap(([file, r]) => (r?.verdicts ?? []).map((v) => named(file, v)));
  const comparison = claim.comparison && gainComparison(claim.comparison, results);
  return {
    id: claim.id,
    title: claim.title,
    cardWords: claim.cardWords,
    suites: claim.suites.map((file) => {
      const r = results.get(file) ?? null;
      const report = `${suiteName(file)}/report.html`;
      return { file, report, runs: r?.runs.length ?? 0, failedRuns: r?.failedRuns ?? 0, wallSeconds: times[file] ?? null };
    }),
    deciding: [...verdicts.filter((v) => claim.decidingKinds.includes(v.kind)), ...(comparison ? [comparison] : [])],
    context: verdicts.filter((v) => !claim.decidingKinds.includes(v.kind)),
  };
}

/** Runs `claims` on argv (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = parseClaimsArgs(argv);
  if (typeof args === 'string') return printEarlyExit(args, CLAIMS_USAGE);
  fs.mkdirSync(args.out, { recursive: true });
  let worst: number = ExitCode.ok;
  if (!args.pageOnly) {
    for (const claim of METHOD_CARD_CLAIMS.filter((c) => args.only === null || args.only.includes(c.id)))
      for (const file of claim.suites) {
        const code = await benchSuite(file, args.out);
        // A failed expectation is a finding about the claim, not a failure of this command.
        if (code !== ExitCode.expectationFailed) worst = Math.max(worst, code);
      }
  }
  const times = readWallTimes(args.out);
  const sections = METHOD_CARD_CLAIMS.flatMap((claim) => section(claim, args.out, times) ?? []);
  if (sections.length === 0) {
    printErr(`sambench claims: no results folder in ${args.out} yet; run without --page-only`);
    return ExitCode.badInput;
  }
  writeOutputFile(path.join(args.out, 'claims.html'), renderClaimsPage(sections));
  writeOutputFile(path.join(args.out, 'claims.md'), renderClaimsMarkdown(sections));
  printOut(`claims: ${path.join(args.out, 'claims.html')} and claims.md (${sections.length} of ${METHOD_CARD_CLAIMS.length} claims)`);
  return worst;
}

runIfEntry(import.meta.url, 'sambench claims', main, CLAIMS_USAGE);
