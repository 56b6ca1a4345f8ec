"""Extraction noise is no change (issue 17): two prints of one document (:mod:`noise`) diff to nothing.

Properties over the fixtures of every template (a browser's automatic hyphenation written U+2010 in one
print and as a soft hyphen in the other; in one print and not in the other), and fixed examples of each
kind of noise that once showed as a change: a word hyphenated at a line end, the document's title repeated
as a running header, a heading the contents list names landing right under a page break, a bullet right
after a page's form feed, a labelled line wrapped under a list item; a viewer's copy with its page furniture
in one copy only (``Page N of M``, the head's kind and title in capitals inside a sentence) and a lead-in
broken at a hyphen.  ``python tests/noise.py ROUNDS``
counts every kind over every fixture.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from noise import FIXTURE_FILES, KINDS, Furniture, Print, print_text
from profiles import examples

from policyvc.history.diff import diff
from policyvc.parser import parse_text_report
from policyvc.parser.documents import page_tools
from policyvc.parser.joining import plain_hyphens


def _changes(old: str, new: str) -> list[str]:
    a = parse_text_report(old, "old.txt", recover=True).policy
    b = parse_text_report(new, "new.txt", recover=True).policy
    script = diff(a, b)
    found = [f"{e.kind.value} {e.node.value} {e.old_id or ''} → {e.new_id or ''}" for e in script.changes]
    return found + [f"new log entry {e.date}" for e in script.log_added]


_PRINT = Print(width=92, page_lines=30, furniture=Furniture.PAGE_OF)


@settings(max_examples=examples(60))
@given(path=st.sampled_from(FIXTURE_FILES), seed=st.integers(0, 10_000))
def test_a_word_broken_with_u2010_in_one_print_and_a_soft_hyphen_in_the_other_is_no_change(
    path: Path, seed: int
) -> None:
    text = path.read_text(encoding="utf-8")
    hard = print_text(text, dataclasses.replace(_PRINT, hyphen="\u2010", seed=seed))
    soft = print_text(text, dataclasses.replace(_PRINT, hyphen="\u00ad", seed=seed))
    assert _changes(hard, soft) == []


# Hyphenated in one print and not in the other: the lines' lengths differ, and the text front's wrap test
# measures a line against the text's usual full line, so a paragraph's last line may read as full in one
# print only; and a short line of a web page's menu (``Search``) a page break puts at a page's edge may read as
# a running line in one print only (``tests/noise.py`` counts 0 of 75 pairs at the fixed seeds; the deep
# profile still finds such pairs, e.g. ``cms-ncd-teer.txt`` at seed 37 — a word broken at a soft hyphen before
# a page break, inside a table's cell, no longer shows).
@pytest.mark.xfail(strict=False, reason="the wrap test's measure and the running lines move with the lines' lengths")
@settings(max_examples=examples(60))
@given(
    path=st.sampled_from(FIXTURE_FILES),
    hyphen=st.sampled_from(["\u2010", "\u00ad"]),
    seed=st.integers(0, 10_000),
)
def test_a_browsers_hyphenation_in_one_print_only_is_no_change(path: Path, hyphen: str, seed: int) -> None:
    text = path.read_text(encoding="utf-8")
    plain = print_text(text, dataclasses.replace(_PRINT, seed=seed))
    hyphenated = print_text(text, dataclasses.replace(_PRINT, hyphen=hyphen, seed=seed))
    assert _changes(plain, hyphenated) == []
    assert _changes(hyphenated, plain) == []


# A copy from a PDF viewer: its furniture a line of its own with nothing around it, wherever the page broke —
# ``Page N of M``, the head's kind and title in capitals, or both — in one copy and not in the other (which
# keeps each paragraph on one line, as such a copy does); and a lead-in a copy broke at a hyphen.
@settings(max_examples=examples(40))
@given(path=st.sampled_from(FIXTURE_FILES), seed=st.integers(0, 10_000))
def test_a_lead_in_broken_at_a_hyphen_in_one_copy_only_is_no_change(path: Path, seed: int) -> None:
    text = path.read_text(encoding="utf-8")
    one, two = KINDS["lead-in hyphen"]
    assert _changes(print_text(text, dataclasses.replace(one, seed=seed)), print_text(text, two)) == []


# A running header inside a table or a history in one copy is passed over by the tables' readers
# (``tests/noise.py`` counts 0 pairs of either kind at its fixed seeds); hypothesis's deep profile still
# finds one: a viewer's copy of a Centene policy with the header between a tab-separated code table's
# header row and its first row (``cochlear-implant-replacements.txt``, seed 285), whose next row is then
# read into the first.
@pytest.mark.xfail(strict=False, reason="a running header between a tab-separated table's header and first row")
@settings(max_examples=examples(40))
@given(
    path=st.sampled_from(FIXTURE_FILES),
    kind=st.sampled_from(["viewer header", "viewer header wrapped"]),
    seed=st.integers(0, 10_000),
)
def test_a_viewers_running_header_of_kind_and_title_in_one_copy_only_is_no_change(
    path: Path, kind: str, seed: int
) -> None:
    text = path.read_text(encoding="utf-8")
    one, two = KINDS[kind]
    assert _changes(print_text(text, dataclasses.replace(one, seed=seed)), print_text(text, two)) == []


# (kind of noise, fixture, seed): pairs of prints that each once diffed to changes
FIXED = [
    ("hyphen U+2010", "egfr-testing.txt", 1),  # a boilerplate line hyphenated: read as a header field
    ("hyphen -", "egfr-testing.txt", 1),  # … at a ``-`` the text writes nowhere whole (``informa-`` / ``tion.``)
    ("hyphen U+2010", "molina-bone-anchored-hearing.txt", 0),  # ``cov-erage`` learnt: COVERAGE → COV-ERAGE
    ("hyphen U+00AD", "aetna-varicose-veins.txt", 0),  # ``respi`` + ``ratory`` read as two words
    ("running title", "aetna-varicose-veins.txt", 0),  # the title taken for furniture on its first page
    ("running title", "anthem-bone-growth-stimulators.txt", 0),
    ("page-of", "egfr-testing.txt", 0),  # a heading the contents list names, right under a page break
    ("page-of", "uhc-bariatric-surgery.txt", 0),  # an ``o`` bullet after a form feed run into the item above
    # a prose line ending ``investigational or`` glued into the list item above it; a nested bullet after
    # ``Page 1 of 3`` lost its level
    ("rewrap", "cigna-spinal-cord-stimulation.txt", 0),
    ("rewrap", "bcbs-genetic-testing-prose-history.txt", 0),  # the title run into ``Policy Number: …``
    ("rewrap", "01_centene_cp_mp_hereditary_cancer.txt", 0),  # ``I. It is the policy …`` cut from its next line
    ("rewrap", "06_geisinger_knee_arthroplasty.txt", 0),  # a heading after a list read as the last item's text
    ("page-of", "06_geisinger_knee_arthroplasty.txt", 0),  # ``o`` bullets given a ``-`` as well: ``- o Kellgren``
    ("rewrap", "10_molina_viewer_copy_vedolizumab.txt", 2),  # ``…; AND 5.`` / ``Negative …``: a sentence's end
    ("rewrap", "geisinger-cranial-orthosis.txt", 0),  # ``… Local Coverage`` / ``Determination.`` split
    # every statement's first line ``I. It is the policy of … Corporation®`` (and its wrapped rest ``testing for``)
    # taken for a running header where page breaks landed beside two of them: their words were lost
    ("page-of", "01_centene_cp_mp_hereditary_cancer.txt", 1),
    ("running title", "01_centene_cp_mp_hereditary_cancer.txt", 1),
    ("page-of", "centene-mp-pharmacogenetic.txt", 1),  # a browser's stamp the page rules left, joining two paragraphs
    # a viewer's copy, in one copy only: ``MEDICAL POLICY <TITLE>`` between two sentences of a paragraph (a
    # paragraph break), inside a space-laid code table (its rows read otherwise), under the last paragraph
    # (a heading); ``- … one of the follo-`` / ``wing conditions:`` (the nested bullets under it lost their level)
    ("viewer header", "05_bcbs_cgm.txt", 0),
    ("viewer header", "uhc-bariatric-surgery.txt", 0),
    ("viewer header", "cochlear-implant-replacements.txt", 0),
    ("viewer header wrapped", "anthem-bone-growth-stimulators.txt", 0),
    ("viewer header wrapped", "04_anthem_cg_hbot.txt", 1),
    # a viewer's running header inside a table or a log, made blank: no blank line there for the tables' readers
    # (a log's header written a cell a line, ``Revision`` / ``Date`` / … / ``Approval`` / ``Date``; a code
    # table's header so written; a code row's wrapped description; a dated row and its bullets)
    ("viewer header", "02_wellcare_cp_mp_sleep_testing.txt", 0),
    ("viewer header", "02_wellcare_cp_mp_sleep_testing.txt", 2),
    ("viewer header wrapped", "02_wellcare_cp_mp_sleep_testing.txt", 0),
    ("viewer header", "03_uhc_commercial_tms.txt", 1),
    ("viewer header wrapped", "03_uhc_commercial_tms.txt", 0),
    ("lead-in hyphen", "cigna-spinal-cord-stimulation.txt", 0),
    # ``Page N of M`` in one copy of a hard-wrapped print only: the copy without pages was read as unwrapped text
    # (hard wrapping needed page numbers), the other as a print's wrapped lines, and their paragraphs, headings
    # and tables were joined otherwise
    ("page-of one copy", "aetna-varicose-veins.txt", 0),
    ("page-of one copy", "cigna-spinal-cord-stimulation.txt", 0),
    ("page-of one copy", "06_geisinger_knee_arthroplasty.txt", 0),
    ("page-of one copy", "10_molina_viewer_copy_vedolizumab.txt", 0),
    ("viewer page-of", "03_uhc_commercial_tms.txt", 0),
    ("viewer page-of", "molina-bone-anchored-hearing.txt", 0),
]


@pytest.mark.parametrize(("kind", "name", "seed"), FIXED)
def test_fixed_examples_of_noise_are_no_change(kind: str, name: str, seed: int) -> None:
    path = next(p for p in FIXTURE_FILES if p.name == name)
    text = path.read_text(encoding="utf-8")
    one, two = KINDS[kind]
    a = print_text(text, dataclasses.replace(one, seed=seed))
    b = print_text(text, dataclasses.replace(two, seed=seed))
    assert _changes(a, b) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("the respi\u00ad\nratory tract", "the \nrespiratory tract"),  # a soft hyphen is no text
        ("respi\u00ad\nratory tract", "respiratory\ntract"),  # (no line made blank)
        ("legal informa\u2010\ntion.", "legal \ninformation."),  # U+2010 only at line ends: automatic
        ("the off\u2010label use of an anti\u2010\nbody", "the off-label use of an anti-\nbody"),  # U+2010 inline too
        ("the cov-\nerage; coverage", "the \ncoverage; coverage"),  # written whole elsewhere
        ("an off-\nlabel use", "an off-\nlabel use"),  # written nowhere else: the hyphen may be the word's
        ("an off-\nlabel use, off-label", "an off-\nlabel use, off-label"),  # written hyphenated elsewhere
        # a soft hyphen before a page break: the word whole where its rest was, as an unbroken print writes it
        ("and managem\u00ad\n\nPage 3 of 5\n\n\f    ent;", "and \n\nPage 3 of 5\n\n\f    management;"),
        ("managem\u00ad\n\n\f    ent; and", "management\n\n\f    ; and"),
    ],
)
def test_plain_hyphens(text: str, want: str) -> None:
    assert plain_hyphens(text) == want
    assert plain_hyphens(text).count("\n") == text.count("\n")


def test_the_cli_diffs_two_prints_one_hyphenated_by_a_browser_to_no_change(tmp_path: Path) -> None:
    source = FIXTURES / "medical" / "egfr-testing.txt"
    text = source.read_text(encoding="utf-8")
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(print_text(text, dataclasses.replace(_PRINT, seed=1)), encoding="utf-8")
    new.write_text(print_text(text, dataclasses.replace(_PRINT, hyphen="\u2010", seed=1)), encoding="utf-8")
    result = run_cli("diff", "--recover", str(old), str(new))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0].endswith(": no changes"), result.stdout


_PAGE = "\n\nPage 1 of 3\n\n\f"


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # a page's furniture inside a nested bulleted list: the items after it keep their level
        (
            "Coverage Policy\nCovered when ALL of the following are met:\n- The individual has one of:\n"
            "  - failed back surgery syndrome\n  - complex regional pain syndrome\n  - diabetic neuropathy\n"
            "- Pain has persisted for six months\n",
            "Coverage Policy\nCovered when ALL of the following are met:\n- The individual has one of:\n"
            f"  - failed back surgery syndrome{_PAGE}  - complex regional pain syndrome\n  - diabetic neuropathy\n"
            "- Pain has persisted for six months\n",
        ),
    ],
)
def test_a_page_break_or_a_wrap_inside_a_list_is_no_change(one: str, two: str) -> None:
    head = "Spinal Cord Stimulation\nPolicy Number: MP-123\nEffective Date: 01/01/2026\n\n"
    filler = "".join(f"Line {n} of the policy's background text runs on and on.\n" for n in range(1, 4))
    tail = "\nBackground\n" + filler + "\nPage 3 of 3\n"
    assert _changes(head + one + tail, head + two + tail) == []


def test_a_roman_statement_wrapped_anywhere_is_no_change() -> None:
    """``I. It is the policy …`` goes on over its wrapped lines (the family's section headings, ``I. Criteria
    for …``, are whole lines; a statement, a sentence, is not)."""
    head = "Clinical Policy: Genetic Testing\nReference Number: CP.MP.999\nEffective Date: 01/01/2026\n\n"
    head += "Policy/Criteria\nHereditary Cancer\n"
    rest = "BRCA1 (81162) is considered medically necessary when meeting all of the following:\n"
    rest += "A. Age 18 or older;\nB. A personal history of breast cancer.\n"
    one = "I. It is the policy of health plans affiliated with Centene Corporation®\nthat genetic testing for\n"
    two = "I. It is the policy of health plans affiliated with Centene Corporation® that genetic testing\nfor "
    lines = "".join(
        f"Line {n} of the background text runs on and on and goes\non to the next line.\n" for n in range(5)
    )
    tail = "\nBackground\n" + lines + "\nPage 3 of 3\n"
    assert _changes(head + one + rest + tail, head + two + rest + tail) == []


_PAIRS = FIXTURES / "noise_pairs"


def _reported(old: Path, new: Path) -> list[str]:
    """The CLI diff's change lines (kind, node, id), without their texts and explanations."""
    result = run_cli("diff", "--recover", str(old), str(new))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    at = lines.index("changes:") if "changes:" in lines else len(lines)
    out: list[str] = []
    for line in lines[at + 1 :]:
        if not line.strip():
            break
        if not line.startswith("    "):
            out.append(" ".join(line.split(":")[0].split()))
    return out


