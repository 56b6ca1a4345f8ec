"""Dated histories and head lines in the shapes other payers write them: dated entries in prose (``Month d,
yyyy: …``) in a viewer's wrapped copy, year-first bullets under a ``Revised Dates:`` label, a series' short
identifier (``DME 33``), the head's fields on one line above the title, fields written with a dash, a postal
address, and an acronym written into a word (``TTFields``) that no line end broke."""

from __future__ import annotations

import datetime as dt

import pytest
from heldout_support import log_dates, section_titles

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Paragraph, Policy, Section

D = dt.date
_SENTENCES = (
    "The plan reviews each request against the criteria below and the member's records.",
    "It asks the treating clinician for notes when the records sent do not show how the member meets them.",
    "A request that lacks the documentation is pended for up to fourteen days while the plan waits for it.",
    "Peer-to-peer review with a physician reviewer is offered before any adverse determination is issued.",
    "Members may appeal a denial through the process their evidence of coverage describes in full.",
    "The criteria apply to every line of business unless a state mandate or a federal rule says otherwise.",
)


def _fill(n: int, start: int = 0) -> str:
    """``n`` sentences of text, none repeated (a sentence written again reads as a running line)."""
    return " ".join(_SENTENCES[(start + k) % len(_SENTENCES)] for k in range(n))


def _parse(text: str) -> Policy:
    return parse_text_report(text, "x.txt", recover=True, template="generic").policy


def _wrap(text: str, width: int = 92) -> str:
    """``text``'s paragraphs wrapped at ``width`` as a PDF viewer's copy writes them (no blank line between)."""
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
    return "\n".join(out) + "\n"


def _paragraphs(policy: Policy) -> list[str]:
    out: list[str] = []
    stack: list[Section] = list(policy.body)
    while stack:
        s = stack.pop(0)
        out.extend(b.text for b in s.blocks if isinstance(b, Paragraph))
        stack.extend(b for b in s.blocks if isinstance(b, Section))
    return out


# (a heading, the history's entries written ``Month d, yyyy: …`` a line each and wrapped, the heading after them)
WRITTEN_ENTRIES = {
    "tufts-style": (
        "Policy History",
        [
            "March 14, 2022: Approved by the Medical Policy Committee, effective July 1, 2022, for all commercial"
            " plans",
            "April 9, 2024: Reviewed by the committee, no changes",
            "May 13, 2025: Reviewed, the age threshold lowered from 21 to 18 years, effective September 1, 2025",
        ],
        "Background and Disclaimer Information",
    ),
    "fallon-style": (
        "Approval And Revision History",
        [
            "Jan 5, 2023: New policy adopted by the Utilization Management Committee, effective April 1, 2023",
            "Feb 6, 2024: Annual review, references updated",
            "Feb 4, 2025: Annual review, coding table revised to add HCPCS E0766 and remove a deleted code",
            "Nov 3, 2025: Criteria for continued use added after the committee review, effective Jan 1, 2026",
        ],
        "Description and Application of the Guidelines",
    ),
}


@pytest.mark.parametrize("name", sorted(WRITTEN_ENTRIES))
def test_dated_entries_in_prose_are_one_entry_each_and_the_heading_after_them_is_a_heading(name: str) -> None:
    heading, entries, after = WRITTEN_ENTRIES[name]
    body = "\n".join(
        [
            "Guideline Overview",
            _fill(3),
            "Coverage Guidelines",
            "The plan covers the device when the member meets all of the following criteria:",
            "(a) Age 18 years or older;",
            "(b) A diagnosis confirmed by the treating specialist.",
            heading,
            *entries,
            after,
            _fill(2, 3),
        ]
    )
    text = "Medical Necessity Guidelines:\nWearable Device Therapy\nEffective: March 1, 2026\n" + _wrap(body)
    text += "Page 1 of 1\n"
    policy = _parse(text)
    dates = [read[0] for read in (e.split(":", 1) for e in entries)]
    assert len(policy.revision_log) == len(entries), [e.description for e in policy.revision_log]
    assert len(log_dates(policy)) == len(dates)
    # (each entry's words are its own: none runs into the next entry or the heading below)
    for entry in policy.revision_log:
        assert after not in entry.description
        assert not any(d in entry.description for d in dates)
    assert after in section_titles(policy)


# (a web copy's history: year-first bullets under a dates label, one of them with no words)
YEAR_FIRST = {
    "sentara-style": (
        "Document History:\nRevised Dates:\n• 2026: January – criteria changed\n• 2025: February – codes added\n"
        "Reviewed Dates:\n• 2023: March\nOrigination Date: March 2019\n",
        # (the origination under the history is its first entry, as `Original Effective Date:` is)
        [D(2019, 3, 1), D(2023, 3, 1), D(2025, 2, 1), D(2026, 1, 1)],
    ),
    "dashes": (
        "Policy History\nRevised Dates:\n- 2025: October - age limit removed\n- 2024: Jun - references updated\n"
        "Reviewed Dates:\n- 2022: Sept\n\n",
        [D(2022, 9, 1), D(2024, 6, 1), D(2025, 10, 1)],
    ),
}


