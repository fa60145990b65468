// Slurm: takes the pending runs of a bench, gives their outcomes and event logs as a local launch
// would, by way of one `sbatch --array` job on a shared filesystem. Never runs a worker itself.
export { batchScript, sbatchOptions, timeLimitMinutes, type BatchJob, type SlurmSettings } from './batch-script.js';
export { slurmJobName, slurmLauncher, type SlurmLauncherOptions } from './launcher.js';
export { slurmDir } from './record.js';
export { hasEnded, parseSacct, parseScontrol, taskExit, type TaskState } from './task-state.js';
