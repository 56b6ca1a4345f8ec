"""A later page's running header that prints the policy's identifier beside its title (``KOR-ORTH-2204 Total Knee
Arthroplasty``), which a viewer's copy sets inside a lead-in a page broke (``… UNLESS one of the`` / footer /
``Page 1 of 2`` / the header / ``following is documented:``): furniture, the lead-in whole again and its
connective read (``tests/fixtures/running_id19``, two payers' viewer copies as text).

The head's identifier (``Guideline Number: KOR-ORTH-2204``) is a name a running header may put together with
the title; what must stay: the same words as a line of their own between blank lines (a heading that repeats
the title), a sentence that cites the identifier, a date (no identifier: no letter)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.documents import head_names
from policyvc.renderer.outline import render_outline

RUNNING = FIXTURES / "running_id19"

CASES = {
    "keystone-knee.txt": (
        "set:any",
        "Total knee arthroplasty is not medically necessary for a knee with active infection, UNLESS one of the "
        "following is documented:",
    ),
    "meridian-cpap.txt": (
        "set:both",
        "Continued use beyond 3 months is medically necessary when BOTH of the following are met:",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_running_header_of_identifier_and_title_inside_a_lead_in_goes(name: str) -> None:
    outline = render_outline(parse_file_report(RUNNING / name, recover=True).policy)
    kind, lead = CASES[name]
    assert f"\t{kind}\t{lead}\n" in outline + "\n"
    assert "KOR-ORTH-2204 Total" not in outline
    assert "MSM.DME.0415 Positive" not in outline


_HEAD = """Harbor Spine Review
Surgical Policy: Cervical Disc Arthroplasty
Policy ID: HSR-SP-0311
Effective Date: 06-01-2026
"""


def test_the_heads_identifier_is_a_name_and_a_date_is_none() -> None:
    names = head_names(_HEAD.splitlines())
    assert "hsr-sp-0311" in names
    assert "06-01-2026" not in names


def test_the_identifier_and_title_stay_as_a_heading_or_in_a_sentence() -> None:
    text = (
        _HEAD
        + "\nOverview\nCervical disc arthroplasty replaces a degenerated disc with a prosthetic one.\n\n"
        + "HSR-SP-0311 Cervical Disc Arthroplasty\n\n"
        + "Criteria\nThis policy, HSR-SP-0311 Cervical Disc Arthroplasty, applies when all of the following are met:\n"
        + "1. Single-level disease from C3 to C7;\n2. Failure of 6 weeks of conservative care.\n"
    )
    outline = render_outline(parse_text_report(text).policy)
    assert "heading\tHSR-SP-0311 Cervical Disc Arthroplasty" in outline
    assert "This policy, HSR-SP-0311 Cervical Disc Arthroplasty, applies" in outline
