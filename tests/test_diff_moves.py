"""Changes that move text (issue 17): a section put after another, two items swapped, a table's row put at the top.

Each is one move of the node that moved — of two siblings swapped, the smaller one (a section put after its
neighbour, not its neighbour and its subsections put before it); of two alike, the one the longest in-order run
leaves out — with its words' redline when it was reworded too, and nothing else but the renumbers it causes.
"""

from __future__ import annotations

from conftest import check_golden
from diff_support import diff_texts

from policyvc.renderer.diff import render_text

_TITLE = "Local Coverage Determination (LCD)\n\nHypoglossal Nerve Stimulation for Obstructive Sleep Apnea\n\n"
_COVERAGE = (
    "Coverage Indications, Limitations, and/or Medical Necessity\n\n"
    "Hypoglossal nerve stimulation is considered reasonable and necessary when all of the following are met:\n\n"
    "1. Beneficiary is 22 years of age or older; and\n\n"
    "2. Body mass index (BMI) is less than 35 kg/m²; and\n\n"
    "3. A shared decision-making interaction is documented in the medical record.\n\n"
)
_DOCUMENTATION = (
    "Documentation Requirements\n\n"
    "1. Documentation supporting the medical necessity must be available upon request;\n\n"
    "2. The operative report must identify the device implanted.\n\n"
)
_EVIDENCE = (
    "Summary of Evidence\n\n"
    "The STAR trial was a multicenter prospective cohort study of 126 participants who were unable to use CPAP.\n\n"
    "Registry data showed a mean reduction in AHI from 35.6 to 14.2 events per hour.\n\n"
    "Analysis of Evidence (Rationale for Determination)\n\n"
    "The evidence is sufficient to conclude that HNS improves outcomes for beneficiaries who cannot use CPAP.\n\n"
)
_LOG = "Revision History Information\n\n08/01/2024 R1 Initial LCD.\n"

_GUIDELINE = (
    "Total Knee Arthroplasty\n\nGuideline Number: TP-MSK-0107\n\n"
    "Clinical Indications\n\n"
    "Total knee arthroplasty is medically necessary when all of the following are met:\n\n"
    "1. Radiographic evidence of advanced arthritis of the knee;\n\n"
    "2. Failure of at least 12 weeks of non-operative management;\n\n"
    "3. The member agrees to participate in at least 80% of scheduled physical therapy sessions;\n\n"
    "4. The member is medically stable for surgery.\n\n"
    "Site of Service\n\n"
    "An inpatient stay requires documentation of a risk factor that makes same-day discharge unsafe.\n\n"
    "Risk Factor\tThreshold for Inpatient Review\n"
    "{rows}\n\n"
    "Revision History\n\nDate\tSummary of Changes\n06/2025\tAnnual review.\n{log}"
)
_ROWS = [
    ("BMI", "40 kg/m² or greater"),
    ("ASA class", "III or higher"),
    ("Age", "80 years or older"),
    ("Obstructive sleep apnea", "Untreated or on CPAP with poor adherence"),
]


def _guideline(rows: list[tuple[str, str]], text: str = "", log: str = "") -> str:
    page = _GUIDELINE.format(rows="\n".join("\t".join(row) for row in rows), log=log)
    return page.replace("3. The member agrees", f"3. {text}") if text else page


def test_a_section_put_after_another_is_one_move_of_that_section() -> None:
    """Documentation Requirements put after the Summary of Evidence and its Analysis: the section that moved is the
    one reported (not the larger one it passed over), and nothing under it."""
    old = _TITLE + _COVERAGE + _DOCUMENTATION + _EVIDENCE + _LOG
    new = _TITLE + _COVERAGE + _EVIDENCE + _DOCUMENTATION + _LOG + "03/01/2026 R2 Moved Documentation Requirements.\n"
    script = diff_texts(old, new)
    assert [(e.kind.value, e.node.value, e.new_text) for e in script.changes] == [
        ("move", "heading", "Documentation Requirements")
    ]
    check_golden("diff/moves_section.txt", render_text(script, "L99871 R1 → R2"))


def test_two_items_swapped_one_of_them_reworded_is_a_move_and_an_update() -> None:
    """Items 3 and 4 swapped (the list's last period following the last item), the number of one changed (80% →
    75%): the item that moved up is the move; the other, passed over, is only its number's update."""
    old = _guideline(_ROWS)
    swapped = old.replace(
        "3. The member agrees to participate in at least 80% of scheduled physical therapy sessions;\n\n"
        "4. The member is medically stable for surgery.",
        "3. The member is medically stable for surgery;\n\n"
        "4. The member agrees to participate in at least 75% of scheduled physical therapy sessions.",
    )
    script = diff_texts(old, swapped)
    assert [(e.kind.value, e.old_marker, e.new_marker) for e in script.changes] == [
        ("move", "4", "3"),
        ("update", "3", "4"),
    ]
    move, update = script.changes
    assert "medically stable" in (move.new_text or "")
    assert ("-", "80%") in update.redline and ("+", "75%") in update.redline
    assert script.renumbers == ()


def test_a_row_put_at_the_top_of_its_table_is_one_move_beside_a_row_changed() -> None:
    """The Age row put at the top of the site-of-service table, the BMI threshold raised: a move of the row (its
    words unchanged) and the BMI row's update; the rows passed over stay in place."""
    moved = [_ROWS[2], ("BMI", "45 kg/m² or greater"), _ROWS[1], _ROWS[3]]
    script = diff_texts(_guideline(_ROWS), _guideline(moved, log="06/2026\tReordered the risk factors; BMI 45.\n"))
    assert [(e.kind.value, e.key) for e in script.changes] == [("move", "Age"), ("row-update", "BMI")]
    assert script.changes[0].redline == ()
    check_golden("diff/moves_row.txt", render_text(script, "TP-MSK-0107 06/2025 → 06/2026"))
