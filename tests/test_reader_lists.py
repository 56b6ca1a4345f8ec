"""Lists, numbering and connectives in documents of other payers (``tests/fixtures/lists``).

Each fixture is written in the style of one payer's published policies (an Aetna CPB, an eviCore guideline
numbered ``1.0`` / ``1.1`` / ``1.1.1``, a Humana web copy with its bullets run onto one line, a Regence policy
with ``A)`` / ``1 -`` items and connectives on lines of their own, a Cigna page printed by Chromium and read by
``pdftotext`` and ``pdftotext -layout``).  What is asserted is what the text states: which lists are criteria
and which are not (citations, definitions, contents, cross references), each group's connective, its items and
their depth.  Expectations are written from the text, never from the reader's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from docgen import chromium_pdf, need, pdftotext
from heldout_support import read_held

from policyvc.parser.markers import decimal_depth, read_item_marker
from policyvc.parser.nodes import Bullets, Connective, CriteriaSet, MarkerKind, Section
from policyvc.parser.outline import OList, OSection, OutlineLine, bulletless_items, contents_line, read_outline
from policyvc.parser.run_on_lists import indented_bullets, join_lone_markers, split_bullets

LISTS = FIXTURES / "lists"


def _read(name: str) -> dict[str, str]:
    return read_held(LISTS / f"{name}.txt")[1]


def _children(rows: dict[str, str], node: str) -> list[str]:
    """The direct children of ``node`` among the outline's rows (their last id part)."""
    depth = node.count(".") + 1
    return [n.rsplit(".", 1)[-1] for n in rows if n.startswith(node + ".") and n.count(".") == depth]


def _blocks(path: Path) -> list[tuple[str, str, int]]:
    """Every list of the document read: (section title, ``set:<connective>`` or ``bullets``, items)."""
    from policyvc.parser import parse_file_report

    policy = parse_file_report(path, recover=True).policy
    out: list[tuple[str, str, int]] = []

    def walk(blocks: tuple[object, ...], title: str) -> None:
        for b in blocks:
            if isinstance(b, Section):
                walk(b.blocks, b.title)
            elif isinstance(b, CriteriaSet):
                out.append((title, f"set:{b.rule.connective.value if b.rule else 'none'}", len(b.criteria)))
            elif isinstance(b, Bullets):
                out.append((title, "bullets", len(b.items)))

    walk(policy.body, "")
    return out


# --- the fixtures -------------------------------------------------------------------------------------------


def test_aetna_cpb_criteria_and_the_lists_that_are_not() -> None:
    rows = _read("aetna-lumbar-fusion")
    group = "Policy.Medical-Necessity.c1"
    assert rows[group] == "set:any"  # (``any of the following conditions``, and ``; or`` after B)
    assert _children(rows, group) == ["A", "B", "C"]
    assert rows[group + ".A"] == "all" and _children(rows, group + ".A") == ["1", "2", "3"]
    assert rows[group + ".A.3"] == "atleast2" and _children(rows, group + ".A.3") == ["a", "b", "c", "d"]
    lists = _blocks(LISTS / "aetna-lumbar-fusion.txt")
    # the unproven uses, the related policies, the numbered definitions and the citations: plain lists
    plain = {title: n for title, kind, n in lists if kind == "bullets"}
    assert plain == {"Experimental, Investigational, or Unproven": 3, "Related Policies": 2, "Definitions": 2,
                     "References": 3}  # fmt: skip
    assert [kind for _, kind, _ in lists].count("set:any") == 1 and len(lists) == 5
    assert not any(n.startswith("front.") and rows[n].startswith("set") for n in rows)  # (the contents)


def test_evicore_decimal_numbering_and_connectives_alone_on_their_lines() -> None:
    rows = _read("evicore-stress-echo")
    section = "General-Guidelines.Indications-in-Adults"  # (``1.1`` under ``1.0``; the contents above are no parent)
    group = section + ".c1"
    assert rows[section] == "heading" and rows[group] == "set:any"
    assert _children(rows, group) == ["1-1-1", "1-1-2", "1-1-3"]  # (``– OR –`` lines: no items)
    assert rows[group + ".1-1-3"] == "all"
    assert _children(rows, group + ".1-1-3") == ["1-1-3-1", "1-1-3-2", "1-1-3-3"]  # (four parts: one deeper)
    assert rows["Known-Coronary-Artery-Disease.c1"] == "set:any"
    assert _children(rows, "Known-Coronary-Artery-Disease.c1") == ["2-1", "2-2", "2-3"]
    assert [n for n in rows if n.startswith("Table-of-Contents.") and rows[n] != "paragraph"] == []
    assert ("References", "bullets", 2) in _blocks(LISTS / "evicore-stress-echo.txt")


