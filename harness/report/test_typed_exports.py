"""pandas, polars and duckdb read the exports of two results folders of different suites.

The folders are written by harness/report/typed-exports.e2e.test.ts (which runs this file) under
$SAMBENCH_EXPORTS_ROOT/results/<suite>/<timestamp>/: `golden` (two seeds, evaluations) and `other`
(one seed, no evaluation, so its evals tables have no rows). Each column's expected dtype comes from
its type in results.schema.json, which sambench generates from the same column registry as the CSVs
and the Parquet files, mapped below once per reader; a few columns are also pinned by name.
"""

import glob
import json
import os
import re
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest

ROOT = Path(os.environ.get("SAMBENCH_EXPORTS_ROOT", "/nonexistent"))
PROJECT = Path(__file__).resolve().parents[2]
TABLES = ["summary", "configurations", "verdicts", "steps", "evals"]

# A registry type (as results.schema.json writes it) → the dtype each reader gives its Parquet column.
PANDAS = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean", "array": "object"}
POLARS = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean, "array": pl.List(pl.Int64)}
DUCKDB = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "array": "BIGINT[]"}


@pytest.fixture(scope="module")
def folders() -> dict[str, Path]:
    found = {Path(p).parent.parent.name: Path(p).parent for p in glob.glob(str(ROOT / "results" / "*" / "*" / "summary.csv"))}
    assert set(found) == {"golden", "other"}, f"run through harness/report/typed-exports.e2e.test.ts (found {found} under {ROOT})"
    return found


def registry(folder: Path, table: str) -> dict[str, str]:
    """The columns of one table, in order, with their type from the folder's results.schema.json."""
    schema = json.loads((folder / "results.schema.json").read_text())
    branch = next(b for b in schema["oneOf"] if b["properties"]["table"]["const"] == table)
    return {name: next(t for t in spec["type"] if t != "null") for name, spec in branch["properties"].items() if name != "table"}


def read_pandas(file: Path) -> pd.DataFrame:
    return pd.read_parquet(file, dtype_backend="numpy_nullable")


def pandas_dtypes(frame: pd.DataFrame) -> dict[str, str]:
    return {name: str(dtype) for name, dtype in frame.dtypes.items()}


