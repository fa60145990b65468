// A file dataset's path is checked at load: a device, a FIFO, a file, an empty folder or a
// folder whose data files are not regular files stops the suite (exit 2) before any run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { makeFifo } from '../fixtures/os-fixtures.js';
import { DATASET_FORMAT_FILES } from '../../schemas/index.js';
import { SuiteError, loadSuite } from './index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-dataset-path-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let written = 0;
/** A suite file in `dir` whose dataset is `name` at `datasetPath` (relative to `dir`). */
function suiteFile(name: string, datasetPath: string): string {
  const file = path.join(dir, `suite-${++written}.json`);
  const suite = { name: 't', model: { name: 'mlp' }, dataset: { name, path: datasetPath, batchSize: 8 }, steps: { measured: 2 } };
  fs.writeFileSync(file, JSON.stringify(suite, null, 2));
  return file;
}

/** A folder under `dir` holding `files` (empty regular files). */
function folder(name: string, files: readonly string[]): string {
  const at = path.join(dir, name);
  fs.mkdirSync(at, { recursive: true });
  for (const file of files) fs.writeFileSync(path.join(at, file), '');
  return at;
}

/** The one problem line loading `file` reports; the error must be a SuiteError with exit code 2. */
function refusal(file: string): string {
  try {
    loadSuite(file);
  } catch (error) {
    expect(error).toBeInstanceOf(SuiteError);
    const suiteError = error as SuiteError;
    expect(suiteError.exitCode).toBe(2);
    expect(suiteError.problems.map((p) => p.pointer)).toEqual(['/dataset/path']);
    return suiteError.message.split('\n')[1]!;
  }
  throw new Error(`${file} loaded without problems`);
}

const IDX = [...DATASET_FORMAT_FILES.idx.train, ...DATASET_FORMAT_FILES.idx.test];
const EXPECTED_IDX = 'expected the folder holding train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz]';

describe('dataset.path of a file dataset', () => {
  test.skipIf(!fs.existsSync('/dev/zero'))(
    `a link to /dev/zero is a character device, not a folder${fs.existsSync('/dev/zero') ? '' : ' (skipped: no /dev/zero)'}`,
    () => {
      fs.symlinkSync('/dev/zero', path.join(dir, 'zero'));
      const file = suiteFile('mnist', 'zero');
      const line = refusal(file);
      expect(line).toContain(`${file}:`);
      expect(line).toContain(
        `/dataset/path "zero" (resolved to ${path.join(dir, 'zero')}) is a character device (e.g. a link to /dev/zero); ${EXPECTED_IDX}`,
      );
    },
  );

  test('a FIFO is not a folder', () => {
    makeFifo(path.join(dir, 'pipe'));
    expect(refusal(suiteFile('cifar10', 'pipe'))).toContain(
      '"pipe" (resolved to ' + path.join(dir, 'pipe') + ') is a FIFO (named pipe); expected the folder holding the binary batches',
    );
  });

  test('a regular file is not a folder', () => {
    fs.writeFileSync(path.join(dir, 'plain'), 'x');
    expect(refusal(suiteFile('fashion-mnist', 'plain'))).toContain('is a regular file; expected the folder holding');
  });

  test('an empty folder lacks every file, each named', () => {
    folder('empty', []);
    expect(refusal(suiteFile('mnist', 'empty'))).toContain(
      `"empty" (resolved to ${path.join(dir, 'empty')}) lacks train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], ` +
        `t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]; ${EXPECTED_IDX}`,
    );
  });

  test('a CIFAR-10 folder without its test batch (evaluation reads it) lacks it', () => {
    folder('no-test', DATASET_FORMAT_FILES.cifar10.train);
    expect(refusal(suiteFile('cifar10', 'no-test'))).toContain('lacks test_batch.bin;');
  });

  test('a data file that is a FIFO is named as such', () => {
    const at = folder('fifo-inside', IDX.slice(1));
    makeFifo(path.join(at, IDX[0]!));
    expect(refusal(suiteFile('mnist', 'fifo-inside'))).toContain(
      `${path.join(at, IDX[0]!)} is a FIFO (named pipe), not a regular file; ${EXPECTED_IDX}`,
    );
  });

  test('an image folder whose train/ holds no class folders', () => {
    folder('images/train', []);
    folder('images/val', []);
    expect(refusal(suiteFile('image-folder', 'images'))).toContain(
      `${path.join(dir, 'images', 'train')} is a folder without class folders; expected the folder holding train/<class>/*.jpg|png`,
    );
  });

  test("a folder with every file (plain or .gz) loads; contents are the worker's to check", () => {
    folder('ok', [IDX[0]!, `${IDX[1]!}.gz`, ...IDX.slice(2)]);
    expect(loadSuite(suiteFile('mnist', 'ok')).runs.length).toBeGreaterThan(0);
    folder('images-ok/train/cat', []);
    folder('images-ok/val', []);
    expect(loadSuite(suiteFile('image-folder', 'images-ok')).runs.length).toBeGreaterThan(0);
  });
});
