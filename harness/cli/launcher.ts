// Which launcher a bench uses: the command line's --launcher, else the suite's launch.launcher.
// local: one run at a time, or one GPU-using run per GPU on a machine with several; slurm: one
// array job, with the suite's launch.slurm and the command line's --partition/--account/--qos.
import { sequentialLauncher, type Launcher } from '../launch/index.js';
import { localGpuLauncher } from '../launch/gpu/index.js';
import { slurmLauncher } from '../launch/slurm/index.js';
import type { LoadedSuite } from '../suite/index.js';
import type { CliArgs } from './args.js';
import { resumeCommand } from './resume-command.js';

/** Where this bench's runs execute: the command line's --launcher, else the suite's launch.launcher. */
export function launcherKind(args: CliArgs, loaded: LoadedSuite): 'local' | 'slurm' {
  return args.launcher ?? loaded.suite.launch!.launcher!;
}

/** The launcher for this bench of `loaded` into `out` (locally, the GPUs are looked at when a run needs one). */
export async function chooseLauncher(args: CliArgs, loaded: LoadedSuite, out: string): Promise<Launcher> {
  const launch = loaded.suite.launch!;
  if (launcherKind(args, loaded) === 'local') return (await localGpuLauncher(loaded.runs)) ?? sequentialLauncher;
  const slurmArgs = Object.entries(args.slurm).flatMap(([key, value]) => [`--${key}`, value]);
  return slurmLauncher({
    suiteName: loaded.suite.name,
    settings: { ...launch.slurm!, exclusive: launch.slurm!.exclusive!, ...args.slurm },
    resumeCommand: resumeCommand(loaded.file, out, ['--launcher', 'slurm', ...slurmArgs]),
    ...(process.env.SAMBENCH_SLURM_POLL_MS ? { pollMs: Number(process.env.SAMBENCH_SLURM_POLL_MS) } : {}),
  });
}
