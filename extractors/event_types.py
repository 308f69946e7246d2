"""The event types, defined once in ``event_types.tsv``: names in their order, quad class, CAMEO root
and the flags the rules read (hostile, directed, symmetric, punitive, claimed, untargeted,
planned_threat, announced). The warehouse seeds its
``event_types`` table and the validation suite takes its value set from here."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "event_types.tsv"


@dataclass(frozen=True)
class EventType:
    name: str
    quad_class: int
    quad_name: str
    cameo_root: str
    hostile: bool
    directed: bool
    symmetric: bool
    punitive: bool
    claimed: bool
    untargeted: bool
    planned_threat: bool
    announced: bool
    description: str


def _read(path: Path = TABLE) -> tuple[EventType, ...]:
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
    cols = lines[0].split("\t")
    out = []
    for line in lines[1:]:
        r = dict(zip(cols, line.split("\t")))
        out.append(EventType(r["event_type"], int(r["quad_class"]), r["quad_name"], r["cameo_root"],
                             r["hostile"] == "1", r["directed"] == "1", r["symmetric"] == "1", r["punitive"] == "1",
                             r["claimed"] == "1", r["untargeted"] == "1", r["planned_threat"] == "1", r["announced"] == "1",
                             r["description"]))
    return tuple(out)


TYPES = _read()
NAMES = tuple(t.name for t in TYPES)
HOSTILE = frozenset(t.name for t in TYPES if t.hostile)
DIRECTED = frozenset(t.name for t in TYPES if t.directed)  # acts aimed at someone
SYMMETRIC = frozenset(t.name for t in TYPES if t.symmetric)
PUNITIVE = frozenset(t.name for t in TYPES if t.punitive)
CLAIMED = frozenset(t.name for t in TYPES if t.claimed)  # told by another party, an accusation of it
UNTARGETED = frozenset(t.name for t in TYPES if t.untargeted)  # statements: no target
PLANNED_THREAT = frozenset(t.name for t in TYPES if t.planned_threat)  # announced for the future: a threat
ANNOUNCED = frozenset(t.name for t in TYPES if t.announced)  # done by announcing it: told in the future, asserted


def rows() -> list[tuple]:
    """Rows of the warehouse's ``event_types`` table."""
    return [(t.name, t.quad_class, t.quad_name, t.cameo_root, t.description) for t in TYPES]
