"""Criteria groups, plain lists and connectives in documents of any template (``tests/fixtures/criteria``).

Each fixture is written in the shape of one payer's published policies, and some are printed the way users
copy them: an HCSC-style medical policy with exclusion and limitation lists and counted lead-ins (``one or
more of``, ``two or more of``, ``either:``), a Capital-style PDF read by ``pdftotext -layout`` whose bullets
were lost (indentation alone tells the items), a Geisinger-style web page printed with its bullets set apart
above their texts, a WellCare copy of a Centene pharmacy policy from its web page (``Approval duration:``
right below a set's last criterion) and an Excellus-style page printed by Chromium.  What is asserted is what
the text states, written from the text: an exclusion list never becomes an all-of group, a connective is
only what the words say, an item is never lost nor glued to another.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, check_golden
from docgen import chromium_pdf, need, pdftotext
from heldout_support import read_held
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.connective import read_connective
from policyvc.parser.nodes import Bullets, Connective, CriteriaSet, Criterion, Paragraph, Policy, Section
from policyvc.parser.run_on_lists import indented_bullets, pair_lone_bullets
from policyvc.renderer.outline import render_outline
from policyvc.rules.body import grants, rules_view

CRITERIA = FIXTURES / "criteria"
GOLDEN_NAMES = [
    "hcsc-knee-arthroscopy",
    "capital-insulin-pump.pdftotext-layout",
    "geisinger-web-print-bullets.pdftotext",
    "wellcare-tezepelumab.web",
    "excellus-bone-density.chromium.pdftotext-layout",
    "excellus-bone-density.chromium.pdftotext",
]


def _children(rows: dict[str, str], node: str) -> list[str]:
    depth = node.count(".") + 1
    return [n.rsplit(".", 1)[-1] for n in rows if n.startswith(node + ".") and n.count(".") == depth]


def _blocks(policy: Policy) -> list[tuple[str, object]]:
    """Every block of the body with the title of the section it is in, in document order."""
    out: list[tuple[str, object]] = []

    def walk(blocks: tuple[object, ...], title: str) -> None:
        for b in blocks:
            if isinstance(b, Section):
                walk(b.blocks, b.title)
            else:
                out.append((title, b))

    walk(policy.body, "")
    return out


def _texts(policy: Policy) -> str:
    return "\n".join(line.split("\t", 2)[-1] for line in render_outline(policy).splitlines())


def _criteria(policy: Policy) -> list[Criterion]:
    found: list[Criterion] = []

    def walk(cs: tuple[Criterion, ...]) -> None:
        for c in cs:
            found.append(c)
            walk(c.children)

    for _, b in _blocks(policy):
        if isinstance(b, CriteriaSet):
            walk(b.criteria)
    return found


# --- what a lead-in's words say -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "connective", "at_least"),
    [
        ("is medically necessary when the member has one or more of the following:", Connective.ANY, None),
        ("when 1 or more of the following apply:", Connective.ANY, None),
        ("when the individual has two or more of the following:", Connective.ATLEAST, 2),
        ("when at least two (2) of the following are present:", Connective.ATLEAST, 2),
        ("The member meets any one of the following:", Connective.ANY, None),
        ("The member has one (1) of the following:", Connective.ANY, None),
        ("The individual has either:", Connective.ANY, None),
        ("At least one documented trial of therapy, including:", Connective.ANY, None),
        ("Three or more:", Connective.ATLEAST, 3),
        # a count that is a measure, or stated beside another connective, is not the list's
        ("Member has had 2 or more exacerbations and meets all of the following:", Connective.ALL, None),
        ("Member has been treated for at least 3 months with:", None, None),
        ("Member is at least 18 years of age", None, None),
        ("Member has one or more exacerbations per year", None, None),
        ("Either drug may be used", None, None),
        # a list whose items must all be absent
        ("Absence of all of the following:", Connective.NONE, None),
        ("The member has no history of any of the following:", Connective.NONE, None),
        ("Member must not have any of the following contraindications:", Connective.NONE, None),
        ("The patient has not tried any of the following:", Connective.NONE, None),
        ("is free of all of the following:", Connective.NONE, None),
        # a quantifier under a negation that does not say which: no connective (the list decides nothing alone)
        ("The request does not meet all of the following:", None, None),
        ("no more than one of the following:", None, None),
        ("Member is not pregnant and meets all of the following:", Connective.ALL, None),
        ("Member has either of the following:", Connective.ANY, None),
    ],
)
def test_counted_lead_ins_read_as_the_words_say(text: str, connective: Connective | None, at_least: int | None) -> None:
    reading = read_connective(text)
    assert (reading.connective, reading.at_least) == (connective, at_least)


# --- exclusion and limitation lists -------------------------------------------------------------------------


def test_exclusion_and_limitation_lists_are_lists_never_all_of_groups() -> None:
    policy, rows = read_held(CRITERIA / "hcsc-knee-arthroscopy.txt")
    assert (rows["Policy.c1"], _children(rows, "Policy.c1")) == ("set:any", ["1", "2", "3"])  # one or more of
    assert rows["Policy.c2"].startswith("set:atleast") and len(_children(rows, "Policy.c2")) == 4  # two or more
    assert rows["Policy.c3"] == "set:all" and _children(rows, "Policy.c3") == ["1", "2", "3", "4", "5"]
    assert [rows[f"Policy.c3.{k}"] for k in (3, 4, 5)] == ["any", "any", "any"]  # either: / any one of / at least one
    blocks = _blocks(policy)
    plain = [(title, len(b.items)) for title, b in blocks if isinstance(b, Bullets)]
    # the procedures the text names as its subject, what is not covered, the unproven, the not-covered list
    assert plain == [("Policy", 2), ("Limitations", 3), ("Exclusions", 2), ("Not Covered", 2)]
    (sets_under_exclusions,) = [b for title, b in blocks if isinstance(b, CriteriaSet) and title == "Exclusions"]
    assert sets_under_exclusions.rule is not None and sets_under_exclusions.rule.connective is Connective.ANY
    assert not grants(sets_under_exclusions.title)  # (its statement denies: the rules never approve by it)
    not_covered = next(b for title, b in blocks if isinstance(b, Bullets) and title == "Not Covered")
    # (a sub-list is kept as the items under its item, each its own node)
    assert [c.text for c in not_covered.items[0].children] == [
        "No unstable chondral flap is present",
        "The chondral lesion is grade II or lower",
    ]
    assert [c.id for c in not_covered.items[0].children] == ["Not-Covered.b1.1.1", "Not-Covered.b1.1.2"]
    for title, b in blocks:
        if isinstance(b, CriteriaSet) and b.rule is not None and b.rule.connective is Connective.ALL:
            assert "not" not in b.title.split() and title not in ("Limitations", "Exclusions", "Not Covered")


def test_a_statement_that_lists_what_is_not_covered_has_no_connective() -> None:
    text = (
        "Clinical Policy: Bone-Anchored Implants\nReference Number: CP.MP.555\nDate of Last Revision: 05/26\n\n"
        "Description\nBone-anchored implants conduct sound through the skull.\n\nPolicy/Criteria\n"
        "I. It is the policy of health plans affiliated with Centene Corporation that an implant is medically "
        "necessary when meeting all of the following:\nA. Age 5 years or older;\nB. Conductive hearing loss.\n"
        "II. It is the policy of health plans affiliated with Centene Corporation that the following are not "
        "medically necessary:\nA. Bilateral implants for unilateral loss;\nB. Implants with active transducers.\n"
    )
    policy = parse_text_report(text, "cpmp.txt", recover=True).policy
    sets = {b.letter: b for _, b in _blocks(policy) if isinstance(b, CriteriaSet)}
    assert sets["I"].rule is not None and sets["I"].rule.connective is Connective.ALL
    assert sets["II"].rule is None and len(sets["II"].criteria) == 2  # (a list: no connective stated)


def test_roman_policy_statements_are_each_a_set_and_a_list_of_things_approves_nothing() -> None:
    text = (
        "Spinal Fusion\nPolicy Number: 7.01.210\nEffective Date: 04/01/2026\n\nPolicy Statement\n"
        "I. Lumbar fusion may be considered medically necessary when all of the following criteria are met:\n"
        "A. Spondylolisthesis of grade II or higher\nB. Failure of six months of conservative care\n"
        "II. The following approaches may be considered medically necessary when the criteria in Section I are met:\n"
        "A. Posterior lumbar interbody fusion\nB. Transforaminal lumbar interbody fusion\n"
        "III. Lumbar fusion is considered investigational for discogenic back pain alone.\n"
    )
    policy = parse_text_report(text, "fusion.txt", recover=True).policy
    sets = {b.letter: b for _, b in _blocks(policy) if isinstance(b, CriteriaSet)}
    assert list(sets) == ["I", "II", "III"]  # (each statement its own: never one group all of which must hold)
    assert sets["I"].rule is not None and sets["I"].rule.connective is Connective.ALL and len(sets["I"].criteria) == 2
    assert sets["II"].rule is None and len(sets["II"].criteria) == 2  # (the approaches: a list)
    ruled = [s.id for section in rules_view(policy).sections for s in section.sets]
    assert ruled == ["Policy-Statement.I", "Policy-Statement.III"]  # (no connective stated: no set to approve by)


def test_nested_lists_of_things_keep_their_items_but_no_connective() -> None:
    text = (
        "Bariatric Surgery\nPolicy Number: 7.01.99\nEffective Date: 10/01/2026\n\nPolicy Statement\n"
        "Surgery is medically necessary for the following indications:\n"
        "1. Class III obesity when all of the following are met:\na. Age 18 or older\nb. Failed diet program\n"
        "2. The following procedures are considered investigational:\na. Gastric plication\nb. Intragastric balloon\n"
    )
    policy = parse_text_report(text, "p.txt", recover=True).policy
    by_marker = {c.marker: c for c in _criteria(policy)}
    assert by_marker["1"].connective is Connective.ALL
    assert by_marker["2"].connective is None and len(by_marker["2"].children) == 2
    kinds = {row.split("\t")[2][:20]: row.split("\t")[1] for row in render_outline(policy).splitlines()}
    assert kinds["The following procedu"[:20]] == "list"  # (the outline's KIND: no connective, a list)


# --- items told by indentation alone (``pdftotext -layout``) ----------------------------------------------


def test_layout_items_without_bullets_read_by_their_indentation() -> None:
    _, rows = read_held(CRITERIA / "capital-insulin-pump.pdftotext-layout.txt")
    group = "Policy.MEDICALLY-NECESSARY.c1"
    assert rows[group] == "set:all" and _children(rows, group) == ["1", "2", "3", "4"]
    assert rows[group + ".4"] == "any" and _children(rows, group + ".4") == ["1", "2", "3"]
    assert rows[group + ".4.2"] == "any" and _children(rows, group + ".4.2") == ["1", "2"]
    policy = parse_file_report(CRITERIA / "capital-insulin-pump.pdftotext-layout.txt", recover=True).policy
    texts = [c.text for c in _criteria(policy)]
    # wrapped lines stay with their item: a lower-case word, a name after ``the US``, a possessive's noun
    assert any(t.endswith("ability to operate the device.") for t in texts)
    assert any(t.endswith("the manufacturer's Instructions for Use.") for t in texts)
    assert any(t.endswith("changes to the insulin regimen") for t in texts)
    assert [len(b.items) for _, b in _blocks(policy) if isinstance(b, Bullets)] == [2]  # (not medically necessary)


def test_a_capitalised_item_after_a_full_line_is_an_item_of_its_own() -> None:
    lead = "  Coverage is provided when the member meets at least one of the following:"
    items = [
        "        " + "Is treated with insulin by multiple daily injections or a continuous subcutaneous insulin pump",
        "        " + "Has a history of severe hypoglycemia documented in the record",
    ]
    out = indented_bullets([lead, *items])
    assert [line.strip()[:2] for line in out[1:]] == ["- ", "- "]
    wrapped = ["        Has a history of severe hypoglycemia documented by the", "        FDA cleared meter"]
    out = indented_bullets([lead, items[0], *wrapped])
    assert [line.strip()[:2] == "- " for line in out[1:]] == [True, True, False]
    connectives = ["        Pain in the affected compartment; and", "        Activity limitation despite bracing; or"]
    out = indented_bullets([lead, *connectives, "        Failed therapy"])
    assert all(line.strip().startswith("- ") for line in out[1:])  # (``; and`` ends an item, though open)


# --- bullets set apart above their texts (a web page's print) ----------------------------------------------


def test_lone_bullets_are_paired_with_their_texts_when_they_count_alike() -> None:
    lines = ["Covered when any of the following:", "•", "•", "•", "", "First", "Second which wraps", "on", "Third"]
    out, unpaired = pair_lone_bullets(lines)
    assert unpaired == [] and len(out) == len(lines)
    assert out[1:4] == ["", "", ""]
    assert [x for x in out if x.startswith("• ")] == ["• First", "• Second which wraps", "• Third"]
    short = ["Covered when:", "•", "•", "", "First", "Second", "Third"]
    out, unpaired = pair_lone_bullets(short)
    assert unpaired == [2] and out[4:] == short[4:] and out[1:3] == ["", ""]  # (texts as written, no guess)


_LINES = st.lists(
    st.sampled_from(["•", "  •", "", "First item", "second half", "Third item of the", "1. Sub item", "Lead-in:"]),
    max_size=24,
)


@settings(max_examples=examples(200), deadline=None)
@given(_LINES)
def test_pairing_lone_bullets_keeps_every_line_and_every_text(lines: list[str]) -> None:
    out, unpaired = pair_lone_bullets(lines)
    assert len(out) == len(lines)  # (every line keeps its number)
    for before, after in zip(lines, out, strict=True):
        if before.strip() == "•":
            assert after in ("", before)  # (a run's glyph goes to its text or is dropped; one alone is left)
        else:
            assert after.removeprefix(after[: len(after) - len(after.lstrip())]).removeprefix("• ") == before.strip()
    assert all(lines[k - 1].strip() == "•" for k in unpaired)


def test_a_web_print_with_bullets_above_their_texts() -> None:
    path = CRITERIA / "geisinger-web-print-bullets.pdftotext.txt"
    report = parse_file_report(path, recover=True)
    _, rows = read_held(path)
    assert rows["Indications.c1"] == "set:any" and _children(rows, "Indications.c1") == ["1", "2", "3", "4"]
    assert rows["Indications.c1.4"] == "all" and _children(rows, "Indications.c1.4") == ["1", "2", "3"]
    blocks = _blocks(report.policy)
    (exclusions,) = [b for title, b in blocks if isinstance(b, Bullets) and title == "Exclusions"]
    assert len(exclusions.items) == 3 and exclusions.items[0].text.endswith("untreated osteomyelitis in the wound bed;")
    # four texts under three bullets: no pairing guessed — the texts kept, and said
    assert not any(isinstance(b, (Bullets, CriteriaSet)) for title, b in blocks if title == "Limitations")
    limitations = " ".join(b.text for title, b in blocks if isinstance(b, Paragraph) and title == "Limitations")
    for text in ("Wound measurements recorded weekly", "Wound dimensions decreasing", "Photographs taken monthly"):
        assert text in limitations
    assert any("bullets standing alone" in d.message and d.line == 36 for d in report.diagnostics)
    assert "•" not in _texts(report.policy)


# --- a sentence after a list, in a print's wrapped text --------------------------------------------------

_WRAPPED = (
    "Highmark Medical Policy\nHyperbaric Oxygen Therapy\nPolicy Number: Z-27\nEffective Date: 08/01/2026\n\n"
    "Description\nHyperbaric oxygen therapy involves breathing oxygen in a pressurized chamber, which raises the\n"
    "oxygen carried in the blood and supports the healing of wounds that have not responded to\n"
    "standard care over a period of weeks.\n\n"
    "Policy\nThe plan covers hyperbaric oxygen therapy for diabetic wounds when all of the following are met:\n"
    "1. Type I or type II diabetes with a lower extremity wound that is due to diabetes and has not\n"
    "healed in thirty days\n2. A wound classified as Wagner grade III or higher\n"
    "3. Failure of an adequate course of standard wound therapy {last}\n\n"
    "{after}\n\nPage 1 of 2\n\f"
    "Exclusions\nHyperbaric oxygen therapy is considered investigational for the treatment of any wound that\n"
    "has not been debrided.\n\nPage 2 of 2\n"
)


def test_a_sentence_after_a_lists_last_item_is_no_part_of_it() -> None:
    text = _WRAPPED.format(last="of at least 30 days", after="Topical oxygen therapy is not covered.")
    report = parse_text_report(text, "p.txt", recover=True)
    assert any("wrapped lines" in d.message for d in report.diagnostics)  # (read as pdftotext's text)
    texts = [c.text for c in _criteria(report.policy)]
    assert texts[-1] == "Failure of an adequate course of standard wound therapy of at least 30 days"
    assert any(
        isinstance(b, Paragraph) and b.text == "Topical oxygen therapy is not covered."
        for _, b in _blocks(report.policy)
    )
    # (an item a page break left open goes on past the blank line, whatever the case of the next word)
    text = _WRAPPED.format(last="such as", after="Compression and offloading for 30 days")
    texts = [c.text for c in _criteria(parse_text_report(text, "p.txt", recover=True).policy)]
    assert texts[-1].endswith("such as Compression and offloading for 30 days")


# --- a group's approval duration ---------------------------------------------------------------------------


def test_approval_duration_is_the_groups_never_its_last_criterions_text() -> None:
    # the family's grammar reads this web copy (its tables written with pipes): durations are durations
    policy, _ = read_held(CRITERIA / "wellcare-tezepelumab.web.txt")
    assert not any("duration" in c.text.lower() for c in _criteria(policy))
    rows = render_outline(policy).splitlines()
    assert [r for r in rows if "\tduration\t" in r] == [
        "I.A.duration.all\tduration\tall: 6 months",
        "II.A.duration.all\tduration\tall: 12 months",
        "II.B.duration.all\tduration\tall: Duration of request or 12 months (whichever is less)",
    ]
    # and read by its outline (what a copy the grammar cannot read falls back to): a note on its group
    path = CRITERIA / "wellcare-tezepelumab.web.txt"
    policy = parse_file_report(path, recover=True, template="generic").policy
    assert not any("duration" in c.text.lower() for c in _criteria(policy))
    lines = render_outline(policy).splitlines()
    severe = [line.split("\t")[0] for line in lines if line.endswith("Severe Asthma (must meet all):")]
    assert len(severe) == 2
    for group, months in zip(severe, ("6", "12"), strict=True):
        own = [line for line in lines if line.startswith(group + ".") and "Approval duration" in line]
        assert len(own) == 1 and own[0].endswith(f"Approval duration: {months} months")


def test_an_authorization_duration_below_a_generic_list_is_no_items_text() -> None:
    text = (
        "Prior Authorization Criteria: Dupilumab\nPolicy Number: RX-114\nEffective Date: 01/01/2026\n\n"
        "Criteria\nDupilumab is approved when all of the following are met:\n1. Diagnosis of atopic dermatitis\n"
        "2. Age 6 months or older\nAuthorization duration: 12 months\n"
    )
    policy = parse_text_report(text, "rx.txt", recover=True).policy
    assert [c.text for c in _criteria(policy)] == ["Diagnosis of atopic dermatitis", "Age 6 months or older"]
    assert "Authorization duration: 12 months" in _texts(policy)


# --- printed by a producer ---------------------------------------------------------------------------------


def _print_rows(rows: dict[str, str]) -> list[tuple[str, str, int]]:
    """The groups and their direct items, under the section ``MEDICALLY-NECESSARY``."""
    groups = [n for n, k in rows.items() if k in ("set:all", "set:any", "any", "all") and "MEDICALLY" in n]
    return [(n.split("MEDICALLY-NECESSARY")[-1], rows[n], len(_children(rows, n))) for n in groups]


EXPECTED_PRINT = [(".c1", "set:all", 3), (".c1.3", "any", 3), (".c1.3.2", "any", 2)]


def test_a_chromium_print_read_with_layout_keeps_its_nested_lists() -> None:
    policy, rows = read_held(CRITERIA / "excellus-bone-density.chromium.pdftotext-layout.txt")
    assert _print_rows(rows) == EXPECTED_PRINT
    assert [(t, len(b.items)) for t, b in _blocks(policy) if isinstance(b, Bullets)] == [("NOT MEDICALLY NECESSARY", 3)]


def test_a_chromium_print_read_without_layout_keeps_its_text_and_marks_its_nesting_inferred() -> None:
    path = CRITERIA / "excellus-bone-density.chromium.pdftotext.txt"
    report = parse_file_report(path, recover=True)
    # where the lists inside ``… at least one of the following:`` end no line says (the layout copy's indentation
    # does): the nesting is a guess, marked on the set, and said
    sets = [b for _, b in _blocks(report.policy) if isinstance(b, CriteriaSet)]
    assert [s.inferred for s in sets] == [True]
    assert [c.text[:40] for c in sets[0].criteria[:2]] == [
        "The individual has not had a central DXA",
        "The result will be used to decide on tre",
    ]
    assert "Planned therapy of that dose and duration" in _texts(report.policy)
    assert any("its nesting is inferred" in d.message for d in report.diagnostics)


@pytest.mark.producers
@pytest.mark.slow
def test_the_page_printed_again_reads_as_its_committed_print(tmp_path: Path) -> None:
    need("chromium", "pdftotext")
    html = (CRITERIA / "excellus-bone-density.html").read_text(encoding="utf-8")
    text = pdftotext(chromium_pdf(html, tmp_path / "p.pdf"), layout=True)
    policy = parse_text_report(text, "print.txt", recover=True).policy
    rows = {line.split("\t")[0]: line.split("\t")[1] for line in render_outline(policy).splitlines()}
    assert _print_rows(rows) == EXPECTED_PRINT


# --- goldens -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_each_fixture_reads_to_its_golden_outline(name: str) -> None:
    policy = parse_file_report(CRITERIA / f"{name}.txt", recover=True).policy
    check_golden(f"criteria/{name}.outline", render_outline(policy))


def test_word_o_bullets_under_items_whose_glyphs_were_lost_stay_their_sub_items() -> None:
    # (pdftotext of a Word print: the first level's private-use glyph written as a space, the second level's
    # ``o`` kept, two columns deeper — within a -layout's jitter of the first, yet a level of its own)
    text = (
        "Lumbar Artificial Disc Replacement\nPolicy Number: SUR-2210\nEffective Date: 04/01/2026\n\nPolicy\n"
        "Lumbar disc arthroplasty may be considered medically necessary when ALL of the following are met:\n"
        " The individual is skeletally mature;\n"
        " The individual has at least one of the following findings on imaging:\n"
        "   o Degenerative disc disease at one level from L3 to S1;\n"
        "   o Loss of disc height of at least 2 mm; AND\n"
        " Six months of nonoperative care have failed.\n"
    )
    rows = render_outline(parse_text_report(text, "sur.txt", recover=True).policy).splitlines()
    kinds = {r.split("\t")[0]: r.split("\t")[1] for r in rows}
    assert kinds["Policy.c1"] == "set:all" and kinds["Policy.c1.2"] == "any"
    assert [k for k in kinds if k.startswith("Policy.c1.")] == [
        "Policy.c1.1", "Policy.c1.2", "Policy.c1.2.1", "Policy.c1.2.2", "Policy.c1.3",
    ]  # fmt: skip
    assert not any("\to " in r for r in rows)  # (the glyph is no word of the item)
