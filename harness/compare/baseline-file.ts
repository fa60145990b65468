// results/baselines/<suite>.json: a compact, committed stand-in for a results folder. Per run it
// keeps the resolved spec, the env event, the measured step times per kind (ms, to the µs) and
// the final accuracy, so a later bench can be compared with it by distribution.
import path from 'node:path';
import { withAddedKeys } from '../launch/index.js';
import { reduceRuns, type RunInput, type RunResult } from '../measure/index.js';
import { resultsRoot } from '../paths.js';
import {
  formatIssues,
  schemaIssues,
  validatorOf,
  type EnvEvent,
  type RunSpec,
  type SchemaIssue,
  type WorkerEvent,
} from '../../schemas/index.js';
import { CompareInputError, type BenchData } from './bench-data.js';
import { makeFolders, writeOutputFile, writingTo } from '../output-file.js';
import type { BenchManifest } from '../provenance.js';
import { checkSafeName } from '../safe-name.js';

// Tells a baseline from any other JSON file handed to compare.
/** The `format` value every baseline file carries. */
export const BASELINE_FORMAT = 'sambench-baseline';
// Bumped when the stored layout changes, so an old file is refused by name, not misread.
/** The baseline file layout written by this version. */
export const BASELINE_VERSION = 1;

// What a baseline keeps of a RunResult: the raw values compare's tests need, nothing derived.
/** One run as a baseline file stores it (layout version 1). */
export interface StoredRun {
  spec: RunSpec;
  env: EnvEvent | null;
  status: 'ok' | 'failed';
  reason: string | null;
  /** Measured step times in ms per kind, to the µs. */
  stepsMs: { base: number[]; sam: number[] };
  /** The last evaluation: top-1 accuracy, test samples, steps done. */
  finalAccuracy: { acc: number; samples: number; step: number } | null;
  /** True when the time limit stopped the run before its planned measured steps (absent: false). */
  truncated?: boolean;
}

// The stored layout; loaded back through measure's reduction, so baselines and results folders compare alike.
/** A baseline file as stored. */
export interface BaselineFile {
  format: typeof BASELINE_FORMAT;
  version: typeof BASELINE_VERSION;
  suite: string;
  /** ISO date the file was written. */
  createdAt: string;
  /** The results folder it was made from (informational): relative to the project, or its folder name when outside; never an absolute local path. */
  from: string;
  /** The bench.json of that folder (which suite and code made it); absent when it had none. */
  provenance?: BenchManifest;
  runs: StoredRun[];
}

// Where `npm run baseline` writes, and where nightly CI reads.
/** `<project>/results/baselines/<suite>.json`. */
export function baselinePath(suite: string): string {
  return path.join(resultsRoot(), 'baselines', `${suite}.json`);
}

// A committed file must not carry one machine's absolute paths: keep what a reader can use.
/** Where a baseline came from as it is stored: the path relative to the current folder (the project root under npm run), or the folder's name when outside it. */
export function portableSource(source: string, root = process.cwd()): string {
  const relative = path.relative(root, path.resolve(source));
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return inside ? relative.split(path.sep).join('/') : path.basename(path.resolve(source));
}

// A committed file must not carry one machine's paths: the suite file as a project path or a name.
function portableProvenance(m: BenchManifest): BenchManifest {
  return {
    ...m,
    suite: { ...m.suite, file: portableSource(m.suite.file) },
    command: [],
    resumes: m.resumes.map((r) => ({ ...r, command: [] })),
  };
}

// Never rounded to 0: a step time stays > 0, as the events schema and the baseline check ask.
const micro = (ms: number) => Math.max(Math.round(ms * 1000) / 1000, 0.001);

function storedRun(r: RunResult): StoredRun {
  const finalAccuracy = r.finalEval && { acc: r.finalEval.acc, samples: r.finalEval.samples, step: r.finalEval.step };
  return {
    spec: r.spec,
    env: r.env,
    status: r.status,
    reason: r.reason,
    stepsMs: { base: r.stepsMs.base.map(micro), sam: r.stepsMs.sam.map(micro) },
    finalAccuracy,
    ...(r.truncated ? { truncated: true } : {}),
  };
}

// A baseline keeps no warm-up, losses or step order: its runs become events again (base steps,
// then SAM steps, then the last evaluation) and go through the one reduction, with the stored
// status as the launcher's word. Only what compare reads is meaningful in the result.
/** The input of measure's reduction that a stored run stands for. */
export function storedRunInput(run: StoredRun): RunInput {
  const events: WorkerEvent[] = run.env ? [run.env] : [];
  const steps = [...run.stepsMs.base.map((ms) => ['base', ms] as const), ...run.stepsMs.sam.map((ms) => ['sam', ms] as const)];
  steps.forEach(([kind, ms], i) => events.push({ type: 'step', i: i + 1, kind, ms, loss: null, warmup: false }));
  const acc = run.finalAccuracy;
  if (acc) events.push({ type: 'eval', step: acc.step, acc: acc.acc, loss: Number.NaN, samples: acc.samples, trainMs: 0 });
  if (run.status === 'ok') events.push({ type: 'done', steps: steps.length, wallMs: 0, truncated: run.truncated === true });
  const outcome = run.status === 'ok' ? { status: 'ok' as const } : { status: 'failed' as const, reason: run.reason ?? 'unfinished' };
  return { spec: run.spec, events, outcome };
}

