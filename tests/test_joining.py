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
