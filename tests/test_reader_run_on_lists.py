"""A list written on one line (a viewer's copy, a web page) split back into its items only when its markers
run in sequence after a lead-in (``parser/run_on_lists.py``); any other line is left as it is."""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis import given, settings
from profiles import examples

from policyvc.parser import parse_text_report
from policyvc.parser.run_on_lists import split_run_on
from policyvc.renderer.outline import render_outline


def test_numbers_and_letters_in_sequence_after_a_lead_in_are_split() -> None:
    line = (
        "B. Knee injection (must meet all): 1. Age 50 or older; AND 2. Pain for 6 months or longer; AND "
        "3. Failure of one of the following: a. Physical therapy for 6 weeks; OR b. Oral analgesics; AND "
        "4. No injection in the past 6 months."
    )
    assert split_run_on(line) == [
        "B. Knee injection (must meet all):",
        "1. Age 50 or older; AND",
        "2. Pain for 6 months or longer; AND",
        "3. Failure of one of the following:",
        "a. Physical therapy for 6 weeks; OR",
        "b. Oral analgesics; AND",
        "4. No injection in the past 6 months.",
    ]


def test_a_bold_lead_in_and_markers_after_a_full_stop() -> None:
    line = "**C. RENEWAL:** 1. Response documented. 2. Dose within label."
    assert split_run_on(line) == ["**C. RENEWAL:**", "1. Response documented.", "2. Dose within label."]


def test_lines_whose_markers_do_not_run_in_sequence_are_left() -> None:
    kept = [
        "Dosing: 1. Start low.",  # (one item only)
        "Note: 2. Second before a first; 3. Third.",  # (no first item)
        "Criteria 1. Age 18; 2. Pain.",  # (no lead-in ending in a colon)
        "Choose one: 1. Alpha; 3. Gamma; 5. Epsilon.",  # (numbers that skip)
        "See the following: 1.5 mg/kg given 2. Weeks apart",  # (a number in text, no marker's sequence)
        "Examples: e.g. Alpha and i.e. Beta",
    ]
    for line in kept:
        assert split_run_on(line) == [line], line


def test_a_generic_policy_with_its_criteria_on_one_line_reads_as_a_list() -> None:
    text = (
        "Hip Arthroscopy\nPolicy Number: MP-77\nEffective Date: 01/01/2026\n\nCoverage Criteria\n"
        "Hip arthroscopy is medically necessary when all of the following are met: 1. Imaging confirms "
        "the lesion; AND 2. Symptoms for 3 months; AND 3. Failed conservative care.\n"
    )
    report = parse_text_report(text, source="x.txt", recover=True)
    out = render_outline(report.policy)
    assert "Failed conservative care." in out
    items = [line.split("\t")[0] for line in out.splitlines() if "\tjudgment\t" in line]
    assert len(items) == 3, out
    assert any("whole list" in d.message for d in report.diagnostics)


_WORDS = st.sampled_from(
    ["Age", "18", "or", "older;", "AND", "OR", "one", "of", "the", "following:", "(must", "meet", "all):",
     "Pain.", "e.g.", "1.", "2.", "3.", "a.", "b.", "c.", "Therapy", "(CDAI"]
)  # fmt: skip


@settings(max_examples=examples(300))
@given(st.lists(_WORDS, max_size=40))
def test_splitting_never_loses_or_reorders_text(words: list[str]) -> None:
    line = " ".join(words)
    assert " ".join(split_run_on(line)).split() == line.split()
