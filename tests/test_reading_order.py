"""The revision log read back from reading-order pdftotext, cell by cell (``parser/reading_order.py``)."""

from __future__ import annotations

from policyvc.parser.reading_order import revision_rows

HEADER = ("Reviews, Revisions, and Approvals", "Date", "P&T Approval Date")


def _rows(blocks: list[list[str]]) -> list[tuple[str, str, str]]:
    rows, _ = revision_rows(blocks, HEADER, lambda text: text.startswith("Important Reminder"))
    return [(" ".join(r.lines), r.date, r.pt) for r in rows]


def test_a_description_without_a_final_period_ends_at_the_next_rows_block() -> None:
    blocks = [
        ["Policy created"],
        ["01.01.17"],
        ["02.17"],
        ["Added acromegaly indication; references reviewed and", "updated."],
        ["11.01.19"],
        ["11.19"],
        ["Important Reminder"],
    ]
    assert _rows(blocks) == [
        ("Policy created", "01.01.17", "02.17"),
        ("Added acromegaly indication; references reviewed and updated.", "11.01.19", "11.19"),
    ]


def test_a_description_the_date_interrupted_goes_on_in_its_block() -> None:
    blocks = [
        [
            "3Q 2025 annual review: per NCCN Compendium for",
            "04.14.25",
            "neuroblastoma removed a requirement for",
            "IL",
            "HIM per IL HB 5395; references reviewed and",
            "updated.",
            "For Appendix E, added state IN.",
        ],
        ["08.25"],
        ["03.26.26"],
    ]
    assert _rows(blocks) == [
        (
            "3Q 2025 annual review: per NCCN Compendium for neuroblastoma removed a requirement for IL HIM per IL HB "
            "5395; references reviewed and updated.",
            "04.14.25",
            "08.25",
        ),
        ("For Appendix E, added state IN.", "03.26.26", ""),
    ]


def test_a_pt_date_read_before_its_rows_date() -> None:
    blocks = [["4Q 2025 annual review: added dose limits;", "references reviewed and updated."], ["11.25"]]
    blocks.append(["11.01.25"])
    want = ("4Q 2025 annual review: added dose limits; references reviewed and updated.", "11.01.25", "11.25")
    assert _rows(blocks) == [want]


def test_a_row_dated_before_its_text_is_described_by_the_next_block() -> None:
    # (once an internal error: the dated row had no line yet when the next block began)
    blocks = [["03.08.22 05.22"], ["Policy created"], ["Important Reminder"]]
    assert _rows(blocks)[0][1:] == ("03.08.22", "05.22")


def test_a_copy_writes_each_row_a_line_its_dates_at_the_end_or_on_a_line_of_their_own() -> None:
    """Text copied from a PDF viewer: one block, a row's dates after its description on its last line; a
    description without a final period is ended by the next line's own date (a row has one date)."""
    blocks = [
        [
            "Policy created 12.14.21 02.22",
            "1Q 2023 annual review: no significant changes; references reviewed and updated. 11.29.22 02.23",
            "1Q 2024 annual review: added a criterion for an",
            "emergency department visit; references reviewed and updated.",
            "11.20.23 02.24",
        ],
        ["Important Reminder"],
    ]
    assert _rows(blocks) == [
        ("Policy created", "12.14.21", "02.22"),
        ("1Q 2023 annual review: no significant changes; references reviewed and updated.", "11.29.22", "02.23"),
        (
            "1Q 2024 annual review: added a criterion for an emergency department visit; references reviewed and"
            " updated.",
            "11.20.23",
            "02.24",
        ),
    ]


def test_a_date_read_before_its_rows_text_never_fails() -> None:
    """A date alone first in its block, then text starting a block: no error, the text is that row's."""
    rows = _rows(
        [["Policy created"], ["12.14.21"], ["02.22"], ["01.10.23"], ["Annual review."], ["Important Reminder"]]
    )
    assert rows == [("Policy created", "12.14.21", "02.22"), ("Annual review.", "01.10.23", "")]
