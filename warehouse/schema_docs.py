"""The warehouse's documentation, dbt style: ``schema.yml`` beside the migrations (the base tables, as
``sources``) and beside each view folder (``models``) give every table, view and column its meaning and
declare the column tests that hold (run by ``warehouse/column_tests.py``). ``compare`` sets them against
a real warehouse, so a column added without its documentation (or documented and gone) is caught."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import yaml

from warehouse import db

TEST_KINDS = ("not_null", "unique", "accepted_values", "relationships")
TABLE_TEST_KINDS = ("unique_combination_of_columns",)
_TO = re.compile(r"""^\s*(?:ref\(\s*['"]([^'"]+)['"]\s*\)|source\(\s*['"][^'"]+['"]\s*,\s*['"]([^'"]+)['"]\s*\))\s*$""")


@dataclass(frozen=True)
class DeclaredTest:
    """One test a schema.yml declares: on a column (``column`` set) or on the whole relation."""

    relation: str
    kind: str
    column: str | None = None
    args: tuple[tuple[str, object], ...] = ()

    @property
    def id(self) -> str:
        where = f"{self.relation}.{self.column}" if self.column else self.relation
        return f"{where}:{self.kind}"

    def arg(self, name: str):
        return dict(self.args)[name]


@dataclass
class Relation:
    name: str
    kind: str  # source (a base table) | model (a view)
    description: str
    path: Path
    columns: dict[str, str] = field(default_factory=dict)  # name -> description
    tests: list[DeclaredTest] = field(default_factory=list)


def files() -> list[Path]:
    """The schema.yml files: base tables first, then staging views, then marts."""
    return [db.MIGRATIONS / "schema.yml", *sorted((db.VIEWS / d / "schema.yml" for d in ("staging", "marts")))]


def _tests(relation: str, column: str | None, entries: list, kinds: tuple[str, ...], path: Path) -> list[DeclaredTest]:
    out = []
    for entry in entries or []:
        if isinstance(entry, str):
            kind, args = entry, {}
        elif isinstance(entry, dict) and len(entry) == 1:
            kind, args = next(iter(entry.items()))
            args = dict(args or {})
        else:
            raise ValueError(f"{path}: {relation}.{column}: a test is a name or a one-key mapping, not {entry!r}")
        if kind not in kinds:
            raise ValueError(f"{path}: {relation}.{column or ''}: unknown test {kind!r} (known: {', '.join(kinds)})")
        if kind == "relationships":
            m = _TO.match(str(args.get("to", "")))
            if not m or not args.get("field"):
                raise ValueError(f"{path}: {relation}.{column}: relationships needs to: ref('x') or source('s', 'x') and field")
            args = {"to": m.group(1) or m.group(2), "field": args["field"]}
        if kind == "accepted_values" and not isinstance(args.get("values"), list):
            raise ValueError(f"{path}: {relation}.{column}: accepted_values needs a list of values")
        if kind == "unique_combination_of_columns" and not isinstance(args.get("combination_of_columns"), list):
            raise ValueError(f"{path}: {relation}: unique_combination_of_columns needs combination_of_columns")
        frozen = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(args.items()))
        out.append(DeclaredTest(relation, kind, column, frozen))
    return out


def _relation(entry: dict, kind: str, path: Path) -> Relation:
    name = entry["name"]
    rel = Relation(name, kind, " ".join(str(entry.get("description") or "").split()), path)
    rel.tests += _tests(name, None, entry.get("data_tests", entry.get("tests")), TABLE_TEST_KINDS, path)
    for col in entry.get("columns") or []:
        if col["name"] in rel.columns:
            raise ValueError(f"{path}: {name}.{col['name']} is documented twice")
        rel.columns[col["name"]] = " ".join(str(col.get("description") or "").split())
        rel.tests += _tests(name, col["name"], col.get("data_tests", col.get("tests")), TEST_KINDS, path)
    return rel


def relations() -> dict[str, Relation]:
    """Every documented table and view, by name."""
    out: dict[str, Relation] = {}
    for path in files():
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries = [(t, "source") for s in spec.get("sources") or [] for t in s.get("tables") or []]
        entries += [(m, "model") for m in spec.get("models") or []]
        for entry, kind in entries:
            rel = _relation(entry, kind, path)
            if rel.name in out:
                raise ValueError(f"{path}: {rel.name} is documented twice")
            out[rel.name] = rel
    return out


def declared_tests() -> list[DeclaredTest]:
    return [t for rel in relations().values() for t in rel.tests]


def warehouse_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Every table and view of a warehouse with its columns, in order."""
    out: dict[str, list[str]] = {}
    for r in db.rows(con, "relation_columns"):
        out.setdefault(r["relation"], []).append(r["column"])
    return out


@dataclass
class Comparison:
    undocumented: list[str]  # "relation.column" (or "relation") in the warehouse, not in schema.yml
    missing: list[str]  # documented, not in the warehouse
    undescribed: list[str]  # documented without a description

    @property
    def ok(self) -> bool:
        return not (self.undocumented or self.missing or self.undescribed)


def compare(con: duckdb.DuckDBPyConnection) -> Comparison:
    """The documentation against a real warehouse, column by column."""
    actual = warehouse_columns(con)
    documented = relations()
    undocumented = [name for name in actual if name not in documented]
    missing = [name for name in documented if name not in actual]
    undescribed = [name for name, rel in documented.items() if not rel.description]
    for name in set(actual) & set(documented):
        undocumented += [f"{name}.{c}" for c in actual[name] if c not in documented[name].columns]
        missing += [f"{name}.{c}" for c in documented[name].columns if c not in actual[name]]
    undescribed += [f"{name}.{c}" for name, rel in documented.items() for c, d in rel.columns.items() if not d]
    return Comparison(sorted(undocumented), sorted(missing), sorted(undescribed))
