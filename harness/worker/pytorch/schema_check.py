"""A small JSON Schema checker for the tests: validates event lines against schemas/events.schema.json itself.

`jsonschema` is not installed, and hand-written key lists would drift from the schema, so this
interprets the keywords that schema uses — type, const, enum, required, properties,
additionalProperties: false, minimum, maximum, items, oneOf, $ref to #/$defs/… — and refuses
any other keyword, so a schema change that needs more is noticed instead of silently passing.
"""

from __future__ import annotations

import json
import os
from typing import Any

SCHEMA_PATH = os.path.join(os.path.dirname(__file__), "..", "..", "..", "schemas", "events.schema.json")
# Keywords that only describe (no constraint).
_ANNOTATIONS = {"$schema", "$id", "title", "description", "$defs", "default", "examples"}
_CHECKED = {"type", "const", "enum", "required", "properties", "additionalProperties", "minimum", "maximum", "items", "oneOf", "$ref"}


def load_event_schema() -> dict:
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return json.load(handle)


def _is_type(value: Any, name: str) -> bool:
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "string":
        return isinstance(value, str)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    raise ValueError(f"schema_check: unsupported type {name!r}")


def errors(value: Any, schema: dict, root: dict, path: str = "$") -> list[str]:
    """Every way `value` breaks `schema` (empty when it is valid)."""
    unknown = set(schema) - _CHECKED - _ANNOTATIONS
    if unknown:
        raise ValueError(f"schema_check: keyword(s) {sorted(unknown)} at {path} are not supported; extend schema_check.py")
    if "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"schema_check: only #/$defs/ references are supported (got {ref})")
        return errors(value, root["$defs"][ref[len("#/$defs/") :]], root, path)
    if "oneOf" in schema:
        matches = [i for i, sub in enumerate(schema["oneOf"]) if not errors(value, sub, root, path)]
        if len(matches) != 1:
            return [f"{path}: matches {len(matches)} of the oneOf alternatives, expected exactly 1"]
    found: list[str] = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, t) for t in types):
            return [f"{path}: {value!r} is not of type {types}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if _is_type(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            found.append(f"{path}: {value} < minimum {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            found.append(f"{path}: {value} > maximum {schema['maximum']}")
    if isinstance(value, dict):
        found += [f"{path}: missing required {key!r}" for key in schema.get("required", []) if key not in value]
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                found += errors(item, properties[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{path}: unexpected property {key!r}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found += errors(item, schema["items"], root, f"{path}[{i}]")
    return found


def event_errors(event: Any, schema: dict | None = None) -> list[str]:
    """Every way one parsed event line breaks schemas/events.schema.json."""
    root = schema or load_event_schema()
    return errors(event, root, root)
