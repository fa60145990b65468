// The command the user is told to run to resume a bench (after Ctrl-C, a crash, or --export),
// written so that it works where they are: `npm run bench -- …` when this bench was started that
// way in a sambench checkout, else `npx sambench bench …`, which runs the package's bin both in a
// checkout and in a project that depends on sambench.
import { refuseControl } from '../control-characters.js';
import { shellWord } from '../launch/index.js';

/** Whether this process is sambench's own `npm run bench` (npm names the script and the package). */
function startedByNpmRunBench(env: NodeJS.ProcessEnv): boolean {
  return env.npm_lifecycle_event === 'bench' && env.npm_package_name === 'sambench';
}

// Each word quoted (shellWord), so a space, quote or `$(…)` stays in its word; a control
// character is refused, as it would end the line the user copies (the command line refuses it first).
/** The shell command that resumes the bench of `suiteFile` into `out`, with `extra` arguments after `--resume`. @throws UsageError for a control character. */
export function resumeCommand(suiteFile: string, out: string, extra: readonly string[] = [], env = process.env): string {
  refuseControl('the suite file', suiteFile, 'the resume command');
  refuseControl('--out', out, 'the resume command');
  for (const word of extra) refuseControl(`the resume command's ${JSON.stringify(word)}`, word, 'the resume command');
  const command = startedByNpmRunBench(env) ? ['npm', 'run', 'bench', '--'] : ['npx', 'sambench', 'bench'];
  return [...command, suiteFile, '--out', out, '--resume', ...extra].map(shellWord).join(' ');
}
