// Keeps harness/ layered (STYLE.md, "Proposed harness/ layout"): stage folders import one way,
// contracts and leaves from everywhere, and the command lines never reach TensorFlow, which
// belongs to the worker process alone. Reads import statements; loads nothing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const HARNESS = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HARNESS);

// Data-flow order: a stage may import the stages before it, never one after it.
const STAGES = ['suite', 'launch', 'measure', 'report', 'compare', 'history'] as const;
type Area = (typeof STAGES)[number] | 'cli' | 'worker' | 'sam' | 'stats' | 'leaf' | 'entry' | 'contract';
// What each area may import besides itself, leaves and contracts.
const MAY_IMPORT: Record<Area, readonly Area[]> = {
  ...(Object.fromEntries(STAGES.map((s, i) => [s, STAGES.slice(0, i)])) as Record<(typeof STAGES)[number], Area[]>),
  // SAM's settings type (sam/options.ts, TF-free) is part of a RunSpec until contracts move to schemas/.
  suite: ['sam'],
  // The composition root: cli.ts and cli/ run the stages in order; nothing imports them.
  cli: STAGES,
  // A process of its own: it trains with sam/ and reads its RunSpec (a contract).
  worker: ['sam'],
  sam: [],
  // Pure statistics (quantiles, bootstrap, rank tests, (r − 1)/k): every area may import it; it imports only leaves.
  stats: [],
  leaf: [],
  // schemas/ (top level): types generated from JSON Schemas import only each other.
  contract: [],
  // The library entry (package.json "exports"): the SAM optimizer, the backend loader, and bench()
  // (cli/bench.ts, the bench the CLI runs, minus printing), loadResults() and compare() with their types.
  entry: ['sam', 'worker', 'cli', 'compare', 'measure', 'report', 'suite'],
};
// Single files another area may import, and why.
const ALLOWED_FILES: Record<string, readonly Area[]> = {
  // The install hints the worker repeats when a native backend is installed but does not load.
  'launch/setup-hints.ts': ['worker'],
};
const LEAVES = new Set([
  'errors.ts',
  'paths.ts',
  'prng.ts',
  'command-line.ts',
  'output-file.ts',
  'processes.ts',
  'provenance.ts',
  'file-kind.ts',
  'control-characters.ts',
  'terminal-output.ts',
  'read-file.ts',
  'npy.ts',
  'npz.ts',
  'numpy-arrays.ts',
  'safe-name.ts',
]);
const FOLDERS = new Set<string>([...STAGES, 'cli', 'worker', 'sam', 'stats']);
// Entry points that run in the parent process: TensorFlow must stay out of them.
const COMMAND_LINES = ['bin.ts', 'cli.ts', 'compare/cli.ts', 'compare/baseline-cli.ts'];
// Top-level files that compose the stages: the bench command, and the `sambench` bin that dispatches to every command.
const COMPOSITION_ROOTS = new Set(['cli.ts', 'bin.ts']);

// Writing to the terminal: console.*, a write to process.stdout or process.stderr, or a readline
// prompt on either. Only the sink (terminal-output.ts) may, as it strips control characters.
const TERMINAL_WRITE = /\bconsole\.\w+\(|\bprocess\.(?:stdout|stderr)\.write\(|\boutput:\s*process\.(?:stdout|stderr)\b/;
// Files and folders that write to the terminal without the sink, and why.
const TERMINAL_EXEMPT: Record<string, string> = {
  'terminal-output.ts': 'the sink itself: it strips control characters, then writes',
  // Another process: its stdout is JSONL events (data the launcher parses, never shown raw), and
  // its stderr goes to the run's stderr log, whose tail reaches the terminal through the sink.
  'worker/': 'the worker process: events on stdout, a log on stderr, neither printed raw',
};

/** One import statement: the importing file (relative to harness/), what it names, and whether only types cross. */
interface Edge {
  from: string;
  specifier: string;
  to: string | null;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name) ? [full] : [];
  });
}

