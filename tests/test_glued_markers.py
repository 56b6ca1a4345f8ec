"""A list marker a print set so close to its text that pdftotext wrote no space (``i.The member …``) is still
the item's marker; a decimal, ``e.g.`` or an address never becomes one."""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.renderer.outline import render_outline

_TEXT = """Otezla
Policy Number: 3120-B
Effective Date: 05/01/2026

Coverage Criteria

Authorization may be granted when all of the following criteria are met:
1. Member has moderate to severe plaque psoriasis.
2. Member has had an inadequate response to either of the following:
a.
A topical corticosteroid used for at least 4 weeks, when the member meets one
of the following:
i.The member is 18 years of age or older
ii.
The member has psoriasis of the scalp or nails
b.
Phototherapy for at least 12 weeks (e.g.,NB-UVB), see www.Example.org for 0.5.Doses details.
"""


def test_a_glued_roman_marker_is_the_items() -> None:
    policy = parse_text_report(_TEXT, "p.txt", recover=True).policy
    rows = dict(line.split("\t")[:2] for line in render_outline(policy).splitlines())
    base = "Coverage-Criteria.c1.2"
    assert rows[base] == "any" and rows[f"{base}.a"] == "any"
    assert {f"{base}.a.i", f"{base}.a.ii", f"{base}.b"} <= set(rows)
    text = render_outline(policy)
    assert "(e.g.,NB-UVB), see www.Example.org for 0.5.Doses details." in text  # (left as written)
