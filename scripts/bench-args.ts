// What the step benchmarks (bench-step, bench-profile, bench-tfjs-options) share around their
// options: an integer option's check, and running a PyTorch twin script with the project's Python
// (or saying why its side is skipped).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { pythonCommand } from '../harness/launch/worker-command.js';
import { PROJECT_ROOT } from '../harness/paths.js';

/** `text` as an integer ≥ `min`; throws naming `--name` otherwise. */
export function intOption(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}; got "${text}"`);
  return n;
}

/** A PyTorch twin's run: what it printed, or why its side is skipped (the line the benchmark prints). */
export type PythonTwinRun = { stdout: string } | { skipped: string };

/** The exit code a twin script ends with when it cannot import PyTorch. */
const NO_TORCH_EXIT = 3;

/**
 * Runs `scripts/<script>` with the project's Python (harness/launch: $SAMBENCH_PYTHON, .venv,
 * python3) and the project root on PYTHONPATH, so it imports the worker's models. Never throws for
 * the twin: a missing script, a missing PyTorch (exit code 3) or a failed run comes back as a skip
 * with its reason and the tail of stderr.
 */
export async function runPythonTwin(script: string, args: string[]): Promise<PythonTwinRun> {
  // Next to this file when run from source, two levels up when run from dist/scripts/.
  const file = [`./${script}`, `../../scripts/${script}`]
    .map((c) => fileURLToPath(new URL(c, import.meta.url)))
    .find((p) => fs.existsSync(p));
  if (file === undefined) return { skipped: `scripts/${script} not found` };
  const env = { PYTHONPATH: [PROJECT_ROOT, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) };
  const result = await execa(pythonCommand(), [file, ...args], { reject: false, env });
  const tail = result.stderr.split('\n').slice(-10).join('\n').trim();
  if (result.exitCode === NO_TORCH_EXIT) return { skipped: `PyTorch not installed: ${tail}` };
  if (result.failed) return { skipped: `${script} failed (${result.shortMessage ?? 'error'}); stderr tail:\n${tail}` };
  return { stdout: result.stdout };
}
