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


_LAYOUT = """Facet Joint Interventions
Policy Number: L99001
Effective Date: 01/22/2026

Limitations

   8. Diagnostic facet procedures are limited to a maximum of four sessions
      per rolling 12 months per spinal region.

   9. Therapeutic intra-articular facet joint injections are limited to a
      maximum of four sessions per rolling 12 months per spinal region.

   10.RFA is limited to a maximum of two sessions per rolling 12 months
      per spinal region.

   11.Facet joint interventions performed without imaging guidance are not
      reasonable and necessary.
"""


def test_a_number_glued_to_a_word_in_capitals_is_the_items_marker() -> None:
    """``pdftotext -layout`` of a word processor's list: from 10 on, the label fills its tab stop (``10.RFA is``)."""
    policy = parse_text_report(_LAYOUT, "p.txt", recover=True).policy
    text = render_outline(policy)
    assert "10.RFA" not in text
    rows = [line.split("\t") for line in text.splitlines()]
    (rfa,) = [r for r in rows if "RFA is limited" in r[-1]]
    (before,) = [r for r in rows if "Therapeutic intra-articular" in r[-1]]
    assert rfa[1] == before[1] != "paragraph"  # an item of the list, as the one before it
