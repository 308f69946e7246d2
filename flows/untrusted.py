"""Parsing untrusted JSON lines and YAML front matter so that no value in them can raise later.

Python refuses to convert integer literals of more than 4,300 digits (``int("9" * 5000)`` raises
ValueError): such a literal becomes a ``LongNumber`` that ingest rejects by field. YAML timestamps that
name no real date (``published: 2023-02-30``) stay strings, so the date check sees them like any other
string date. Front matter may not use aliases (``*name``): a few hundred bytes of nested aliases
("billion laughs") expand to billions of values once anything walks them."""
from __future__ import annotations

import json

import yaml


class LongNumber:
    """An integer literal too long to become an ``int``; keeps its digits."""

    __slots__ = ("digits",)

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"<integer literal of {len(self.digits)} digits>"


def _int(literal: str) -> int | LongNumber:
    try:
        return int(literal)
    except ValueError:
        return LongNumber(literal)


def load_json(line: str) -> object:
    """``json.loads`` with over-long integers as ``LongNumber``. Raises JSONDecodeError, RecursionError."""
    return json.loads(line, parse_int=_int)


class FrontMatterLoader(yaml.SafeLoader):
    """yaml.SafeLoader that refuses aliases and whose timestamps and integers never raise while constructing."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases are not allowed in front matter",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node):  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:  # 2023-02-30, 2023-01-01 10:00:00+99:00: a string, judged by the date check
            return self.construct_scalar(node)

    def construct_yaml_int(self, node):  # type: ignore[override]
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            return LongNumber(self.construct_scalar(node))


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", FrontMatterLoader.construct_yaml_timestamp)
FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", FrontMatterLoader.construct_yaml_int)


def load_front_matter(source: str) -> object:
    """The YAML document in ``source``. Raises yaml.YAMLError (and RecursionError on deep nesting)."""
    return yaml.load(source, Loader=FrontMatterLoader)  # noqa: S506 — a SafeLoader subclass
