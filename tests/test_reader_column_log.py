"""A print of the family's revision log in narrow columns, read a column at a time (``pdftotext`` of a LibreOffice
print): each page's descriptions wrapped a few words a line, the columns' names, then a date and an approval month
a line each — the closing ``Important Reminder`` heading read before the last page's dates.  Rows are told only when
the lines opening with a capital or a digit are as many as the page's dates; a word processor's list numbering
that goes on from the set before (``B. Other diagnoses`` / ``7. Refer …``) parses."""

from __future__ import annotations

from audit_support import PHARMACY

from policyvc.parser import parse_text
from policyvc.parser.column_log import column_log
from policyvc.parser.lines import Lines
from policyvc.parser.nodes import all_criteria

_PRINTED = """Reviews, Revisions,
and Approvals
Policy created
1Q 2023 annual
review: no significant
changes; references
reviewed and updated.
1Q 2024 annual
review: lowered the age
limit to 12 years.

Date

P&T Approval Date

01.10.22
01.12.23

02.22
02.23

01.08.24

02.24

1Q 2025 annual
review: added
ulcerative colitis;
references reviewed.
Important Reminder

01.14.25

02.25

This clinical policy has been developed by appropriately experienced and
licensed health care professionals.
"""


def _read(text: str) -> list[str]:
    lines = Lines.numbered(text.splitlines())
    column_log(lines)
    return [t for t in lines if t.strip()]


def test_a_log_read_a_column_at_a_time_is_rows_again() -> None:
    assert _read(_PRINTED) == [
        "Reviews, Revisions, and Approvals\tDate\tP&T Approval Date",
        "Policy created\t01.10.22\t02.22",
        "1Q 2023 annual review: no significant changes; references reviewed and updated.\t01.12.23\t02.23",
        "1Q 2024 annual review: lowered the age limit to 12 years.\t01.08.24\t02.24",
        "1Q 2025 annual review: added ulcerative colitis; references reviewed.\t01.14.25\t02.25",
        "Important Reminder",
        "This clinical policy has been developed by appropriately experienced and",
        "licensed health care professionals.",
    ]


def test_rows_not_told_apart_stay_as_written() -> None:
    """A wrapped line opening with a capital (a drug's name) after a finished sentence makes four row starts for
    three dates: not sure."""
    text = _PRINTED.replace("review: lowered the age\nlimit to 12 years.", "review: lowered the age.\nCorvexa added.")
    assert _read(text) == [line for line in text.splitlines() if line.strip()]


def test_a_wrapped_line_opening_with_a_name_is_no_row_when_the_quarters_tell_the_rows() -> None:
    """More lines open with a capital than the page has dates (``Xolair to …``, ``II; references …``): the rows
    are the first line, lines after a finished sentence and the family's review quarters — as many as the dates."""
    wrapped = "review: added Fasenra and\nXolair to the list."
    text = _PRINTED.replace("review: lowered the age\nlimit to 12 years.", wrapped)
    rows = _read(text)
    assert rows[3] == "1Q 2024 annual review: added Fasenra and Xolair to the list.\t01.08.24\t02.24"
    assert len(rows) == 8


_UNAPPROVED = """HCPCS Codes
J2356
Reviews, Revisions, and
Approvals
Policy created
1Q 2023 annual review:
added Fasenra, Nucala and
Xolair to the list;
references reviewed and
updated.
Added prefilled pen to
product availability.
1Q 2024 annual review:
clarified language in section
II; references reviewed.
Important Reminder

Description
Injection, tezepelumab-ekko, 1 mg
Date

P&T Approval Date

12.14.21
01.24.23

02.22
02.23

05.18.23
01.16.24

02.24

This clinical policy has been developed by appropriately experienced and
licensed health care professionals.
"""


def test_a_row_no_committee_approved_and_the_codes_description_read_after_the_heading() -> None:
    """A row with no approval month (fewer months than dates: each goes to the latest date not after it) and the
    codes table's ``Description`` column read after the closing heading, set back beside its codes."""
    assert _read(_UNAPPROVED) == [
        "HCPCS Codes\tDescription",
        "J2356\tInjection, tezepelumab-ekko, 1 mg",
        "Reviews, Revisions, and Approvals\tDate\tP&T Approval Date",
        "Policy created\t12.14.21\t02.22",
        "1Q 2023 annual review: added Fasenra, Nucala and Xolair to the list; references reviewed and updated."
        "\t01.24.23\t02.23",
        "Added prefilled pen to product availability.\t05.18.23\t",
        "1Q 2024 annual review: clarified language in section II; references reviewed.\t01.16.24\t02.24",
        "Important Reminder",
        "This clinical policy has been developed by appropriately experienced and",
        "licensed health care professionals.",
    ]


def test_cells_after_the_heading_with_no_column_to_join_leave_the_log_as_written() -> None:
    text = _UNAPPROVED.replace("HCPCS Codes\nJ2356\n", "Codes are listed below.\n")
    assert _read(text) == [line for line in text.splitlines() if line.strip()]


def test_a_list_numbered_on_from_the_set_before_parses() -> None:
    continued = PHARMACY.replace(
        "C. Other diagnoses/indications (must meet 1 or 2):\n1. Currently receiving medication via Centene benefit and"
        " documentation supports positive response to therapy;\n2. Refer",
        "C. Other diagnoses/indications (must meet 1 or 2):\n6. Currently receiving medication via Centene benefit and"
        " documentation supports positive response to therapy;\n7. Refer",
        1,
    )
    assert continued != PHARMACY
    policy = parse_text(continued)
    assert "I.C.6" in {c.id for c in all_criteria(policy)}  # (no error for the `6.` opening the set's list)


