"""A quantity-limit table's widest row a print set with its name and its limit one space apart
(``tests/fixtures/glued_rows``): split where the name ends — before the first number its name, at least as wide
as every name above it, ends at — never where the limit column's start happens to cut the run."""

from __future__ import annotations

from conftest import FIXTURES
from heldout_support import body_tables

from policyvc.parser import parse_text_report

HERE = FIXTURES / "glued_rows"


def test_a_glued_rows_name_and_limit_are_its_two_cells() -> None:
    text = (HERE / "esa-quantity.chromium.pdftotext-layout.txt").read_text(encoding="utf-8")
    policy = parse_text_report(text, recover=True).policy
    rows = [tuple(" ".join(c) for c in r.cells) for t in body_tables(policy) for r in t.rows]
    assert rows[2] == ("Methoxy polyethylene glycol-epoetin beta (Mircera)", "2 syringes per 28 days")
    # (a number inside the glued name, ``500 mcg/mL``: the name above it is wider, so it ends no name there)
    assert rows[4] == ("Darbepoetin alfa 500 mcg/mL syringe (Aranesp)", "1 syringe per 28 days")
    assert rows[:2] == [
        ("Epoetin alfa 10,000 units/mL vial", "12 vials per 28 days"),
        ("Darbepoetin alfa 100 mcg prefilled syringe", "4 syringes per 28 days"),
    ]
