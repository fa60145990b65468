// Reads a suite file as strict JSON and maps JSON pointers back to line and column.
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { MAX_DEPTH, keyProblems, nestingDepth } from './json-guards.js';
import { SuiteError, type SuiteProblem } from './problems.js';
import { READ_LIMITS, UnreadableFileError, readTextFile } from '../read-file.js';

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** The raw text of a suite file and its parsed (not yet validated) value. */
export interface ParsedSuite {
  file: string;
  text: string;
  value: unknown;
}

/** Reads and parses `file`; throws a SuiteError for a missing file or invalid JSON (every syntax error). */
export function parseSuiteFile(file: string): ParsedSuite {
  let text: string;
  try {
    text = readTextFile(file, { what: 'a suite file', maxBytes: READ_LIMITS.suite });
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    const message = error.problem === 'missing' ? 'file not found' : error.reason;
    throw new SuiteError(file, [{ pointer: '', message }]);
  }
  return parseSuiteText(file, text);
}

// A suite given as text (a suite object from the library, serialized) takes the file's checks from here on.
/** Parses `text` as the suite `file`; throws a SuiteError for invalid JSON (every syntax error). */
export function parseSuiteText(file: string, text: string): ParsedSuite {
  const depth = nestingDepth(text);
  if (depth > MAX_DEPTH) {
    throw new SuiteError(file, [
      { pointer: '', message: `nests arrays and objects ${depth} deep; a suite needs far fewer than ${MAX_DEPTH}` },
    ]);
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, STRICT_JSON);
  if (errors.length > 0) {
    throw new SuiteError(
      file,
      errors.map((e) => ({ pointer: '', message: `is not valid JSON: ${printParseErrorCode(e.error)}`, ...lineColumn(text, e.offset) })),
    );
  }
  const keys = keyProblems(text);
  if (keys.length > 0) throw new SuiteError(file, locateProblems(text, keys));
  return { file, text, value };
}

/** Adds line/column to problems whose pointer (or its nearest existing parent) is found in the text. */
export function locateProblems(text: string, problems: SuiteProblem[]): SuiteProblem[] {
  const tree = parseTree(text, [], STRICT_JSON);
  if (!tree) return problems;
  return problems.map((problem) => {
    const path = problem.pointer.split('/').slice(1).map(unescapePointer);
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(
        tree,
        path.slice(0, n).map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      );
      // A key's location is more useful than its value's for "unknown key".
      const at = node?.parent?.type === 'property' ? node.parent : node;
      if (at) return { ...problem, ...lineColumn(text, at.offset) };
    }
    return problem;
  });
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