def test_a_running_header_of_the_heads_names_a_page_number_and_a_hyphen_in_one_copy_only_are_no_change() -> None:
    """A medical policy: ``COVERAGE POLICY TOTAL HIP ARTHROPLASTY`` (the head's two lines on one) inside a
    criterion in the new copy; ``Page 2 of 3`` inside a sentence that goes on with a number in the old; the
    ``does NOT cover … any of the following`` lead-in broken at a hyphen (``medi-`` / ``cally``) in the old,
    which still leads its list.  Only the real changes show."""
    got = _reported(_PAIRS / "harbor_hip_arthroplasty.old.txt", _PAIRS / "harbor_hip_arthroplasty.new.txt")
    assert got == ["update criterion Policy.c1.2.a", "insert criterion Policy.c2.2"]
    # (the dated rows under ``History`` are its revision log: the new row is a new entry, not a table's row)
    result = run_cli("diff", "--recover", *(str(_PAIRS / f"harbor_hip_arthroplasty.{v}.txt") for v in ("old", "new")))
    assert "new revision-log entries:\n  2026-01-01  Added exclusion for members younger than 18" in result.stdout


def test_a_running_header_of_a_drug_field_and_a_plan_and_a_page_number_in_one_copy_only_are_no_change() -> None:
    """A pharmacy policy statement: ``Dupixent (dupilumab) MICHIGAN MEDICAID`` (the drug's field and the plan's
    line of the head) inside a criterion in the old copy; ``Page 2 of 3`` beside a section's lead-in that
    every section writes again (never a running line) and its closing sentence in the new."""
    got = _reported(_PAIRS / "lakes_dupixent.old.txt", _PAIRS / "lakes_dupixent.new.txt")
    assert got == ["update criterion EOSINOPHILIC-ESOPHAGITIS.c1.2"]