// Pretty JSON for readable diffs, but each array of numbers on one line: 40 step times are 1 line, not 40.
function compactJson(value: unknown): string {
  const pretty = JSON.stringify(value, null, 2);
  return pretty.replace(/\[\n\s*(-?[\d.eE+-]+(?:,\n\s*-?[\d.eE+-]+)*)\n\s*\]/g, (_, body: string) => `[${body.replace(/,\n\s*/g, ', ')}]`);
}

// A baseline with holes would silently skip checks, so only a bench whose every run finished qualifies.
/**
 * Writes `bench` as a baseline file (default {@link baselinePath} of its suite) and returns its path.
 * @throws CompareInputError when a run of the bench failed or did not finish.
 */
export function writeBaseline(bench: BenchData, file = baselinePath(bench.suite), now = new Date()): string {
  const failed = bench.runs.filter((r) => r.status !== 'ok');
  if (failed.length > 0) {
    throw new CompareInputError(
      `${bench.source}: a baseline needs every run finished; failed: ${failed.map((r) => `${r.spec.id} (${r.reason}${r.message ? `: ${r.message}` : ''})`).join(', ')}`,
    );
  }
  const stored: BaselineFile = {
    format: BASELINE_FORMAT,
    version: BASELINE_VERSION,
    suite: bench.suite,
    createdAt: now.toISOString(),
    from: portableSource(bench.source),
    ...(bench.provenance ? { provenance: portableProvenance(bench.provenance) } : {}),
    runs: bench.runs.map(storedRun),
  };
  writingTo(file, () => makeFolders(path.dirname(file)));
  writeOutputFile(file, `${compactJson(stored)}\n`);
  return file;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// "/runs/3/stepsMs/base/2 must be > 0": the run's id beside its row, so the user finds it.
function withRunIds(issues: SchemaIssue[], runs: unknown[]): SchemaIssue[] {
  return issues.map((issue) => {
    const row = /^\/runs\/(\d+)/.exec(issue.pointer);
    const spec = row ? (runs[Number(row[1])] as { spec?: { id?: unknown } } | undefined)?.spec : undefined;
    return typeof spec?.id === 'string' ? { ...issue, message: `${issue.message} (run ${JSON.stringify(spec.id)})` } : issue;
  });
}

// compare reads committed files that people may edit: check before trusting.
/**
 * Parses the text of a baseline file (`file` names it in messages).
 * @throws CompareInputError naming the file and what was expected where.
 */
export function parseBaseline(text: string, file: string): BenchData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CompareInputError(
      `${file} is not a sambench baseline: not JSON (expected a file written by \`npm run baseline -- <results folder>\`, or a results folder)`,
    );
  }
  if (!isObject(value) || value.format !== BASELINE_FORMAT) {
    throw new CompareInputError(
      `${file} is not a sambench baseline: expected "format": "${BASELINE_FORMAT}" (write one with \`npm run baseline -- <results folder>\`, or pass a results folder)`,
    );
  }
  if (value.version !== BASELINE_VERSION)
    throw new CompareInputError(
      `${file}: baseline version ${JSON.stringify(value.version)} is not supported (expected ${BASELINE_VERSION}); refresh it with \`npm run baseline\``,
    );
  // A baseline written by an older sambench keeps older run specs.
  if (Array.isArray(value.runs))
    value.runs = value.runs.map((run: unknown) =>
      typeof run === 'object' && run !== null && 'spec' in run ? { ...run, spec: withAddedKeys(run.spec) } : run,
    );
  const validate = validatorOf<BaselineFile>('baseline');
  if (!validate(value)) {
    const issues = withRunIds(schemaIssues(validate.errors ?? []), Array.isArray(value.runs) ? value.runs : []);
    throw new CompareInputError(formatIssues(`${file} does not match schemas/baseline.schema.json`, issues));
  }
  value.runs.forEach((run, i) => {
    checkSafeName(run.spec.id, file, `/runs/${i}/spec/id`);
    checkSafeName(run.spec.suite, file, `/runs/${i}/spec/suite`);
  });
  const runs = reduceRuns(value.runs.map(storedRunInput));
  return {
    suite: value.suite,
    source: file,
    kind: 'baseline',
    createdAt: value.createdAt,
    minEffect: null,
    provenance: value.provenance ?? null,
    runs,
  };
}
