// Reads MNIST-format IDX files (http://yann.lecun.com/exdb/mnist/): a big-endian int32 magic,
// int32 dimensions, then unsigned bytes. Plain or gzip-compressed.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DATASET_FORMAT_FILES } from '../../../schemas/index.js';
import { dataFileSize, MAX_DATA_FILE_BYTES, readDataBytes } from './data-file.js';
import { DataFileError } from './errors.js';

/** Magic numbers: 0x08 = unsigned byte, then the number of dimensions. */
export const IDX_MAGIC = { images: 0x00000803, labels: 0x00000801 } as const;

/** The two splits of an MNIST-style folder. */
export type IdxSplitName = 'train' | 't10k';

/** One split: raw pixel bytes (0–255; scaled to [0, 1] when batched) and labels. */
export interface IdxSplit {
  count: number;
  /** [rows, cols, 1]. */
  shape: [number, number, number];
  /** count × rows × cols bytes, sample-major, row-major. */
  images: Uint8Array;
  labels: Uint8Array;
  imagesFile: string;
  labelsFile: string;
}

/**
 * Loads `<split>-images-idx3-ubyte[.gz]` and `<split>-labels-idx1-ubyte[.gz]` from `dir`,
 * checking magic numbers, sizes, label range (0 … classes−1) and matching counts.
 */
export function loadIdxSplit(dir: string, split: IdxSplitName, classes = 10): IdxSplit {
  const [imagesFile, labelsFile] = DATASET_FORMAT_FILES.idx[split === 'train' ? 'train' : 'test'];
  const images = readIdx(path.join(dir, imagesFile!), 'images');
  const labels = readIdx(path.join(dir, labelsFile!), 'labels');
  const [count = 0, rows = 0, cols = 0] = images.dims;
  const labelCount = labels.dims[0] ?? 0;
  if (labelCount !== count) {
    throw new DataFileError(
      labels.file,
      'count-mismatch',
      `holds ${labelCount} labels but ${images.file} holds ${count} images; both files must come from the same split`,
    );
  }
  const bad = labels.body.findIndex((label) => label >= classes);
  if (bad >= 0) {
    throw new DataFileError(
      labels.file,
      'bad-label',
      `label ${labels.body[bad]} at index ${bad} is out of range (expected 0..${classes - 1})`,
    );
  }
  return { count, shape: [rows, cols, 1], images: images.body, labels: labels.body, imagesFile: images.file, labelsFile: labels.file };
}

interface IdxContents {
  file: string;
  dims: number[];
  body: Uint8Array;
}

/**
 * Reads `base` or else `base.gz`, and checks its header and length. A plain file's size must be
 * what its header promises before its body is read; a gzip file may expand to at most
 * MAX_DATA_FILE_BYTES.
 */
function readIdx(base: string, kind: keyof typeof IDX_MAGIC): IdxContents {
  const file = [base, `${base}.gz`].find((f) => fs.existsSync(f));
  if (file === undefined) throw new DataFileError(base, 'missing', `no such file (nor ${path.basename(base)}.gz) in ${path.dirname(base)}`);
  const size = dataFileSize(file);
  const ndim = kind === 'images' ? 3 : 1;
  const header = 4 + 4 * ndim;
  const start = readDataBytes(file, 0, Math.min(size, header));
  // Decides by content, not name: gzip starts 1f 8b, an IDX file 00 00.
  const gzip = start.length >= 2 && start[0] === 0x1f && start[1] === 0x8b;
  const bytes = gzip ? gunzip(file, readDataBytes(file, 0, size)) : start;
  const total = gzip ? bytes.length : size;
  const dims = checkHeader(file, kind, bytes, total);
  const expected = header + dims.reduce((a, b) => a * b, 1);
  if (total !== expected) {
    const what = total < expected ? 'truncated' : 'size-mismatch';
    const shape = dims.join(' × ');
    throw new DataFileError(
      file,
      what,
      `${what === 'truncated' ? 'truncated: ' : ''}expected ${expected} bytes (${header}-byte header + ${shape}), found ${total}`,
    );
  }
  const body = gzip ? bytes.subarray(header) : readDataBytes(file, header, expected - header);
  if (body.length !== expected - header) {
    throw new DataFileError(file, 'truncated', `truncated while read: expected ${expected} bytes, found ${header + body.length}`);
  }
  return { file, dims, body: new Uint8Array(body.buffer, body.byteOffset, body.length) };
}

/** The dims of an IDX header whose first bytes are `bytes` (of a file `total` bytes long). */
function checkHeader(file: string, kind: keyof typeof IDX_MAGIC, bytes: Buffer, total: number): number[] {
  const ndim = kind === 'images' ? 3 : 1;
  const header = 4 + 4 * ndim;
  const truncatedHeader = () =>
    new DataFileError(file, 'truncated', `truncated: expected at least ${header} bytes of header, found ${total}`);
  if (bytes.length < 4) throw truncatedHeader();
  // The magic first: a labels file given as images is a wrong file, not a short one.
  const magic = bytes.readUInt32BE(0);
  if (magic !== IDX_MAGIC[kind]) {
    const other = kind === 'images' ? 'labels' : 'images';
    const hint = magic === IDX_MAGIC[other] ? ` (an IDX ${other} file)` : '';
    throw new DataFileError(
      file,
      'bad-magic',
      `wrong magic number ${hex(magic)}${hint}, expected ${hex(IDX_MAGIC[kind])} (IDX ${kind}, unsigned bytes, ${ndim}-D)`,
    );
  }
  if (bytes.length < header) throw truncatedHeader();
  return Array.from({ length: ndim }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
}

// At most MAX_DATA_FILE_BYTES out: a small file of zeros can expand without end.
function gunzip(file: string, bytes: Buffer): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_DATA_FILE_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DataFileError(file, 'too-large', `expands to more than the ${MAX_DATA_FILE_BYTES} bytes (2 GiB) a dataset file may have`, {
        cause: error,
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataFileError(file, 'bad-gzip', `not a valid gzip file (${reason})`, { cause: error });
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
