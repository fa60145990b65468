// worker/: takes one RunSpec (a JSON file named on the command line), trains it in this
// process and reports JSON-line events on stdout; never reads suites or writes results.
// Exit codes: 0 done, 3 a non-finite value (a loss, an accuracy: emit.ts), 1 any other failure (also reported as an event),
// a spec that breaks schemas/run-spec.schema.json included: it is refused before a backend loads.
import { ContractError, parseRunSpec } from '../../schemas/index.js';
import { READ_LIMITS, readTextFile } from '../read-file.js';
import { loadBackend } from './backend.js';
import { loadTestData, loadTrainingData } from './data/index.js';
import { emit, NonFiniteValueError } from './emit.js';
import { watchLauncher } from './launcher-watch.js';
import { environmentEvent } from './environment.js';
import { buildModel } from './models/index.js';
import { runOptimizer } from './optimizer.js';
import { StartupClock } from './startup.js';
import { train } from './train.js';

async function main(specFile: string | undefined): Promise<number> {
  const clock = new StartupClock();
  if (!specFile) throw new Error('usage: worker <run-spec.json>');
  const spec = parseRunSpec(readTextFile(specFile, { what: 'a run spec', maxBytes: READ_LIMITS.json }), specFile);
  // Not quiet: this process's stderr is the run's stderr log, which keeps all TF.js says.
  const backend = await loadBackend(spec.backend, { quiet: false });
  clock.lap('frameworkMs');
  const data = await loadTrainingData(spec.dataset, spec.seed);
  const test = spec.evaluation ? await loadTestData(spec.dataset, spec.evaluation.testSamples, data.stats) : null;
  clock.lap('dataMs');
  if (spec.model.source !== 'builtin') throw new Error(`model source "${spec.model.source}" is not built yet`);
  const model = buildModel({ model: spec.model, inputShape: spec.dataset.shape, classes: spec.dataset.classes, seed: spec.seed });
  clock.lap('modelMs');
  const loaded = {
    trainSamples: data.size,
    testSamples: test?.size ?? 0,
    skippedImages: data.skipped.count + (test?.skipped.count ?? 0),
    ...(data.labelNoise ? { labelNoise: data.labelNoise } : {}),
  };
  emit({ ...environmentEvent(spec.id, backend, model.countParams()), data: loaded, startup: clock.times() });
  const result = await train({ spec, model, data, optimizer: runOptimizer(spec), test, emit });
  emit({ type: 'done', ...result });
  return 0;
}

// Nobody reads the events once the launcher is gone: stop rather than train on as an orphan.
watchLauncher(() => {
  process.stderr.write('sambench worker: the launcher that started this run is gone; stopping\n');
  process.exit(1);
});

try {
  process.exitCode = await main(process.argv[2]);
} catch (error) {
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
