// What the step benchmarks (bench-step, bench-profile, bench-tfjs-options) share around their
// options: an integer option's check, and running a PyTorch twin script with the project's Python.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Result } from 'execa';
import { pythonCommand } from '../harness/launch/worker-command.js';
import { PROJECT_ROOT } from '../harness/paths.js';

/** `text` as an integer ≥ `min`; throws naming `--name` otherwise. */
export function intOption(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}; got "${text}"`);
  return n;
}

/**
 * Runs `scripts/<script>` with the project's Python (harness/launch: $SAMBENCH_PYTHON, .venv,
 * python3) and the project root on PYTHONPATH, so it imports the worker's models. Exit code 3
 * means PyTorch is not installed; the result is returned as is (no throw), or null when the script
 * is missing.
 */
export async function runPythonTwin(script: string, args: string[]): Promise<Result<{ reject: false }> | null> {
  // Next to this file when run from source, two levels up when run from dist/scripts/.
  const file = [`./${script}`, `../../scripts/${script}`]
    .map((c) => fileURLToPath(new URL(c, import.meta.url)))
    .find((p) => fs.existsSync(p));
  if (file === undefined) return null;
  const env = { PYTHONPATH: [PROJECT_ROOT, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) };
  return execa(pythonCommand(), [file, ...args], { reject: false, env });
}
