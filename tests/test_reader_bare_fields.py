"""The family's header printed as a table with no colons, as each copy lays its cells out.

A Centene policy's header is a two-column table (``Reference Number`` | ``CP.PHAR.713``) beside a box of links
(``Coding Implications``, ``Revision Log``).  A word processor's file keeps the cells a tab apart; a LibreOffice
PDF read directly sets each row on one line, label and value a space apart; raw ``pdftotext`` of that PDF writes a
cell a line with blank lines between, the link box's cells among the fields; a browser's print sets the links as
one row; and a long title may wrap onto a line of its own above the first field.  Written from
``decisions_words/benralizumab.txt`` (a CP.PHAR policy of our own) and ``column_codes/neurostimulator`` (a CP.MP
one): every copy reads to the same header as the colon form, and the policy to the same criteria.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_text, parse_text_report

PHARMACY = FIXTURES / "decisions_words" / "benralizumab.txt"
MEDICAL = FIXTURES / "column_codes" / "neurostimulator.libreoffice.pdftotext.txt"

_HEAD = """Clinical Policy: Benralizumab (Fasenra)
Reference Number: CP.PHAR.713
Effective Date: 03.01.26
Last Review Date: 02.26
Line of Business: Commercial, HIM, Medicaid
Coding Implications
Revision Log
See Important Reminder at the end of this policy for important regulatory and legal information.
"""

_COPIES = {
    # (a word processor's file: the cells a tab apart)
    "tabbed": """Clinical Policy: Benralizumab (Fasenra)
Reference Number\tCP.PHAR.713
Effective Date\t03.01.26
Last Review Date\t02.26
Line of Business\tCommercial, HIM, Medicaid

Coding Implications
Revision Log
See Important Reminder at the end of this policy for important regulatory and legal information.
""",
    # (a PDF read directly: a row a line, the notice broken into two paragraphs)
    "spaced": """Clinical Policy: Benralizumab (Fasenra)

Reference Number CP.PHAR.713

Effective Date 03.01.26

Last Review Date 02.26

Line of Business Commercial, HIM, Medicaid

Coding Implications

Revision Log

See Important Reminder at the end of this policy for important regulatory and legal

information.
""",
    # (raw pdftotext: a cell a line, blank lines between)
    "cells": """Clinical Policy: Benralizumab (Fasenra)
Reference Number

CP.PHAR.713

Effective Date

03.01.26

Last Review Date

02.26

Line of Business

Commercial, HIM, Medicaid

Coding Implications
Revision Log
See Important Reminder at the end of this policy for important regulatory and legal information.
""",
    # (the link box's cells among the fields, the links set as one row)
    "links among the fields": """Clinical Policy: Benralizumab (Fasenra)
Reference Number

CP.PHAR.713

Coding Implications\tRevision Log
Effective Date

03.01.26

Last Review Date 02.26
Line of Business\tCommercial, HIM, Medicaid
See Important Reminder at the end of this policy for important regulatory and legal information.
""",
}


def _with_head(head: str) -> str:
    text = PHARMACY.read_text(encoding="utf-8")
    assert text.startswith(_HEAD)
    return head + text[len(_HEAD) :]


@pytest.mark.parametrize("copy", sorted(_COPIES))
def test_colonless_header_reads_as_the_colon_form(copy: str) -> None:
    plain = parse_text(PHARMACY.read_text(encoding="utf-8"))
    read = parse_text(_with_head(_COPIES[copy]))
    assert read.header.reference_number == plain.header.reference_number == "CP.PHAR.713"
    assert read.header.effective_date == plain.header.effective_date
    assert read.header.last_review == plain.header.last_review
    assert read.header.lines_of_business == plain.header.lines_of_business
    assert read.header.title == plain.header.title
    assert set(read.header.extras) == set(plain.header.extras)
    assert read.sections == plain.sections


def test_title_wrapped_above_the_first_field_is_the_titles() -> None:
    head = _COPIES["spaced"].replace(
        "Clinical Policy: Benralizumab (Fasenra)\n", "Clinical Policy: Benralizumab\n\n(Fasenra)\n"
    )
    assert parse_text(_with_head(head)).header.title == "Benralizumab (Fasenra)"


def test_medical_header_without_colons() -> None:
    text = MEDICAL.read_text(encoding="utf-8")
    bare = text.replace("Reference Number: CP.MP.214\n", "Reference Number\n\nCP.MP.214\n\n").replace(
        "Date of Last Revision: 09/25\n", "Date of Last Revision\t09/25\n"
    )
    assert bare != text
    plain = parse_text_report(text, recover=True).policy
    read = parse_text_report(bare, recover=True).policy
    assert read.header.reference_number == plain.header.reference_number == "CP.MP.214"
    assert read.header.last_review == plain.header.last_review


def test_a_label_in_the_body_is_left_alone() -> None:
    """Only the head is read so: a line of the body that starts with a field's words stays as written."""
    text = PHARMACY.read_text(encoding="utf-8")
    body = text.replace("Description\n", "Description\nEffective Date of the last change is written below.\n", 1)
    read = parse_text(body)
    assert any("Effective Date of the last change" in p.text for p in read.description)
