// "seed" means a random seed in sambench: the report names the source of the ~7 % figure and of
// rho = 0.05·k as the method card or Composer, never "the seed".
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const reportDir = path.dirname(fileURLToPath(import.meta.url));
const SEED_FOR_METHOD_CARD = /\bseed(?:['’]s (?:rule|point|figure|defaults|~?7)|: 7 %|Point|Rule\b)|SEED_(?:POINT|RULE)/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sources(file);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

describe('the method card is not called "the seed"', () => {
  test.each(sources(reportDir).map((file) => [path.relative(reportDir, file), file]))('%s', (_name, file) => {
    const hits = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (SEED_FOR_METHOD_CARD.test(line) ? [`${i + 1}: ${line.trim()}`] : []));
    expect(hits).toEqual([]);
  });
});