def duckdb_types(sql: str) -> dict[str, str]:
    return {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE {sql}").fetchall()}


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("suite", ["golden", "other"])
def test_parquet_dtypes_are_the_registry_types(folders, suite, table):
    folder = folders[suite]
    file = folder / f"{table}.parquet"
    types = registry(folder, table)
    rows = sum(1 for line in (folder / "results.jsonl").read_text().splitlines() if json.loads(line)["table"] == table)
    frame = read_pandas(file)
    assert len(frame) == rows
    assert pandas_dtypes(frame) == {name: PANDAS[t] for name, t in types.items()}
    assert dict(pl.read_parquet(file).schema) == {name: POLARS[t] for name, t in types.items()}
    assert duckdb_types(f"SELECT * FROM '{file}'") == {name: DUCKDB[t] for name, t in types.items()}


def test_columns_that_used_to_depend_on_the_data_have_one_type(folders):
    """Empty numeric and boolean columns, and `seeds` with one element or two."""
    for suite in ("golden", "other"):
        configurations = pl.read_parquet(folders[suite] / "configurations.parquet")
        assert configurations.schema["seeds"] == pl.List(pl.Int64)
        assert configurations.schema["on_pareto_front"] == pl.Boolean
        summary = pl.read_parquet(folders[suite] / "summary.parquet")
        assert summary.schema["spec_torch_world_size"] == pl.Int64
        assert summary.schema["test_top5"] == pl.Float64
        assert summary.schema["truncated"] == pl.Boolean
    golden = pl.read_parquet(folders["golden"] / "configurations.parquet")["seeds"].to_list()
    other = pl.read_parquet(folders["other"] / "configurations.parquet")["seeds"].to_list()
    assert golden == [[0, 1]] * len(golden)
    assert other == [[0]] * len(other)
    # Empty in the other suite: no evaluation, no accuracy, so no Pareto front.
    other_configurations = pl.read_parquet(folders["other"] / "configurations.parquet")
    assert other_configurations["on_pareto_front"].null_count() == len(other_configurations)
    assert pl.read_parquet(folders["other"] / "summary.parquet")["test_top5"].null_count() > 0


@pytest.mark.parametrize("table", TABLES)
def test_two_suites_concatenate_with_the_same_dtypes(folders, table):
    files = [folders["golden"] / f"{table}.parquet", folders["other"] / f"{table}.parquet"]
    types = registry(folders["golden"], table)
    parts = [read_pandas(f) for f in files]
    both = pd.concat(parts, ignore_index=True)
    assert len(both) == sum(len(p) for p in parts)
    assert pandas_dtypes(both) == {name: PANDAS[t] for name, t in types.items()}
    polars_both = pl.concat([pl.read_parquet(f) for f in files])
    assert dict(polars_both.schema) == {name: POLARS[t] for name, t in types.items()}
    union = f"SELECT * FROM '{files[0]}' UNION ALL BY NAME SELECT * FROM '{files[1]}'"
    assert duckdb_types(union) == {name: DUCKDB[t] for name, t in types.items()}
    assert duckdb.sql(f"SELECT count(*) FROM ({union})").fetchall() == [(len(both),)]


@pytest.mark.parametrize("table", TABLES)
def test_parquet_rows_are_the_jsonl_rows(folders, table):
    for folder in folders.values():
        lines = [json.loads(line) for line in (folder / "results.jsonl").read_text().splitlines()]
        expected = [{k: v for k, v in line.items() if k != "table"} for line in lines if line["table"] == table]
        assert pl.read_parquet(folder / f"{table}.parquet").to_dicts() == expected


@pytest.mark.parametrize("table", TABLES)
def test_pandas_reads_every_csv_with_numeric_columns_numeric(folders, table):
    """The CSVs as pandas guesses their types: numeric where a table has rows (no rows: nothing to guess from)."""
    types = registry(folders["golden"], table)
    numeric = [name for name, t in types.items() if t in ("integer", "number")]
    for folder in folders.values():
        frame = pd.read_csv(folder / f"{table}.csv")
        assert list(frame.columns) == list(types)
        if len(frame):
            assert [c for c in numeric if not pd.api.types.is_numeric_dtype(frame[c])] == []


def recipe(language: str) -> str:
    """The `language` code block of docs/running.md's "Reading the results with types" section."""
    text = (PROJECT / "docs" / "running.md").read_text()
    section = text.split("### Reading the results with types", 1)[1].split("\n#", 1)[0]
    blocks = re.findall(rf"```{language}\n(.*?)```", section, flags=re.DOTALL)
    assert len(blocks) == 1, f"one {language} block in the section, found {len(blocks)}"
    return blocks[0]


def test_the_duckdb_recipe_of_the_docs_runs_as_written(folders, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = duckdb.sql(recipe("sql"))
    rows = result.fetchall()
    expected = sum(len(pl.read_parquet(f / "configurations.parquet")) for f in folders.values())
    assert len(rows) == expected
    assert result.types[1:3] == ["VARCHAR", "BIGINT[]"]
    assert {tuple(r[2]) for r in rows} == {(0, 1), (0,)}


def test_the_pandas_and_polars_recipe_of_the_docs_runs_as_written(folders, monkeypatch):
    monkeypatch.chdir(ROOT)
    scope: dict = {}
    exec(recipe("python"), scope)
    types = registry(folders["golden"], "configurations")
    assert pandas_dtypes(scope["configurations"]) == {name: PANDAS[t] for name, t in types.items()}
    assert dict(scope["configurations_pl"].schema) == {name: POLARS[t] for name, t in types.items()}
    assert len(scope["configurations"]) == len(scope["configurations_pl"]) > 0
