"""The contracts in schemas/, read from Python: the run spec the worker is given, checked at start.

Validation is jsonschema's (Draft 2020-12, what the schemas declare); this module only turns its
errors into messages that name the field by JSON pointer, what was expected and what was found.
Nothing here knows the fields of a schema, so a schema change needs no change here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from harness.worker.pytorch.regular_file import UnreadableFile, open_regular

SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"
RUN_SPEC_SCHEMA = "run-spec.schema.json"
# The largest run spec read (harness/read-file.ts READ_LIMITS.json).
MAX_SPEC_BYTES = 16 * 1024 * 1024
# Enough to fix a spec by hand; the rest are usually consequences of the same mistake.
MAX_PROBLEMS = 8
# What a bound keyword asks for, in words: "expected ≥ 1, found 0".
_BOUNDS = {
    "minimum": "≥ {}",
    "exclusiveMinimum": "> {}",
    "maximum": "≤ {}",
    "exclusiveMaximum": "< {}",
    "minItems": "at least {} items",
    "maxItems": "at most {} items",
    "minLength": "at least {} characters",
    "maxLength": "at most {} characters",
    "pattern": "a string matching {}",
}


class InvalidRunSpecError(ValueError):
    """A run spec file that is not JSON or does not match schemas/run-spec.schema.json."""


def load_schema(name: str) -> dict[str, Any]:
    """A schema of schemas/ by file name, e.g. "events.schema.json"."""
    with open(SCHEMAS / name, encoding="utf-8") as handle:
        return json.load(handle)


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A validator for `schema`, itself checked first (a broken schema is not the spec's fault)."""
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(instance: Any, checker: Draft202012Validator) -> list[str]:
    """Every way `instance` breaks the schema, one "pointer: expected …, found …" line each (empty when valid)."""
    # One line per field: a direct error (an enum) says it better than a guessed oneOf branch.
    errors = sorted(checker.iter_errors(instance), key=lambda e: (e.validator in ("oneOf", "anyOf"), list(map(str, e.absolute_path))))
    found: dict[str, str] = {}
    for error in errors:
        for line in _describe(error):
            found.setdefault(line.split(": ", 1)[0], line)
    return list(found.values())


def load_run_spec(path: str) -> dict[str, Any]:
    """The run spec in `path`, refused with InvalidRunSpecError unless it matches the run-spec schema."""
    try:
        handle, _ = open_regular(path, MAX_SPEC_BYTES, "a run spec")
        with handle:
            spec = json.load(handle)
    except UnreadableFile as error:
        raise InvalidRunSpecError(str(error)) from None
    except json.JSONDecodeError as error:
        raise InvalidRunSpecError(f"run spec {path} is not valid JSON: {error}") from None
    found = problems(spec, validator(load_schema(RUN_SPEC_SCHEMA)))
    if found:
        more = f"; and {len(found) - MAX_PROBLEMS} more" if len(found) > MAX_PROBLEMS else ""
        listed = "; ".join(found[:MAX_PROBLEMS])
        raise InvalidRunSpecError(f"run spec {path} does not match schemas/{RUN_SPEC_SCHEMA}: {listed}{more}")
    return spec


def _pointer(parts: Any) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts) or "(the whole spec)"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _shown(value: Any) -> str:
    text = json.dumps(value)
    return f"{text[:60]}… ({_json_type(value)})" if len(text) > 60 else f"{text} ({_json_type(value)})"


def _describe(error: ValidationError) -> list[str]:
    """What one jsonschema error means, in the spec's terms; `oneOf`/`anyOf` by their closest branch."""
    keyword, wanted, at = error.validator, error.validator_value, list(error.absolute_path)
    if keyword in ("oneOf", "anyOf") and error.context:
        tags = _tag_mismatch(error.context)
        if tags is not None:
            return [tags]
        return [line for sub in _closest_branch(error.context) for line in _describe(sub)]
    if keyword == "required":
        return [f"{_pointer([*at, key])}: missing (required)" for key in wanted if key not in error.instance]
    if keyword == "additionalProperties":
        known = error.schema.get("properties", {})
        return [f"{_pointer([*at, key])}: unexpected field (not in the schema)" for key in error.instance if key not in known]
    if keyword == "type":
        expected = " or ".join(wanted) if isinstance(wanted, list) else wanted
        return [f"{_pointer(at)}: expected {expected}, found {_shown(error.instance)}"]
    if keyword == "enum":
        return [f"{_pointer(at)}: expected one of {', '.join(map(json.dumps, wanted))}, found {_shown(error.instance)}"]
    if keyword == "const":
        return [f"{_pointer(at)}: expected {json.dumps(wanted)}, found {_shown(error.instance)}"]
    if keyword in _BOUNDS:
        return [f"{_pointer(at)}: expected {_BOUNDS[keyword].format(json.dumps(wanted))}, found {_shown(error.instance)}"]
    return [f"{_pointer(at)}: expected {keyword} {json.dumps(wanted)}, found {_shown(error.instance)}"]


def _tag_mismatch(errors: list[ValidationError]) -> str | None:
    """One line when every alternative is told apart by a `const` (a kind tag) and the value matches none."""
    consts = [e for e in errors if e.validator == "const"]
    branches = {e.relative_schema_path[0] for e in errors}
    paths = {tuple(e.absolute_path) for e in consts}
    if len({e.relative_schema_path[0] for e in consts}) != len(branches) or len(paths) != 1:
        return None
    wanted = ", ".join(json.dumps(e.validator_value) for e in consts)
    return f"{_pointer(consts[0].absolute_path)}: expected one of {wanted}, found {_shown(consts[0].instance)}"


def _closest_branch(errors: list[ValidationError]) -> list[ValidationError]:
    """The errors of the oneOf/anyOf alternative the value was most likely meant to be.

    Not one of another type ([integer, null] given 0 means the integer), nor one whose `const`
    fails (a schedule of kind "step" means the step schedule), then the one with fewest errors.
    """
    branches: dict[Any, list[ValidationError]] = {}
    for error in errors:
        branches.setdefault(error.relative_schema_path[0], []).append(error)

    def distance(branch: list[ValidationError]) -> tuple[bool, bool, int]:
        other_type = any(e.validator == "type" and not e.path for e in branch)
        return other_type, any(e.validator == "const" for e in branch), len(branch)

    return min(branches.values(), key=distance)