def test_a_site_menu_line_and_a_running_header_written_once_are_no_change() -> None:
    """A web copy's buttons (``Download PDF   Print`` in one copy, ``… Share`` in the other) neither show as a
    change nor start a table that swallows the title and policy number below them (their words happen to
    break where the buttons' gap ends); the running header a print wrote once, beside ``Page 2 of 3`` inside
    a list, is no part of the item above it."""
    got = _reported(_PAIRS / "northwind_ionm.old.web.txt", _PAIRS / "northwind_ionm.new.web.txt")
    assert got == ["delete criterion COVERAGE-CRITERIA.II.C", "insert criterion COVERAGE-CRITERIA.II.C"]


def test_a_running_header_naming_the_plan_and_title_at_another_page_break_is_no_change() -> None:
    """``<plan> Medical Policy: <title>`` under a two-page print's only page break, in the criteria in one
    print and under the guidelines in the other: neither a note nor a paragraph inserted and deleted."""
    got = _reported(_PAIRS / "lakeshore_cardiac_rehab.old.txt", _PAIRS / "lakeshore_cardiac_rehab.new.txt")
    assert got == ["update field header.effective", "update field header.review", "update criterion POLICY.c1.3"]


@pytest.mark.parametrize(
    ("line", "tools"),
    [
        ("Download PDF   Print", True),
        ("Share | Email | Print", True),
        ("Print this page", True),
        ("Save as PDF  ·  Email to a friend", True),
        ("Print", False),  # (one word alone may be a heading or a cell)
        ("Email the policy to the member's physician.", False),
        ("Download PDF  Medical Policy", False),
    ],
)
def test_a_web_pages_buttons_are_told_from_text(line: str, tools: bool) -> None:
    assert page_tools(line) is tools


