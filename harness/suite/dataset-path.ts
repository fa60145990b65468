// A file dataset's `dataset.path`, checked before any run starts: a folder (not a device, a FIFO
// or a file) holding the dataset's files as regular files. Their contents are the worker's to
// check; what is here would otherwise fail every run the same way.
import fs from 'node:fs';
import path from 'node:path';
import { DATASET_FORMAT_FILES, DATASETS, EXPECTED_DATASET_FOLDER, isConvolutional, shown, type Suite } from '../../schemas/index.js';
import type { SuiteProblem } from './problems.js';
import { describeFileKind } from '../file-kind.js';
import { arraysFacts } from './arrays-dataset.js';

type FileDatasetName = keyof typeof EXPECTED_DATASET_FOLDER;

/** Problems of the existing path `dir` (`dataset.path` resolved) for file dataset `name`; empty when it can be read. */
export function datasetFolderProblems(suite: Suite, dir: string): SuiteProblem[] {
  const name = suite.dataset.name as FileDatasetName;
  const given = shown(suite.dataset.path);
  const expected = EXPECTED_DATASET_FOLDER[name];
  const problem = (message: string): SuiteProblem[] => [{ pointer: '/dataset/path', message }];
  // The checks follow the dataset's format (the registry's), so a dataset of a known format needs none of its own.
  const format = DATASETS[name].format;
  if (format === null) return [];
  if (format === 'arrays') return arraysProblems(suite, dir);
  const kind = kindOf(dir);
  if (kind !== 'a folder') return problem(`${given} (resolved to ${dir}) is ${kind}; expected ${expected}`);
  if (format === 'image-folder') return imageFolderProblems(suite, dir, given);
  const splits = suite.evaluation === undefined ? (['train'] as const) : (['train', 'test'] as const);
  const names = splits.flatMap((split) => DATASET_FORMAT_FILES[format][split]);
  const gz = DATASET_FORMAT_FILES[format].gzip;
  const missing: string[] = [];
  for (const file of names) {
    const found = [file, ...(gz ? [`${file}.gz`] : [])].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (found === undefined) missing.push(gz ? `${file}[.gz]` : file);
    else if (kindOf(found) !== 'a regular file') return problem(`${found} is ${kindOf(found)}, not a regular file; expected ${expected}`);
  }
  if (missing.length === 0) return [];
  return problem(`${given} (resolved to ${dir}) lacks ${missing.join(', ')}; expected ${expected}`);
}

function imageFolderProblems(suite: Suite, dir: string, given: string): SuiteProblem[] {
  const expected = EXPECTED_DATASET_FOLDER['image-folder'];
  const train = path.join(dir, 'train');
  if (!fs.existsSync(train)) {
    return [
      { pointer: '/dataset/path', message: `${given} has no train/ folder (expected train/<class>/<image> and val/<class>/<image>)` },
    ];
  }
  const kind = kindOf(train);
  const empty = kind === 'a folder' && !fs.readdirSync(train, { withFileTypes: true }).some((e) => e.isDirectory());
  if (kind !== 'a folder' || empty) {
    return [{ pointer: '/dataset/path', message: `${train} is ${empty ? 'a folder without class folders' : kind}; expected ${expected}` }];
  }
  return suite.evaluation !== undefined && !fs.existsSync(path.join(dir, 'val'))
    ? [{ pointer: '/dataset/path', message: `${given} has no val/ folder, which evaluation reads; expected ${expected}` }]
    : [];
}

// What stands at `file` (links followed), in words.
function kindOf(file: string): string {
  const stats = fs.statSync(file, { throwIfNoEntry: false });
  return stats === undefined ? 'a broken link' : describeFileKind(stats);
}

// An arrays dataset: its files' problems, then what the suite asks of them (augment and a
// convolutional model need images; samples and testSamples at most what the arrays hold).
function arraysProblems(suite: Suite, dir: string): SuiteProblem[] {
  const facts = arraysFacts(suite, dir);
  if (Array.isArray(facts)) return facts;
  const { dataset, model, evaluation } = suite;
  const problems: SuiteProblem[] = [];
  const shape = `[${facts.shape.join(', ')}]`;
  if (facts.shape.length !== 3 && dataset.augment === true)
    problems.push({
      pointer: '/dataset/augment',
      message: `needs image samples [height, width, channels]; the arrays hold flat samples ${shape}`,
    });
  if (facts.shape.length !== 3 && (model.source ?? 'builtin') === 'builtin' && isConvolutional(model.name!))
    problems.push({
      pointer: '/dataset/path',
      message: `holds flat samples ${shape}, and model "${model.name}" needs images [height, width, channels]: save x as [n, height, width, channels] or use "mlp"`,
    });
  const more = (pointer: string, asked: number, held: number, split: string) => {
    if (asked > held) problems.push({ pointer, message: `is ${asked}, but the ${split} arrays hold ${held} samples; use at most ${held}` });
  };
  if (dataset.samples !== undefined) more('/dataset/samples', dataset.samples, facts.trainSamples, 'training');
  if (dataset.trainSubset !== undefined) more('/dataset/trainSubset', dataset.trainSubset, facts.trainSamples, 'training');
  if (evaluation?.testSamples !== undefined && facts.testSamples !== null)
    more('/evaluation/testSamples', evaluation.testSamples, facts.testSamples, 'test');
  return problems;
}
