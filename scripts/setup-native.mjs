#!/usr/bin/env node
// Makes `@tensorflow/tfjs-node` load with a native libtensorflow, on machines that can
// reach Google storage (tfjs-node's own install) and on those that cannot (libtensorflow
// taken from the `tensorflow-cpu` wheel on PyPI, binding built with node-gyp).
// Runs from this checkout's `prepare` (after `npm ci`), and as `npx sambench setup` in a project
// that depends on sambench; safe to run again (`npm run setup` here).
//
// Environment:
//   SAMBENCH_TF_SOURCE = auto (default) | download | wheel | skip
//   SAMBENCH_CACHE     = cache folder (default $XDG_CACHE_HOME/sambench or ~/.cache/sambench)
//   SAMBENCH_TF_WHEEL_VERSION = tensorflow-cpu version (default below)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureWritableCache, nativeCacheRoot, SetupEnvironmentError } from './native-cache.mjs';

const TF_WHEEL_VERSION = process.env.SAMBENCH_TF_WHEEL_VERSION ?? '2.21.0';
const NAPI_BUILD_VERSION = 8; // highest N-API version tfjs-node 4.22 declares
const DOWNLOAD_TIMEOUT_MS = 180_000;

const require = createRequire(import.meta.url);
// In a checkout `npm run setup`; in a project that depends on sambench `npx sambench setup`.
const RERUN = fs.existsSync(new URL('../.git', import.meta.url)) ? 'npm run setup' : 'npx sambench setup';

function log(message) {
  console.error(`[sambench setup] ${message}`);
}

// tfjs-node is an optional peer dependency of the package: a project that installs sambench
// adds it itself.
function resolveTfjsNode() {
  try {
    return path.dirname(require.resolve('@tensorflow/tfjs-node/package.json'));
  } catch {
    log(
      'FAILED: @tensorflow/tfjs-node is not installed; install it with its own download script denied ' +
        '(`"allowScripts": { "@tensorflow/tfjs-node": false }` in package.json, or `npm install --ignore-scripts`), ' +
        `then run \`${RERUN}\`.`,
    );
    process.exit(2);
  }
}

const tfjsNodeDir = resolveTfjsNode();
const tfjsNodeVersion = require('@tensorflow/tfjs-node/package.json').version;
const recordPath = path.join(tfjsNodeDir, 'deps', 'sambench-native.json');
const cacheRoot = nativeCacheRoot();

// Loads tfjs-node in a fresh process (a failed dlopen must not poison this one).
function probeNative() {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const tf = require(${JSON.stringify(tfjsNodeDir)});
       process.stdout.write(JSON.stringify({ backend: tf.getBackend(), tf: tf.backend().binding.TF_Version }));`,
    ],
    { encoding: 'utf8', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' } },
  );
  if (probe.status !== 0) return { ok: false, detail: lastLines(probe.stderr) };
  const loaded = JSON.parse(probe.stdout);
  return { ok: loaded.backend === 'tensorflow', ...loaded };
}

function lastLines(text, n = 6) {
  return (text ?? '').trim().split('\n').slice(-n).join('\n');
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw new Error(`${cmd} could not start: ${result.error.message}`);
  return result.status === 0;
}

function writeRecord(source, tfVersion) {
  fs.mkdirSync(path.dirname(recordPath), { recursive: true });
  const record = { source, tensorflow: tfVersion, tfjsNode: tfjsNodeVersion, date: new Date().toISOString() };
  if (source === 'wheel') record.wheel = `tensorflow-cpu==${TF_WHEEL_VERSION}`;
  fs.writeFileSync(recordPath, `${JSON.stringify(record, null, 2)}\n`);
}

// tfjs-node's standard route: download libtensorflow + a prebuilt binding.
function tryStandardInstall() {
  log("trying tfjs-node's own install (downloads libtensorflow)...");
  const result = spawnSync(process.execPath, ['scripts/install.js'], {
    cwd: tfjsNodeDir,
    timeout: DOWNLOAD_TIMEOUT_MS,
    encoding: 'utf8',
  });
  if (result.status === 0) return true;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const reason = result.error?.message ?? output.match(/Error: .*/)?.[0] ?? `exit code ${result.status}`;
  // Expected offline and wherever Google storage is out of reach: the wheel route follows.
  log(`tfjs-node's own download did not work here (${reason}); that is expected offline, not an error`);
  return false;
}

