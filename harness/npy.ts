// The header of a NumPy `.npy` array (format versions 1–3), read without trusting it: the magic,
// a bounded header length, a dtype sambench can hold (little-endian integers, uint8, float32),
// C order, and a shape whose product is checked against the bytes that are really there. Never
// anything pickled: an object dtype is refused by name. Used by the suite's check of an `arrays`
// dataset and by the TF.js worker that reads it (numpy-arrays.ts).

/** The NPY magic string: \x93NUMPY. */
export const NPY_MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
/** The longest header read (numpy's own np.load refuses longer ones by default: max_header_size 10000). */
export const MAX_NPY_HEADER_BYTES = 10_000;
/** Prefix (magic, version, length field) plus the longest header: enough bytes to parse any header. */
export const NPY_HEAD_BYTES = 12 + MAX_NPY_HEADER_BYTES;

/** The dtypes sambench reads: uint8 and float32 images, integer labels. */
export type NpyDtype = 'uint8' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint16' | 'uint32' | 'uint64' | 'float32';

// descr (without its byte-order mark) → dtype and item size.
const DTYPES: Record<string, [NpyDtype, number]> = {
  u1: ['uint8', 1],
  i1: ['int8', 1],
  i2: ['int16', 2],
  i4: ['int32', 4],
  i8: ['int64', 8],
  u2: ['uint16', 2],
  u4: ['uint32', 4],
  u8: ['uint64', 8],
  f4: ['float32', 4],
};
/** Every dtype a header may have, in numpy's names. */
export const NPY_DTYPES: readonly NpyDtype[] = Object.values(DTYPES).map(([dtype]) => dtype);

/** Why an array was refused; stable, for tests and callers. */
export type NpyProblem = 'bad-magic' | 'bad-header' | 'dtype' | 'big-endian' | 'fortran-order' | 'truncated';

/** An array file or member that is not an array sambench reads; `where` names it (a file, or `file:member`). */
export class NpyError extends Error {
  override name = 'NpyError';
  constructor(
    readonly where: string,
    readonly problem: NpyProblem,
    message: string,
  ) {
    super(`${where}: ${message}`);
  }
}

/** A checked header: the dtype, the shape, and where the data starts and how long it is. */
export interface NpyHeader {
  dtype: NpyDtype;
  /** The header's own `descr`, e.g. '<f4'. */
  descr: string;
  shape: number[];
  /** Elements: the product of `shape`. */
  count: number;
  /** Bytes before the data (prefix + header). */
  dataOffset: number;
  /** count × item size. */
  dataBytes: number;
}

const NUMPY_NAMES: Record<string, string> = { b1: 'bool', f2: 'float16', f8: 'float64', c8: 'complex64', c16: 'complex128' };

function dtypeOf(descr: string, where: string): [NpyDtype, number] {
  const order = descr[0] ?? '';
  const code = '<>|='.includes(order) ? descr.slice(1) : descr;
  if (code === 'O') {
    throw new NpyError(
      where,
      'dtype',
      'holds Python objects (dtype object), which only unpickling could read; sambench never unpickles: save a numeric array',
    );
  }
  const known = DTYPES[code];
  if (known === undefined) {
    const name = NUMPY_NAMES[code] ?? descr;
    throw new NpyError(
      where,
      'dtype',
      `has dtype ${name} ('${descr}'), which sambench does not read; images are uint8 or float32, labels any integer type (${NPY_DTYPES.join(', ')}): convert with .astype(np.float32) or .astype(np.int64)`,
    );
  }
  if (order === '>' && known[1] > 1) {
    throw new NpyError(
      where,
      'big-endian',
      `is big-endian ('${descr}'); sambench reads little-endian arrays only: save x.astype(x.dtype.newbyteorder('<'))`,
    );
  }
  return known;
}

/**
 * Parses the header at the start of `head` (at least the first NPY_HEAD_BYTES bytes of the array,
 * or all of it when shorter); `available` is how many bytes the whole array has, data included.
 * @throws NpyError
 */
