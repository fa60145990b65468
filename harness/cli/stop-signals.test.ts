import { afterEach, expect, test, vi } from 'vitest';
import { stopOnSignals } from './stop-signals.js';

afterEach(() => vi.restoreAllMocks());

// process.exit stubbed: the handlers' decision is observed, not carried out.
function observe() {
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  const said = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return { exit, said };
}

test('SIGINT exits 130 and SIGTERM 143, printing the resume command once it is known; dispose removes the handlers', () => {
  const { exit, said } = observe();
  const before = process.listenerCount('SIGINT');
  const signals = stopOnSignals('sambench');
  process.emit('SIGINT');
  expect(exit).toHaveBeenLastCalledWith(130);
  expect(said).toHaveBeenLastCalledWith('\nsambench: stopped by SIGINT\n');
  signals.resumeWith('npx sambench bench s.json --out r --resume');
  process.emit('SIGTERM');
  expect(exit).toHaveBeenLastCalledWith(143);
  expect(said).toHaveBeenLastCalledWith(
    '\nsambench: stopped by SIGTERM; the runs that finished are kept: npx sambench bench s.json --out r --resume runs the rest\n',
  );
  signals.dispose();
  expect(process.listenerCount('SIGINT')).toBe(before);
});

test('while a Slurm job is followed, Ctrl-C is left to its follower; SIGTERM still ends the command', async () => {
  const { exit } = observe();
  const signals = stopOnSignals('sambench');
  const other = vi.fn();
  process.on('SIGINT', other);
  try {
    await signals.sigintElsewhere(async () => {
      await Promise.resolve();
      process.emit('SIGINT');
      expect(other).toHaveBeenCalledOnce();
      expect(exit).not.toHaveBeenCalled();
      process.emit('SIGTERM');
      expect(exit).toHaveBeenLastCalledWith(143);
    });
    process.emit('SIGINT');
    expect(exit).toHaveBeenLastCalledWith(130);
  } finally {
    process.off('SIGINT', other);
    signals.dispose();
  }
});
