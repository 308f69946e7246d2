"""Golden cases are grouped by the rule they guard: every case in tests/golden/<lang>.yaml sits under a
``# rule:`` comment. A group runs from a ``# rule:`` line (with the comment lines that continue it) to the
next comment block at the start of a line; a comment block with no ``# rule:`` line (a session note) ends
the group, so the cases after it belong to none. Comments indented inside a case (``  # FIXME: …``) are
part of the case."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def ungrouped(text: str) -> list[tuple[int, str]]:
    """(line number, line) of each case that sits under no ``# rule:`` comment."""
    out, group, in_comment = [], None, False
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            if not in_comment:  # a comment block closes the group before it …
                group = None
            if line.startswith("# rule:"):  # … and a rule line in it opens the next
                group = line
            in_comment = True
            continue
        in_comment = False
        if line.startswith("- ") and group is None:
            out.append((n, line))
    return out


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_golden_case_is_under_a_rule(lang):
    text = (GOLDEN / f"{lang}.yaml").read_text(encoding="utf-8")
    assert sum(line.startswith("- ") for line in text.splitlines()) == len(yaml.safe_load(text))
    loose = ungrouped(text)
    assert not loose, f"{len(loose)} {lang} golden cases under no `# rule:` comment, first at line {loose[0][0]}: " \
                      f"{loose[0][1][:80]}"


def test_a_case_after_a_note_that_is_no_rule_is_ungrouped():
    text = "\n".join([
        "# Header: keys of a case.",
        "- text: \"before any rule\"",
        "# A note before the rule, in the same block.",
        "# rule: a rule",
        "# continued on a second line",
        "- text: \"one\"",
        "  # FIXME: an indented note is part of its case",
        "- text: \"two\"",
        "# session 5: a note, no rule",
        "- text: \"three\"",
        "# rule: another rule",
        "- text: \"four\"",
    ])
    assert [n for n, _ in ungrouped(text)] == [2, 10]
