// The one check of a name that becomes part of a path (a suite name, a run id) when it was read
// back from a file sambench does not control (a results folder, a baseline): "../../x" must not
// write or read outside the folder it is joined to.
import { UsageError } from './errors.js';

/** The longest name accepted (a suite's name is at most 64 characters; a run id is longer). */
export const MAX_NAME_LENGTH = 200;

const SAFE = /^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/;

/** Why `name` cannot be a file name, or null when it can: letters, digits, `.`, `_`, `+`, `-`, no leading dot. */
export function unsafeNameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return `must be a string (got ${JSON.stringify(name) ?? 'nothing'})`;
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    return `must be 1 to ${MAX_NAME_LENGTH} characters long (got ${name.length})`;
  }
  if (!SAFE.test(name)) {
    return `must be a plain file name: letters, digits, ".", "_", "+" and "-", not starting with "." (got ${JSON.stringify(name.slice(0, 80))})`;
  }
  return null;
}

// Exit 2: the file was edited or damaged, which is the user's to fix.
/** Returns `name` when it is safe to join into a path; else throws naming `file` and `field` (a JSON pointer). @throws UsageError */
export function checkSafeName(name: unknown, file: string, field: string): string {
  const problem = unsafeNameProblem(name);
  if (problem !== null) throw new UsageError(`${file}: ${field} ${problem}`, false, 'UNSAFE_NAME');
  return name as string;
}
