// What `sambench ab` accepts as a revision before git sees it: git decides what names a commit,
// but a word that starts with `-` would read as an option of git, and a control character has no
// place in a revision (it would reach the terminal and the messages): both are refused here.
import { firstControl } from '../../control-characters.js';
import { UsageError } from '../../errors.js';

// Refused as a UsageError (exit 2) naming the argument, what was expected and the value.
/** `rev` as given, when it can be handed to git as a revision; `which` names the argument (e.g. `<rev-a>`). */
export function checkRevisionName(rev: string, which: string): string {
  const expected = 'a git revision (a commit, branch, tag or an expression such as HEAD~1)';
  if (rev.trim() === '') throw new UsageError(`${which} must be ${expected}; got an empty string`);
  if (rev.startsWith('-')) throw new UsageError(`${which} must be ${expected}, not an option; got ${JSON.stringify(rev)}`);
  const control = firstControl(rev);
  if (control !== null) throw new UsageError(`${which} must be ${expected}; got one with ${control}: ${JSON.stringify(rev)}`);
  return rev;
}
