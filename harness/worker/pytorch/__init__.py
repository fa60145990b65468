"""sambench's PyTorch worker: `python -m harness.worker.pytorch.main <run-spec.json>` runs one RunSpec
and prints schemas/events.schema.json events on stdout (see README.md beside this file)."""
