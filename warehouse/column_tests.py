"""Run the tests schema.yml declares (``warehouse/schema_docs.py``) as SQL against a warehouse, dbt's way:
each test is a query (``warehouse/sql/schema_test_<kind>.sql``) returning the offending values, and it
holds when that query returns no row."""
from __future__ import annotations

import duckdb

from warehouse import db
from warehouse.schema_docs import DeclaredTest


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def query(test: DeclaredTest) -> tuple[str, list]:
    """The SQL of a declared test and its parameters."""
    names = {"relation": quote(test.relation)}
    params: list = []
    if test.column is not None:
        names["column"] = quote(test.column)
    if test.kind == "relationships":
        names |= {"to": quote(test.arg("to")), "field": quote(test.arg("field"))}
    elif test.kind == "accepted_values":
        params = [list(test.arg("values"))]
    elif test.kind == "unique_combination_of_columns":
        names["columns"] = ", ".join(quote(c) for c in test.arg("combination_of_columns"))
    return db.sql(f"schema_test_{test.kind}").format(**names), params


def failures(con: duckdb.DuckDBPyConnection, test: DeclaredTest) -> list[tuple]:
    """The offending (value, rows) pairs of a test on a warehouse; empty when the test holds."""
    sql, params = query(test)
    return con.execute(sql, params).fetchall() if params else con.execute(sql).fetchall()
