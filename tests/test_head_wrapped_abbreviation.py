"""A large title a print wrapped onto a second line that ends in its abbreviation in parentheses (``… Cardiac
Positron`` / ``Emission Tomography (PET)``), right over the head's fields and a table of contents: one title, as the
copy printed on one line reads it — the abbreviation in capitals is no plan's initials, and the wrapped line is no
heading over the fields."""

from __future__ import annotations

from policyvc.history.diff import diff
from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy

_FIELDS = """\
       Guideline Number: NCG_031
       Applicable Codes: See Coding section
       Original Date: 04/2016
       Last Revised Date: 10/2025


       Table of Contents
• Statement
• Indications

       Statement
       These guidelines do not constitute medical advice. Treating health care professionals are solely
       responsible for diagnosis, treatment, and medical advice.

       Indications
       Cardiac MRI is considered medically necessary for any of the following indications:
       1. Evaluation of suspected myocarditis with elevated troponin and a nondiagnostic echocardiogram;
       2. Assessment of myocardial viability in a patient being considered for revascularization.
"""


def _policy(head: str) -> Policy:
    return parse_text_report(head + _FIELDS, "guideline.txt", recover=True).policy


def test_a_wrapped_title_ending_in_its_abbreviation_is_one_title() -> None:
    wrapped = _policy("       Northwind Clinical Guideline 031 for Cardiac Magnetic Resonance\n       Imaging (MRI)\n")
    whole = _policy("       Northwind Clinical Guideline 031 for Cardiac Magnetic Resonance Imaging (MRI)\n")
    title = "Northwind Clinical Guideline 031 for Cardiac Magnetic Resonance Imaging (MRI)"
    assert wrapped.header.title == whole.header.title == title
    assert [(e.kind.value, e.old_id, e.new_id) for e in diff(whole, wrapped).changes] == []