def test_humana_bullets_run_onto_one_line_and_parenthesised_numbers() -> None:
    rows = _read("humana-cpm-web-copy")
    group = "Description.Coverage-Determination.c1"
    assert rows[group] == "set:all" and _children(rows, group) == ["1", "2", "3"]  # (three `•` on one line)
    limits = "Description.Coverage-Limitations.c1"
    assert rows[limits] == "set:any" and _children(rows, limits) == ["1", "2", "3"]
    assert _children(rows, limits + ".3") == ["a", "b"]  # ``(a)`` / ``(b)`` under ``(3)``
    lists = _blocks(LISTS / "humana-cpm-web-copy.txt")
    assert ("Definitions", "bullets", 2) in lists and ("References", "bullets", 2) in lists


def test_regence_letters_with_parentheses_dashed_numbers_and_lone_connectives() -> None:
    rows = _read("regence-cervical-disc")
    group = next(n for n, k in rows.items() if k == "set:all" and n.endswith("MEDICAL-POLICY-CRITERIA.c1"))
    assert _children(rows, group) == ["A", "B", "C"]  # (``and`` alone between them: no item, no paragraph)
    assert rows[group + ".B"] == "any" and _children(rows, group + ".B") == ["1", "2"]  # (``1 -`` / ``-or-``)
    assert not any(kind == "paragraph" and node.endswith((".p3", ".p4")) for node, kind in rows.items()
                   if "CRITERIA" in node)  # fmt: skip
    lists = _blocks(LISTS / "regence-cervical-disc.txt")
    assert ("CROSS REFERENCES", "bullets", 2) in lists and ("REFERENCES", "bullets", 2) in lists
    # (what must be submitted, ``a)`` … ``c)``: items of a group, as a checklist's are — no connective stated)
    assert ("DOCUMENTATION REQUIREMENTS", "set:none", 3) in lists


@pytest.mark.parametrize("copy", ["chromium.pdftotext-layout", "chromium.pdftotext"])
def test_cigna_print_connectives_on_centred_lines(copy: str) -> None:
    rows = _read(f"cigna-occipital-nerve.{copy}")
    group = "Coverage-Policy.Occipital-Nerve-Block.c1"
    assert rows[group] == "set:any" and _children(rows, group) == ["A", "B", "C"]  # (``OR`` alone, centred)
    assert rows[group + ".A"] == "both" and _children(rows, group + ".A") == ["1", "2"]
    lists = _blocks(LISTS / f"cigna-occipital-nerve.{copy}.txt")
    assert ("References", "bullets", 3) in lists


def test_cigna_print_bullets_drawn_as_shapes_read_back_from_their_indentation() -> None:
    rows = _read("cigna-occipital-nerve.chromium.pdftotext-layout")
    item = "Coverage-Policy.Occipital-Nerve-Block.c1.C"
    assert rows[item] == "atleast2" and _children(rows, item) == ["1", "2", "3"]


# --- the rules, one by one ----------------------------------------------------------------------------------


def _outline(text: str) -> OSection:
    return read_outline([OutlineLine(t, k) for k, t in enumerate(text.split("\n"), 1)]).root


def _lists(s: OSection) -> list[OList]:
    found = [b for b in s.blocks if isinstance(b, OList)]
    for b in s.blocks:
        if isinstance(b, OSection):
            found.extend(_lists(b))
    return found


@pytest.mark.parametrize("word", ["OR", "or", "-or-", "– OR –", "- OR -", "(or)", "      OR", "—OR—"])
def test_a_connective_alone_on_its_line_is_the_groups(word: str) -> None:
    root = _outline(
        f"Criteria\nThe service is covered when:\n1. First condition\n{word}\n2. Second condition\n{word}\n3. Third"
    )
    (lst,) = _lists(root)
    assert lst.connective is Connective.ANY and [i.marker for i in lst.items] == ["1", "2", "3"]


