"""schema.yml against a real warehouse (the pipeline run on samples/): every table, view and column is
documented and nothing documented is gone, and every declared test holds as SQL on that DuckDB file.
The checks themselves are shown to fail on a warehouse that breaks them."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from warehouse import column_tests, schema_docs

pytestmark = pytest.mark.slow

DECLARED = schema_docs.declared_tests()


@pytest.fixture(scope="module")
def con(samples_warehouse):
    c = duckdb.connect(str(samples_warehouse), read_only=True)
    yield c
    c.close()


def test_every_table_view_and_column_is_documented(con):
    found = schema_docs.compare(con)
    assert found.undocumented == [], f"in the warehouse, not in schema.yml: {found.undocumented}"
    assert found.missing == [], f"in schema.yml, not in the warehouse: {found.missing}"
    assert found.undescribed == [], f"documented without a description: {found.undescribed}"
    # the documentation covers the warehouse's real relations, views included
    assert {"documents", "events", "runs", "stg_events", "event_parties", "mart_party_dyads"} <= set(
        schema_docs.warehouse_columns(con))


@pytest.mark.parametrize("test", DECLARED, ids=[t.id for t in DECLARED])
def test_declared_test_holds(con, test):
    assert column_tests.failures(con, test) == []


def test_the_sample_run_gives_the_declared_tests_rows_to_check(con):
    """The tests run on a loaded warehouse, not on empty relations (those a sample run leaves empty are
    named here: no inbox, no quarantine on samples)."""
    empty = {r for r in schema_docs.relations()
             if con.execute(f"SELECT count(*) FROM {column_tests.quote(r)}").fetchone()[0] == 0}  # noqa: S608
    assert empty == {"inbox_files", "quarantine"}
    assert {t.kind for t in DECLARED} == set(schema_docs.TEST_KINDS) | set(schema_docs.TABLE_TEST_KINDS)


def test_a_change_to_the_warehouse_is_caught(samples_warehouse, tmp_path):
    """A column added without documentation, a documented column dropped and rows that break each kind
    of test are all reported, on a copy of the real warehouse."""
    copy = tmp_path / "w.duckdb"
    shutil.copy(samples_warehouse, copy)
    c = duckdb.connect(str(copy))
    try:
        c.execute("ALTER TABLE documents ADD COLUMN summary VARCHAR")
        c.execute("ALTER TABLE inbox_files DROP COLUMN archived_to")
        c.execute("CREATE TABLE scratch AS SELECT 1 AS x")
        found = schema_docs.compare(c)
        assert found.undocumented == ["documents.summary", "scratch"]
        assert found.missing == ["inbox_files.archived_to"]
        # rows that break a test of every kind; two tables lose their primary key (a copy as a plain table)
        # so that duplicates get in
        c.execute("CREATE OR REPLACE TABLE event_types AS SELECT * FROM event_types")
        c.execute("INSERT INTO event_types VALUES ('PARLEY', 7, 'neutral', NULL, NULL), ('PARLEY', 7, 'neutral', NULL, NULL)")
        c.execute("CREATE OR REPLACE TABLE sentences AS SELECT * FROM sentences")
        c.execute("INSERT INTO sentences SELECT doc_id, 99, 0, 1, 'x' FROM documents ORDER BY doc_id LIMIT 1")
        c.execute("INSERT INTO sentences SELECT doc_id, 99, 0, 1, 'y' FROM documents ORDER BY doc_id LIMIT 1")
        c.execute("UPDATE runs SET status = 'paused'")
        c.execute("INSERT INTO mentions (doc_id, source) VALUES ('no-such-document', 'dictionary')")
        broken = {t.id: column_tests.failures(c, t) for t in DECLARED}
        doc = c.execute("SELECT min(doc_id) FROM documents").fetchone()[0]
    finally:
        c.close()
    assert broken["event_types.event_type:unique"] == [("PARLEY", 2)]
    assert broken["event_types.quad_class:accepted_values"] == [(7, 2)]
    assert broken["event_types.description:not_null"] == [(None, 2)]
    assert broken["runs.status:accepted_values"] == [("paused", 1)]
    assert broken["mentions.doc_id:relationships"] == [("no-such-document", 1)]
    assert broken["sentences:unique_combination_of_columns"] == [(f"{doc} | 99", 2)]
    failing = {k for k, v in broken.items() if v}
    assert failing == {"event_types.event_type:unique", "event_types.quad_class:accepted_values",
                       "event_types.description:not_null", "runs.status:accepted_values",
                       "mentions.doc_id:relationships", "sentences:unique_combination_of_columns"}
