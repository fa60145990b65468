// The arrays of an `arrays` dataset: `path` is one .npz (np.savez, np.savez_compressed) or a
// folder of .npy files, each named as the registry's `arrays` format lists (x_train.npy, …).
// The suite reads headers and labels here to show shapes and classes before any run; the TF.js
// worker reads the data. Every file goes through the one guarded open (read-file.ts).
import fs from 'node:fs';
import path from 'node:path';
import { DATASET_FORMAT_FILES } from '../schemas/registry.js';
import { NPY_HEAD_BYTES, NpyError, npyNumbers, parseNpyHeader, type NpyHeader, type NpyProblem } from './npy.js';
import { readMember, readMemberHead, ZipError, zipMembers, type ZipMember } from './npz.js';
import { READ_LIMITS, UnreadableFileError, openRegularFile, readBytes, type UnreadableProblem } from './read-file.js';

/** The files of each split (.npy names; a .npz holds members of the same names). */
export const ARRAY_FILES = DATASET_FORMAT_FILES.arrays;

/** Why an array was refused; stable, for tests and callers (the worker's DataFileError). */
export type ArraysProblem = UnreadableProblem | NpyProblem | 'bad-zip' | 'bad-array' | 'count-mismatch' | 'bad-label';

/** An array of an `arrays` dataset that cannot be used; `where` is the file, or `file (member name)`. */
export class ArraysFileError extends Error {
  override name = 'ArraysFileError';
  constructor(
    readonly where: string,
    readonly problem: ArraysProblem,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}

/** One array: where it is, and its checked header. */
export interface ArrayRef {
  where: string;
  header: NpyHeader;
}

const what = 'a NumPy array file (.npy or .npz)';
const options = { what, maxBytes: READ_LIMITS.arrays };

// Every error of the readers below becomes an ArraysFileError naming the array.
function guarded<T>(where: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new ArraysFileError(error.file, error.problem, error.reason);
    if (error instanceof NpyError) throw new ArraysFileError(error.where, error.problem, error.message.slice(error.where.length + 2));
    if (error instanceof ZipError) throw new ArraysFileError(error.where, 'bad-zip', error.message.slice(error.where.length + 2));
    throw error;
  }
}

// An .npz member, or the folder's file; `use` gets the open descriptor and the array's bytes' reader.
function withArray<T>(dir: string, file: string, use: (ref: ArrayRef, data: () => Buffer) => T): T {
  const isFolder = fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
  const where = isFolder ? path.join(dir, file) : `${dir} (member ${file})`;
  return guarded(where, () => {
    const { fd, size } = openRegularFile(isFolder ? where : dir, options);
    try {
      if (isFolder) {
        const header = parseNpyHeader(readBytes(fd, Math.min(size, NPY_HEAD_BYTES), 0), size, where);
        return use({ where, header }, () => readBytes(fd, header.dataBytes, header.dataOffset));
      }
      const member = memberOf(zipMembers(fd, size, dir), dir, file);
      const header = parseNpyHeader(readMemberHead(fd, member, NPY_HEAD_BYTES, where), member.size, where);
      return use({ where, header }, () => readMember(fd, member, READ_LIMITS.arrays, where).subarray(header.dataOffset));
    } finally {
      fs.closeSync(fd);
    }
  });
}

function memberOf(members: Map<string, ZipMember>, file: string, name: string): ZipMember {
  const member = members.get(name);
  if (member !== undefined) return member;
  const held = [...members.keys()].map((n) => n.replace(/\.npy$/, ''));
  throw new ArraysFileError(
    file,
    'missing',
    `holds no array ${name.replace(/\.npy$/, '')} (it holds ${held.length ? held.join(', ') : 'none'}); save it with np.savez(file, x_train=…, y_train=…, x_test=…, y_test=…)`,
  );
}

/** The header of array `file` (e.g. 'x_train.npy') of dataset path `dir` (a .npz or a folder). @throws ArraysFileError */
export function readArrayHeader(dir: string, file: string): ArrayRef {
  return withArray(dir, file, (ref) => ref);
}

/** The header and data bytes of array `file` of `dir`. @throws ArraysFileError */
export function readArray(dir: string, file: string): ArrayRef & { data: Buffer } {
  return withArray(dir, file, (ref, data) => ({ ...ref, data: data() }));
}

/** What an images array holds: its dtype, its sample count, and one sample's shape ([h, w, c] or [d]). */
export interface ImagesInfo {
  dtype: 'uint8' | 'float32';
  count: number;
  sampleShape: number[];
}

/** The largest side of a sample's shape (the schema's bound on a dataset's shape). */
export const MAX_SAMPLE_DIM = 65536;

/** Checks an images array: uint8 or float32, [n, d], [n, h, w] (one channel) or [n, h, w, c]. @throws ArraysFileError */
export function imagesInfo({ where, header }: ArrayRef): ImagesInfo {
  const { dtype, shape } = header;
  if (dtype !== 'uint8' && dtype !== 'float32') {
    throw new ArraysFileError(
      where,
      'bad-array',
      `has dtype ${dtype}; images are uint8 (0–255) or float32: convert with .astype(np.float32)`,
    );
  }
  if (shape.length < 2 || shape.length > 4) {
    throw new ArraysFileError(
      where,
      'bad-array',
      `has shape (${shape.join(', ')}); images are [n, height, width, channels] (NHWC), [n, height, width] or flat [n, features]`,
    );
  }
  const sampleShape = shape.length === 3 ? [shape[1]!, shape[2]!, 1] : shape.slice(1);
  if (sampleShape.some((dim) => dim < 1 || dim > MAX_SAMPLE_DIM)) {
    throw new ArraysFileError(where, 'bad-array', `has shape (${shape.join(', ')}); each side of a sample must be 1 to ${MAX_SAMPLE_DIM}`);
  }
  return { dtype, count: shape[0]!, sampleShape };
}

/** Checks a labels array: one integer per sample, 1-D. @throws ArraysFileError */
export function labelsCount({ where, header }: ArrayRef): number {
  if (header.dtype === 'float32') {
    throw new ArraysFileError(
      where,
      'bad-array',
      'holds float32 labels; labels are integers 0 … classes − 1: convert with .astype(np.int64)',
    );
  }
  if (header.shape.length !== 1) {
    throw new ArraysFileError(
      where,
      'bad-array',
      `has shape (${header.shape.join(', ')}); labels are 1-D, one class index per sample (not one-hot)`,
    );
  }
  return header.shape[0]!;
}

/** The labels of a labels array as class indices, each checked to be in 0 … classes − 1. @throws ArraysFileError */
export function labelValues(ref: ArrayRef & { data: Buffer }, classes: number): Uint16Array {
  const values = npyNumbers(ref.header, ref.data);
  const labels = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const label = values[i]!;
    if (!(label >= 0 && label < classes)) {
      throw new ArraysFileError(ref.where, 'bad-label', `label ${label} at index ${i} is out of range: the classes are 0 … ${classes - 1}`);
    }
    labels[i] = label;
  }
  return labels;
}

/** The largest label, and the first negative one (index) if any. */
export function labelExtent(ref: ArrayRef & { data: Buffer }): { max: number; negativeAt: number | null } {
  const values = npyNumbers(ref.header, ref.data);
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! < 0) return { max, negativeAt: i };
    if (values[i]! > max) max = values[i]!;
  }
  return { max, negativeAt: null };
}
