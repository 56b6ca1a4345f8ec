"""Lists that a page's break runs through, sets whose lead-in wraps under a list, and lists of exclusions with a
group inside them.

``tests/fixtures/paged_lists``: web guidelines (four payers' wording) printed by Chromium and read by ``pdftotext``
raw and ``-layout`` (``python tests/docgen.py tests/fixtures/paged_lists`` remakes them): criteria in a ``<ul>``
whose bullets Chromium draws as shapes, across a page break with the browser's stamps between two items; a second
set's lead-in under a numbered list; a coding table with its header row; a background in two columns.  Every item
is an item of its list in both copies, and the two copies of one print diff to nothing.  Expectations are written
from the pages' text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from heldout_support import read_held

from policyvc.history.diff import diff
from policyvc.parser import parse_text_report

PAGED = FIXTURES / "paged_lists"

# each page's list, as its HTML writes it: the lead-in's connective and the items' first words
LISTS = {
    "wellpoint-partial-hospital": (
        "set:any",
        ["The member has met the goals", "The member needs inpatient care", "Symptoms have worsened",
         "The member has declined"],
    ),
    "sentara-residential-eating": (
        "set:all",
        ["Medical stability is documented", "Weight, eating behaviour", "The member agrees",
         "A family member or other support"],
    ),
}  # fmt: skip


def _copies(name: str) -> list[Path]:
    return [PAGED / f"{name}.chromium.pdftotext.txt", PAGED / f"{name}.chromium.pdftotext-layout.txt"]


@pytest.mark.parametrize("name", sorted(LISTS))
@pytest.mark.parametrize("layout", [False, True], ids=["raw", "layout"])
def test_every_item_of_a_list_a_page_break_runs_through_stays_in_its_list(name: str, layout: bool) -> None:
    path = _copies(name)[layout]
    policy, rows = read_held(path)
    kind, firsts = LISTS[name]
    assert rows["Criteria.c1"] == kind
    items = [rows[f"Criteria.c1.{n}"] for n in range(1, len(firsts) + 1)]
    assert all(rows[f"Criteria.c1.{n}"] == "judgment" for n in range(1, len(firsts) + 1)), items
    assert f"Criteria.c1.{len(firsts) + 1}" not in rows
    assert "Criteria.p1" not in rows  # (no item left behind as a paragraph)
    texts = [c.text for s in policy.body for b in s.blocks for c in getattr(b, "criteria", ())]
    for text, first in zip(texts, firsts, strict=True):
        assert text.startswith(first)


# every page of the folder: lists across a page break, a lead-in of a second set wrapped over two lines under a
# numbered list, a coding table with its header row, and a background printed in two columns
PAGES = sorted(p.stem for p in (PAGED / "src").glob("*.html"))
# (``-layout`` sets two columns of prose side by side, line by line: read as one text, the lines of both columns
# interleaved — not read back yet)
TWO_COLUMNS = {"harvard-home-sleep-test"}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="two columns of prose in -layout text"))
        if n in TWO_COLUMNS
        else n
        for n in PAGES
    ],
)
def test_the_raw_and_layout_copies_of_one_print_diff_to_nothing(name: str) -> None:
    raw, layout = (read_held(p)[0] for p in _copies(name))
    result = diff(raw, layout)
    assert [e for e in result.edits if e.kind != "renumber"] == []


# Raw ``pdftotext`` of a word processor's print (no blank line between paragraphs, a page's form feed): a numbered
# list whose last item fills its line and ends its sentence, then a second coverage statement wrapped over two
# lines that announces a lettered list of its own
_SECOND_LEAD_IN = """Medical Policy
Genetic Testing for Hereditary Hearing Loss
Policy Number: LAB-3310
Effective Date: 09/01/2026
Policy
Genetic testing for hereditary hearing loss is considered medically necessary when all of the
following criteria are met:
1. The member has sensorineural hearing loss confirmed by audiometry;
2. Acquired causes of hearing loss have been ruled out by history and examination;
3. The result of the test will change the member's management or the family's decisions.
Testing of a parent for a variant found in the child is considered medically necessary only when
performed after the child's testing and one of the following applies:
a. The parents are planning another pregnancy;
b. The parent has hearing loss of unknown cause.
\fRevision History
08/12/2026 New policy.
"""


def test_a_wrapped_coverage_statement_under_a_numbered_list_starts_a_set_of_its_own() -> None:
    report = parse_text_report(_SECOND_LEAD_IN, recover=True)
    sets = [b for s in report.policy.body for b in s.blocks if hasattr(b, "criteria")]
    assert [len(s.criteria) for s in sets] == [3, 2]
    assert sets[0].criteria[2].text.endswith("the family's decisions.") and not sets[0].criteria[2].children
    assert sets[1].title.startswith("Testing of a parent") and sets[1].title.endswith("one of the following applies:")
    assert sets[1].rule is not None and sets[1].rule.connective == "any"


# A text copy's page break: a running footer, then the form feed, between two items of a list printed without
# bullets; the item above the break fills its line and ends with a semicolon
_FOOTED = """Behavioral Health Guideline: Crisis Stabilization Services
Guideline Number: BH-CS-07
Effective Date: 05/01/2026

