// worker/: takes one RunSpec (a JSON file named on the command line), trains it in this
// process and reports JSON-line events on stdout; never reads suites or writes results.
// Exit codes: 0 done, 3 a non-finite value (a loss, an accuracy: emit.ts), 1 any other failure (also reported as an event),
// a spec that breaks schemas/run-spec.schema.json included: it is refused before a backend loads.
// With `--probe` after the spec it builds the model, and a SAM run's optimizer with its variant's
// strategy (a user's plugin loaded and built as a run builds it), and prints one probe line
// (schemas/probe.schema.json): exit 0, or 2 for a user's model or plugin that cannot run; a crash says why on stderr.
import {
  ContractError,
  ModelFileProblem,
  parseRunSpec,
  PROBE_ERROR_EXIT,
  PROBE_FLAG,
  type ProbeLine,
  type RunSpec,
} from '../../schemas/index.js';
import { READ_LIMITS, readTextFile } from '../read-file.js';
import { loadBackend } from './backend.js';
import { loadTestData, loadTrainingData } from './data/index.js';
import { emit, NonFiniteValueError } from './emit.js';
import { watchLauncher } from './launcher-watch.js';
import { environmentEvent } from './environment.js';
import { buildRunModel } from './models/run-model.js';
import { runOptimizer } from './optimizer.js';
import { StartupClock } from './startup.js';
import { train } from './train.js';

const probing = process.argv[3] === PROBE_FLAG;

const writeProbe = (line: ProbeLine) => void process.stdout.write(`${JSON.stringify(line)}\n`);

// Builds the model and says whether it fits, then the optimizer (a plugin's strategy: loaded, built
// with the run's context, checked); reads no data (the spec carries its shape and classes).
async function probe(spec: RunSpec): Promise<number> {
  try {
    const { model } = await buildRunModel(spec);
    await runOptimizer(spec);
    writeProbe({ type: 'probe', parameters: model.countParams(), outputs: spec.dataset.classes });
    return 0;
  } catch (error) {
    if (!(error instanceof ModelFileProblem)) throw error;
    writeProbe({ type: 'probe-error', pointer: error.pointer, message: error.message.replace(/\s*\n\s*/g, ' ') });
    return PROBE_ERROR_EXIT;
  }
}

async function main(specFile: string | undefined, flag: string | undefined): Promise<number> {
  const clock = new StartupClock();
  if (!specFile || (flag !== undefined && flag !== PROBE_FLAG)) throw new Error(`usage: worker <run-spec.json> [${PROBE_FLAG}]`);
  const spec = parseRunSpec(readTextFile(specFile, { what: 'a run spec', maxBytes: READ_LIMITS.json }), specFile);
  // Not quiet: this process's stderr is the run's stderr log, which keeps all TF.js says.
  const backend = await loadBackend(spec.backend, { quiet: false });
  if (probing) return probe(spec);
  clock.lap('frameworkMs');
  const data = await loadTrainingData(spec.dataset, spec.seed);
  const test = spec.evaluation ? await loadTestData(spec.dataset, spec.evaluation.testSamples, data.stats) : null;
  clock.lap('dataMs');
  const { model, record } = await buildRunModel(spec);
  clock.lap('modelMs');
  const loaded = {
    trainSamples: data.size,
    testSamples: test?.size ?? 0,
    skippedImages: data.skipped.count + (test?.skipped.count ?? 0),
    ...(data.labelNoise ? { labelNoise: data.labelNoise } : {}),
  };
  emit({ ...environmentEvent(spec.id, backend, model.countParams(), record), data: loaded, startup: clock.times() });
  const result = await train({ spec, model, data, optimizer: await runOptimizer(spec), test, emit });
  // maxRSS is getrusage's ru_maxrss, in KiB; TF.js reports no device peak of its own.
  emit({ type: 'done', ...result, peakRssBytes: process.resourceUsage().maxRSS * 1024, peakDeviceBytes: null });
  return 0;
}

// Nobody reads the events once the launcher is gone: stop rather than train on as an orphan.
watchLauncher(() => {
  process.stderr.write('sambench worker: the launcher that started this run is gone; stopping\n');
  process.exit(1);
});

try {
  process.exitCode = await main(process.argv[2], process.argv[3]);
} catch (error) {
  if (probing) {
    // A probe's stdout holds its one line; a crash is said on stderr, which the CLI shows.
    process.stderr.write(`sambench worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  } else reportFailure(error);
}

function reportFailure(error: unknown): void {
  const nan = error instanceof NonFiniteValueError;
  const err = error instanceof Error ? error : new Error(String(error));
  // A bad spec is the caller's mistake, fully said by its message; a stack would only hide it.
  const stack = err.stack && !(error instanceof ContractError) ? { stack: err.stack } : {};
  emit({
    type: 'error',
    reason: nan ? 'nan' : 'worker-error',
    message: err.message,
    ...(nan && error.step !== undefined ? { step: error.step } : {}),
    ...stack,
  });
  process.exitCode = nan ? 3 : 1;
}
