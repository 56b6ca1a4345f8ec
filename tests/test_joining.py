"""The one rule for joining a wrapped line to the next (``parser/joining.py``), used by PDFs and text alike."""

from __future__ import annotations

import pytest

from policyvc.parser.joining import join_wrapped


@pytest.mark.parametrize(
    ("a", "b", "joined"),
    [
        ("the relevant off-", "label use", "the relevant off-label use"),
        ("medium-", "to high-dose", "medium- to high-dose"),
        ("hema\u00ad", "topoietic", "hematopoietic"),
        ("and/", "or", "and/or"),
        ("5 mcg/", "kg/day", "5 mcg/kg/day"),
        ("EAACI/GA²LEN/", "EuroGuiDerm/APAAACI Guideline", "EAACI/GA²LEN/EuroGuiDerm/APAAACI Guideline"),
        ("Dose Limit/", "Maximum Dose", "Dose Limit/ Maximum Dose"),
        ("Diagnosis of", "AML;", "Diagnosis of AML;"),
        ("see page 3 -", "the notes", "see page 3 - the notes"),
    ],
)
def test_join_wrapped(a: str, b: str, joined: str) -> None:
    assert join_wrapped(a, b) == joined


def test_a_cell_fragment_on_a_row_without_its_key_goes_on_where_the_text_does() -> None:
    """A row a page or a layout split (its wrapped cell text on a row of its own, no code): the fragment goes on the
    cell's paragraph where it goes on in lower case inside parentheses or the paragraph ended on a word that needs
    the next; a capital after a whole phrase starts a paragraph of its own."""
    from policyvc.parser.joining import continue_row

    row = [["E10.43"], ["Type 1 diabetes mellitus with diabetic autonomic"]]
    continue_row(row, ["", "(poly)neuropathy"])
    assert row[1] == ["Type 1 diabetes mellitus with diabetic autonomic (poly)neuropathy"]
    row = [["E11.51"], ["Type 2 diabetes mellitus with"]]
    continue_row(row, ["", "Diabetic peripheral angiopathy"])
    assert row[1] == ["Type 2 diabetes mellitus with Diabetic peripheral angiopathy"]
    row = [["J3490"], ["Unclassified drugs"]]
    continue_row(row, ["", "Dupixent (dupilumab)"])
    assert row[1] == ["Unclassified drugs", "Dupixent (dupilumab)"]
