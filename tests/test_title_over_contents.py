"""The title line the header took is no heading of the body too: the text a layout set under it before the
first section (a table of contents whose own title reads as a paragraph) goes on the section above it.  Two
other plans' heads of the payers fixture's shape (a kind's line, dotted fields, the title, a contents list)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_text

_CIGNA = (FIXTURES / "payers" / "cigna-spinal-cord-stimulation.txt").read_text(encoding="utf-8")
_OTHERS = {
    "Bariatric Surgery for Obesity": _CIGNA.replace("Spinal Cord Stimulation", "Bariatric Surgery for Obesity").replace(
        "Cigna", "Harbor"
    ),
    "Home Sleep Apnea Testing": _CIGNA.replace("Spinal Cord Stimulation", "Home Sleep Apnea Testing")
    .replace("Cigna", "Summit")
    .replace("Medical Coverage Policy", "Clinical Coverage Guideline"),
}


@pytest.mark.parametrize("title", sorted(_OTHERS))
def test_the_title_line_is_not_a_heading_over_the_contents(title: str) -> None:
    policy = parse_text(_OTHERS[title])
    assert policy.header.title == title
    assert title not in [s.title for s in policy.body]
    kept = [b.text for s in policy.body for b in s.blocks if hasattr(b, "text")]
    assert "Table of Contents" in kept and any(t.startswith("Overview ....") for t in kept)


def test_a_title_heading_over_its_sections_keeps_them() -> None:
    text = _OTHERS["Bariatric Surgery for Obesity"].replace("Table of Contents\n", "Overview\n", 1)
    policy = parse_text(text)
    assert "Overview" in [s.title for s in policy.body]