_RESPLIT_OLD = """Bone Density Testing

Policy Number: MP-RAD-900
Effective Date: 01/01/2026

Description

Bone mineral density testing measures bone mass to diagnose osteoporosis and estimate fracture risk. \
Central DXA of the hip and spine is the reference standard.

Peripheral devices are screening tools only.

Policy

Testing is covered when any of the following apply:

1. Women aged 65 or older
2. Men aged 70 or older
"""


def test_prose_cut_into_paragraphs_elsewhere_is_no_change() -> None:
    # a print's forced line break made one paragraph two (and two one): the same words in the same order
    split = _RESPLIT_OLD.replace("risk. Central", "risk.\n\nCentral")
    assert _changes(_RESPLIT_OLD, split) == []
    merged = _RESPLIT_OLD.replace("standard.\n\nPeripheral", "standard. Peripheral")
    assert _changes(_RESPLIT_OLD, merged) == []
    assert _changes(split, merged) == []


def test_a_resplit_paragraph_with_a_word_changed_is_still_a_change() -> None:
    reworded = _RESPLIT_OLD.replace("risk. Central", "risk.\n\nPeripheral")
    changes = _changes(_RESPLIT_OLD, reworded)
    assert any(c.startswith("update paragraph") for c in changes) and any(c.startswith("insert") for c in changes)
    # and a paragraph moved across a list is a change too (nothing between the re-cut paragraphs but them)
    moved = _RESPLIT_OLD.replace("Peripheral devices are screening tools only.\n\n", "") + (
        "\nPeripheral devices are screening tools only.\n"
    )
    assert _changes(_RESPLIT_OLD, moved) != []


