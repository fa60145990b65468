"""sambench's PyTorch worker: `python harness/worker/torch/main.py <run-spec.json>` runs one RunSpec
and prints schemas/events.schema.json events on stdout (see README.md beside this file)."""
