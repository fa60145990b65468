// The guard of the test tiers (vitest.config.ts): a test file of the unit tier runs in process. It
// starts no process (no execa, no node:child_process, no function of sambench that starts one),
// reads nothing in dist/ (so it needs no build), and runs no Python, .venv, npm pack or npx. Those
// tests belong in the e2e tier, `*.e2e.test.ts` (or `*.chromium.test.ts`): rename the file, or
// move the tests that spawn into an e2e file beside it. It reads the files' text; it loads nothing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from './paths.js';
import { E2E_PATTERNS } from '../vitest.config.js';

const ROOTS = ['harness', 'schemas', 'scripts'];
const rel = (file: string) => path.relative(PROJECT_ROOT, file).split(path.sep).join('/');

function walk(dir: string, keep: (name: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full, keep);
    return keep(entry.name) ? [full] : [];
  });
}

// Every pattern is `*.<suffix>`: a file is in the e2e tier when its name ends with a suffix.
const E2E_SUFFIXES = E2E_PATTERNS.map((pattern) => pattern.slice(1));
const isE2e = (name: string) => E2E_SUFFIXES.some((suffix) => name.endsWith(suffix));
const testFiles = ROOTS.flatMap((root) => walk(path.join(PROJECT_ROOT, root), (name) => name.endsWith('.test.ts')));
const unitFiles = testFiles.filter((file) => !isE2e(path.basename(file)));

