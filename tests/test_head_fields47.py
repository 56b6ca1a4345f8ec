"""The first page of a generic policy in the forms other producers print it: a raw ``pdftotext`` block of labels
(one of them a history's word, ``Revised``) over its block of values, a revision log that copy writes a column at a
time, several fields on one line with the next review among them, a header grid's value its cell wrapped (raw and
``-layout`` copies of one print read the same header), and a program's name above the drug class's title.  Each
example is written from the shape of a layout, with words of its own; the fail-safe cases say what must stay
unread."""

from __future__ import annotations

import datetime as dt

from header_support import BODY as _BODY
from header_support import read as _read
from header_support import report as _report

from policyvc.parser.nodes import Policy

_CRITERIA = "\n".join(f"{i}. The member meets requirement number {i} of this section;" for i in range(3, 40))


def _raw(head: str, log: str = "") -> str:
    """``head`` and a short body as raw pdftotext writes a two-page print (page breaks, page numbers)."""
    return (
        f"{head}\nPurpose\nTo define the criteria for coverage of the drug.\n\nCoverage Criteria\n"
        "Initial approval for 6 months if the member meets ALL of the following:\n1. Age 6 years or older;\n"
        f"2. Prescribed by a specialist.\n{_CRITERIA}\n\nPage 1 of 2\n\fReferences\n1. Prescribing information. "
        f"2024.\n\n{log}\nPage 2 of 2\n\f"
    )


_LABELS = (
    "Summit Care Pharmacy Policy SC-RX-114\n\nSummit Care\nPharmacy Prior Authorization Policy\n\n"
    "Dupilumab (Dupixent)\nPolicy Number\nOriginal Effective Date\nRevised\nEffective Date\nLines of Business\n"
    "Approved by\n\n"
)
_VALUES = "SC-RX-114\n03/01/2019\n11/20/2025\n02/01/2026\nCommercial; Medicaid\nPharmacy & Therapeutics Committee\n\n"


def _paragraphs(policy: Policy) -> list[str]:
    return [b.text for s in policy.body for b in s.blocks if hasattr(b, "text")]


def test_a_raw_block_of_labels_pairs_with_as_many_values_in_order() -> None:
    policy = _read(_raw(_LABELS + _VALUES))
    h = policy.header
    assert (h.title, h.reference_number, h.effective_date) == ("Dupilumab (Dupixent)", "SC-RX-114", dt.date(2026, 2, 1))
    # (``Revised`` is a label of the block, its value the third: never a heading, never the identifier's date —
    # where no other label names the last review, the date the document was last revised is that review's)
    assert h.last_review == dt.date(2025, 11, 20)
    assert "Revised: 11/20/2025 (2025-11-20)" not in h.extras
    assert "Original Effective Date: 03/01/2019 (2019-03-01)" in h.extras
    assert h.lines_of_business == ("Commercial", "Medicaid")
    assert "Revised" not in [s.title for s in policy.body]


def test_a_block_of_labels_with_a_value_missing_is_never_paired_out_of_step() -> None:
    # (five values under six labels: which cell is empty is not written — nothing paired, the lines kept)
    r = _report(_raw(_LABELS + _VALUES.replace("Commercial; Medicaid\n", "")))
    h = r.policy.header
    assert h.effective_date is None and h.lines_of_business == ()
    assert not any("could not read the date" in d.message for d in r.diagnostics)
    assert any("found no effective or review date" in d.message for d in r.diagnostics)
    assert "Pharmacy & Therapeutics Committee" in " ".join(_paragraphs(r.policy))


_LOG = (
    "Policy History\nDate\n06/12/2019\n09/03/2024\n11/20/2025\n\nSummary of Change\nNew policy.\nAdded pediatric\n"
    "indication for ages 6\nto 11.\nUpdated step therapy;\nremoved age limit.\n\nApproved\nP&T\nP&T\nCMO\n"
)


def test_a_log_written_a_column_at_a_time_keeps_each_rows_words() -> None:
    policy = _read(_raw(_LABELS + _VALUES, _LOG))
    assert [(e.date, e.description.split(".")[0]) for e in policy.revision_log] == [
        (dt.date(2019, 6, 12), "New policy"),
        (dt.date(2024, 9, 3), "Added pediatric indication for ages 6 to 11"),
        (dt.date(2025, 11, 20), "Updated step therapy; removed age limit"),
    ]
    assert "Policy History" in [s.title for s in policy.body]
    assert not any("New policy" in p for p in _paragraphs(policy))


