// An `arrays` dataset at suite load: its headers give the sample shape and counts, its training
// labels the class count (dataset.classes when given, else the largest label + 1), so a dry run
// shows them and a file that every run would refuse is refused here, naming /dataset/path.
import fs from 'node:fs';
import { shown, type Suite } from '../../schemas/index.js';
import { describeFileKind } from '../file-kind.js';
import {
  ARRAY_FILES,
  ArraysFileError,
  imagesInfo,
  labelExtent,
  labelsCount,
  labelValues,
  readArray,
  readArrayHeader,
  type ImagesInfo,
} from '../numpy-arrays.js';
import type { SuiteProblem } from './problems.js';

/** What the files of an `arrays` dataset hold. */
export interface ArraysFacts {
  dtype: ImagesInfo['dtype'];
  /** One sample: [height, width, channels] or [features]. */
  shape: number[];
  classes: number;
  trainSamples: number;
  /** Null when the suite has no evaluation (the test arrays are not read). */
  testSamples: number | null;
}

const MAX_CLASSES = 65536;
// One read per suite object: checks.ts, size-checks.ts and expand.ts all ask.
const cache = new WeakMap<Suite, ArraysFacts | SuiteProblem[]>();

/** The facts of `suite`'s arrays dataset at `dir` (dataset.path resolved), or the problems that stop it. */
export function arraysFacts(suite: Suite, dir: string): ArraysFacts | SuiteProblem[] {
  let found = cache.get(suite);
  if (found === undefined) {
    found = inspect(suite, dir);
    cache.set(suite, found);
  }
  return found;
}

/** The facts already read for `suite`, or null (not an arrays dataset, not read, or refused). */
export function knownArraysFacts(suite: Suite): ArraysFacts | null {
  const found = cache.get(suite);
  return found === undefined || Array.isArray(found) ? null : found;
}

function inspect(suite: Suite, dir: string): ArraysFacts | SuiteProblem[] {
  const problem = (message: string): SuiteProblem[] => [{ pointer: '/dataset/path', message }];
  const stats = fs.statSync(dir, { throwIfNoEntry: false });
  if (stats !== undefined && !stats.isFile() && !stats.isDirectory()) {
    return problem(
      `${shown(suite.dataset.path)} (resolved to ${dir}) is ${describeFileKind(stats)}; expected a .npz file or a folder of .npy files`,
    );
  }
  try {
    return facts(suite, dir);
  } catch (error) {
    if (error instanceof ArraysFileError) return problem(error.message);
    throw error;
  }
}

function facts(suite: Suite, dir: string): ArraysFacts {
  const [xTrain, yTrain] = ARRAY_FILES.train as [string, string];
  const train = splitCounts(dir, xTrain, yTrain);
  const labels = readArray(dir, yTrain);
  const { max, negativeAt } = labelExtent(labels);
  if (negativeAt !== null)
    throw new ArraysFileError(labels.where, 'bad-label', `label at index ${negativeAt} is negative; labels are 0 … classes − 1`);
  const classes = suite.dataset.classes ?? max + 1;
  if (suite.dataset.classes === undefined && (classes < 2 || classes > MAX_CLASSES)) {
    throw new ArraysFileError(
      labels.where,
      'bad-label',
      `its largest label is ${max}, which makes ${classes} classes; sambench trains on 2 to ${MAX_CLASSES} classes (give /dataset/classes when the labels do not reach every class)`,
    );
  }
  labelValues(labels, classes);
  let testSamples: number | null = null;
  if (suite.evaluation !== undefined) {
    const [xTest, yTest] = ARRAY_FILES.test as [string, string];
    const test = splitCounts(dir, xTest, yTest);
    if (test.images.dtype !== train.images.dtype || test.images.sampleShape.join(',') !== train.images.sampleShape.join(',')) {
      throw new ArraysFileError(
        test.where,
        'bad-array',
        `holds ${test.images.dtype} samples of [${test.images.sampleShape.join(', ')}], but the training images are ${train.images.dtype} samples of [${train.images.sampleShape.join(', ')}]; both splits must match`,
      );
    }
    labelValues(readArray(dir, yTest), classes);
    testSamples = test.images.count;
  }
  return { dtype: train.images.dtype, shape: train.images.sampleShape, classes, trainSamples: train.images.count, testSamples };
}

function splitCounts(dir: string, xFile: string, yFile: string): { images: ImagesInfo; where: string } {
  const x = readArrayHeader(dir, xFile);
  const images = imagesInfo(x);
  const y = readArrayHeader(dir, yFile);
  const labels = labelsCount(y);
  if (labels !== images.count) {
    throw new ArraysFileError(
      y.where,
      'count-mismatch',
      `holds ${labels} labels but ${x.where} holds ${images.count} samples; both must come from the same split`,
    );
  }
  if (images.count === 0) throw new ArraysFileError(x.where, 'bad-array', 'holds no samples');
  return { images, where: x.where };
}
