"""A code table whose code column is so narrow that the print broke each code between letters.

LibreOffice prints a table whose first column is narrower than a code by breaking the code — and the
column's name — a few characters a line with no hyphen (``Co`` / ``de``, ``332`` / ``06``, ``Z45`` /
``.010``): read as lines, each fragment was a line of its own and the table came out as one-row tables or
none (:mod:`policyvc.parser.pdf_narrow`).  ``cardiac_devices_narrow.pdf`` is ``cardiac_devices_narrow.fodt``
printed by LibreOffice (``soffice --headless --convert-to pdf``): a 0.3 in code column, 35 CPT/HCPCS rows and
25 ICD-10-CM rows under the same header ``Code | Description`` (one table: the same columns go on), a row a
page break cut (``I46`` / the next page's ``.2``).  The expected rows are read from the .fodt.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from heldout_support import body_tables, body_texts, log_dates

from policyvc.parser import parse_file, parse_text_report
from policyvc.parser.narrow_text import join_narrow_lines
from policyvc.parser.pdf_geometry import PageContent, Word
from policyvc.parser.pdf_narrow import join_narrow_codes

HERE = Path(__file__).parent / "fixtures" / "centred_codes"
_ROW = (
    r"<table:table-row><table:table-cell [^>]*><text:p>([^<]*)</text:p></table:table-cell>"
    r"<table:table-cell [^>]*><text:p>([^<]*)</text:p>"
)


def test_codes_a_narrow_column_broke_are_whole_one_row_each() -> None:
    expected = re.findall(_ROW, (HERE / "cardiac_devices_narrow.fodt").read_text(encoding="utf-8"))
    tables = body_tables(parse_file(HERE / "cardiac_devices_narrow.pdf"))
    assert [(t.header, len(t.rows)) for t in tables] == [(("Code", "Description"), 60)]
    got = [(" ".join(r.cells[0]), " ".join(r.cells[1])) for r in tables[0].rows]
    assert got == [(code, text.replace("&amp;", "&")) for code, text in expected]


def _page(*words: tuple[str, float, float]) -> PageContent:
    return PageContent(1, 612, 792, tuple(Word(t, x, x + 5 * len(t), y, y + 9.5, 9.5) for t, x, y in words), ())


def test_a_name_wrapped_between_whole_words_joins_nothing() -> None:
    page = _page(("CPT®/", 72, 100), ("HCPCS", 72, 111), ("Codes", 72, 122), ("332", 72, 140), ("06", 72, 151))
    assert join_narrow_codes([page]) == [page]
    page = _page(("CPT/HCPCS", 72, 100), ("Code", 72, 111), ("Description", 200, 105))  # (a browser's print)
    assert join_narrow_codes([page]) == [page]


def test_fragments_that_join_into_no_code_stay_as_they_are() -> None:
    page = _page(("Co", 72, 100), ("de", 72, 111), ("12", 72, 140), ("mg", 72, 151), ("Dose", 200, 145))
    joined = join_narrow_codes([page])[0]
    assert [w.text for w in joined.words] == ["Code", "12", "Dose", "mg"]


def test_a_heading_over_a_two_name_header_line_names_no_column() -> None:
    text = "\n".join(
        [
            "Spinal Cord Stimulation",
            "Policy Number: II-45",
            "",
            "Coding",
            "",
            "Code Description",
            "",
            "63650 Percutaneous implantation of neurostimulator electrode array, epidural",
            "",
            "63655 Laminectomy for implantation of neurostimulator electrodes, plate/paddle,",
            "",
            "epidural",
            "",
            "L8679 Implantable neurostimulator, pulse generator, any type",
        ]
    )
    policy = parse_text_report(text, "<t>").policy
    tables = body_tables(policy)
    assert [(t.header, len(t.rows)) for t in tables] == [(("Code", "Description"), 3)]


# ``home_infusion_narrow_dates*.fodt``: a ``Date | Action`` policy history whose date column is 0.15 in wide,
# printed by LibreOffice (``soffice --headless --convert-to pdf``): each date a character a line
# (``0`` / ``3`` / ``/`` / ``1`` / ``2`` …), ``02/0`` / the next page's ``1/2020`` cut by a page break.  The
# first print repeats the header row on each page; the ``_plain`` one does not (a web page's table).
_DATE_ROW = (
    r"<table:table-row><table:table-cell [^>]*><text:p [^>]*>(\d\d/\d\d/\d{4})</text:p></table:table-cell>"
    r"<table:table-cell [^>]*><text:p [^>]*>([^<]*)</text:p>"
)


def test_dates_a_narrow_column_broke_are_whole_one_log_entry_each() -> None:
    for name in ("home_infusion_narrow_dates", "home_infusion_narrow_dates_plain"):
        rows = re.findall(_DATE_ROW, (HERE / f"{name}.fodt").read_text(encoding="utf-8"))
        assert len(rows) == 10
        expected = [dt.datetime.strptime(d, "%m/%d/%Y").date() for d, _ in rows]
        policy = parse_file(HERE / f"{name}.pdf")
        assert sorted(log_dates(policy)) == sorted(expected), name
        texts = " ".join(body_texts(policy))
        assert not re.search(r"(?:^| )\d /", texts), name  # (no date left in pieces in the body)


def test_a_date_column_name_wrapped_between_whole_words_joins_nothing() -> None:
    page = _page(("Effective", 72, 100), ("Date", 72, 111), ("03/", 72, 140), ("2019", 72, 151), ("New", 200, 140))
    assert join_narrow_codes([page]) == [page]


def test_dates_a_narrow_column_broke_are_whole_in_the_prints_text() -> None:
    # (``pdftotext`` and ``pdftotext -layout`` of the same two prints: reading order sets the other column's
    # name among the name's letters, ``-layout`` a fragment a space from its row's text; a date a page break cut)
    for name in ("home_infusion_narrow_dates", "home_infusion_narrow_dates_plain"):
        rows = re.findall(_DATE_ROW, (HERE / f"{name}.fodt").read_text(encoding="utf-8"))
        expected = sorted(dt.datetime.strptime(d, "%m/%d/%Y").date() for d, _ in rows)
        for style in ("raw", "layout"):
            policy = parse_file(HERE / f"{name}_{style}.txt")
            assert log_dates(policy) == expected, (name, style)
            assert not re.search(r"(?:^| )\d /", " ".join(body_texts(policy))), (name, style)


def test_one_letter_lines_that_name_no_column_stay_as_they_are() -> None:
    text = "\n".join(["Policy", "", "a", "b", "Member is 18 years or older", "c", "d", "", "Text after."])
    assert join_narrow_lines(text.split("\n")) == {}
    # (a name wrapped between whole words in a column that holds its dates whole: read by the log's passes)
    text = "\n".join(["Revisi", "on", "Date", "", "01/17", "", "Annual review."])
    assert join_narrow_lines(text.split("\n")) == {}
