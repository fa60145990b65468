// The prefetch thread of openBatchStream (batch-stream.ts): holds the training samples (shared,
// not copied, when they sit in a SharedArrayBuffer) and answers each plan with that batch's
// arrays, built by the same assembleBatch as the main thread's TrainingData.batch.
//
// Protocol. workerData: SampleSource. In: { id: number, plan: BatchPlan }.
// Out: { id, xs, ys } (buffers transferred) or { id, error: string }.
import { parentPort, workerData } from 'node:worker_threads';
import { assembleBatch } from './batch-assembly.mjs';

/** @type {import('./batch-assembly.mjs').SampleSource} */
const source = workerData;

parentPort.on('message', (/** @type {{ id: number, plan: import('./batch-assembly.mjs').BatchPlan }} */ { id, plan }) => {
  try {
    const { xs, ys } = assembleBatch(source, plan);
    parentPort.postMessage({ id, xs, ys }, [xs.buffer, ys.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
