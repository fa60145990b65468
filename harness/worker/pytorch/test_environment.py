"""The env event's Slurm ids: present only inside a Slurm job, array ids only for an array task."""

from harness.worker.pytorch.environment import slurm_ids


def test_outside_slurm_there_are_no_ids():
    assert slurm_ids({"HOME": "/root"}) is None


def test_an_array_task_records_job_array_and_node():
    env = {"SLURM_JOB_ID": "13", "SLURM_ARRAY_JOB_ID": "12", "SLURM_ARRAY_TASK_ID": "1", "SLURMD_NODENAME": "gpu07"}
    assert slurm_ids(env) == {"jobId": "13", "arrayJobId": "12", "arrayTaskId": 1, "nodeName": "gpu07"}


def test_a_plain_job_has_no_array_ids():
    assert slurm_ids({"SLURM_JOB_ID": "7", "SLURMD_NODENAME": "n1"}) == {"jobId": "7", "nodeName": "n1"}
