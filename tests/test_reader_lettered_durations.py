"""Lists lettered through what stands between their letters (``tests/fixtures/lettered_durations``).

* A Centene pharmacy copy whose word processor letters each set's ``Approval duration:`` with the sets (``A. …``
  / ``B. Approval duration: …`` / ``C. …``): the duration is set ``A.``'s, the next set is ``C.`` as written,
  with a note — never "out of sequence", never the whole document read by its outline instead.
* A document of another family whose section letters (``A. Cochlear Implant – Adults``) have a paragraph and
  numbered items between them: ``B.`` resumes the letters, not a child of the numbered item above it.
"""

from __future__ import annotations

from conftest import FIXTURES

from policyvc.parser import parse_text, parse_text_report
from policyvc.renderer.outline import render_outline
from policyvc.renderer.text import render_text

HERE = FIXTURES / "lettered_durations"
PHARMACY = HERE / "apremilast-lettered-durations.txt"
SECTIONS = HERE / "hearing-sections-lettered.txt"


def test_a_lettered_duration_is_the_set_above_it_and_the_letters_skip_it() -> None:
    report = parse_text_report(PHARMACY.read_text(encoding="utf-8"), str(PHARMACY))
    first = report.policy.sections[0]
    assert [s.letter for s in first.sets] == ["A", "C", "E"]
    a, c, e = first.sets
    assert [(d.lines_of_business, d.amount) for d in a.durations] == [(("Medicaid", "HIM"), 6), (("Commercial",), 12)]
    assert [(d.lines_of_business, d.amount) for d in c.durations] == [(("Medicaid", "HIM"), 6), (("Commercial",), 12)]
    assert [d.amount for d in e.durations] == [6]
    assert (a.duration_letter, c.duration_letter, e.duration_letter) == ("B", "D", "F")
    assert [c.marker for c in c.criteria] == ["1", "2", "3"]
    assert report.policy.sections[1].sets[0].duration_letter == "B"
    notes = [d for d in report.diagnostics if "Approval duration:` letters set" in d.message]
    assert [d.severity for d in notes] == ["note"] * 4
    assert not [d for d in report.diagnostics if d.severity == "error"]


def test_the_canonical_text_keeps_the_letter_and_reads_back_the_same() -> None:
    policy = parse_text(PHARMACY.read_text(encoding="utf-8"), str(PHARMACY))
    text = render_text(policy)
    assert "B. Approval duration:" in text and "F. Approval duration: 6 months" in text
    again = parse_text(text, "canonical")
    assert again == policy
    assert [s.duration_letter for s in again.sections[0].sets] == ["B", "D", "F"]


def test_a_set_letter_missing_with_no_duration_lettered_is_still_out_of_sequence() -> None:
    text = PHARMACY.read_text(encoding="utf-8").replace("B. Approval duration:", "Approval duration:", 1)
    report = parse_text_report(text, "missing-b", recover=True)
    assert any("criteria set `C.` is out of sequence: expected `B.`" in d.message for d in report.diagnostics)


def test_section_letters_with_numbered_items_between_them_resume_the_letters() -> None:
    report = parse_text_report(SECTIONS.read_text(encoding="utf-8"), str(SECTIONS))
    assert not [d for d in report.diagnostics if "out of sequence" in d.message]
    rows = [line.split("\t") for line in render_outline(report.policy).splitlines()]
    rows = [(r[0], r[2]) for r in rows if len(r) >= 3]
    letters = [text for path, text in rows if path.split(".")[-1] in ("A", "B", "C", "D")]
    assert letters == [
        "Cochlear Implant – Adults (age 18 years and older)",
        "Cochlear Implant – Children (age 9 months through 17 years)",
        "Auditory Osseointegrated Devices",
        "Replacement and Upgrade",
    ]
    # the numbered items keep their place: the adults' third criterion has no child `B.`
    assert not any(path.endswith(".3.B") for path, _ in rows)
