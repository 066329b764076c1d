"""The code's layout rules, read from the source: where columns are declared, who reads store
files, how long a module may grow. Each failure names the file and line to change."""

from __future__ import annotations

import ast
from pathlib import Path

from etl.schemas import ALL_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("etl", "dashboard")
# Literals passed straight to these name the keys of one operation, not a list of columns.
KEY_METHODS = {"sort_values", "groupby", "drop_duplicates", "merge", "set_index", "duplicated"}
KEY_KEYWORDS = {"by", "on", "subset", "left_on", "right_on"}
LONG_LIST = 6  # this many stored columns in one literal declare a list, wherever it sits
MAX_MODULE_LINES = 600


def _modules() -> list[tuple[str, ast.Module, list[str]]]:
    out = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            out.append((str(path.relative_to(ROOT)), ast.parse(text), text.splitlines()))
    return out


def _column_lists(tree: ast.Module) -> list[tuple[int, list[str]]]:
    """(line, names) of each list, tuple or set literal that declares stored columns: one naming
    at least 3 of them as a module or class constant, or at least LONG_LIST anywhere, where they
    make up most of its strings. A literal with a working column of the module's own ('_year')
    lists a frame the module builds, which no schema declares."""
    constants = {id(node) for stmt in tree.body if isinstance(stmt, ast.Assign | ast.AnnAssign | ast.ClassDef)
                 for node in ast.walk(stmt)}
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.List | ast.Tuple | ast.Set):
            continue
        strings = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        names = [s for s in strings if s in ALL_COLUMNS]
        if 2 * len(names) <= len(strings) or any(s.startswith("_") for s in strings):
            continue
        if len(names) < LONG_LIST and not (len(names) >= 3 and id(node) in constants):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and parent.func.attr in KEY_METHODS:
            continue
        if isinstance(parent, ast.keyword) and parent.arg in KEY_KEYWORDS:
            continue
        found.append((node.lineno, names))
    return found


def test_no_column_list_is_written_outside_schemas() -> None:
    """A new column is one edit in etl/schemas.py: every list of a table's columns is derived
    from its declarations or named among its selections there."""
    offenders = [f"{path}:{line}: {', '.join(names)}"
                 for path, tree, _ in _modules() if path != "etl/schemas.py"
                 for line, names in _column_lists(tree)]
    assert not offenders, "column lists to take from etl/schemas.py:\n" + "\n".join(offenders)


def test_the_column_list_finder_finds_a_column_list() -> None:
    declared = ast.parse('SHOWN = ["supplier", "recipient", "designation"]\n'
                         'def f(d):\n    return d[["deal_id", "supplier", "recipient", "designation", "order_year", "status"]]\n')
    keys = ast.parse('def f(d):\n    return d.sort_values(["supplier", "recipient", "designation", "order_year", "status", "comments"])\n'
                     'KEYS = ("release", "supplier", "from", "to", "by", "open")\n')
    assert [line for line, _ in _column_lists(declared)] == [1, 3]
    assert _column_lists(keys) == []


# Reading Parquet directly: the store reads release tables, the dashboard's provider asks the
# store, and verify_queries reads back only the prepared results it wrote itself.
PARQUET_READERS = {"etl/store.py", "dashboard/data.py", "dashboard/verify/queries.py"}
_PARQUET_MODULES = ("pyarrow.parquet", "pyarrow.dataset", "fastparquet", "polars", "duckdb")
_PARQUET_CALLS = {"read_parquet", "ParquetFile", "ParquetDataset", "read_table", "scan_parquet"}


def _reads_parquet(tree: ast.Module) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.startswith(_PARQUET_MODULES) for a in node.names):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(_PARQUET_MODULES):
            lines.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in _PARQUET_CALLS):
            lines.append(node.lineno)
    return lines


def test_only_the_store_and_the_provider_read_store_files() -> None:
    """Release tables are read through etl.store (which checks the manifest and generation), and
    in the dashboard only through dashboard/data.py (one copy of a release per worker)."""
    offenders = [f"{path}:{line}" for path, tree, _ in _modules() if path not in PARQUET_READERS
                 for line in _reads_parquet(tree)]
    assert not offenders, "reads Parquet itself:\n" + "\n".join(offenders)
    table_readers = sorted(path for path, tree, _ in _modules() if path.startswith("dashboard/")
                           for node in ast.walk(tree)
                           if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                           and node.func.attr == "table" and len(node.args) >= 2)
    assert set(table_readers) == {"dashboard/data.py"}, table_readers


def test_no_module_is_over_600_lines() -> None:
    """A module that grows past the limit is split by responsibility (as etl/cli/,
    etl/verify/claims/mentions/, dashboard/context_{view,render,layout}.py, verify/evidence.py and
    brief_{charts,print}.py were), not allowed here."""
    lengths = {path: len(lines) for path, _, lines in _modules()}
    over = {path: n for path, n in lengths.items() if n > MAX_MODULE_LINES}
    assert not over, f"over {MAX_MODULE_LINES} lines: {over}"
