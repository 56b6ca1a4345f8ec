"""The head of a policy read by the outline templates, in forms other payers print it: a drug program's title above
its block of fields, the fields no header slot holds (kept as the header's extras, a date with its ISO form), a raw
``pdftotext`` header whose title has a label's shape above the block of labels, and a family medical policy whose
fields a print set in a table or wrote with no stops.  Each example is written from the shape of a layout, with
words of its own; the fail-safe cases say what must stay unread."""

from __future__ import annotations

import datetime as dt

import pytest
from header_support import BODY as _BODY
from header_support import read as _read

from policyvc.parser.nodes import Policy

_MEDICAL_BODY = (
    "\nDescription\nA cranial orthosis is a molded helmet.\n\nPolicy/Criteria\n"
    "I. It is the policy of health plans affiliated with Centene Corporation® that cranial orthoses are medically "
    "necessary when meeting all of the following:\nA. Age 3 to 18 months;\nB. Moderate to severe plagiocephaly.\n"
)


def _front(policy: Policy) -> list[str]:
    return [b.text for s in policy.body[:1] if s.id == "front" for b in s.blocks if hasattr(b, "text")]


@pytest.mark.parametrize(
    "title",
    [
        "Tezepelumab (Tezspire) Prior Authorization Guideline",
        "Inclisiran Step Therapy Criteria",
        "Omalizumab (Xolair) Prior Authorization Policy",
    ],
)
def test_a_drug_programs_title_above_its_fields_is_the_title(title: str) -> None:
    policy = _read(
        f"{title}\n Guideline Number:        RX-PA-0311\n Effective Date:          02/01/2026\n"
        " Review Date:             11/12/2025\n" + _BODY
    )
    assert policy.header.title == title
    assert policy.header.reference_number == "RX-PA-0311"
    assert title not in _front(policy)


def test_a_programs_words_alone_name_no_title() -> None:
    # (a manual's or a series' name: nothing before the program's words names a subject)
    policy = _read("Pharmacy Prior Authorization Guidelines\nGuideline Number: RX-PA-0311\n"
                   "Effective Date: 02/01/2026\n" + _BODY)  # fmt: skip
    assert policy.header.title != "Pharmacy Prior Authorization Guidelines"


def test_fields_no_slot_holds_are_the_headers_extras_with_their_iso_dates() -> None:
    policy = _read(
        "Lakeshore Community Health Plan\nPercutaneous Tibial Nerve Stimulation\nPolicy Number: LCH-MED-207\n"
        "Effective Date: 03/01/2026\nLast Revised: January 14, 2026\nNext Review: January 2027\n"
        "Revised: 01/14/2026\nApplies to: Medicaid and Marketplace members\n" + _BODY
    )
    assert policy.header.last_review == dt.date(2026, 1, 14)
    assert "Next Review: January 2027 (2027-01)" in policy.header.extras  # (a month stays a month: no day)
    assert "Revised: 01/14/2026 (2026-01-14)" in policy.header.extras
    assert not any(t.startswith(("Next Review", "Revised")) for t in _front(policy))


def test_a_grid_of_fields_keeps_its_other_fields() -> None:
    policy = _read(
        "Percutaneous Tibial Nerve Stimulation\n"
        "Policy Number:                  LCH-MED-207\nEffective Date:                 March 1, 2026\n"
        "Last Revised:                   January 14, 2026\nNext Review:                    January 2027\n" + _BODY
    )
    assert "Next Review: January 2027 (2027-01)" in policy.header.extras


def test_a_second_date_of_a_slot_is_kept_with_its_iso_form() -> None:
    policy = _read(
        "Percutaneous Tibial Nerve Stimulation\nPolicy Number: LCH-MED-207\nEffective Date: 03/01/2026\n"
        "Revision Date: 01/14/2026\nReview Date: 01/2027\n" + _BODY
    )
    assert "Revision Date: 01/14/2026 (2026-01-14)" in policy.header.extras


def test_an_other_field_far_from_the_head_stays_in_the_body() -> None:
    # (fail safe: only the run of the header's fields is the header's; a field line below the title's paragraph
    # and the body's first heading is the body's, as written)
    policy = _read(
        "Percutaneous Tibial Nerve Stimulation\nPolicy Number: LCH-MED-207\nEffective Date: 03/01/2026\n\n"
        "Overview\n\nThis document addresses a service.\n\nNext Review: January 2027\n\nCoverage Criteria\n\n"
        "The service is medically necessary when all of the following criteria are met:\n\n"
        "A. The member is 18 years of age or older; and\nB. Conservative therapy has failed.\n"
    )
    assert not any(x.startswith("Next Review") for x in policy.header.extras)


