// npm run bench:user-model (the built script, needs `npm run build`): small-cnn built in and as a
// user's model, in TF.js and PyTorch, timed side by side; two steps of each kind, for its shape only.
import path from 'node:path';
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../harness/paths.js';

const SCRIPT = path.join(PROJECT_ROOT, 'dist', 'scripts', 'bench-user-model.js');

test('times every model and step kind of both frameworks and judges each user / built-in ratio against 1.02', async () => {
  const { stdout } = await execa('node', [SCRIPT, '--steps', '3', '--warmup', '0', '--batch', '8']);
  for (const framework of ['TF.js (tensorflow)', 'PyTorch (cpu)']) {
    for (const row of ['builtin base', 'builtin sam', 'user base', 'user sam']) {
      expect(stdout).toMatch(new RegExp(`${framework.replace(/[()]/g, '\\$&')}\\s+${row}\\s+\\d+\\.\\d+\\s+\\d`));
    }
    for (const kind of ['base', 'sam']) {
      expect(stdout).toMatch(
        new RegExp(
          `${framework.replace(/[()]/g, '\\$&')} ${kind}: user / built-in\\s+\\d+\\.\\d{3}\\s+\\[\\d+\\.\\d{3}, \\d+\\.\\d{3}\\]\\s+(holds|fails|inconclusive)`,
        ),
      );
    }
  }
}, 120_000);
