"""A page's copyright footer under a history table's last row, and a history's header a print gave a name a block.

A browser's print of a web page ends with the site's copyright line (``© 2026 <plan>. …``) right under the revision
history.  pdftotext (``-layout`` and reading order) sets it under the table's last row, which ends in its date: read
as more of that row, the row no longer ends in a date and the log lost its entries, or the footer became the
row's text.  A copyright notice goes on no line above it (``parser/furniture.py`` ``copyright_notice``): it ends the
log (``parser/space_tables.py``) and starts a block of its own in wrapped text (``parser/text_styles.py``).

In reading order a history's header may be printed a name a block (``Revision History`` / ``Action`` /
``Summary`` …): a column's name right under the history's name is no row's description, so the reader of a log
whose date columns stand apart from its descriptions does not take it (which cost the history its heading).

Our own pages (``tests/fixtures/footer_logs``, remade by ``python tests/docgen.py $PWD/tests/fixtures/footer_logs``)
and copies in wordings and payers of our own.  What must not match: ``copyright`` inside a sentence, a line that
starts with the word and no sign or year.
"""

from __future__ import annotations

import datetime as dt

from conftest import FIXTURES
from heldout_support import body_texts, log_dates, section_titles

from policyvc.parser import parse_text_report
from policyvc.parser.furniture import copyright_notice
from policyvc.parser.space_tables import _log_dates_apart

_PRINTED = {
    "lakeshore-infusion": ([dt.date(2024, 5, 14), dt.date(2026, 2, 20)], "© 2026 Lakeshore Health Partners."),
    "ridgeline-cgm": ([dt.date(2024, 6, 3), dt.date(2025, 11, 18)], "Copyright 2026 Ridgeline Community Plan."),
}


def test_a_layout_prints_footer_under_the_history_is_no_rows_text() -> None:
    for name, (dates, footer) in _PRINTED.items():
        text = (FIXTURES / "footer_logs" / f"{name}.chromium.pdftotext-layout.txt").read_text(encoding="utf-8")
        policy = parse_text_report(text, recover=True).policy
        assert log_dates(policy) == dates, name
        assert not any("copyright" in e.description.casefold() or "©" in e.description for e in policy.revision_log)
        assert any(t.startswith(footer) for t in body_texts(policy)), name  # (kept, as text of its own)


def test_the_footer_is_never_lost_in_reading_order() -> None:
    for name, (_, footer) in _PRINTED.items():
        text = (FIXTURES / "footer_logs" / f"{name}.chromium.pdftotext.txt").read_text(encoding="utf-8")
        policy = parse_text_report(text, recover=True).policy
        assert any(footer in t for t in body_texts(policy, titles=True)), name


# A -layout print whose log rows a narrow first column set one space from their text, the page's furniture under
# the footer: the rows and the footer were one paragraph, none of its rows ending in a date.
_GLUED = """12/5/26, 9:10 AM                                  Peer Support Services - Cedar Valley Health
   Cedar Valley Health | Behavioral Health Policy


   Peer Support Services
   Policy CVH-BH-031 · Effective 04/01/2026

   Overview
   Peer support services are delivered by a certified peer specialist under a plan of care reviewed
   every 90 days by the treating clinician.

   Revision History
    Action             Summary                                                   Date
    Annual review Plan of care interval changed to 90 days.                      03/12/2025
    Annual review Certification requirement clarified. 02/26/2026

   © 2026 Cedar Valley Health. Confidential; for members and providers only.




file:///home/user/cvh_peer_support.html                                                                1/1
\f"""


def test_a_footer_after_a_blank_line_starts_its_own_block() -> None:
    policy = parse_text_report(_GLUED, recover=True).policy
    assert log_dates(policy) == [dt.date(2025, 3, 12), dt.date(2026, 2, 26)]
    assert policy.revision_log[-1].description == "Annual review Certification requirement clarified."
    assert "© 2026 Cedar Valley Health. Confidential; for members and providers only." in body_texts(policy)


def test_what_is_a_copyright_notice() -> None:
    assert copyright_notice("© 2026 Sample Plan. All rights reserved.")
    assert copyright_notice("  Copyright © 2025 Sample Plan")
    assert copyright_notice("Copyright 2024 Sample Plan, Inc.")
    assert copyright_notice("COPYRIGHT (c) Sample Plan")
    # (the word at a line's start without a sign or a year, or inside a sentence: the text's own)
    assert not copyright_notice("copyright law protects the guideline's text.")
    assert not copyright_notice("Copyright holders may license the questionnaire.")
    assert not copyright_notice("The tool is © its authors.")


def test_a_line_starting_with_the_word_still_goes_on_the_sentence_above() -> None:
    body = (
        "Sample Health Plan Medical Policy\nPolicy Number: SHP-0042\nEffective Date: 03/01/2026\n\n"
        "Background\n"
        "The questionnaire may be reproduced for clinical use without a fee; the publisher keeps its\n"
        "copyright and asks that its name be cited.\n\f"
    )
    texts = body_texts(parse_text_report(body, recover=True).policy)
    assert any("keeps its copyright and asks" in t for t in texts)


def test_a_history_header_printed_a_name_a_block_is_no_description() -> None:
    """``Policy History`` / ``Status`` / … / ``Date`` / a date: the name under the history's is a column's, so
    no log whose dates stand apart from its descriptions; a log so printed is still read (its descriptions)."""
    header_first = [
        "Policy History",
        "Status",
        "",
        "Comments",
        "",
        "Reviewed No changes.",
        "",
        "Date",
        "06/03/2024",
        "",
    ]
    assert _log_dates_apart(header_first, 0, lambda j: False) is None
    apart = [
        "Policy History",
        "Policy created.",
        "Annual review; no changes.",
        "",
        "Revision Date",
        "01/10/2024",
        "01/12/2025",
        "",
    ]
    found = _log_dates_apart(apart, 0, lambda j: False)
    assert found is not None and len(found.rows) == 2


def test_the_histories_heading_is_kept_when_its_header_is_printed_a_name_a_block() -> None:
    text = (FIXTURES / "footer_logs" / "lakeshore-infusion.chromium.pdftotext.txt").read_text(encoding="utf-8")
    assert "Revision History" in section_titles(parse_text_report(text, recover=True).policy)