function findPython() {
  for (const candidate of [process.env.PYTHON, 'python3', 'python'].filter(Boolean)) {
    const check = spawnSync(candidate, ['-m', 'pip', '--version'], { encoding: 'utf8' });
    if (check.status === 0) return candidate;
  }
  throw new Error('Python 3 with pip is needed to fetch the tensorflow-cpu wheel; install python3 and python3-pip.');
}

// Extracts libtensorflow_cc/_framework and the C headers from the wheel into `tfDir`.
function fetchWheelLibrary(tfDir) {
  const python = findPython();
  const wheelDir = path.join(cacheRoot, 'wheels');
  fs.mkdirSync(wheelDir, { recursive: true });
  log(`downloading tensorflow-cpu==${TF_WHEEL_VERSION} from PyPI (about 270 MB, once)...`);
  const ok = run(python, [
    '-m',
    'pip',
    'download',
    '--no-deps',
    '--only-binary=:all:',
    '--disable-pip-version-check',
    '-d',
    wheelDir,
    `tensorflow-cpu==${TF_WHEEL_VERSION}`,
  ]);
  if (!ok) throw new Error(`pip could not download tensorflow-cpu==${TF_WHEEL_VERSION}`);
  const wheel = fs.readdirSync(wheelDir).find((f) => f.startsWith(`tensorflow_cpu-${TF_WHEEL_VERSION}-`) && f.endsWith('.whl'));
  if (!wheel) throw new Error(`no tensorflow_cpu-${TF_WHEEL_VERSION} wheel in ${wheelDir}`);
  log(`extracting libtensorflow and headers from ${wheel}...`);
  const staging = `${tfDir}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  const extract = `
import sys, zipfile, os, shutil
wheel, out = sys.argv[1], sys.argv[2]
libs = {'tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2'}
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        name = info.filename
        if name in libs:
            target = os.path.join(out, 'lib', os.path.basename(name))
        elif name.startswith('tensorflow/include/') and not name.endswith('/'):
            target = os.path.join(out, 'include', name[len('tensorflow/include/'):])
        else:
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(info) as src, open(target, 'wb') as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
`;
  if (!run(python, ['-c', extract, path.join(wheelDir, wheel), staging])) {
    throw new Error(`could not extract ${wheel}`);
  }
  // The C API lives in libtensorflow_cc; the binding links with -ltensorflow.
  fs.symlinkSync('libtensorflow_cc.so.2', path.join(staging, 'lib', 'libtensorflow.so'));
  fs.symlinkSync('libtensorflow_framework.so.2', path.join(staging, 'lib', 'libtensorflow_framework.so'));
  fs.rmSync(tfDir, { recursive: true, force: true });
  fs.renameSync(staging, tfDir);
  fs.rmSync(path.join(wheelDir, wheel)); // the extracted folder is the cache
}

// Node's headers ship with distro packages under <prefix>/include/node; use them so
// node-gyp does not try to download them.
function nodeHeadersDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

function linkDeps(tfDir) {
  const depsDir = path.join(tfjsNodeDir, 'deps');
  fs.mkdirSync(depsDir, { recursive: true });
  for (const sub of ['lib', 'include']) {
    fs.rmSync(path.join(depsDir, sub), { recursive: true, force: true });
    fs.symlinkSync(path.join(tfDir, sub), path.join(depsDir, sub), 'dir');
  }
}

// The binding is compiled here: node-gyp (an optional peer dependency of the package) and a C++
// toolchain are needed once, until the binding is cached.
function buildTools() {
  let nodeGyp;
  try {
    nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    throw new Error('building the tfjs-node binding needs node-gyp: `npm install --save-dev node-gyp`');
  }
  for (const [tool, args] of [
    [process.env.CXX ?? 'g++', ['--version']],
    ['make', ['--version']],
  ]) {
    if (spawnSync(tool, args, { stdio: 'ignore' }).error) {
      throw new Error(
        `building the tfjs-node binding needs a C++ toolchain, and ${tool} is not found: install g++ and make (Debian: apt-get install g++ make)`,
      );
    }
  }
  return nodeGyp;
}

function buildBinding(bindingFile) {
  const nodeGyp = buildTools();
  const nodedir = nodeHeadersDir();
  log(`building the tfjs-node binding with node-gyp${nodedir ? ` (Node headers from ${nodedir})` : ''}...`);
  const ok = run(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--loglevel=warn',
      `--jobs=${os.availableParallelism()}`,
      ...(nodedir ? [`--nodedir=${nodedir}`] : []),
      '--module_name=tfjs_binding',
      `--module_path=./lib/napi-v${NAPI_BUILD_VERSION}`,
      `--napi_build_version=${NAPI_BUILD_VERSION}`,
    ],
    { cwd: tfjsNodeDir },
  );
  if (!ok) throw new Error('node-gyp could not build the tfjs-node binding (see its output above)');
  fs.mkdirSync(path.dirname(bindingFile), { recursive: true });
  fs.copyFileSync(path.join(tfjsNodeDir, 'build', 'Release', 'tfjs_binding.node'), bindingFile);
}

function installFromWheel() {
  ensureWritableCache(cacheRoot);
  const tfDir = path.join(cacheRoot, `tensorflow-cpu-${TF_WHEEL_VERSION}`);
  if (!fs.existsSync(path.join(tfDir, 'lib', 'libtensorflow_cc.so.2'))) fetchWheelLibrary(tfDir);
  else log(`using cached libtensorflow in ${tfDir}`);
  linkDeps(tfDir);
  const bindingFile = path.join(
    cacheRoot,
    'bindings',
    `tfjs-node-${tfjsNodeVersion}-tf-${TF_WHEEL_VERSION}-napi-v${NAPI_BUILD_VERSION}-${process.arch}`,
    'tfjs_binding.node',
  );
  if (!fs.existsSync(bindingFile)) buildBinding(bindingFile);
  else log(`using cached binding ${bindingFile}`);
  const target = path.join(tfjsNodeDir, 'lib', `napi-v${NAPI_BUILD_VERSION}`, 'tfjs_binding.node');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(bindingFile, target);
}

function main() {
  const source = process.env.SAMBENCH_TF_SOURCE ?? 'auto';
  if (!['auto', 'download', 'wheel', 'skip'].includes(source)) {
    throw new Error(`SAMBENCH_TF_SOURCE must be auto, download, wheel or skip (got "${source}")`);
  }
  if (source === 'skip') return log('SAMBENCH_TF_SOURCE=skip: native TensorFlow left as it is');
  const before = probeNative();
  // SAMBENCH_TF_SOURCE=wheel pins the version (the nightly measures the TensorFlow sambench is
  // tested on): another one that loads, e.g. tfjs-node's own 2.9.1 download, is replaced.
  if (before.ok && source === 'wheel' && before.tf !== TF_WHEEL_VERSION) {
    log(`native TensorFlow ${before.tf} loads, but SAMBENCH_TF_SOURCE=wheel asks for ${TF_WHEEL_VERSION}: replacing it`);
  } else if (before.ok) {
    if (!fs.existsSync(recordPath)) writeRecord('tfjs-node-install', before.tf);
    return log(`native TensorFlow ${before.tf} already loads (backend "${before.backend}")`);
  }
  if (os.platform() !== 'linux' && source !== 'download') {
    log("the tensorflow-cpu wheel route is for Linux; using tfjs-node's own install");
  }
  let used;
  if (source !== 'wheel' && tryStandardInstall() && probeNative().ok) used = 'tfjs-node-install';
  else if (source !== 'download' && os.platform() === 'linux') {
    if (source === 'auto') log('falling back to the tensorflow-cpu wheel route (libtensorflow from PyPI, binding built here)');
    installFromWheel();
    used = 'wheel';
  }
  const after = probeNative();
  if (!after.ok) {
    throw new Error(`@tensorflow/tfjs-node still does not load:\n${after.detail ?? JSON.stringify(after)}`);
  }
  writeRecord(used, after.tf);
  log(`native TensorFlow ${after.tf} ready (backend "${after.backend}", from ${used})`);
}

try {
  main();
} catch (error) {
  // A file the set-up could not write is named, never a bare "ENOENT".
  const where = error.path && !error.message.includes(error.path) ? ` (${error.path})` : '';
  log(`FAILED: ${error.message}${where}`);
  if (error instanceof SetupEnvironmentError) process.exitCode = 2;
  else {
    log(`native TensorFlow is needed for real timings; after fixing the cause, run \`${RERUN}\`.`);
    process.exitCode = 1;
  }
}
