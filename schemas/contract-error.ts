// The error of a document that breaks its contract (a run spec handed to a worker): it names
// the document and every problem by JSON pointer, expected and got, in one message.
import type { SchemaIssue } from './issues.js';

/** A document that does not match its schema; `issues` holds every problem, not just the first. */
export class ContractError extends Error {
  override name = 'ContractError';
  /** Stable and greppable, e.g. `RUN_SPEC_INVALID`. */
  readonly code: string;

  constructor(
    /** What the document is, in words (`run spec`). */
    readonly kind: string,
    /** Where it came from: a file path, or a description. */
    readonly source: string,
    readonly issues: SchemaIssue[],
    code: string,
  ) {
    super(formatIssues(`${kind} ${source}`, issues));
    this.code = code;
  }
}

/** `<what>: /pointer message` for one problem; a count and one indented line each for several. */
export function formatIssues(what: string, issues: SchemaIssue[]): string {
  const line = ({ pointer, message }: SchemaIssue) => `${pointer || '(root)'} ${message}`;
  if (issues.length === 1) return `${what}: ${line(issues[0]!)}`;
  return [`${what}: ${issues.length} problems`, ...issues.map((issue) => `  ${line(issue)}`)].join('\n');
}