Criteria

Discharge from crisis stabilization is indicated when any one of the following occurs:

       The acute risk has resolved and the member can return home with a safety plan and an outpatient follow-up visit;
                                  Evergreen Health Plan • BH-CS-07 • Proprietary and confidential
\f       The member needs inpatient psychiatric care for a risk that cannot be managed in the unit;
       The member or guardian has withdrawn consent for further care.

Documentation Requirements
Requests must include the crisis assessment and the discharge plan.

Evergreen Health Plan • BH-CS-07 • Proprietary and confidential
"""


def test_an_item_after_a_page_footer_is_not_joined_to_the_item_above() -> None:
    report = parse_text_report(_FOOTED, recover=True)
    sets = [b for s in report.policy.body for b in s.blocks if hasattr(b, "criteria")]
    assert [c.text.split()[:3] for c in sets[0].criteria] == [
        ["The", "acute", "risk"],
        ["The", "member", "needs"],
        ["The", "member", "or"],
    ]


# A list of what is not covered (no connective of its own: a list, not a group), one item of which announces a
# group of its own with ``any of the following``
_EXCLUSIONS = """Medical Policy: Hyperbaric Oxygen Therapy
Policy Number: MP-HBO-118
Effective Date: 07/01/2026

Coverage Criteria

Hyperbaric oxygen therapy is considered medically necessary when all of the following are met:
1. The member has a diabetic wound of the lower extremity of Wagner grade 3 or higher;
2. The wound has not healed after 30 days of standard wound care.

Limitations and Exclusions

The following are considered not medically necessary:
• Topical oxygen applied to a wound without a pressurized chamber;
• Hyperbaric oxygen therapy for any of the following:
    ◦ Autism spectrum disorder;
    ◦ Chronic fatigue syndrome;
    ◦ Migraine.
• Hyperbaric oxygen therapy given outside an accredited facility.

Revision History
06/15/2026 New policy.
"""


def test_a_group_inside_a_list_of_exclusions_keeps_its_connective() -> None:
    report = parse_text_report(_EXCLUSIONS, recover=True)
    sets = [b for s in report.policy.body for b in s.blocks if hasattr(b, "criteria")]
    exclusions = sets[-1]
    assert exclusions.title == "The following are considered not medically necessary:"
    assert exclusions.rule is None  # (the list states no connective: none is guessed)
    assert [c.connective for c in exclusions.criteria] == [None, "any", None]
    group = exclusions.criteria[1]
    assert [c.text for c in group.children] == ["Autism spectrum disorder;", "Chronic fatigue syndrome;", "Migraine."]
    assert not any(d.severity == "error" for d in report.diagnostics)


def test_a_plain_list_of_exclusions_with_no_group_stays_a_list() -> None:
    flat = _EXCLUSIONS.replace("for any of the following:\n", "for autism or migraine;\n").replace("    ◦", "  REMOVED")
    flat = "\n".join(line for line in flat.split("\n") if "REMOVED" not in line)
    report = parse_text_report(flat, recover=True)
    blocks = [b for s in report.policy.body if s.title == "Limitations and Exclusions" for b in s.blocks]
    assert not any(hasattr(b, "criteria") for b in blocks)
