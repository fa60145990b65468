// The CLI's reading of a probe (schemas/probe.schema.json): its line and exit code become a parameter
// count, a problem of the suite at the worker's pointer (a variant's mapped to the suite's), or a crash with its stderr.
import { describe, expect, test } from 'vitest';
import { ExitCode, SambenchError } from '../errors.js';
import { parseProbeLine } from '../../schemas/index.js';
import { SuiteError } from '../suite/index.js';
import { probeResult, type ProbeEnd } from './probe-outcome.js';

const context = { suiteFile: '/s/suite.json', command: 'node main.js <spec.json> --probe', timeoutMs: 60_000 };
const end = (over: Partial<ProbeEnd>): ProbeEnd => ({
  exitCode: 0,
  signal: null,
  timedOut: false,
  startError: null,
  stdout: '',
  stderr: '',
  ...over,
});
const thrown = (e: ProbeEnd): unknown => {
  try {
    probeResult(e, context);
  } catch (error) {
    return error;
  }
  throw new Error('no error');
};

describe('parseProbeLine', () => {
  test('takes the last line and checks it against the schema', () => {
    expect(parseProbeLine('noise\n{"type":"probe","parameters":12,"outputs":3}\n')).toEqual({
      ok: true,
      line: { type: 'probe', parameters: 12, outputs: 3 },
    });
    expect(parseProbeLine('')).toEqual({ ok: false, problem: 'it printed no probe line' });
    expect(parseProbeLine('{"type":"probe","parameters":-1,"outputs":3}')).toMatchObject({ ok: false, problem: /not a probe line/ });
    expect(parseProbeLine('{"type":"probe-error","pointer":"/dataset","message":"x"}')).toMatchObject({ ok: false });
  });
});

describe('probeResult', () => {
  test('a probe line with exit 0 gives the parameter count', () => {
    expect(probeResult(end({ stdout: '{"type":"probe","parameters":475,"outputs":3}\n' }), context)).toEqual({
      type: 'probe',
      parameters: 475,
      outputs: 3,
    });
  });

  test('a probe-error with exit 2 is a SuiteError naming the suite file and the pointer (exit code 2)', () => {
    const line = { type: 'probe-error', pointer: '/model/export', message: '/m/net.mjs has no export "build"; it exports "createModel"' };
    const error = thrown(end({ exitCode: 2, stdout: JSON.stringify(line) }));
    expect(error).toBeInstanceOf(SuiteError);
    expect((error as SuiteError).exitCode).toBe(ExitCode.badInput);
    expect((error as SuiteError).message).toBe(`/s/suite.json: 1 problem\n  /s/suite.json /model/export ${line.message}`);
  });

  test("a variant's probe-error is the suite's problem at that variant's pointer; its crash names the variant", () => {
    const variant = { at: '/matrix/variant/1', kind: 'python' } as const;
    const line = { type: 'probe-error', pointer: '/sam/variant/function', message: 'broken.py build() raised ValueError: no' };
    let error: unknown;
    try {
      probeResult(end({ exitCode: 2, stdout: JSON.stringify(line) }), { ...context, variant });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SuiteError);
    expect((error as SuiteError).message).toBe(`/s/suite.json: 1 problem\n  /s/suite.json /matrix/variant/1/factory ${line.message}`);
    expect(() => probeResult(end({ exitCode: 1 }), { ...context, variant })).toThrow(
      '/s/suite.json: the probe of /matrix/variant/1 (node main.js <spec.json> --probe) exited with status 1',
    );
  });

  test.each([
    {
      what: 'a crash',
      e: end({ exitCode: 1, stderr: 'Error: boom\n    at x' }),
      says: 'exited with status 1 and it printed no probe line',
    },
    { what: 'a timeout', e: end({ exitCode: null, signal: 'SIGTERM', timedOut: true }), says: 'ran past its 60 s limit and was stopped' },
    { what: 'a signal', e: end({ exitCode: null, signal: 'SIGKILL' }), says: 'was killed by SIGKILL' },
    { what: 'a spawn error', e: end({ exitCode: null, startError: 'spawn node ENOENT' }), says: 'could not start (spawn node ENOENT)' },
  ])('$what is MODEL_PROBE_FAILED, with how it ended and its stderr tail', ({ e, says }) => {
    const error = thrown(e) as SambenchError;
    expect(error).toBeInstanceOf(SambenchError);
    expect(error.code).toBe('MODEL_PROBE_FAILED');
    expect(error.exitCode).toBe(ExitCode.badInput);
    expect(error.message).toContain(`/s/suite.json: the model probe (node main.js <spec.json> --probe) ${says}; nothing was run.`);
  });

  test('the stderr tail is shown without escape sequences, its last lines only', () => {
    const stderr = [...Array.from({ length: 30 }, (_, i) => `line ${i}`), 'Error: \x1b[31mred\x1b[0m'].join('\n');
    const message = (thrown(end({ exitCode: 1, stderr })) as Error).message;
    expect(message).toContain('  | Error: red');
    expect(message).not.toContain('\x1b');
    expect(message).not.toContain('line 15\n');
    expect(message).toContain('  | line 16');
  });
});