// What starts a process or needs the build, as it reads in a test's text.
const FORBIDDEN: [RegExp, string][] = [
  [/(from|import\()\s*['"]execa['"]/, 'imports execa'],
  [/['"](node:)?child_process['"]/, 'imports node:child_process (spawn, spawnSync, execFile, execFileSync, fork)'],
  // path.join(ROOT, 'dist', ...), PROJECT_ROOT + '/dist/...', or an import from ../dist/.
  [/['"`]dist['"`]|PROJECT_ROOT[^\n]*\bdist\/|from ['"]\.[^'"]*\/dist\//, 'names a path into dist/ (the build)'],
  [/\.venv\b/, 'names .venv (the Python of the project)'],
  [/\bnpm pack\b/, 'runs npm pack'],
];
// This file names all of the above; it reads them, it runs none.
const GUARD = path.join(PROJECT_ROOT, 'harness', 'test-tiers.test.ts');

// sambench's own functions that start a process, by the module that exports them; a unit test that
// imports one starts that process. Every module that imports execa or node:child_process is here
// (checked below), with the callers that start workers through them.
const STARTS_PROCESSES: Record<string, string[]> = {
  'harness/bin.ts': [], // the setup-native command, started through resolveCommand's main
  'harness/launch/launch-run.ts': ['launchRun'],
  'harness/launch/launcher.ts': ['launchOne', 'sequentialLauncher'],
  'harness/launch/index.ts': [
    'launchRun',
    'launchOne',
    'sequentialLauncher',
    'processGuard',
    'missingTorch',
    'preflight',
    'probeSuite',
    'runModelProbe',
  ],
  'harness/launch/reaper.ts': ['processGuard', 'chooseGuard', 'reaperGuard', 'programExists'],
  'harness/launch/run-end.ts': ['waitForEnd'],
  'harness/launch/model-probe.ts': ['runModelProbe', 'probeSuite'],
  'harness/launch/preflight.ts': ['missingTorch', 'brokenNativeBinding', 'preflight'],
  'harness/launch/gpu/devices.ts': ['nvidiaSmiProbe'],
  'harness/launch/gpu/index.ts': ['localGpuLauncher'],
  'harness/launch/slurm/cluster.ts': ['submitJob', 'taskStates', 'cancelJob'],
  'harness/launch/slurm/launcher.ts': ['slurmLauncher'],
  'harness/cli/execute.ts': ['executeJobs'],
  'harness/cli/run-bench.ts': ['runBench', 'runInterleavedBenches'],
  'harness/cli/claims/run-claims.ts': ['main'],
  'harness/cli/launcher.ts': ['chooseLauncher'],
  'harness/cli/ab/revisions.ts': ['git', 'checkoutTop', 'resolveRevision'],
  'harness/cli/ab/worktrees.ts': ['prepareWorktree'],
  'harness/provenance.ts': ['gitCommit', 'codeVersion'],
  'harness/fixtures/os-fixtures.ts': ['makeFifo', 'deadPid', 'foreignProcess'],
  'harness/fixtures/cli-process.ts': ['cliIn'],
  'scripts/bench-args.ts': ['runPythonTwin'],
  'scripts/bench-tfjs-options.ts': [],
  'scripts/time-to-verdict.ts': [],
};

// The exceptions, each with its reason: cheap system programs, never a worker, Python or dist/.
const ALLOWED: Record<string, { names: string[]; why: string }> = {
  'harness/fixtures/os-fixtures.ts': {
    names: ['makeFifo', 'deadPid', 'foreignProcess'],
    why: 'Node.js has no mkfifo, and a gone pid or a live process that is not Node.js needs a process: mkfifo, true and sleep, a few ms each',
  },
  'harness/launch/preflight.test.ts': {
    names: ['missingTorch', 'brokenNativeBinding', 'preflight'],
    why: 'the set-up probes on a Python that does not exist or is /bin/false, and a Node.js child that loads the native binding and exits',
  },
  'harness/launch/gpu/gpu-pool.test.ts': {
    names: ['nvidiaSmiProbe', 'localGpuLauncher'],
    why: 'nvidia-smi on a PATH without it (the spawn fails at once); the launcher with a stand-in probe, never launched',
  },
  'harness/provenance.test.ts': { names: ['codeVersion'], why: 'git rev-parse and git status of this checkout, a few ms' },
  'harness/cli/ab/revisions.test.ts': {
    names: ['checkoutTop', 'resolveRevision'],
    why: 'git rev-parse of this checkout (a revision it has and one it lacks), a few ms; a revision starting with - is refused before git starts',
  },
};

// The names a file imports from sambench's modules, with the module (resolved from the project root).
function importedNames(file: string): { module: string; name: string }[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\b)\{([^}]*)\}\s+from\s+['"](\.[^'"]+)['"]/gm)].flatMap(([, names, spec]) => {
    const module = rel(path.resolve(path.dirname(file), spec!)).replace(/\.js$/, '.ts');
    return names!
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n !== '' && !n.startsWith('type '))
      .map((n) => ({ module, name: n.split(/\s+as\s+/)[0]! }));
  });
}

describe('the unit tier starts no process and needs no build', () => {
  test('the tiers split the test files: e2e is *.e2e.test.ts and *.chromium.test.ts, unit the rest', () => {
    expect(E2E_PATTERNS.every((pattern) => /^\*\.[\w.]+$/.test(pattern))).toBe(true);
    expect(unitFiles.length).toBeGreaterThan(50);
    expect(testFiles.length - unitFiles.length).toBeGreaterThan(15);
    expect(unitFiles.map(rel)).toContain('harness/test-tiers.test.ts');
  });

  test('no unit-tier test file spawns, runs Python or npm, or reads dist/', () => {
    const found = unitFiles
      .filter((file) => file !== GUARD)
      .flatMap((file) => {
        const text = fs.readFileSync(file, 'utf8');
        return FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, what]) => `${rel(file)} ${what}`);
      });
    expect(found, 'move these tests to a *.e2e.test.ts file').toEqual([]);
  });

  test('no unit-tier test file calls a function of sambench that starts a process, but for the listed exceptions', () => {
    const found = unitFiles.flatMap((file) =>
      importedNames(file)
        .filter(({ module, name }) => STARTS_PROCESSES[module]?.includes(name))
        .filter(({ module, name }) => !(ALLOWED[rel(file)] ?? ALLOWED[module])?.names.includes(name))
        .map(({ module, name }) => `${rel(file)} imports ${name} from ${module}`),
    );
    expect(found, 'move these tests to a *.e2e.test.ts file').toEqual([]);
  });

  test('every module that can start a process is listed, with names it exports', () => {
    const sources = ROOTS.flatMap((root) =>
      walk(path.join(PROJECT_ROOT, root), (name) => /\.(ts|mts)$/.test(name) && !/\.(test|d)\.ts$/.test(name)),
    );
    const spawning = sources.filter((file) => /from ['"](execa|(node:)?child_process)['"]/.test(fs.readFileSync(file, 'utf8'))).map(rel);
    expect(spawning.filter((file) => !(file in STARTS_PROCESSES))).toEqual([]);
    for (const [module, names] of Object.entries(STARTS_PROCESSES)) {
      const text = fs.readFileSync(path.join(PROJECT_ROOT, module), 'utf8');
      for (const name of names) expect(new RegExp(`export [^\\n]*\\b${name}\\b`).test(text), `${module} exports ${name}`).toBe(true);
    }
    for (const [file, { why }] of Object.entries(ALLOWED)) expect(why, file).not.toBe('');
  });

  // The guard finds what it is meant to find: a spawning file, and a worker-starting import.
  test('it catches a test that spawns and one that starts a worker through launchRun', () => {
    const spawns = "import { spawnSync } from 'node:child_process';\nspawnSync('node', [path.join(ROOT, 'dist', 'x.js')]);";
    expect(FORBIDDEN.filter(([pattern]) => pattern.test(spawns)).map(([, what]) => what.split(' ')[0])).toEqual(['imports', 'names']);
    const dir = fs.mkdtempSync(path.join(PROJECT_ROOT, 'harness', 'launch', '.guard-'));
    try {
      fs.writeFileSync(path.join(dir, 'x.test.ts'), "import { launchRun, type RunOutcome } from '../index.js';\n");
      expect(importedNames(path.join(dir, 'x.test.ts'))).toEqual([{ module: 'harness/launch/index.ts', name: 'launchRun' }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
