"""Bullet levels by glyph in a copied text (``•`` / ``o`` / a third glyph of no fixed level): a glyph not seen
before in the run, right under an item of another glyph that announces a list, is the level under that item —
for the rest of the run — not the top level its indentation (none) would give."""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.renderer.outline import render_outline

_TEXT = """Deep Brain Stimulation
Policy Number: 9.03.11
Effective Date: 04/01/2026

Coverage

Deep brain stimulation is covered when ALL of the following criteria are met:
• The member is 21 years of age or older
• At least one of the following:
o Disabling tremor despite two medications; OR
o Motor fluctuations despite optimal therapy, with
both of the following:
- Symptoms for at least 4 years
- A levodopa response of at least 30%
• No dementia on formal testing

References
1. Smith J. Neurology. 2020;94:1-10.
"""


def test_a_third_glyph_under_an_announcing_sub_item_is_its_list() -> None:
    rows = [
        line.split("\t")[:2]
        for line in render_outline(parse_text_report(_TEXT, "p.txt", recover=True).policy).splitlines()
    ]
    kinds = dict(rows)
    assert kinds["Coverage.c1"] == "set:all"
    assert kinds["Coverage.c1.2"] == "any" and kinds["Coverage.c1.2.2"] == "both"
    assert {"Coverage.c1.2.2.1", "Coverage.c1.2.2.2"} <= set(kinds)
    assert "Coverage.c1.3" in kinds and "Coverage.c1.4" not in kinds  # (the last bullet back at the top)