def test_a_raw_pdftotext_block_under_a_title_with_a_labels_shape() -> None:
    policy = _read(
        "Lakeshore Health Alliance Clinical Policy LHA-0907\n\nPercutaneous Tibial Nerve Stimulation\n"
        "Policy Number:\nEffective Date:\nReview Date:\n\nLHA-0907\n04/01/2026\n02/2026\n" + _BODY
    )
    assert policy.header.title == "Percutaneous Tibial Nerve Stimulation"
    assert policy.header.reference_number == "LHA-0907"
    assert policy.header.effective_date == dt.date(2026, 4, 1)


def test_a_raw_block_whose_values_do_not_match_its_labels_reads_no_title_from_them() -> None:
    # (fail safe: two values under three labels and the title's line — no pairing by place, the lines stay)
    policy = _read(
        "Percutaneous Tibial Nerve Stimulation\nPolicy Number:\nEffective Date:\nReview Date:\n\nLHA-0907\n"
        "04/01/2026\n" + _BODY
    )
    assert policy.header.title != "LHA-0907"
    assert "LHA-0907" in " ".join(_front(policy)) or policy.header.reference_number == "LHA-0907"


@pytest.mark.parametrize(
    "fields",
    [
        "Reference Number:\tCP.MP.301\nDate of Last Revision:\t07/25\n",  # (a table of label/value pairs)
        "Reference Number CP.MP.301 Date of Last Revision 07/25\n",  # (a browser's print: no stops)
        "Reference Number:\n\nCP.MP.301\n\nDate of Last Revision:\n\n07/25\n",  # (a print's cells, a line each)
    ],
)
def test_a_family_medical_policys_fields_in_a_table_or_without_stops(fields: str) -> None:
    policy = _read("Clinical Policy: Cranial Orthoses\n" + fields + _MEDICAL_BODY)
    assert policy.template == "centene-medical"
    assert policy.header.title == "Cranial Orthoses"
    assert policy.header.reference_number == "CP.MP.301"
    assert policy.header.last_review == dt.date(2025, 7, 1)
    assert policy.header.title == "Cranial Orthoses"


# --- the canonical text of such a header reads back to it ---------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        # (a web copy: the fields one a line, two of them no slot holds)
        "Bariatric Surgery\nPolicy Number: SUR-0412\nEffective Date: 04/01/2026\nNext Annual Review: 04/2027\n"
        "Status: Active\n",
        # (a word processor's print: the title, its dates and an origination date, then the plan's line)
        "Home Infusion Therapy\nPolicy No. HI-22\nOriginal Effective Date: 07/01/2015\nLast Review Date: 01/15/2026\n"
        "\nLakeside Health Plan\n",
    ],
)
def test_the_canonical_text_of_a_header_with_extras_reads_back_to_it(head: str) -> None:
    from policyvc.renderer.outline import render_outline
    from policyvc.renderer.text import render_text

    policy = _read(head + _BODY)
    assert policy.header.extras  # (the fields no slot holds: the header's)
    again = _read(render_text(policy))
    assert render_outline(again) == render_outline(policy)


def test_a_revised_line_of_dated_changes_stays_the_history() -> None:
    # (``Revised:`` with its changes and their dates, under the header's fields: the history, never a header field)
    policy = _read(
        "Knee Arthroscopy\nPolicy Number: OR-117\nEffective Date: 03/01/2026\n"
        "Revised: 3/25 (Annual review); 3/26 (Added meniscal repair criteria)\n" + _BODY
    )
    assert not [e for e in policy.header.extras if e.startswith("Revised")]
    assert [e.date for e in policy.revision_log] == [dt.date(2025, 3, 1), dt.date(2026, 3, 1)]


@pytest.mark.parametrize(
    "fields",
    [
        # (a print that set the header table's label above its value, a blank line between: LibreOffice's)
        "Reference Number:\n\nCP.MP.212\n\nDate of Last Revision:\n\n09/26\n",
        # (the same table a label and its value to a line, a tab between: a browser's print)
        "Reference Number:\tCP.MP.212\nDate of Last Revision:\t09/26\n",
    ],
)
def test_a_family_header_tables_label_above_its_value_is_the_headers_alone(fields: str) -> None:
    policy = _read(f"Clinical Policy: Cranial Orthoses\n\n{fields}" + _MEDICAL_BODY)
    assert (policy.template, policy.header.reference_number) == ("centene-medical", "CP.MP.212")
    assert policy.header.last_review == dt.date(2026, 9, 1)
    # (the same header either way: its labels and values no text of the body, so two prints diff as none)
    texts = [getattr(b, "text", "") for s in policy.body for b in s.blocks] + [s.title for s in policy.body]
    assert not [t for t in texts if "Reference Number" in t or "CP.MP.212" in t or t.strip() == "09/26"]
