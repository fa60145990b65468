"""The PyTorch builders, loaders and SAM-variant dispatch are exactly the built-in models, dataset formats
and SAM variants schemas/registry/ gives PyTorch."""

from harness.sam.pytorch.step_schedule import SCHEDULE_OPTIONS
from harness.worker.pytorch.datasets import SPLIT_LOADERS
from harness.worker.pytorch.models import BUILDERS
from harness.worker.pytorch.registry import (
    builtin_models,
    dataset_entry,
    datasets,
    is_convolutional,
    picks_own_sam_steps,
    registry,
    sam_variants,
    syncs_first_gradient,
)
from harness.worker.pytorch.stepper import VARIANT_OPTIONS


def test_builders_are_the_registrys_torch_models():
    assert sorted(BUILDERS) == sorted(builtin_models("torch"))


def test_convolutional_comes_from_the_registry():
    assert not is_convolutional({"source": "builtin", "name": "mlp"})
    assert is_convolutional({"source": "builtin", "name": "resnet20"})
    assert set(registry("models")["sources"]) >= {"builtin", "python", "timm", "torchvision"}


def test_loaders_are_the_formats_of_the_registrys_torch_datasets():
    formats = {dataset_entry(name)["format"] for name in datasets("torch")} - {None}
    assert sorted(SPLIT_LOADERS) == sorted(formats)


# --- SAM variants -------------------------------------------------------------------------------


def test_the_stepper_builds_every_sam_variant_of_the_registry():
    assert list(VARIANT_OPTIONS) == sam_variants()


def test_the_sams_schedules_are_the_variants_that_pick_their_own_sam_steps():
    assert sorted(options.kind for options in SCHEDULE_OPTIONS) == sorted(k for k in sam_variants() if picks_own_sam_steps(k))


def test_the_first_gradient_is_synced_for_the_variants_the_registry_names():
    assert [k for k in sam_variants() if syncs_first_gradient(k)] == ["looksam", "aesam"]
