// The env event's Slurm ids: present only inside a Slurm job, array ids only for an array task.
import { describe, expect, test } from 'vitest';
import { checkEvent } from '../../schemas/index.js';
import type { BackendInfo } from './backend.js';
import { environmentEvent, intraOpThreads, slurmIds } from './environment.js';

describe('slurmIds', () => {
  test('outside Slurm there are none', () => {
    expect(slurmIds({ HOME: '/root' })).toBeUndefined();
  });

  test('an array task records its job, array and node', () => {
    const env = { SLURM_JOB_ID: '13', SLURM_ARRAY_JOB_ID: '12', SLURM_ARRAY_TASK_ID: '1', SLURMD_NODENAME: 'gpu07' };
    expect(slurmIds(env)).toEqual({ jobId: '13', arrayJobId: '12', arrayTaskId: 1, nodeName: 'gpu07' });
  });

  test('a plain job has no array ids', () => {
    expect(slurmIds({ SLURM_JOB_ID: '7', SLURMD_NODENAME: 'n1' })).toEqual({ jobId: '7', nodeName: 'n1' });
  });
});

describe('intraOpThreads', () => {
  test('a whole number is the thread count; unset or 0 is the CPUs libtensorflow may use', () => {
    expect(intraOpThreads({ TF_NUM_INTRAOP_THREADS: '3' }, 8)).toEqual({ threads: 3 });
    expect(intraOpThreads({}, 8)).toEqual({ threads: 8 });
    expect(intraOpThreads({ TF_NUM_INTRAOP_THREADS: '0' }, 8)).toEqual({ threads: 8 });
  });

  test.each(['1.5', '-2', 'four', '1e400'])('%s is recorded as a note, and the env event stays valid', (raw) => {
    expect(intraOpThreads({ TF_NUM_INTRAOP_THREADS: raw }, 8)).toEqual({
      note: `TF_NUM_INTRAOP_THREADS is "${raw}", not a whole number ≥ 0: how many threads libtensorflow uses is unknown`,
    });
  });
});

test('the env event is valid whatever TF_NUM_INTRAOP_THREADS holds', () => {
  const backend = {
    active: 'cpu',
    representative: false,
    tfjsVersion: '4.22.0',
    nativeTensorflow: null,
    nativeSource: null,
  } as BackendInfo;
  const saved = process.env.TF_NUM_INTRAOP_THREADS;
  try {
    for (const raw of ['1.5', '2']) {
      process.env.TF_NUM_INTRAOP_THREADS = raw;
      const check = checkEvent(environmentEvent('run-1', backend, 10));
      expect(check.ok ? null : check.problem).toBeNull();
    }
  } finally {
    if (saved === undefined) delete process.env.TF_NUM_INTRAOP_THREADS;
    else process.env.TF_NUM_INTRAOP_THREADS = saved;
  }
});
