// Reading Slurm's view of an array job (sacct, scontrol) and mapping how a task ended onto the
// launcher's failure reasons.
import { describe, expect, test } from 'vitest';
import { failureReason } from '../run-outcome.js';
import { parseSacct, parseScontrol, taskExit, type TaskState } from './task-state.js';

const done = [{ type: 'done', steps: 1, wallMs: 1 }] as const;

describe('parseSacct', () => {
  test('one line per task, pending ranges expanded, "CANCELLED by 0" read as CANCELLED', () => {
    const text = [
      '12_0|COMPLETED|0:0|n1|2026-11-30T09:00:00|2026-11-30T09:00:07',
      '12_1|CANCELLED by 0|0:15|n1|2026-11-30T09:00:08|Unknown',
      '12_[2-3%1]|PENDING|0:0|None assigned|Unknown|Unknown',
      '',
    ].join('\n');
    const tasks = parseSacct(text);
    expect(tasks.map((t) => [t.index, t.state, t.exitCode, t.signal, t.node])).toEqual([
      [0, 'COMPLETED', 0, 0, 'n1'],
      [1, 'CANCELLED', 0, 15, 'n1'],
      [2, 'PENDING', 0, 0, null],
      [3, 'PENDING', 0, 0, null],
    ]);
    expect(tasks[0]!.endMs! - tasks[0]!.startMs!).toBe(7000);
    expect(tasks[1]!.endMs).toBeNull();
  });
});

describe('parseScontrol', () => {
  test('a record per task, with a pending range as one record', () => {
    const text = [
      'JobId=13 ArrayJobId=12 ArrayTaskId=0 JobName=sambench-x JobState=TIMEOUT Reason=TimeLimit ExitCode=0:15 StartTime=2026-11-30T09:00:00 EndTime=2026-11-30T09:01:31 NodeList=vm',
      'JobId=12 ArrayJobId=12 ArrayTaskId=1,3-4%2 JobState=PENDING Reason=JobArrayTaskLimit ExitCode=0:0 StartTime=Unknown EndTime=Unknown NodeList=(null)',
    ].join('\n');
    expect(parseScontrol(text).map((t) => [t.index, t.state, t.signal, t.node])).toEqual([
      [0, 'TIMEOUT', 15, 'vm'],
      [1, 'PENDING', 0, null],
      [3, 'PENDING', 0, null],
      [4, 'PENDING', 0, null],
    ]);
  });
});

const task = (state: string, exitCode = 0, signal = 0): TaskState => ({
  index: 2,
  state,
  exitCode,
  signal,
  node: 'gpu07',
  startMs: null,
  endMs: null,
});

describe('taskExit: Slurm states map to the existing failure reasons', () => {
  test.each([
    ['COMPLETED', 0, 0, done, null, 'Slurm task 12_2 on gpu07: COMPLETED'],
    ['FAILED', 1, 0, [], 'crash', 'Slurm task 12_2 on gpu07: FAILED'],
    ['TIMEOUT', 0, 15, [], 'timeout', 'Slurm task 12_2 on gpu07: TIMEOUT, over its time limit'],
    ['OUT_OF_MEMORY', 0, 9, [], 'signal', 'Slurm task 12_2 on gpu07: OUT_OF_MEMORY; raise launch.slurm.memory'],
    ['NODE_FAIL', 0, 0, [], 'crash', 'Slurm task 12_2 on gpu07: NODE_FAIL, the node failed'],
    ['PREEMPTED', 0, 0, [], 'signal', 'Slurm task 12_2 on gpu07: PREEMPTED by another job; --resume runs it again'],
    ['CANCELLED', 0, 15, [], 'signal', 'Slurm task 12_2 on gpu07: CANCELLED (scancel or an administrator)'],
  ] as const)('%s (exit %i, signal %i) → %s', (state, code, signal, events, reason, note) => {
    const ended = taskExit('12', task(state, code, signal), events.length > 0);
    expect(failureReason(ended.exit, events)).toBe(reason);
    expect(ended.note).toBe(note);
  });

  test('a task Slurm keeps no record of: its log alone decides', () => {
    expect(failureReason(taskExit('12', null, true).exit, done)).toBeNull();
    expect(failureReason(taskExit('12', null, false).exit, [])).toBe('crash');
    expect(taskExit('12', null, false).note).toBe('Slurm job 12 keeps no record of this task');
  });

  test('a worker that was killed by a signal inside a FAILED task names it', () => {
    expect(taskExit('12', task('FAILED', 0, 9), false).exit).toMatchObject({ exitCode: null, signal: 'SIGKILL' });
  });
});
