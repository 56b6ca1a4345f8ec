"""A head set as a borderless two-column table — a publisher's line and the title on the left, the identifier and
the date on the right — whose ``pdftotext -layout`` copy ran the widest cell on into the next one
(``tests/fixtures/side_head19``: HTML in ``src/`` printed by Chromium, remade by ``python tests/docgen.py
$PWD/tests/fixtures/side_head19``, the print's ``file://`` address then replaced by a web one).

The identifier's line (``Harbor Imaging Guidelines <gap> Guideline Number: HIG-MSK-118``) is a row of the head:
the title-like line under it starts anew, so the title is read from its own row (``Lumbar Spine MRI for Low Back
Pain Effective Date: 02/01/2026``).  What must not end a line so: a field whose value is no identifier (no digit,
or words), a label that names no identifier."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_file_report
from policyvc.parser.text_styles import _ID_FIELD_END

SIDE = FIXTURES / "side_head19"

CASES = {
    "harbor-lumbar": ("Lumbar Spine MRI for Low Back Pain", "HIG-MSK-118", dt.date(2026, 2, 1)),
    "vista-insulin": ("External Insulin Infusion Pumps for Diabetes", "VHP-DME-0356", dt.date(2026, 9, 1)),
}


@pytest.mark.parametrize("mode", ["chromium.pdftotext", "chromium.pdftotext-layout"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_side_head_reads_to_its_title_and_fields(name: str, mode: str) -> None:
    policy = parse_file_report(SIDE / f"{name}.{mode}.txt", recover=True).policy
    header = policy.header
    assert (header.title, header.reference_number, header.effective_date) == CASES[name]


@pytest.mark.parametrize(
    ("line", "ends"),
    [
        ("Harbor Imaging Guidelines      Guideline Number: HIG-MSK-118", True),
        ("Vista Health Plan Medical Policy      Policy No.: VHP-DME-0356", True),
        ("Elixir Clinical Criteria Criteria ID: ELX-PA-2231", True),
        ("Northwind Pharmacy      Guideline #: 0412", True),
        ("Harbor Imaging Guidelines      Category: Radiology", False),  # (no identifier's label)
        ("Harbor Imaging Guidelines      Policy Number: pending review", False),  # (words, no identifier)
        ("Harbor Imaging Guidelines      Policy Number: TBD", False),  # (no digit)
        ("members may call Customer Service at Phone: 1-800-555-0100", False),  # (a phone's label)
    ],
)
def test_which_lines_end_in_an_identifier_field(line: str, ends: bool) -> None:
    assert (_ID_FIELD_END.search(line) is not None) is ends
