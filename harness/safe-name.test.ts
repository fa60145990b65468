// The one check of names read back from files that become paths (safe-name.ts).
import { describe, expect, test } from 'vitest';
import { ExitCode } from './errors.js';
import { checkSafeName, unsafeNameProblem } from './safe-name.js';

describe('safe names', () => {
  test.each(['smoke', 'sam-k2-rho0.05-bs16-lr0.05-s0', 'base-bs32-lr1e+21-s0', 'a_b.c'])('%s is a plain file name', (name) => {
    expect(unsafeNameProblem(name)).toBeNull();
  });

  test.each(['../../X', '..', '.', '.hidden', 'a/b', 'a\\b', '', 'x'.repeat(201), 'a b', 'nul\u0000'])('%j is refused', (name) => {
    expect(unsafeNameProblem(name)).not.toBeNull();
  });

  test('a refusal names the file and the field, exit 2', () => {
    expect(() => checkSafeName('../../X', 'out/suite.resolved.json', '/name')).toThrow(
      expect.objectContaining({
        exitCode: ExitCode.badInput,
        message:
          'out/suite.resolved.json: /name must be a plain file name: letters, digits, ".", "_", "+" and "-", not starting with "." (got "../../X")',
      }),
    );
    expect(() => checkSafeName(5, 'b.json', '/suite')).toThrow('b.json: /suite must be a string (got 5)');
  });
});
