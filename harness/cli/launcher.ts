// Which launcher a bench uses: the command line's --launcher, else the suite's launch.launcher.
// local: one run at a time, or one GPU-using run per GPU on a machine with several; slurm: one
// array job, with the suite's launch.slurm and the command line's --partition/--account/--qos.
import path from 'node:path';
import { sequentialLauncher, type Launcher } from '../launch/index.js';
import { localGpuLauncher, nvidiaSmiProbe } from '../launch/gpu/index.js';
import { batchScript, slurmJobName, slurmDir, slurmLauncher, type SlurmSettings } from '../launch/slurm/index.js';
import type { LoadedSuite } from '../suite/index.js';
import type { CliArgs } from './args.js';
import { resumeCommand } from './resume-command.js';

/** The launcher settings of a bench: `--launcher` (null: the suite's) and `--partition/--account/--qos`. */
export type LauncherChoice = Pick<CliArgs, 'launcher' | 'slurm'>;

/** Where this bench's runs execute: the command line's --launcher, else the suite's launch.launcher. */
export function launcherKind(args: LauncherChoice, loaded: LoadedSuite): 'local' | 'slurm' {
  return args.launcher ?? loaded.suite.launch!.launcher!;
}

// The suite's launch.slurm with the command line's --partition/--account/--qos over it; null for a local bench.
function slurmSettings(args: LauncherChoice, loaded: LoadedSuite): SlurmSettings | null {
  const launch = loaded.suite.launch!;
  if (launcherKind(args, loaded) === 'local') return null;
  return { ...launch.slurm!, exclusive: launch.slurm!.exclusive!, ...args.slurm };
}

// Built before the results folder is made, so a path or setting no script can hold is refused
// (exit 2) before anything is written; --dry-run prints it for review before a real submit.
/**
 * The batch script `--launcher slurm` would submit for every run of `loaded` into `out`, or null
 * for a local bench. @throws UsageError for a value an #SBATCH or shell line cannot hold.
 */
export function plannedBatchScript(args: LauncherChoice, loaded: LoadedSuite, out: string): string | null {
  const settings = slurmSettings(args, loaded);
  if (settings === null || loaded.runs.length === 0) return null;
  const runsDir = path.join(path.resolve(out), 'runs');
  const jobs = loaded.runs.map((spec) => ({ spec, runsDir }));
  return batchScript({ name: slurmJobName(loaded.suite.name), jobs, logDir: slurmDir(runsDir), settings });
}

/** The launcher for this bench of `loaded` into `out` (locally, the GPUs are looked at when a run needs one). */
export async function chooseLauncher(
  args: LauncherChoice,
  loaded: LoadedSuite,
  out: string,
  warn?: (message: string) => void,
): Promise<Launcher> {
  const settings = slurmSettings(args, loaded);
  if (settings === null) return (await localGpuLauncher(loaded.runs, nvidiaSmiProbe, warn)) ?? sequentialLauncher;
  const slurmArgs = Object.entries(args.slurm).flatMap(([key, value]) => [`--${key}`, value]);
  return slurmLauncher({
    suiteName: loaded.suite.name,
    settings,
    resumeCommand: resumeCommand(loaded.file, out, ['--launcher', 'slurm', ...slurmArgs]),
    ...(process.env.SAMBENCH_SLURM_POLL_MS ? { pollMs: Number(process.env.SAMBENCH_SLURM_POLL_MS) } : {}),
  });
}
