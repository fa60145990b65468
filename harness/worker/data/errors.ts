// A dataset file that cannot be used, named in the message and kept as a field.

/** Why a data file was refused; stable, for tests and events. */
export type DataFileProblem =
  | 'missing'
  | 'not-a-file'
  | 'too-large'
  | 'bad-gzip'
  | 'bad-magic'
  | 'truncated'
  | 'size-mismatch'
  | 'bad-label'
  | 'count-mismatch'
  | 'bad-image'
  | 'unknown-class'
  | 'too-few'
  | 'bad-array';

/** A dataset file is missing or malformed; the message starts with the file's path. */
export class DataFileError extends Error {
  override name = 'DataFileError';

  constructor(
    readonly file: string,
    readonly problem: DataFileProblem,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${message}`, options);
  }
}
