// The command the user is told to run to resume a bench (after Ctrl-C, a crash, or --export),
// written so that it works where they are: `npm run bench -- …` when this bench was started that
// way in a sambench checkout, else `npx sambench bench …`, which runs the package's bin both in a
// checkout and in a project that depends on sambench.
import { shellWord } from '../launch/index.js';

/** Whether this process is sambench's own `npm run bench` (npm names the script and the package). */
function startedByNpmRunBench(env: NodeJS.ProcessEnv): boolean {
  return env.npm_lifecycle_event === 'bench' && env.npm_package_name === 'sambench';
}

/** The shell command that resumes the bench of `suiteFile` into `out`, with `extra` arguments after `--resume`. */
export function resumeCommand(suiteFile: string, out: string, extra: readonly string[] = [], env = process.env): string {
  const command = startedByNpmRunBench(env) ? ['npm', 'run', 'bench', '--'] : ['npx', 'sambench', 'bench'];
  return [...command, suiteFile, '--out', out, '--resume', ...extra].map(shellWord).join(' ');
}
