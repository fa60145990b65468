// `sambench history` through the built bin, over hand-made nights (fixtures/nights.ts): the table,
// the nightly's exit code, the last good commit, history.html, and untrusted text in the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { commitOf, levels, nights } from '../../history/fixtures/nights.js';

const BIN = fileURLToPath(new URL('../../../dist/harness/bin.js', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-history-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const history = (...args: string[]) =>
  execa('node', [BIN, 'history', ...args], { cwd: dir, reject: false, all: true, env: { FORCE_COLOR: '0' } });
const write = (name: string, lines: object[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return file;
};

// +10 % from night 30 (0-based), seen for two nights: the night it is confirmed.
const slow = levels(32, { at: 30, step: 10 });

test('a regression change point held two nights fails the nightly (exit 1), names the commits to confirm with ab, and draws history.html', async () => {
  const file = write('regressed.jsonl', nights(slow));
  const html = path.join(dir, 'page', 'history.html');
  const result = await history('--file', file, '--suite', 'nightly', '--metric', 'base step', '--html', html, '--fail-on-regression');
  expect(result.exitCode, result.all).toBe(1);
  expect(result.stdout).toContain('nightly · base-s0 · base step · Test CPU');
  expect(result.stdout).toMatch(/change \+\d+\.\d % \(p=.*\) FAILS/);
  expect(result.stdout).toContain(`FAILS THE NIGHTLY: regression change point: nightly · base-s0 · base step: +`);
  expect(result.stdout).toContain(`confirm with: sambench ab ${commitOf(29)} ${commitOf(30)} <suite.json>`);
  const page = fs.readFileSync(html, 'utf8');
  const model = JSON.parse(page.match(/<script type="application\/json" id="sambench-data">(.*?)<\/script>/s)![1]!) as {
    title: string;
    changes: { night: number; kind: string }[];
  }[];
  expect(model.map((m) => m.title)).toEqual([
    'nightly · base-s0 · base step · Test CPU · 2 cores · tensorflow TensorFlow 2.21.0 · linux-x64',
    'nightly · sam-k10-s0 · base step · Test CPU · 2 cores · tensorflow TensorFlow 2.21.0 · linux-x64',
  ]);
  expect(model[0]!.changes).toEqual([{ ...model[0]!.changes[0], night: 31, kind: 'fails' }]);
  // Without --fail-on-regression the same history is a report: exit 0.
  expect((await history('--file', file, '--html', html)).exitCode).toBe(0);
});

test('the nightly stays red while the change is among the latest five nights, then passes; the last good commit stays the one before it', async () => {
  const file = write('after.jsonl', nights([...slow, 110.2, 109.8, 110.4]));
  const red = await history('--file', file, '--suite', 'nightly', '--html', path.join(dir, 'after.html'), '--fail-on-regression');
  expect(red.exitCode, red.all).toBe(1);
  // Night 36 (1-based): the change started six nights ago.
  const later = write('later.jsonl', nights([...slow, 110.2, 109.8, 110.4, 110.1]));
  const result = await history('--file', later, '--suite', 'nightly', '--html', path.join(dir, 'later.html'), '--fail-on-regression');
  expect(result.exitCode, result.all).toBe(0);
  const good = await history('--file', file, '--suite', 'nightly', '--last-good');
  expect(good.stdout).toBe(commitOf(29));
  // No history yet: nothing printed, so the nightly benches against the parent commit.
  expect((await history('--file', path.join(dir, 'none.jsonl'), '--suite', 'nightly', '--last-good')).stdout).toBe('');
});

test('A/A nights and one noisy last night pass', async () => {
  const file = write('quiet.jsonl', nights([...levels(40), 125]));
  const result = await history('--file', file, '--suite', 'nightly', '--html', path.join(dir, 'quiet.html'), '--fail-on-regression');
  expect(result.exitCode, result.all).toBe(0);
  expect(result.stdout).not.toContain('FAILS');
  expect(result.stdout).toContain('(31 earlier nights not shown: --nights N)');
});

test('control characters in the history never reach the terminal, and a broken line is named and skipped', async () => {
  const [night] = nights([100]);
  const file = write('hostile.jsonl', [{ ...night, suite: 'evil\u001b]0;pwned\u0007</script><script>alert(1)</script>' }]);
  fs.appendFileSync(file, '{"cut": \n');
  const result = await history('--file', file, '--html', path.join(dir, 'hostile.html'));
  expect(result.exitCode, result.all).toBe(0);
  expect(result.all).not.toContain('\u001b');
  expect(result.all).not.toContain('\u0007');
  expect(result.stderr).toContain(`${file}:2: not JSON`);
  // In the page the name is text: escaped in the HTML, and unable to close the data script.
  const page = fs.readFileSync(path.join(dir, 'hostile.html'), 'utf8');
  expect(page).not.toContain('<script>alert(1)');
  expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
});

test('piped into a reader that stops early (head -1), it ends cleanly: no EPIPE crash', async () => {
  const file = write('piped.jsonl', nights(levels(40)));
  const result = await execa(
    'sh',
    ['-c', `node "$0" history --file "$1" --nights 40 --html "$2" | head -1`, BIN, file, path.join(dir, 'piped.html')],
    {
      reject: false,
      all: true,
    },
  );
  expect(result.exitCode, result.all).toBe(0);
  expect(result.stdout).toBe('nightly · base-s0 · base step · Test CPU · 2 cores · tensorflow TensorFlow 2.21.0 · linux-x64');
  expect(result.stderr).not.toContain('EPIPE');
});

test('bad options are refused with exit 2, naming the option', async () => {
  for (const [args, message] of [
    [['--metric', 'speed'], '--metric must be one of'],
    [['--significance', '2'], '--significance must be a number in (0, 1)'],
    [['--last-good'], '--last-good needs --suite'],
    [['--window', '1'], '--window must be an integer ≥ 3'],
  ] as const) {
    const result = await history(...args);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain(message);
  }
});
