"""The event types are defined once (extractors/event_types.tsv): the rules' type sets, the warehouse's
event_types rows and the validation suite's value set all come from that table."""
from __future__ import annotations

import json

import duckdb

from extractors import event_types, records
from extractors.events import predicates
from warehouse import db
from warehouse.quality import validate


def test_the_table_defines_each_type_once_with_its_quad_class():
    names = [t.name for t in event_types.TYPES]
    assert len(names) == len(set(names)) == 17 and "DISCUSS" in names
    assert all(0 <= t.quad_class <= 4 and t.cameo_root.isdigit() for t in event_types.TYPES)
    assert records.EVENT_TYPES == event_types.NAMES


def test_the_rules_read_their_type_sets_from_the_table():
    from extractors.events import nesting, rules

    assert rules.HOSTILE is event_types.HOSTILE  # (the rules in data name the class: `type: "@hostile"`)
    assert "ASSAULT" in event_types.HOSTILE and event_types.SYMMETRIC == {"AGREE", "CONSULT", "COOPERATE"}
    assert predicates.PUNITIVE is event_types.PUNITIVE <= event_types.HOSTILE
    assert event_types.DIRECTED - event_types.HOSTILE == {"REQUEST"}


def test_the_suite_takes_its_value_set_from_the_table():
    spec = json.loads((validate.SUITES / "events.json").read_text(encoding="utf-8"))
    ref = [e["kwargs"] for e in spec["expectations"] if e["kwargs"].get("column") == "event_type"
           and "value_set" in e["kwargs"]]
    assert ref and ref[0]["value_set"] == "@event_types"
    assert validate.resolved_kwargs(ref[0])["value_set"] == list(event_types.NAMES)


def test_the_warehouse_is_seeded_from_the_table(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    db.upgrade(con)
    got = con.execute("SELECT event_type, quad_class, quad_name, cameo_root, description FROM event_types "
                      "ORDER BY event_type").fetchall()
    assert got == sorted(event_types.rows())
    db.upgrade(con)  # idempotent: seeded again, same rows
    assert con.execute("SELECT count(*) FROM event_types").fetchone()[0] == len(event_types.NAMES)