export function parseNpyHeader(head: Buffer, available: number, where: string): NpyHeader {
  if (head.length < 10 || !head.subarray(0, 6).equals(NPY_MAGIC)) {
    throw new NpyError(where, 'bad-magic', 'is not a .npy array (it does not start with \\x93NUMPY); write it with np.save or np.savez');
  }
  const major = head[6]!;
  if (major < 1 || major > 3)
    throw new NpyError(where, 'bad-header', `has .npy format version ${major}.${head[7]!}; numpy writes 1.0 to 3.0`);
  const prefix = major === 1 ? 10 : 12;
  if (head.length < prefix) throw new NpyError(where, 'truncated', 'is truncated inside its header');
  const length = major === 1 ? head.readUInt16LE(8) : head.readUInt32LE(8);
  if (length > MAX_NPY_HEADER_BYTES) {
    throw new NpyError(where, 'bad-header', `declares a ${length}-byte header, more than the ${MAX_NPY_HEADER_BYTES} bytes numpy writes`);
  }
  if (head.length < prefix + length) throw new NpyError(where, 'truncated', `is truncated inside its ${length}-byte header`);
  const text = head.subarray(prefix, prefix + length).toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /'descr':\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined) {
    const structured = /'descr':\s*\[/.test(text);
    throw new NpyError(
      where,
      structured ? 'dtype' : 'bad-header',
      structured
        ? 'has a structured dtype (named fields); sambench reads plain numeric arrays'
        : `has a header without a dtype: ${text.trim().slice(0, 120)}`,
    );
  }
  if (fortran === undefined || shapeText === undefined)
    throw new NpyError(where, 'bad-header', `has a malformed header: ${text.trim().slice(0, 120)}`);
  const [dtype, itemSize] = dtypeOf(descr, where);
  if (fortran === 'True') {
    throw new NpyError(where, 'fortran-order', 'is stored in Fortran (column-major) order; save np.ascontiguousarray(x) instead');
  }
  const parts = shapeText.split(',').map((part) => part.trim());
  if (parts.at(-1) === '') parts.pop();
  if (parts.length > 8) throw new NpyError(where, 'bad-header', `has ${parts.length} dimensions; sambench reads at most 4`);
  const shape = parts.map((part) => (/^\d{1,15}$/.test(part) ? Number(part) : NaN));
  if (shape.some((dim) => !Number.isSafeInteger(dim))) {
    throw new NpyError(where, 'bad-header', `has a shape that is not a list of whole numbers: (${shapeText})`);
  }
  // Bounded step by step: a product past the bytes that exist is a lie, whatever it overflows to.
  let count = shape.includes(0) ? 0 : 1;
  for (const dim of count === 0 ? [] : shape) {
    count *= dim;
    if (count * itemSize > available) break;
  }
  const dataOffset = prefix + length;
  const dataBytes = count * itemSize;
  if (dataOffset + dataBytes > available) {
    const declared = shape.join(' × ') || 'a scalar';
    throw new NpyError(
      where,
      'truncated',
      `is truncated: its header declares ${declared} ${dtype} values, more than the ${Math.max(0, available - dataOffset)} data bytes there`,
    );
  }
  return { dtype, descr, shape, count, dataOffset, dataBytes };
}

/** The values of an array's data bytes (`dataBytes` of them) as numbers; int64/uint64 beyond 2^53 come out rounded. */
export function npyNumbers(header: NpyHeader, data: Buffer): ArrayLike<number> {
  // A copy: `data` may sit at an offset that is no multiple of the item size.
  const bytes = new Uint8Array(data.subarray(0, header.dataBytes));
  const { buffer } = bytes;
  switch (header.dtype) {
    case 'uint8':
      return bytes;
    case 'int8':
      return new Int8Array(buffer);
    case 'int16':
      return new Int16Array(buffer);
    case 'uint16':
      return new Uint16Array(buffer);
    case 'int32':
      return new Int32Array(buffer);
    case 'uint32':
      return new Uint32Array(buffer);
    case 'float32':
      return new Float32Array(buffer);
    case 'int64':
      return Float64Array.from(new BigInt64Array(buffer), Number);
    case 'uint64':
      return Float64Array.from(new BigUint64Array(buffer), Number);
  }
}
