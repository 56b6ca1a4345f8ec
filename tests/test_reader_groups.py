"""Where one criteria group, list or code table ends and the next begins (``tests/fixtures/groups``).

The fixtures are written in the shapes payers publish, not copied from any policy: a Blue Cross-style
bone growth stimulator policy printed by Chromium and read by ``pdftotext`` (reading order and
``-layout``), whose first group's last item wraps to a full line right above the next group's lead-in, whose
exclusions are a list drawn without bullets, and whose CPT table has an ICD-10 table right under it; and a
web copy of a Premera-style DME policy (groups one under the other, a list without markers, two tables
of codes a blank line apart).  What is asserted is what the text states: a group's lead-in is never glued
into the item above, a list without markers is a plain list (never a criteria group guessed), and a table's
second header starts a table of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, check_golden
from docgen import chromium_pdf, need, pdftotext
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.aligned_tables import read_aligned
from policyvc.parser.outline import OutlineLine, lower_decimal_items, semicolon_items
from policyvc.parser.text_styles import _lead_in_after_item
from policyvc.renderer.outline import render_outline

GROUPS = FIXTURES / "groups"
GOLDEN_NAMES = [
    "bcbsnc-bone-growth.chromium.pdftotext",
    "bcbsnc-bone-growth.chromium.pdftotext-layout",
    "premera-cpm.web",
]


def _rows(name: str) -> dict[str, tuple[str, str]]:
    policy = parse_file_report(GROUPS / f"{name}.txt", recover=True).policy
    return {r.split("\t")[0]: (r.split("\t")[1], r.split("\t")[2]) for r in render_outline(policy).splitlines()}


def _children(rows: dict[str, tuple[str, str]], node: str) -> list[str]:
    depth = node.count(".") + 1
    return [n for n in rows if n.startswith(node + ".") and n.count(".") == depth]


# --- group boundaries ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", GOLDEN_NAMES[:2])
def test_a_groups_lead_in_below_a_full_last_item_starts_a_group_of_its_own(name: str) -> None:
    rows = _rows(name)
    assert rows["POLICY-STATEMENT.c1"][0] == "set:all"
    assert len(_children(rows, "POLICY-STATEMENT.c1")) == 4
    assert rows["POLICY-STATEMENT.c1.4"][0] == "judgment"  # (a plain criterion: no group under it)
    assert rows["POLICY-STATEMENT.c1.4"][1].endswith("at the most recent office visit.")
    assert rows["POLICY-STATEMENT.c2"][0] == "set:any"
    assert rows["POLICY-STATEMENT.c2"][1].startswith("A noninvasive electrical bone growth stimulator")
    assert len(_children(rows, "POLICY-STATEMENT.c2")) == 3
    assert rows["POLICY-STATEMENT.c2.3"][0] == "any" and len(_children(rows, "POLICY-STATEMENT.c2.3")) == 2


@pytest.mark.parametrize(
    ("item", "below", "starts"),
    [
        # the same markers restarting at 1 under a sentence ending in ``:``: a new group
        ("4. The member is able to comply with the device.", ["Children are covered when ALL", "of:", "1. X"], True),
        ("B. Imaging shows a stable fracture.", ["Adults are covered when:", "A. Y"], True),
        # a sub-list with the next kind of marker is the item's (it announces it itself)
        ("4. The member is able to comply with the device.", ["The member also meets one of:", "a. X"], False),
        # the item does not end its sentence: the line goes on with it
        ("4. The member is able to comply with the device, as", ["Documented when ALL of:", "1. X"], False),
        # a list that goes on (2, not 1) or no list at all
        ("4. The member is able to comply.", ["Covered when ALL of the following:", "5. X"], False),
        ("4. The member is able to comply.", ["Replacement is covered when it fails.", "Other text"], False),
        # a bullet is no numbered item: bullets have no ordinal to restart
        ("- The member is able to comply.", ["Covered when ALL of the following:", "- X"], False),
        # ``1)`` under ``1.``: another style, a list of the item's
        ("4. The member is able to comply.", ["Covered when ALL of the following:", "1) X"], False),
    ],
)
def test_a_lead_in_is_a_new_groups_only_above_the_same_markers_restarting(
    item: str, below: list[str], starts: bool
) -> None:
    assert _lead_in_after_item(item, item, below) is starts


def test_an_item_that_announces_its_own_list_keeps_it() -> None:
    text = (
        "Knee Bracing\nPolicy Number: DME-100\nEffective Date: 01/01/2026\n\nPolicy\n"
        "A knee brace is covered when ALL of the following are met:\n"
        "1. The member has ligament instability; and\n"
        "2. The member meets one of the following:\n"
        "a. Recent ligament repair; or\n"
        "b. Documented instability on examination.\n"
    )
    rows = render_outline(parse_text_report(text, "knee.txt", recover=True).policy).splitlines()
    kinds = {r.split("\t")[0]: r.split("\t")[1] for r in rows}
    assert kinds["Policy.c1"] == "set:all" and kinds["Policy.c1.2"] == "any"
    assert "Policy.c1.2.b" in kinds and "Policy.c2" not in kinds


# --- lists without markers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_lines_ending_in_semicolons_under_a_lead_in_are_a_plain_list(name: str) -> None:
    rows = _rows(name)
    bullets = [n for n, (kind, _) in rows.items() if kind == "bullet"]
    assert len(bullets) == 3
    parent = bullets[0].rsplit(".", 2)[0]
    assert all(b.startswith(parent + ".b1.") for b in bullets)
    names = list(rows)
    lead = rows[names[names.index(bullets[0]) - 1]]
    assert lead[0] == "paragraph" and lead[1].endswith("including but not limited to the following:")
    assert rows[bullets[-1]][1].endswith(".")


def test_a_list_without_markers_is_noted() -> None:
    report = parse_file_report(GROUPS / "premera-cpm.web.txt", recover=True)
    assert any("plain list without markers" in d.message for d in report.diagnostics)


@pytest.mark.parametrize(
    "lines",
    [
        # a paragraph's lines (no ``;`` at their ends)
        ["The following applies:", "Members must call the plan", "before the visit."],
        # one line only
        ["The following is excluded:", "Use after rotator cuff repair."],
        # the run does not end a sentence: no list's end
        ["The following are excluded:", "Use after repair;", "Use after surgery"],
        # under a numbered item (its sub-list is the nesting's to read, not guessed here)
        ["2. The member meets one of the following:", "Recent repair;", "Instability."],
        # lines going on in lower case are a sentence's
        ["The following are excluded:", "use after repair;", "use after surgery."],
    ],
)
def test_other_lines_under_a_lead_in_stay_as_they_are(lines: list[str]) -> None:
    out, notes = semicolon_items([OutlineLine(t, n) for n, t in enumerate(lines, 1)])
    assert [ln.text for ln in out] == lines and not notes


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(["Lead in:", "Item one;", "Item two.", "", "Text", "1. An item:", "x;"]), max_size=12))
def test_giving_bullets_never_loses_nor_adds_text(texts: list[str]) -> None:
    out, _ = semicolon_items([OutlineLine(t, n) for n, t in enumerate(texts, 1)])
    assert [ln.line for ln in out] == list(range(1, len(texts) + 1))
    assert [ln.text.removeprefix("- ") for ln in out] == texts


# --- tables of codes one under the other ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bcbsnc-bone-growth.chromium.pdftotext", "premera-cpm.web"])
def test_a_second_header_starts_a_table_of_its_own(name: str) -> None:
    rows = _rows(name)
    tables = [n for n, (kind, _) in rows.items() if kind == "table"]
    assert len(tables) == 2
    first, second = tables
    assert rows[second][1].startswith("ICD-10")
    assert all(not r.split(".")[-1].startswith("ICD") for r in _children(rows, first))
    assert len(_children(rows, second)) == 2


def test_a_header_repeated_on_a_new_page_is_the_same_table() -> None:
    text = (
        "Sleep Testing\nPolicy Number: DX-12\nEffective Date: 01/01/2026\n\nCoding\n"
        "CPT\tDescription\n95806\tSleep study, unattended\n95810\tPolysomnography, 4 or more parameters\n"
        "CPT\tDescription\n95811\tPolysomnography with CPAP titration\n"
    )
    rows = render_outline(parse_text_report(text, "sleep.txt", recover=True).policy).splitlines()
    assert sum(1 for r in rows if r.split("\t")[1] == "table") == 1
    assert sum(1 for r in rows if r.split("\t")[1] == "row") == 3


def test_a_laid_out_table_ends_at_the_next_code_sets_header() -> None:
    lines = [
        "CPT       Description",
        "20974     Electrical stimulation to aid bone healing; noninvasive",
        "20975     Electrical stimulation to aid bone healing; invasive",
        "ICD-10 Code      Description",
        "M84.361A         Stress fracture, right tibia",
    ]
    table = read_aligned(lines, 0, lambda j: False)
    assert table is not None and [r[1][0] for r in table.rows] == ["20974", "20975"]
    assert table.end == 3


# --- goldens and producers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_each_fixture_reads_to_its_golden_outline(name: str) -> None:
    policy = parse_file_report(GROUPS / f"{name}.txt", recover=True).policy
    check_golden(f"groups/{name}.outline", render_outline(policy))


@pytest.mark.producers
@pytest.mark.slow
def test_the_page_printed_again_reads_to_the_same_groups(tmp_path: Path) -> None:
    need("chromium", "pdftotext")
    html = (GROUPS / "bcbsnc-bone-growth.html").read_text(encoding="utf-8")
    pdf = chromium_pdf(html, tmp_path / "p.pdf")
    for layout, name in ((False, GOLDEN_NAMES[0]), (True, GOLDEN_NAMES[1])):
        policy = parse_text_report(pdftotext(pdf, layout=layout), "print.txt", recover=True).policy
        got = [r.split("\t")[:2] for r in render_outline(policy).splitlines() if r.startswith("POLICY-STATEMENT")]
        assert got == [[n, kind] for n, (kind, _) in _rows(name).items() if n.startswith("POLICY-STATEMENT")]


def test_a_code_sets_name_centred_over_its_columns_names_heads_a_table() -> None:
    # (Chromium centres a two-line ``ICD-10`` / ``Code`` cell's words around ``Description``: -layout
    # gives the three names a line each, then the rows with each code beside the middle of its text)
    lines = [
        "   ICD-10",
        "                      Description",
        "   Code",
        "   M84.361A           Stress fracture, right tibia, initial encounter for fracture",
        "   S82.201K           Unspecified fracture of shaft of right tibia, closed, with nonunion",
    ]
    table = read_aligned(lines, 0, lambda j: False)
    assert table is not None and table.header == ("ICD-10 Code", "Description")
    assert [r[1][0] for r in table.rows] == ["M84.361A", "S82.201K"]
    assert read_aligned(["   ICD-10", "   Some text that is no header"], 0, lambda j: False) is None


def test_lines_without_markers_under_a_criteria_lead_in_stay_paragraphs() -> None:
    # (lines a blank line apart under a criteria lead-in: whether they are items is a guess; line under line
    # they are a list whose markers were lost — read by ``unmarked_lists``, tests/test_reader_list_shapes.py)
    lines = ["Covered when all of the following are met:", "", "Three months have passed;", "", "The gap is small."]
    out, notes = semicolon_items([OutlineLine(t, n) for n, t in enumerate(lines, 1)])
    assert [ln.text for ln in out] == lines
    assert [d.severity for d in notes] == ["warning"] and notes[0].line == 3
    tight = [t for t in lines if t]
    out, notes = semicolon_items([OutlineLine(t, n) for n, t in enumerate(tight, 1)])
    assert [ln.text for ln in out] == tight and not notes


def test_decimal_sub_items_in_lower_case_are_the_announcing_items_group() -> None:
    # (an OptumRx-style guideline: ``N - `` criteria, drug names numbered ``N.1`` in lower case, ``OR`` alone)
    text = (
        "Product Name: Xeljanz\nGuideline ID: GL-100200\nEffective Date: 03/01/2026\n\nApproval Criteria\n"
        "1 - Diagnosis of moderately to severely active rheumatoid arthritis\nAND\n"
        "2 - History of failure to one of the following, unless contraindicated or\n"
        "clinically significant adverse effects are experienced:\n"
        "2.1 methotrexate\nOR\n2.2 leflunomide\nOR\n2.3 sulfasalazine\nAND\n"
        "3 - Not used in combination with another biologic\n"
    )
    rows = render_outline(parse_text_report(text, "xeljanz.txt", recover=True).policy).splitlines()
    kinds = {r.split("\t")[0]: r.split("\t")[1] for r in rows}
    group = next(n for n, k in kinds.items() if k == "any")
    assert len([n for n in kinds if n.startswith(group + ".")]) == 3
    assert any(r.endswith("\tsulfasalazine") for r in rows)


@pytest.mark.parametrize(
    "lines",
    [
        ["2 - ALT above the limit, as follows:", "1.5 times the upper limit of normal"],  # (another number)
        ["2 - History of failure to methotrexate", "2.1 months of therapy"],  # (the item announces nothing)
        ["2 - One of the following:", "2.2 leflunomide"],  # (not the first ordinal)
    ],
)
def test_a_number_in_lower_case_text_is_no_sub_item(lines: list[str]) -> None:
    assert not lower_decimal_items([OutlineLine(t, n) for n, t in enumerate(lines, 1)])
