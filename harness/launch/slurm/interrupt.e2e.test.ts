// Ctrl-C while the Slurm follower runs a real command (interrupt.test.ts checks the rest in process).
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { followUntilInterrupted } from './interrupt.js';

const RESUME = 'npx sambench bench s.json --out r --resume --launcher slurm';

// execa's exit hook (signal-exit) is registered after our listener while a command runs, and
// re-raises SIGINT when it finds itself the only listener: on the old `once` listener this test's
// process died of the signal.
test('Ctrl-C while the follower runs a command is answered, not re-raised by the command’s exit hook', async () => {
  const following = followUntilInterrupted(
    '12',
    RESUME,
    async (signal) => {
      await execa('sleep', ['5'], { cancelSignal: signal });
      return 'followed';
    },
    { ask: null },
  );
  setTimeout(() => process.emit('SIGINT'), 200);
  await expect(following).rejects.toThrow('left Slurm job 12 running');
});