_INDENTED = """Lakeshore Health Medical Policy
Occipital Nerve Block
Policy Number: LH-0917
Effective Date: 04/01/2026

Policy
Lakeshore Health considers occipital nerve block medically necessary when ALL of the following are met:
Initial Authorization
1. Diagnosis of occipital neuralgia; and
2. Pain has persisted for at least 3 months despite oral analgesics; and
3. No more than four blocks are given in a 12-month period.

Initial authorization is for 6 months.
Reauthorization
1. Member has had at least 50% pain relief after the previous block.

Reauthorization is for 12 months.
References
1. Smith JA, Jones B. Occipital nerve block for occipital neuralgia: a review. Pain Med. 2023;24(2):101-110.
2. Lee C, Park D. Greater occipital nerve block outcomes. Headache. 2022;62(4):411-419.

Policy History
Date\tAction
04/01/2026\tAnnual review; no changes.
04/01/2025\tNew policy.
Lakeshore Health is an independent licensee of the Example Association. © 2026 Lakeshore Health.
"""

_FLAT = """Lakeshore Health Medical Policy
Occipital Nerve Block
Policy Number: LH-0917
Effective Date: 04/01/2026
Policy
Lakeshore Health considers occipital nerve block medically necessary when ALL of the following are met:
Initial Authorization
1. Diagnosis of occipital neuralgia; and
2. Pain has persisted for at least 3 months despite oral analgesics; and
3. No more than four blocks are given in a 12-month period.
Initial authorization is for 6 months.
Reauthorization
1. Member has had at least 50% pain relief after the previous block.
Reauthorization is for 12 months.
References
1. Smith JA, Jones B. Occipital nerve block for occipital neuralgia: a review. Pain Med.
2023;24(2):101-110.
2. Lee C, Park D. Greater occipital nerve block outcomes. Headache. 2022;62(4):411-419.
Policy History
Date

Action

04/01/2026 Annual review; no changes.
04/01/2025 New policy.
Lakeshore Health is an independent licensee of the Example Association.
© 2026 Lakeshore Health.
"""


