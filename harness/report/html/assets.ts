// The two scripts report.html inlines: Chart.js's UMD build from node_modules, and the page's own
// client code (client/*.js, plain JavaScript run in the browser). Read once per process.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from '../../paths.js';

const require = createRequire(import.meta.url);

// In concatenation order: helpers first, the entry point last (see client/common.js).
const CLIENT_FILES = ['common.js', 'charts-timing.js', 'charts-slowdown.js', 'charts-accuracy.js', 'main.js'];

// Read from the source tree under the project root, as schemas/ are (paths.ts), so the built
// dist/ needs no copy of them.
/** Folder of the client script files. */
export const CLIENT_DIR = path.join(PROJECT_ROOT, 'harness', 'report', 'html', 'client');

let chartLibrary: string | undefined;
const clientScripts = new Map<string, string>();

// The package's `require` entry is dist/chart.cjs; the browser build sits beside it.
/** Chart.js's minified UMD build (defines the global `Chart`), with its licence banner. */
export function chartLibrarySource(): string {
  chartLibrary ??= fs.readFileSync(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  return chartLibrary;
}

// One function scope for all files, so their helpers stay out of the page's globals.
/** report.html's client script: client/*.js in order, inside one strict-mode function. */
export function clientScriptSource(): string {
  return clientScriptFor(CLIENT_FILES);
}

/** A page's client script: the given client/ files in order, inside one strict-mode function. */
export function clientScriptFor(files: readonly string[]): string {
  const key = files.join('\n');
  const cached = clientScripts.get(key);
  if (cached !== undefined) return cached;
  const source = `(function () {\n'use strict';\n${files.map((f) => fs.readFileSync(path.join(CLIENT_DIR, f), 'utf8')).join('\n')}\n})();\n`;
  clientScripts.set(key, source);
  return source;
}
