// The members of a `.npz` file (a zip, as np.savez and np.savez_compressed write it: stored or
// deflated members, zip64 extra fields), read from an open descriptor with every offset and size
// checked against the file: the central directory is bounded, a member's data must lie inside
// the file, and inflating never yields more than the member's declared size.
import zlib from 'node:zlib';
import { readBytes } from './read-file.js';

/** One member of a zip: where its data lies, how it is compressed, and its sizes. */
export interface ZipMember {
  name: string;
  /** 0 stored, 8 deflated: what np.savez and np.savez_compressed write. */
  method: 0 | 8;
  compressedSize: number;
  size: number;
  dataOffset: number;
}

/** A zip that cannot be read; `where` is the file. */
export class ZipError extends Error {
  override name = 'ZipError';
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
/** The most members, and the largest central directory, read from one .npz (np.savez writes one entry per array). */
const MAX_MEMBERS = 4096;
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024;

const u64 = (bytes: Buffer, at: number) => Number(bytes.readBigUInt64LE(at));

// The end-of-central-directory record sits in the last 22 bytes plus at most a 64 KiB comment.
function directoryOf(fd: number, size: number, where: string): { offset: number; bytes: number; entries: number } {
  const tailLength = Math.min(size, 22 + MAX_COMMENT);
  const tail = readBytes(fd, tailLength, size - tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0)
    throw new ZipError(where, 'is not a .npz (zip) file: no end of central directory; write it with np.savez or np.savez_compressed');
  let entries = tail.readUInt16LE(at + 10);
  let bytes = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if ((entries === 0xffff || bytes === 0xffffffff || offset === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const recordAt = u64(tail, at - 20 + 8);
    const record = recordAt + 56 <= size ? readBytes(fd, 56, recordAt) : Buffer.alloc(0);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD)
      throw new ZipError(where, 'has a broken zip64 end of central directory');
    entries = u64(record, 32);
    bytes = u64(record, 40);
    offset = u64(record, 48);
  }
  if (entries > MAX_MEMBERS || bytes > MAX_DIRECTORY_BYTES || offset + bytes > size) {
    throw new ZipError(
      where,
      `declares ${entries} members in a ${bytes}-byte directory at ${offset}, which this ${size}-byte file cannot hold`,
    );
  }
  return { offset, bytes, entries };
}

// Zip64 extra field (id 1): the 64-bit values of those of size, compressed size, offset that read 0xffffffff.
function zip64Values(extra: Buffer, wanted: boolean[]): (number | null)[] {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      return wanted.map((want) => {
        if (!want || field + 8 > at + 4 + length || field + 8 > extra.length) return null;
        field += 8;
        return u64(extra, field - 8);
      });
    }
    at += 4 + length;
  }
  return wanted.map(() => null);
}

/** The members of the zip open at `fd` (`size` bytes), by name. @throws ZipError */
export function zipMembers(fd: number, size: number, where: string): Map<string, ZipMember> {
  const { offset, bytes, entries } = directoryOf(fd, size, where);
  const directory = readBytes(fd, bytes, offset);
  const members = new Map<string, ZipMember>();
  let at = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL)
      throw new ZipError(where, `has a broken central directory (entry ${i})`);
    const flags = directory.readUInt16LE(at + 8);
    const method = directory.readUInt16LE(at + 10);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > directory.length) throw new ZipError(where, `has a broken central directory (entry ${i})`);
    const name = directory.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const raw = [directory.readUInt32LE(at + 24), directory.readUInt32LE(at + 20), directory.readUInt32LE(at + 42)];
    const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    const wide = zip64Values(
      extra,
      raw.map((v) => v === 0xffffffff),
    );
    const [memberSize, compressedSize, localAt] = raw.map((v, k) => wide[k] ?? v) as [number, number, number];
    at = end;
    if (flags & 1) throw new ZipError(where, `member ${name} is encrypted`);
    if (method !== 0 && method !== 8) {
      throw new ZipError(
        where,
        `member ${name} is compressed with zip method ${method}; np.savez stores and np.savez_compressed deflates (methods 0 and 8)`,
      );
    }
    const local = localAt + 30 <= size ? readBytes(fd, 30, localAt) : Buffer.alloc(0);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new ZipError(where, `member ${name} has no local header at ${localAt}`);
    const dataOffset = localAt + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (dataOffset + compressedSize > size || (method === 0 && compressedSize !== memberSize)) {
      throw new ZipError(where, `member ${name} declares ${compressedSize} bytes at ${dataOffset}, past the end of this ${size}-byte file`);
    }
    members.set(name, { name, method, compressedSize, size: memberSize, dataOffset });
  }
  return members;
}

/** The first `length` (at most) uncompressed bytes of `member`; a deflated member is inflated only as far as needed. */
export function readMemberHead(fd: number, member: ZipMember, length: number, where: string): Buffer {
  if (member.method === 0) return readBytes(fd, Math.min(length, member.size), member.dataOffset);
  // Deflate can shrink data 1032-fold at best, and never grows it by more than 5 bytes per 16 KiB:
  // `length` + 1 KiB of compressed bytes always inflates to at least `length` bytes (when there are that many).
  const compressed = readBytes(fd, Math.min(member.compressedSize, length + 1024), member.dataOffset);
  try {
    const out = zlib.inflateRawSync(compressed, {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      maxOutputLength: Math.max(1, 1032 * compressed.length),
    });
    return out.subarray(0, Math.min(length, member.size));
  } catch (error) {
    throw new ZipError(where, `member ${member.name} is not valid deflate data (${(error as Error).message})`);
  }
}

/** All of `member`'s uncompressed bytes, which must be exactly its declared size (at most `maxBytes`). */
export function readMember(fd: number, member: ZipMember, maxBytes: number, where: string): Buffer {
  if (member.size > maxBytes)
    throw new ZipError(where, `member ${member.name} holds ${member.size} bytes, more than the ${maxBytes} an array file may have`);
  const compressed = readBytes(fd, member.compressedSize, member.dataOffset);
  if (member.method === 0) return compressed;
  let out: Buffer;
  try {
    out = zlib.inflateRawSync(compressed, { maxOutputLength: Math.max(1, member.size) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ERR_BUFFER_TOO_LARGE'
        ? `inflates to more than its declared ${member.size} bytes`
        : `is not valid deflate data (${(error as Error).message})`;
    throw new ZipError(where, `member ${member.name} ${why}`);
  }
  if (out.length !== member.size)
    throw new ZipError(where, `member ${member.name} inflates to ${out.length} bytes, not its declared ${member.size}`);
  return out;
}