@pytest.mark.parametrize(("one", "two"), [(_INDENTED, _FLAT), (_FLAT, _INDENTED)])
def test_a_copy_without_indents_or_table_cells_is_no_change(one: str, two: str) -> None:
    """The same page copied with its paragraphs apart and its history a table, and as ``pdftotext`` of a browser's
    print writes it — a paragraph under a list run into the list's last item, a reference's last line cut off,
    the table's header a name a line: the same text diffs to nothing."""
    assert _changes(one, two) == []


_LEVELS = """# Sleep Studies

Policy Number: SS-12

Effective Date: 01/01/2026

## Policy Statement

Prior authorization is required.

## Initial Approval Criteria

1. Age 18 or older;
2. Snoring on most nights.

## Renewal Criteria

1. Response to therapy.

## References

1. Smith J. Sleep. 2020.
"""


def test_a_headings_level_alone_is_no_move_but_a_heading_taken_elsewhere_is() -> None:
    """A Word file's heading styles set ``Initial Approval Criteria`` at the level of ``Policy Statement`` above it;
    a web page's text copy writes no level and nests it under that heading: the same place in the document, no
    change.  A heading taken to another place (``Renewal Criteria`` before ``Policy Statement``) is a move."""
    nested = _LEVELS.replace("## Initial", "### Initial").replace("## Renewal", "### Renewal")
    assert _changes(_LEVELS, nested) == []
    assert _changes(nested, _LEVELS) == []
    renewal = "## Renewal Criteria\n\n1. Response to therapy.\n\n"
    moved = _LEVELS.replace(renewal, "").replace("## Policy Statement", renewal + "## Policy Statement")
    assert [c for c in _changes(_LEVELS, moved) if c.startswith("move heading")]
