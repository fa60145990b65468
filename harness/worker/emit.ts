// The worker's only channel to the launcher: one JSON line per event on stdout.
import type { WorkerEvent } from '../../schemas/index.js';

/** Writes one event line; stdout carries nothing else. */
export function emit(event: WorkerEvent): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}
