// How busy the machine was while a run measured: from /proc/stat's CPU counters at the first
// measured step and at the end, less the worker's own CPU time (its steps' cpuMs). Other work
// on a shared machine is the main source of process-to-process noise (docs/statistics.md, "Noise").
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { MachineEvent, WorkerEvent } from '../../schemas/index.js';

/** Cumulative CPU counters of all cores (clock ticks), as /proc/stat's `cpu` line gives them. */
export interface CpuTicks {
  /** user + nice + system + irq + softirq. */
  busy: number;
  /** Ticks the hypervisor gave to other guests. */
  steal: number;
  /** Every tick: busy, idle, iowait and steal. */
  total: number;
}

/** The machine's load over a window, as shares of all cores' time (0–1). */
export interface MachineLoad {
  /** Busy share of all cores, this run included. */
  busyShare: number;
  /** Share the worker itself used (its steps' CPU time over the window's core time). */
  ownShare: number;
  /** busyShare − ownShare: what other processes took (never below 0). */
  otherShare: number;
  /** Share stolen by the hypervisor. */
  stealShare: number;
  /** The 1-minute load average at the end of the window. */
  loadAverage: number;
}

/** Above this share of other processes' CPU a run is flagged as measured on a busy machine. */
export const BUSY_MACHINE_SHARE = 0.25;

/** The counters of /proc/stat's aggregate `cpu` line; null when the text has none. */
export function parseProcStat(text: string): CpuTicks | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user + nice + system + irq + softirq;
  return { busy, steal, total: busy + idle + iowait + steal };
}

/** The current counters, or null where there is no /proc/stat (not Linux). */
export function readCpuTicks(): CpuTicks | null {
  try {
    return parseProcStat(fs.readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The load between two readings, given the worker's own CPU time in the window.
 * @param ownCpuMs CPU time of the worker's steps between the readings.
 * @param wallMs wall-clock length of the window; with `cores` it gives the window's core time.
 */
export function machineLoad(
  start: CpuTicks,
  end: CpuTicks,
  ownCpuMs: number,
  wallMs: number,
  cores = os.availableParallelism(),
): MachineLoad | null {
  const total = end.total - start.total;
  if (total <= 0 || wallMs <= 0) return null;
  const busyShare = (end.busy - start.busy) / total;
  const ownShare = Math.min(1, ownCpuMs / (wallMs * cores));
  return {
    busyShare,
    ownShare,
    otherShare: Math.max(0, busyShare - ownShare),
    stealShare: (end.steal - start.steal) / total,
    loadAverage: os.loadavg()[0] ?? 0,
  };
}

/** Follows a run's events and measures the machine's load from its first measured step to its `done`. */
export class LoadWindow {
  private start: { ticks: CpuTicks; ms: number } | null = null;
  private ownCpuMs = 0;
  private end: { ticks: CpuTicks; ms: number } | null = null;

  /** Takes the next event of the run, in order. */
  observe(event: WorkerEvent): void {
    if (event.type === 'step' && !event.warmup) {
      if (this.start === null) {
        const ticks = readCpuTicks();
        // The first measured step already ran: count the window from its start.
        if (ticks) this.start = { ticks, ms: performance.now() - event.ms };
      }
      this.ownCpuMs += event.cpuMs ?? 0;
    } else if (event.type === 'done') {
      const ticks = readCpuTicks();
      if (ticks) this.end = { ticks, ms: performance.now() };
    }
  }

  /** The `machine` event of the window; null when it saw no measured step or no `done`, or off Linux. */
  event(): MachineEvent | null {
    if (!this.start || !this.end) return null;
    const load = machineLoad(this.start.ticks, this.end.ticks, this.ownCpuMs, this.end.ms - this.start.ms);
    return load && { type: 'machine', ...load };
  }
}
