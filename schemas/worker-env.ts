// Environment variables a worker reads: part of its contract with whoever starts it (the
// launcher, calibrate, tests), like the run spec and the events. The Python worker reads the same names.

/** The fraction by which a worker makes every timed step slower on purpose (0.1 = 10 %; calibration and tests). */
export const INJECT_SLOWDOWN_ENV = 'SAMBENCH_INJECT_SLOWDOWN';

/** The pid of the launcher that started the worker; the worker stops when that process is gone (no orphans after a kill -9). */
export const LAUNCHER_PID_ENV = 'SAMBENCH_LAUNCHER_PID';
