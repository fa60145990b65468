#!/usr/bin/env node
// `npm run calibrate -- <suite.json>`: measures this machine's noise floor for a suite — pairs of
// benches, compared as `compare` would, A/A or with a known injected slowdown — and writes
// calibration.json beside the benches. Sets process.exitCode and returns.
import path from 'node:path';
import { printEarlyExit, runIfEntry } from '../command-line.js';
import { performance } from 'node:perf_hooks';
import { COMPARE_DEFAULTS, compareBenches } from '../compare/index.js';
import { ExitCode } from '../errors.js';
import { INJECT_SLOWDOWN_ENV } from '../../schemas/index.js';
import { preflight, probeSuite } from '../launch/index.js';
import { loadSuite, type LoadedSuite } from '../suite/index.js';
import { CALIBRATE_USAGE, parseCalibrateArgs, type CalibrateArgs } from './calibrate-args.js';
import { formatCalibration, summarizeCalibration, type CalibrationPair } from './calibration.js';
import { defaultOutDir, prepareOutDir } from './out-dir.js';
import { refuseForeignFolder } from './out-owner.js';
import { stopOnSignals } from './stop-signals.js';
import { runBench, runInterleavedBenches } from './run-bench.js';
import { writeOutputFile } from '../output-file.js';
import { printErr, printOut } from '../terminal-output.js';

/** Runs `calibrate` on argv (without node and script); returns the exit code. @throws SambenchError for bad input (exit 2). */
export async function main(argv: string[]): Promise<number> {
  const args = parseCalibrateArgs(argv);
  if (typeof args === 'string') return printEarlyExit(args, CALIBRATE_USAGE);
  const loaded = loadSuite(args.suiteFile);
  preflight(loaded);
  await probeSuite(loaded);
  const root = path.resolve(args.out ?? defaultOutDir(loaded.suite.name, 'calibrate-'));
  refuseForeignFolder(root, loaded.file, false);
  const signals = stopOnSignals('sambench calibrate');
  try {
    return await calibrate(args, loaded, root);
  } finally {
    signals.dispose();
  }
}

// The pairs of benches into `root`, then calibration.json.
async function calibrate(args: CalibrateArgs, loaded: LoadedSuite, root: string): Promise<number> {
  const minEffect = args.minEffect ?? loaded.suite.regression?.minEffect ?? COMPARE_DEFAULTS.minEffect;
  const injected = args.inject > 0 ? { [INJECT_SLOWDOWN_ENV]: String(args.inject) } : undefined;
  const pairs: CalibrationPair[] = [];
  for (let i = 1; i <= args.pairs; i++) {
    const started = performance.now();
    const outs: [string, string] = [
      prepareOutDir(path.join(root, `pair-${i}`, 'a'), false, loaded),
      prepareOutDir(path.join(root, `pair-${i}`, 'b'), false, loaded),
    ];
    const [a, b] = args.interleave
      ? await runInterleavedBenches(loaded, outs, [{}, injected ? { env: injected } : {}])
      : [
          await runBench(loaded, outs[0], { resume: false }),
          await runBench(loaded, outs[1], { resume: false, ...(injected ? { env: injected } : {}) }),
        ];
    const comparison = compareBenches(a, b, { minEffect });
    pairs.push({ seconds: (performance.now() - started) / 1000, comparison });
    const flagged = comparison.configurations.filter((c) => c.regressed).map((c) => c.id);
    printErr(
      `sambench calibrate: pair ${i}/${args.pairs}: ${flagged.length ? `regression flagged in ${flagged.join(', ')}` : 'no regression flagged'}`,
    );
  }
  const calibration = summarizeCalibration(loaded.suite.name, pairs, args.inject, minEffect, args.interleave);
  writeOutputFile(path.join(root, 'calibration.json'), `${JSON.stringify(calibration, null, 2)}\n`);
  printOut(`\n${formatCalibration(calibration)}\n\nbenches and calibration.json: ${root}`);
  return ExitCode.ok;
}

runIfEntry(import.meta.url, 'sambench calibrate', main, CALIBRATE_USAGE);