def test_a_connective_alone_joins_the_level_of_the_next_item() -> None:
    root = _outline("Criteria\nThe service is covered when:\nA. First, with:\n1. one\nAND\n2. two\nOR\nB. Second\n")
    (lst,) = _lists(root)
    assert lst.connective is Connective.ANY  # (the ``OR`` after ``2.`` goes with ``A.``, the level ``B.`` is on)
    assert lst.items[0].connective is Connective.ALL and len(lst.items[0].children) == 2


def test_decimal_markers_nest_by_their_parts() -> None:
    assert [decimal_depth(x) for x in ("1.0", "1.1", "1.1.1", "2.0.0", "4.2.1.3")] == [1, 2, 3, 1, 4]
    for line in ("2.5 mg daily", "1.01.520 Continuous Glucose Monitoring", "12.5% of members"):
        assert read_item_marker(line) is None  # (a dose, a policy's number, a figure)
    root = _outline(
        "Indications\nAny of the following:\n4.1 First indication with a sentence\n4.1.1 A detail of the first\n"
        "4.1.2 Another detail\n4.2 Second indication here\n"
    )
    (lst,) = _lists(root)
    assert [i.marker for i in lst.items] == ["4.1", "4.2"]
    assert [c.marker for c in lst.items[0].children] == ["4.1.1", "4.1.2"]


def test_dashed_and_parenthesised_markers() -> None:
    found = read_item_marker("1 – Radiculopathy with arm pain")
    assert found is not None and found[0].readings == ((MarkerKind.NUMBER, 1),)
    assert read_item_marker("5 - 10 mg") is None  # (a range)
    for form in ("(1) {} (2) {}", "1) {} 2) {}", "a) {} b) {}", "A) {} B) {}", "(a) {} (b) {}"):
        first, second = form.replace(" {}", "").split(" ")
        (lst,) = _lists(_outline(f"Criteria\nAll of the following:\n{first} One thing\n{second} Another thing"))
        assert len(lst.items) == 2 and lst.connective is Connective.ALL


def test_letters_i_v_x_in_a_lettered_list_are_letters() -> None:
    letters = "abcdefghijklmnopqrstuvwxy"
    text = "Criteria\nAny of the following:\n" + "\n".join(f"{c}. Condition {c.upper()}" for c in letters)
    (lst,) = _lists(_outline(text))
    assert [i.marker for i in lst.items] == list(letters)


def test_numbered_contents_lines_are_no_list() -> None:
    for line in ("1.0 General Guidelines ........ 3", "II. Scope ..... 2", "3. References ………… 9"):
        assert contents_line(line)
    root = _outline("Contents\n1. Overview ........ 1\n2. Criteria ........ 2\n\nOverview\nText.")
    assert _lists(root) == []
    root = _outline("Contents\n• Overview ........ 1\n• Criteria ........ 2\n\nOverview\nText.")
    assert _lists(root) == []


def test_bullets_run_onto_one_line_are_split() -> None:
    assert split_bullets("Covered when: • One; AND • Two • Three") == [
        "Covered when:",
        "• One; AND",
        "• Two",
        "• Three",
    ]
    assert split_bullets("• Only one bullet here") == ["• Only one bullet here"]
    assert split_bullets("a dot • between words") == ["a dot • between words"]


def test_a_bullet_alone_on_its_line_joins_its_text() -> None:
    lines = ["Lead-in:", "•", "First item", "", "\uf0b7", "Second item", "  o", "  nested", "•", "", "text"]
    assert join_lone_markers(lines) == [
        "Lead-in:", "• First item", "", "", "\uf0b7 Second item", "", "  o nested", "", "•", "", "text",
    ]  # fmt: skip


def test_bullets_printed_as_shapes_read_back_from_layout_indentation() -> None:
    lines = [
        "    The service is covered when ALL of the following are met:",
        "",
        "          age 18 years or older",
        "          pain of at least three months' duration, with a score of 6 or greater on a numeric",
        "          rating scale",
        "          failure of conservative care including BOTH of the following:",
        "                physical therapy",
        "                oral analgesics",
        "          no more than two levels in one session, as documented in the medical record of it",
        "",
        "    A paragraph that follows the list and is set at the margin of the page, as text is set.",
    ]
    out = indented_bullets(lines)
    assert [line.strip()[:2] == "- " for line in out] == [
        False, False, True, True, False, True, True, True, True, False, False,
    ]  # fmt: skip