def test_a_log_whose_descriptions_do_not_share_out_keeps_them_under_its_heading() -> None:
    # (two sentence ends for three dates: the rows keep their dates, the words stay under the log's heading)
    r = _report(_raw(_LABELS + _VALUES, _LOG.replace("New policy.", "New policy")))
    assert [e.date for e in r.policy.revision_log] == [dt.date(2019, 6, 12), dt.date(2024, 9, 3), dt.date(2025, 11, 20)]
    history = next(s for s in r.policy.body if s.title == "Policy History")
    assert "New policy" in [getattr(b, "text", "") for b in history.blocks]
    references = next(s for s in r.policy.body if s.title == "References")
    assert not any("New policy" in getattr(b, "text", "") for b in references.blocks)
    assert any("cannot be paired" in d.message for d in r.diagnostics)


def test_the_next_review_among_fields_on_one_line_is_an_extra() -> None:
    policy = _read(
        "Northwind Health Partners\n\nMedical Policy\n\nPolicy #: MP-ORT-311  Effective: 03/01/2026  Review: 02/2027"
        "\n\nSpinal Cord Stimulation\n" + _BODY
    )
    h = policy.header
    assert (h.reference_number, h.effective_date, h.last_review) == ("MP-ORT-311", dt.date(2026, 3, 1), None)
    assert "Review: 02/2027 (2027-02)" in h.extras


def test_a_next_review_label_with_words_between_is_never_the_last_review() -> None:
    # (a Word header table's cells, a tab apart: ``Next Version Review Date`` holds ``Review Date``)
    policy = _read(
        "Medical Policy: Gender-Affirming Facial Surgery\n\nPolicy Number\tMP 4.08\tVersion Number\t7\n"
        "Version Effective Date\t04/01/2026\tOriginal Effective Date\t05/01/2019\n"
        "Next Version Review Date\t03/2027\tProduct Applicability\tAll products\n" + _BODY
    )
    h = policy.header
    assert h.last_review is None
    assert "Next Version Review Date: 03/2027 (2027-03)" in h.extras


_GRID_RAW = (
    "Bayview Health Medical Policy: Home Sleep Apnea Testing\n\nBayview Health\n\nHome Sleep Apnea Testing\n"
    "Policy Number\nOrigination\nNext Review\n\nMP-SLP-020\n05/2017\n03/2027\n\nEffective Date\nLast Reviewed\n"
    "Department\n\n04/01/2026\n03/2026\nUtilization\nManagement\n\n"
)
_GRID_LAYOUT = (
    "Bayview Health Medical Policy: Home Sleep Apnea Testing\n\nBayview Health\n\nHome Sleep Apnea Testing\n"
    "Policy Number            MP-SLP-020                       Effective Date                    04/01/2026\n"
    "Origination              05/2017                          Last Reviewed                     03/2026\n"
    "Next Review              03/2027                          Department                        Utilization\n"
    "                                                                                            Management\n\n"
)


def _layout(text: str) -> str:
    """``text`` as ``pdftotext -layout`` sets a page: the body in from the margin, the grid where it stands."""
    return "\n".join(" " * 6 + line if line.strip() and k > 10 else line for k, line in enumerate(text.split("\n")))


def test_raw_and_layout_copies_of_a_header_grid_read_the_same_fields() -> None:
    raw, layout = _read(_raw(_GRID_RAW)), _read(_layout(_raw(_GRID_LAYOUT)))
    assert raw.header == layout.header
    assert "Department: Utilization Management" in layout.header.extras
    assert "Next Review: 03/2027 (2027-03)" in layout.header.extras
    assert "Management" not in [s.title for s in raw.body]


def test_a_programs_name_above_a_drug_classs_title_is_no_title() -> None:
    policy = _read(
        "Meridian Rx logo\n\n200 Harbor Way, Suite 4, Tampa, FL 33602\n\n"
        "Specialty Formulary Prior Authorization Criteria\n\n"
        "Criteria ID: PA-IMM-041 Effective: 02/01/2026 Review: 01/2027\n\n"
        "Oral Janus Kinase Inhibitors for Alopecia Areata\n" + _BODY
    )
    assert policy.header.title == "Oral Janus Kinase Inhibitors for Alopecia Areata"