@pytest.mark.parametrize("name", sorted(YEAR_FIRST))
def test_year_first_bullets_under_a_dates_label_are_history(name: str) -> None:
    history, dates = YEAR_FIRST[name]
    text = (
        "Medical Policy\nInsulin Pumps\nPolicy Number: DME 12\nEffective Date: 01/01/2026\n"
        f"Purpose:\nThis policy addresses insulin pumps.\n{history}Special Notes:\nCoverage is subject to the plan.\n"
    )
    policy = _parse(text)
    assert log_dates(policy) == dates
    assert all(e.description for e in policy.revision_log)  # (a bare date: described by its label)
    # (a label line is no entry's words — but the origination's own entry, described by its label)
    assert not any(
        "Reviewed Dates" in e.description or ("Origination" in e.description and e.description != "Origination")
        for e in policy.revision_log
    )


def test_a_year_and_a_month_in_prose_are_no_entry() -> None:
    # (a year-first date inside a sentence, or a year with no month after it, dates nothing)
    text = (
        "Medical Policy\nInsulin Pumps\nPolicy Number: DME 12\n\nPolicy History\n"
        "- 2025: the committee met twice\n- In 2024: March meetings were cancelled\n"
    )
    assert not _parse(text).revision_log


@pytest.mark.parametrize(
    ("field", "reference"),
    [
        ("Policy Number: DME 33", "DME 33"),
        ("Policy No.: SUR 8", "SUR 8"),
        ("Document Number: PHARM 41", "PHARM 41"),
        ("Policy Number: MP 221", "MP 221"),
    ],
)
def test_a_series_and_a_short_number_is_an_identifier(field: str, reference: str) -> None:
    text = f"Medical Policy\nContinuous Glucose Monitors\n{field}\nEffective Date: 01/01/2026\n\nPurpose:\nText.\n"
    assert _parse(text).header.reference_number == reference


def test_a_count_after_a_word_in_a_field_is_no_identifier() -> None:
    text = "Medical Policy\nGlucose Monitors\nPolicy Number: see page 3 of 12\nEffective Date: 01/01/2026\n\n"
    assert _parse(text + "Purpose:\nText.\n").header.reference_number == ""


@pytest.mark.parametrize(
    ("fields", "title"),
    [
        (
            "Medical Policy Manual Surgery, Policy No. 172 Effective: April 1, 2026 Next Review: January 2027 "
            "Last Review: February 2026",
            "Sacral Nerve Neuromodulation/Stimulation",
        ),
        (
            "Medical Policy Manual Medicine, Policy No. 45 Effective Date: 05/01/2026 Next Review: March 2027 "
            "Last Review: 03/12/2026",
            "Hyperbaric Oxygen Therapy",
        ),
    ],
)
def test_the_heads_fields_on_one_line_above_the_title(fields: str, title: str) -> None:
    body = _wrap(f"DESCRIPTION\n{_fill(3)}\nMEDICAL POLICY CRITERIA\n{_fill(2, 3)}")
    policy = _parse(f"{fields}\n{title}\nIMPORTANT REMINDER\n{body}Page 1 of 2\n")
    assert policy.header.title == title


@pytest.mark.parametrize(
    "pair",
    [
        ("Type of Review – Care Management", "Type of Review – Clinical Review Unit"),
        ("Review Type - Prior Authorization", "Review Type - Concurrent Review"),
    ],
)
def test_fields_written_with_a_dash_among_fields_are_no_headings(pair: tuple[str, str]) -> None:
    first, second = pair
    head = "Medical Necessity Guidelines:\nHome Infusion Therapy\nEffective: March 1, 2026\nPrior Authorization: Yes\n"
    body = _wrap(f"Applies to: Commercial Products\nClinical Guideline Overview\n{_fill(4)}")
    policy = _parse(f"{head}{first}\n{second}\n{body}Page 1 of 1\n")
    titles = section_titles(policy)
    assert first not in titles and second not in titles
    assert "Clinical Guideline Overview" in titles
    texts = _paragraphs(policy)
    assert first in texts and second in texts
    assert "Applies to: Commercial Products" in texts


@pytest.mark.parametrize(
    "address",
    ["7500 Security Boulevard, Baltimore, MD 21244", "P.O. Box 9200, Portland, OR 97207-9200", "Boston, MA 02110"],
)
def test_a_postal_address_is_never_a_heading(address: str) -> None:
    text = (
        "Local Coverage Determination\nEpidural Steroid Injections (L39315)\n\nCoverage Indications\n"
        "Covered when all of the following are met.\n\nBibliography\nSmith J. A study. 2021.\n"
        f"A website managed by the agency.\n{address}\nAccessibility\tPrivacy Policy\n"
    )
    policy = _parse(text)
    assert address not in section_titles(policy)
    assert address in _paragraphs(policy)


def test_an_acronym_written_into_a_word_keeps_its_spelling() -> None:
    # (a reading-order ``pdftotext`` copy: an acronym going on in lower case had a hyphen a line end dropped —
    # ``FDAapproved`` — unless its last capital starts a word the text writes: ``TTFields``, ``fields``)
    text = (
        "Medical Policy: Tumor Treatment Fields\nPolicy Number: 8.01.55\nEffective Date: 03/01/2026\n\f"
        "Description\nTumor treatment fields (TTFields) deliver alternating electric fields. TTFields therapy is "
        "worn daily with an FDAapproved device.\n\f"
    )
    policy = _parse(text)
    joined = " ".join(_paragraphs(policy))
    assert "(TTFields)" in joined and "TTFields therapy" in joined and "TTF-ields" not in joined
    assert "FDA-approved device" in joined