def test_bullets_a_copy_dropped_under_an_announcing_item() -> None:
    lines = [OutlineLine(t, k) for k, t in enumerate(["1. Tried one of the following:", "a beta blocker",
                                                      "topiramate", "2. Next"], 1)]  # fmt: skip
    assert [ln.text for ln in bulletless_items(lines)] == [
        "1. Tried one of the following:", "- a beta blocker", "- topiramate", "2. Next",
    ]  # fmt: skip
    with_bullets = [*lines, OutlineLine("- a bullet", 5)]
    assert bulletless_items(with_bullets) == with_bullets  # (bullets are there to be seen)


def test_bullets_a_copy_dropped_under_an_item_each_line_apart() -> None:
    # pdftotext of a browser's print: the sub-bullets under ``c. … including:`` lost, each line its own paragraph
    texts = ["c. Failure of at least 6 weeks of conservative care, including:", "",
             "physical therapy or a home exercise program;", "",
             "anti-inflammatory medication, unless contraindicated;", "",
             "2. Recurrent disc herniation at the same level;"]  # fmt: skip
    lines = [OutlineLine(t, k) for k, t in enumerate(texts, 1)]
    assert [ln.text for ln in bulletless_items(lines)][2:5] == [
        "- physical therapy or a home exercise program;", "", "- anti-inflammatory medication, unless contraindicated;",
    ]  # fmt: skip
    # a paragraph below an item is no list: sentences, or no next item of the list below them
    prose = [*texts[:4], "Anti-inflammatory medication is tried first.", "", "This guideline is reviewed yearly."]
    lines = [OutlineLine(t, k) for k, t in enumerate(prose, 1)]
    assert bulletless_items(lines) == lines
    sentences = [texts[0], "", "The member tried therapy.", "", "The member tried medication.", "", texts[-1]]
    lines = [OutlineLine(t, k) for k, t in enumerate(sentences, 1)]
    assert bulletless_items(lines) == lines


def test_lists_that_are_not_criteria_stay_plain() -> None:
    text = (
        "Title: Example Service\nPolicy Number: 77\nEffective Date: 01/01/2026\n\n"
        "Responsibility\nA. Medical Directors\nB. Utilization Management\n\n"
        "Endnotes\n1. Smith J, Jones K, et al. A trial of it. N Engl J Med. 2020;382(4):310-318.\n"
        "2. Doe A. Another study. JAMA. 2019;321:1-9.\n\n"
        "Glossary\n1. Arthroplasty – replacement of a joint.\n2. Osteotomy – cutting of a bone.\n\n"
        "Coverage Criteria\nThe service is medically necessary when all of the following are met:\n"
        "1. Age 18 or older\n2. Failed therapy\n"
    )
    from policyvc.parser import parse_text_report

    report = parse_text_report(text, "example.txt", recover=True)
    kinds = {s.title: [type(b).__name__ for b in s.blocks] for s in report.policy.body}
    assert kinds["Responsibility"] == ["Bullets"] and kinds["Endnotes"] == ["Bullets"]
    assert kinds["Glossary"] == ["Bullets"] and kinds["Coverage Criteria"] == ["CriteriaSet"]
    assert any("neither its lead-in nor its heading" in d.message for d in report.diagnostics)


def test_labelled_items_under_a_criteria_heading_stay_criteria_and_a_history_list_does_not() -> None:
    text = (
        "Title: Example Service\nPolicy Number: 77\nEffective Date: 01/01/2026\n\n"
        "Coverage Criteria\n1. Diagnosis: moderate to severe plaque psoriasis\n2. Age: 18 years or older\n\n"
        "Policy History\n1. 01/01/2024 - New policy.\n2. 01/01/2025 - Annual review.\n"
        "3. Reviewed by the committee without changes\n"
    )
    from policyvc.parser import parse_text_report

    policy = parse_text_report(text, "example.txt", recover=True).policy
    kinds = {s.title: [type(b).__name__ for b in s.blocks] for s in policy.body}
    assert kinds["Coverage Criteria"] == ["CriteriaSet"]  # (``Age: 18 …`` is no definition there)
    assert kinds["Policy History"] == ["Bullets"] and len(policy.revision_log) == 2