// './x.js' names x.ts in the source tree; files outside harness/ (schemas/) keep a ../ path.
function resolveLocal(fromFile: string, specifier: string): string {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), base];
  const found = candidates.find((c) => fs.existsSync(c)) ?? base;
  return path.relative(HARNESS, found).split(path.sep).join('/');
}

const STATIC = /^\s*(import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Edge[] {
  const text = fs.readFileSync(file, 'utf8');
  const from = path.relative(HARNESS, file).split(path.sep).join('/');
  const found = [
    ...[...text.matchAll(STATIC)].map((m) => ({ specifier: m[3]!, typeOnly: m[2] !== undefined })),
    ...[...text.matchAll(DYNAMIC)].map((m) => ({ specifier: m[1]!, typeOnly: false })),
  ];
  return found.map(({ specifier, typeOnly }) => ({
    from,
    specifier,
    to: specifier.startsWith('.') ? resolveLocal(file, specifier) : null,
    typeOnly,
  }));
}

function areaOf(file: string): Area | null {
  if (file.startsWith('../schemas/')) return 'contract';
  const [head, ...rest] = file.split('/');
  if (rest.length === 0) return LEAVES.has(head!) ? 'leaf' : COMPOSITION_ROOTS.has(head!) ? 'cli' : head === 'index.ts' ? 'entry' : null;
  return FOLDERS.has(head!) ? (head as Area) : null;
}

// Contracts: the top-level schemas/ folder (JSON Schemas, their generated types, validators).
function isContract(file: string): boolean {
  return file.startsWith('../schemas/');
}

/** Why the edge breaks the layering, or null when it is allowed. */
function violation(from: string, to: string): string | null {
  const source = areaOf(from);
  if (source === null) return `${from} is in no layer; add its folder or file to MAY_IMPORT in harness/layering.test.ts`;
  if (isContract(to)) return null;
  const target = areaOf(to);
  if (target === null) return `${to} is in no layer (not a stage folder, leaf or contract)`;
  if (target === source || target === 'leaf' || target === 'stats' || MAY_IMPORT[source].includes(target)) return null;
  if (ALLOWED_FILES[to]?.includes(source)) return null;
  const label = source === 'leaf' || source === 'entry' ? from : source === 'contract' ? 'schemas/' : `${source}/`;
  return `${label} may not import ${target}/`;
}

const schemas = path.join(ROOT, 'schemas');
const files = [...sourceFiles(HARNESS), ...(fs.existsSync(schemas) ? sourceFiles(schemas) : [])];
const edges = files.flatMap(importsOf);

describe('harness/ layering', () => {
  test('the import reader finds what cli.ts imports (so the rules below are not vacuous)', () => {
    const fromCli = edges.filter((e) => e.from === 'cli.ts').map((e) => e.to ?? e.specifier);
    expect(fromCli).toEqual(expect.arrayContaining(['suite/index.ts', 'cli/bench.ts', 'errors.ts', 'node:path']));
    expect(edges.filter((e) => e.from === 'suite/load.ts' && e.typeOnly).length).toBeGreaterThan(0);
  });

  test.each([
    ['compare/cli.ts', 'cli/args.ts', 'compare/ may not import cli/'],
    ['launch/launch-run.ts', 'worker/main.ts', 'launch/ may not import worker/'],
    ['cli.ts', 'worker/backend.ts', 'cli/ may not import worker/'],
    ['measure/reduce.ts', 'report/table.ts', 'measure/ may not import report/'],
    ['stats/bootstrap.ts', 'measure/reduce.ts', 'stats/ may not import measure/'],
    ['compare/metrics.ts', 'stats/index.ts', null],
    ['history/t-test.ts', 'stats/index.ts', null],
    ['compare/metrics.ts', 'history/series.ts', 'compare/ may not import history/'],
    ['errors.ts', 'suite/index.ts', 'errors.ts may not import suite/'],
    ['report/csv.ts', 'measure/index.ts', null],
    ['compare/metrics.ts', 'worker/events.generated.ts', 'compare/ may not import worker/'],
    ['launch/run-files.ts', '../schemas/events.generated.ts', null],
    ['worker/train.ts', 'sam/index.ts', null],
    ['worker/backend.ts', 'launch/setup-hints.ts', null],
    ['worker/backend.ts', 'launch/preflight.ts', 'worker/ may not import launch/'],
    ['../schemas/run-spec.generated.ts', 'suite/index.ts', 'schemas/ may not import suite/'],
    ['launch/launch-run.ts', '../scripts/bench-step.ts', '../scripts/bench-step.ts is in no layer (not a stage folder, leaf or contract)'],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(violation(from, to)).toBe(expected);
  });

  test('stages import one way (cli → suite → launch → measure → report → compare); leaves, contracts from anywhere', () => {
    const broken = edges
      .filter((e) => e.to !== null)
      .flatMap((e) => {
        const why = violation(e.from, e.to!);
        return why === null ? [] : [`${e.from} → ${e.to}: ${why}`];
      });
    expect(broken).toEqual([]);
  });

  test.each(COMMAND_LINES)('%s never reaches a @tensorflow/* package', (entry) => {
    const reached: string[] = [];
    const seen = new Set<string>();
    const visit = (file: string, chain: string[]): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const edge of edges.filter((e) => e.from === file && !e.typeOnly)) {
        if (edge.specifier.startsWith('@tensorflow/')) reached.push([...chain, file, edge.specifier].join(' → '));
        else if (edge.to !== null) visit(edge.to, [...chain, file]);
      }
    };
    visit(entry, []);
    expect(reached).toEqual([]);
  });

  test.each([
    ['console.error(`x`)', true],
    ['process.stdout.write(text)', true],
    ['process.stderr.write(`${x}\\n`)', true],
    ['readline.createInterface({ input: process.stdin, output: process.stderr })', true],
    ['printErr(`x`)', false],
    ['terminalFor(process.stdout)', false],
  ])('the terminal-write reader: %s → %s', (line, writes) => {
    expect(TERMINAL_WRITE.test(line)).toBe(writes);
  });

  test('only terminal-output.ts writes to the terminal (so every line is stripped of control characters)', () => {
    const writers = files
      .map((file) => path.relative(HARNESS, file).split(path.sep).join('/'))
      .filter((file) => !file.startsWith('../') && !Object.keys(TERMINAL_EXEMPT).some((exempt) => file.startsWith(exempt)))
      .flatMap((file) =>
        fs
          .readFileSync(path.join(HARNESS, file), 'utf8')
          .split('\n')
          .flatMap((line, i) => (TERMINAL_WRITE.test(line) && !/^\s*(\/\/|\*)/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(writers).toEqual([]);
  });
});

// Every read of a file sambench did not just write goes through harness/read-file.ts, which never
// blocks on a FIFO, never reads a device, and bounds the size (issue 22, class 5).
describe('file reads', () => {
  // Calls that open or read a file by its path; a write (flag 'w', 'wx', 'a') is not a read.
  const READ_CALL = /\b(readFileSync|readFile|createReadStream|openSync|open)\s*\(/;
  const WRITE_FLAG = /,\s*'(w|wx|a|ax)'\s*\)/;
  // [file (from the project root), a text on the line, why it may read directly].
  const ALLOWED: ReadonlyArray<readonly [string, string, string]> = [
    ['harness/read-file.ts', 'fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)', 'the guarded helper itself'],
    ['harness/read-file.ts', 'fs.createReadStream(file, { fd, autoClose: true })', 'streams the descriptor the helper checked'],
    ['schemas/load.ts', 'readFileSync(path.join(SCHEMAS_DIR', "sambench's own packaged JSON Schemas"],
    ['schemas/registry.ts', "readFileSync(path.join(SCHEMAS_DIR, 'registry'", "sambench's own packaged registries"],
    ['scripts/generate-registry.mjs', 'fs.readFileSync(path.join(root, file)', "sambench's own registries and schemas"],
    ['harness/report/html/assets.ts', "require.resolve('chart.js')", "sambench's dependency chart.js, packaged"],
    ['harness/report/html/assets.ts', 'path.join(CLIENT_DIR, f)', "sambench's own packaged client scripts"],
    ['harness/provenance.ts', "path.join(PROJECT_ROOT, 'package.json')", "sambench's own package.json"],
    ['harness/worker/backend.ts', 'fs.readFileSync(record', 'the record setup-native.mjs wrote inside node_modules'],
    ['harness/launch/machine-load.ts', "'/proc/stat'", 'the kernel’s procfs, not a user file'],
    ['scripts/generate-types.mjs', 'path.join(root, schemaPath)', "sambench's own schemas"],
    ['scripts/generate-types.mjs', 'fs.readFileSync(file', 'the generated file it writes'],
    ['scripts/bench-profile.ts', 'fs.readFileSync(out', 'the profile the script just had written into its own temporary folder'],
    [
      'harness/output-file.ts',
      'fs.openSync(file, APPEND_FLAGS',
      'appends (history.jsonl): opened non-blocking and fstat-checked for a regular file',
    ],
    ['harness/processes.ts', '`/proc/${pid}/stat`', 'the kernel’s procfs, not a user file'],
    ['harness/processes.ts', '`/proc/${pid}/cmdline`', 'the kernel’s procfs, not a user file'],
    ['scripts/generate-suite-docs.mjs', 'path.join(root, SCHEMA)', "sambench's own schema"],
    ['scripts/generate-suite-docs.mjs', 'fs.readFileSync(file', 'the generated page it writes'],
    ['scripts/generate-api-docs.mjs', 'fs.readFileSync(a).equals', 'the API pages it generated and the committed ones'],
    ['scripts/pack-manifest.mjs', 'fs.readFileSync(manifest', "sambench's own package.json, when npm packs it"],
    ['scripts/setup-native.mjs', 'with z.open(info) as src', 'Python in a heredoc: a member of the wheel it just downloaded'],
  ];
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return ['node_modules', 'fixtures'].includes(entry.name) ? [] : sources(full);
      return /\.(ts|mts|mjs)$/.test(entry.name) && !/\.(test|d)\.(ts|mts)$/.test(entry.name) ? [full] : [];
    });
  const lines = ['harness', 'schemas', 'scripts'].flatMap((dir) =>
    sources(path.join(ROOT, dir)).flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((text, i) => ({ file: path.relative(ROOT, file).split(path.sep).join('/'), line: i + 1, text })),
    ),
  );
  const reads = lines.filter(({ text }) => READ_CALL.test(text) && !WRITE_FLAG.test(text) && !/^\s*(\/\/|\*)/.test(text));
  const allowed = (r: { file: string; text: string }) => ALLOWED.some(([file, snippet]) => file === r.file && r.text.includes(snippet));

  test('the scan finds the reads it should (so the rule below is not vacuous)', () => {
    expect(reads.map((r) => r.file)).toEqual(expect.arrayContaining(['harness/read-file.ts', 'schemas/load.ts']));
  });

  test('no file is opened or read outside harness/read-file.ts, except the allowed ones (each says why)', () => {
    const direct = reads.filter((r) => !allowed(r)).map((r) => `${r.file}:${r.line}: ${r.text.trim()}`);
    expect(direct).toEqual([]);
  });

  test('every allowed read is still there (a stale entry would allow a new read unseen)', () => {
    const stale = ALLOWED.filter(([file, snippet]) => !reads.some((r) => r.file === file && r.text.includes(snippet)));
    expect(stale).toEqual([]);
  });
});
