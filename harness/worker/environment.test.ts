// The env event's Slurm ids: present only inside a Slurm job, array ids only for an array task.
import { describe, expect, test } from 'vitest';
import { slurmIds } from './environment.js';

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