def _lists_rows(rows: dict[str, str]) -> dict[str, str]:
    """The rows of criteria groups and plain lists (no headings, paragraphs, tables or furniture)."""
    return {n: k for n, k in rows.items() if ".c" in n or ".b" in n}


@pytest.mark.producers
@pytest.mark.slow
@pytest.mark.parametrize("layout", [False, True], ids=["pdftotext", "pdftotext-layout"])
def test_cigna_page_printed_again_reads_to_the_fixtures_lists(tmp_path: Path, layout: bool) -> None:
    """The fixture's page printed by today's Chromium: its lists read as the committed copy's do."""
    need("chromium", "pdftotext")
    from policyvc.parser import parse_text_report
    from policyvc.renderer.outline import render_outline

    pdf = chromium_pdf((LISTS / "cigna-occipital-nerve.html").read_text(encoding="utf-8"), tmp_path / "p.pdf")
    text = pdftotext(pdf, layout=layout)
    policy = parse_text_report(text, "print.txt", recover=True).policy
    rows = {line.split("\t")[0]: line.split("\t")[1] for line in render_outline(policy).splitlines()}
    copy = "chromium.pdftotext-layout" if layout else "chromium.pdftotext"
    assert _lists_rows(rows) == _lists_rows(_read(f"cigna-occipital-nerve.{copy}"))


def test_a_list_restarts_under_a_lead_in_written_right_below_the_last_item() -> None:
    root = _outline(
        "Coverage Criteria\nAdults are covered when all of the following are met:\n1. Age 18 or older\n"
        "2. Diagnosis confirmed\nChildren are covered when any of the following are met:\n1. Age under 18\n"
        "2. Referral from a pediatrician\n3. Growth failure\n"
    )
    adults, children = _lists(root)
    assert (adults.connective, len(adults.items)) == (Connective.ALL, 2)
    assert (children.connective, len(children.items)) == (Connective.ANY, 3)
    assert adults.items[1].text == "Diagnosis confirmed"
    wrapped = _outline("Criteria\nAll of the following:\n1. Diagnosis confirmed by\nOne of the following:\n1. A test")
    (lst,) = _lists(wrapped)  # (an item whose line goes on: the line below is its text)
    assert len(lst.items) == 1 and len(lst.items[0].children) == 1


def test_a_heading_naming_criteria_and_history_keeps_its_criteria() -> None:
    """A page whose one heading names both (``Criteria, Codes, Revision History``): its lists led in as
    criteria are criteria groups; only a heading that names a history alone makes its lists plain."""
    from policyvc.parser import parse_text_report
    from policyvc.renderer.outline import render_outline

    text = (
        "Cardiac Rehabilitation Criteria\nPolicy Number: CR-7\nEffective Date: 03/01/2026\n\n"
        "Criteria, Codes and Revision History\n\nOutpatient Cardiac Rehabilitation\n"
        "Cardiac rehabilitation is covered when ALL of the following are met:\n"
        "1. A qualifying event within the past 12 months\n2. Referral by the treating cardiologist\n\n"
        "Revision History\n\n06/01/2025 Annual review\n03/01/2026 Added referral criterion\n"
    )
    outline = render_outline(parse_text_report(text, recover=True).policy)
    rows = dict(line.split("\t")[:2] for line in outline.splitlines())
    groups = [node for node, kind in rows.items() if kind == "set:all"]
    assert len(groups) == 1 and f"{groups[0]}.2" in rows


def test_a_documentation_requirements_list_is_items_under_any_heading() -> None:
    # an LCD's ``Documentation Requirements`` (``pdftotext -layout``), its numbers going on from the criteria above
    # (``4.``, ``5.``): each a marked item of its own, never a plain list's lines — no connective is stated
    lists = _blocks(LISTS / "mac-lcd-documentation.pdftotext-layout.txt")
    assert ("Documentation Requirements", "set:none", 2) in lists
    assert ("Coverage Indications, Limitations, and/or Medical Necessity", "set:all", 3) in lists
