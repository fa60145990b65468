// worker/: takes one RunSpec (a JSON file named on the command line), trains it in this
// process and reports JSON-line events on stdout; never reads suites or writes results.
// Exit codes: 0 done, 3 non-finite loss, 1 any other failure (also reported as an event).
import fs from 'node:fs';
import type { RunSpec } from '../suite/run-spec.js';
import { loadBackend } from './backend.js';
import { loadTestData, loadTrainingData } from './data/index.js';
import { emit } from './emit.js';
import { environmentEvent } from './environment.js';
import { buildModel } from './models/index.js';
import { runOptimizer } from './optimizer.js';
import { NonFiniteLossError, train } from './train.js';

async function main(specFile: string | undefined): Promise<number> {
  if (!specFile) throw new Error('usage: worker <run-spec.json>');
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as RunSpec;
  const backend = await loadBackend(spec.backend);
  const data = await loadTrainingData(spec.dataset, spec.seed);
  const test = spec.evaluation ? await loadTestData(spec.dataset, spec.evaluation.testSamples, data.stats) : null;
  const model = buildModel({ model: spec.model, inputShape: spec.dataset.shape, classes: spec.dataset.classes, seed: spec.seed });
  const loaded = { trainSamples: data.size, testSamples: test?.size ?? 0, skippedImages: data.skipped.count + (test?.skipped.count ?? 0) };
  emit({ ...environmentEvent(spec.id, backend, model.countParams()), data: loaded });
  const result = await train({ spec, model, data, optimizer: runOptimizer(spec), test, emit });
  emit({ type: 'done', ...result });
  return 0;
}

try {
  process.exitCode = await main(process.argv[2]);
} catch (error) {
  const nan = error instanceof NonFiniteLossError;
  const err = error instanceof Error ? error : new Error(String(error));
  emit({ type: 'error', reason: nan ? 'nan' : 'worker-error', message: err.message, ...(nan ? { step: error.step } : {}), ...(err.stack ? { stack: err.stack } : {}) });
  process.exitCode = nan ? 3 : 1;
}