# a print whose date columns hold a row's date and approval month on one line under its description, the
# columns' names wrapped above the heading, and a page break inside the table (its furniture already taken out)
_ROW_BY_ROW = """P&T
Approval
Date

Reviews, Revisions, and Approvals

Date

Policy created

07.01.19 08.19
3Q 2024 annual review: added Crohn's disease criteria per updated
prescribing information; references reviewed and updated.

06.25.24 08.24

3Q 2026 annual review: extended continued therapy approval duration to 12 months;
references reviewed and updated.

06.29.26 08.26

Important Reminder
This clinical policy has been developed by appropriately experienced professionals.
"""


def test_a_row_by_row_print_with_both_dates_on_a_line() -> None:
    assert _read(_ROW_BY_ROW) == [
        "Reviews, Revisions, and Approvals\tDate\tP&T Approval Date",
        "Policy created\t07.01.19\t08.19",
        "3Q 2024 annual review: added Crohn's disease criteria per updated prescribing information; references "
        "reviewed and updated.\t06.25.24\t08.24",
        "3Q 2026 annual review: extended continued therapy approval duration to 12 months; references reviewed and "
        "updated.\t06.29.26\t08.26",
        "Important Reminder",
        "This clinical policy has been developed by appropriately experienced professionals.",
    ]


def test_a_browsers_page_title_above_the_plan_name_is_not_the_title() -> None:
    """A Chromium print of a plan's page: the date and the page's title (``Clinical Policy: X | Plan``) above
    the plan's name and the policy's own title — the policy starts at its own title, not the page's."""
    printed = "12/6/26, 9:25 AM\n\nClinical Policy: Velkastumab (Corvexa) | Riverbend Health\n\nRiverbend Health\n"
    policy = parse_text(printed + PHARMACY)
    assert policy == parse_text(PHARMACY)


# a medical policy's log (``Revision Date | Approval Date``, both a month) in pdftotext's reading order of a
# LibreOffice print: the heading, the table's first header cell repeating it, the descriptions, the date columns'
# names a word of each a line, then each row's two months a line each; the page break split the last row (its end
# ``updated.`` after the form feed), and the next page's row has its months in its middle (its end below them)
_MONTHS = """Reviews, Revisions, and Approvals
Reviews, Revisions, and Approvals
Annual review. References reviewed and updated.
Annual review. Added endoscopic procedures to the
investigational list.
Annual review. Coding reviewed. References reviewed and

Revision Approval
Date

Date

03/21

03/21

03/22

03/22

03/23

03/23

\fupdated.
Annual review. Raised the age limit to 21 per
ASMBS guidance; removed the nutrition
consultation

03/24

03/24

criterion; references updated.

References
1. A reference.
"""


def test_a_log_of_two_month_columns_named_a_word_a_line_is_rows_again() -> None:
    rows = [
        "Reviews, Revisions, and Approvals\tRevision Date\tApproval Date",
        "Annual review. References reviewed and updated.\t03/21\t03/21",
        "Annual review. Added endoscopic procedures to the investigational list.\t03/22\t03/22",
        "Annual review. Coding reviewed. References reviewed and updated.\t03/23\t03/23",
        "Annual review. Raised the age limit to 21 per ASMBS guidance; removed the nutrition consultation "
        "criterion; references updated.\t03/24\t03/24",
    ]
    assert _read(_MONTHS) == [*rows, "References", "1. A reference."]
    lines = Lines.numbered(_MONTHS.splitlines())
    column_log(lines, in_place=True)
    assert len(lines) == len(_MONTHS.splitlines())  # (every line keeps its number)
    assert [t for t in lines if t.strip()] == [
        "Reviews, Revisions, and Approvals",
        *rows,
        "References",
        "1. A reference.",
    ]


# a Chromium print read back by pdftotext: each cell a block, a row's dates alone under its description — but the
# last row's dates on its description's first line, the rest of its words wrapped below them
_DATED_FIRST_LINE = """Reviews, Revisions, and Approvals

Date

P&T Approval
Date

Policy created.

03.01.21 03.21

1Q 2024 annual review: for asthma added Tezspire to list of biologics not to be used
concurrently; references reviewed and updated.

01.10.24 02.24

1Q 2025 annual review: for HES added FIP1L1-PDGFRA-negative requirement; references 01.14.25 02.25
reviewed and updated.

Important Reminder
This clinical policy has been prepared for informational purposes only.
"""


def test_a_row_dated_on_its_first_line_is_left_to_the_table_passes() -> None:
    """Read a column at a time, the row whose dates end its first line would be lost (the table stopped above it,
    the grammar then failing at it): the lines stay as written, and the document's table passes read every row."""
    assert _read(_DATED_FIRST_LINE) == [line for line in _DATED_FIRST_LINE.splitlines() if line.strip()]
    start = PHARMACY.index("Reviews, Revisions, and Approvals\t")
    printed = PHARMACY[:start] + "\f" + _DATED_FIRST_LINE
    policy = parse_text(printed)
    assert [(e.date.isoformat() if e.date else None, e.description) for e in policy.revision_log] == [
        ("2021-03-01", "Policy created."),
        ("2024-01-10", "1Q 2024 annual review: for asthma added Tezspire to list of biologics not to be used "
         "concurrently; references reviewed and updated."),
        ("2025-01-14", "1Q 2025 annual review: for HES added FIP1L1-PDGFRA-negative requirement; references reviewed "
         "and updated."),
    ]  # fmt: skip
