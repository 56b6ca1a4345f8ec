"""Producer noise that reaches the audit: the same words re-cut by another reading are no change of criteria
(:mod:`policyvc.history.reread`), a site's footer kept by one copy only is no change, and a heading of the head
holding only the title's lines is administrative — while a number, a word of a criterion, an item added or removed
in the same place is still a change.

The versions are our pharmacy and generic fixtures (tests/fixtures/audit_shapes) with a table printed as a column
print reads it (pdftotext of a table: the header and the cells run together, a drug's name wrapped under its
dose), as the AUD7–AUD9 sets' LibreOffice and Chromium prints did; expectations are from the texts.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

from audit_support import flagged, generic_pair, pharmacy_pair, unbacked
from hypothesis import given, settings
from hypothesis import strategies as st

from policyvc.history import reread
from policyvc.history.diff import Edit, EditKind, Side
from policyvc.history.reread import reread_noise
from policyvc.parser.walk import NodeKind

TABLE = """Drug Name\tDosing Regimen\tDose Limit/ Maximum Dose
azathioprine (Imuran®)\t1.5 to 2.5 mg/kg/day PO\t2.5 mg/kg/day
mercaptopurine (Purixan®)\t1 to 1.5 mg/kg/day PO\t1.5 mg/kg/day
"""
# the same table as a column print gives it: header and cells run together, the brand under its dose
COLUMNS = """Drug Name Dosing Regimen Dose Limit/ Maximum Dose azathioprine 1.5 to 2.5 mg/kg/day PO
(Imuran®) 2.5 mg/kg/day mercaptopurine
(Purixan®) 1 to 1.5 mg/kg/day PO 1.5 mg/kg/day
"""


def test_a_table_read_as_run_together_lines_is_no_change() -> None:
    pair = pharmacy_pair({TABLE: COLUMNS}, "Annual review.")
    assert flagged(pair) == set()
    assert unbacked(pair) == []


def test_a_real_change_beside_the_re_read_table_is_still_flagged() -> None:
    pair = pharmacy_pair({TABLE: COLUMNS, "Age ≥ 18 years;": "Age ≥ 16 years;"}, "Annual review.")
    flags = flagged(pair)
    assert flags and all(not f.startswith("IV.B") for f in flags)


def test_a_number_changed_inside_the_re_read_table_is_flagged() -> None:
    # the maximum for mercaptopurine 1.5 → 2 mg/kg/day: the words no longer balance, so the table's changes stay
    changed = COLUMNS.replace("PO 1.5 mg/kg/day\n", "PO 2 mg/kg/day\n")
    pair = pharmacy_pair({TABLE: changed}, "Annual review.")
    assert any(f.startswith("IV.B") for f in flagged(pair))


def test_a_drug_removed_from_the_re_read_table_is_flagged() -> None:
    fewer = COLUMNS.split("mercaptopurine")[0].rstrip(" ") + "\n"
    pair = pharmacy_pair({TABLE: fewer}, "Annual review.")
    assert "IV.B.mercaptopurine-Purixan" in flagged(pair)


FOOTER = "Riverbend Health Plan · 100 Main Street, Springfield Privacy Policy · Terms of Use · Language Assistance"


def test_a_web_footer_one_copy_keeps_is_no_change() -> None:
    refs = "1. Huang ET, Mansouri J"
    pair = generic_pair({refs: f"{FOOTER}\n\n{refs}"}, "Annual review; no changes.")
    assert flagged(pair) == set()


def test_a_paragraph_of_the_policy_is_no_footer() -> None:
    # one mark of a footer (a copyright line in the text) is not enough: the paragraph is the policy's
    rule = "HBOT is not medically necessary for all other indications."
    said = "Providers must post the facility's accreditation and copyright notices in the treatment room."
    pair = generic_pair({rule: f"{rule}\n\n{said}"}, "Annual review; no changes.")
    assert flagged(pair)


# the reread rule on its own: edits as the diff makes them


def _side(node_id: str, text: str, key: str | None = None) -> Side:
    return Side(node_id, None, text, node_id.rpartition(".")[0] or None, None, key)


def _ins(node: NodeKind, node_id: str, text: str) -> Edit:
    return Edit.inserted(node, _side(node_id, text), (), (), 1)


def _del(node: NodeKind, node_id: str, text: str, key: str | None = None) -> Edit:
    return Edit.deleted(node, _side(node_id, text, key), (), (), 1)


def _upd(node: NodeKind, node_id: str, old: str, new: str, key: str | None = None) -> Edit:
    kind = EditKind.ROW_UPDATE if key else EditKind.UPDATE
    return Edit.changed(kind, node, _side(node_id, old, key), _side(node_id, new, key))


def test_rows_whose_descriptions_shifted_to_the_next_code_are_noise_and_a_removed_code_is_not() -> None:
    changes = [
        _upd(NodeKind.ROW, "Coding.t1.64581", "Open implantation of electrode array", "", key="64581"),
        _upd(
            NodeKind.ROW,
            "Coding.t1.L8679",
            "Pulse generator, any type",
            "Open implantation of electrode array",
            key="L8679",
        ),
        _ins(NodeKind.PARAGRAPH, "Coding.p1", "Pulse generator, any type"),
        _del(NodeKind.ROW, "Coding.t1.L8686", "Pulse generator, nonrechargeable", key="L8686"),
    ]
    assert reread_noise(changes) == frozenset({0, 1, 2})


def test_values_swapped_between_rows_in_place_are_not_noise() -> None:
    # only updates: two rows' values exchanged may be a real change
    changes = [
        _upd(NodeKind.ROW, "IV.E.t1.AL", "Yes | 6 months", "Yes | 12 months", key="AL"),
        _upd(NodeKind.ROW, "IV.E.t1.AZ", "Yes | 12 months", "Yes | 6 months", key="AZ"),
    ]
    assert reread_noise(changes) == frozenset()


def test_one_change_alone_is_not_noise() -> None:
    # a sentence whose words were re-ordered may say something else
    changes = [
        _upd(NodeKind.CRITERION, "I.A.2", "at least 3 months within 6 months", "at least 6 months within 3 months")
    ]
    assert reread_noise(changes) == frozenset()


def test_a_criterion_moved_word_for_word_is_left_to_the_audit() -> None:
    moved = "Member has had an inadequate response to a conventional therapy;"
    changes = [
        _del(NodeKind.CRITERION, "I.A.3", moved),
        _ins(NodeKind.CRITERION, "II.A.4", moved),
        _del(NodeKind.PARAGRAPH, "II.p1", "Abbreviations: CD Crohn's"),
        _ins(NodeKind.PARAGRAPH, "II.p1", "Abbreviations: CD"),
        _ins(NodeKind.PARAGRAPH, "II.p2", "Crohn's"),
    ]
    noise = reread_noise(changes)
    assert 0 not in noise and 1 not in noise


def test_a_word_one_reading_joined_balances_and_a_number_never_does() -> None:
    joined = [
        _del(NodeKind.PARAGRAPH, "reminder.p1", "This policy is peer-reviewed yearly."),
        _ins(NodeKind.PARAGRAPH, "reminder.p1", "This policy is peerreviewed"),
        _ins(NodeKind.PARAGRAPH, "reminder.p2", "yearly."),
    ]
    assert reread_noise(joined) == frozenset({0, 1, 2})
    number = [
        _del(NodeKind.PARAGRAPH, "reminder.p1", "Reviewed every 12 months."),
        _ins(NodeKind.PARAGRAPH, "reminder.p1", "Reviewed every 1"),
        _ins(NodeKind.PARAGRAPH, "reminder.p2", "2 months."),
    ]
    assert reread_noise(number) == frozenset()


def test_a_table_header_balances_only_where_a_table_row_changed() -> None:
    rows = [
        _del(NodeKind.DOSING, "V.CD", "600 mg IV | 180 mg/8 weeks", key="CD"),
        _ins(NodeKind.PARAGRAPH, "V.p1", "Indication Dosing Regimen Maximum Dose CD 600 mg IV"),
        _ins(NodeKind.PARAGRAPH, "V.p2", "180 mg/8 weeks"),
    ]
    assert reread_noise(rows) == frozenset({0, 1, 2})
    prose = [
        _del(NodeKind.PARAGRAPH, "V.p1", "CD 600 mg IV then 180 mg/8 weeks"),
        _ins(NodeKind.PARAGRAPH, "V.p1", "Indication Dosing Regimen Maximum Dose CD 600 mg IV then"),
        _ins(NodeKind.PARAGRAPH, "V.p2", "180 mg/8 weeks"),
    ]
    assert reread_noise(prose) == frozenset()


def test_a_labelled_line_run_onto_a_criterion_in_one_reading_only_is_no_change_of_it() -> None:
    from policyvc.history.reread import run_in_lines

    kept = "Not used in combination with another GLP-1 receptor agonist"
    ran_on = [
        _upd(NodeKind.CRITERION, "Criteria.c1.4", f"{kept} Product Name: Wegovy, Saxenda", kept),
        _ins(NodeKind.PARAGRAPH, "Criteria.p2", "Product Name: Wegovy, Saxenda, Zepbound"),
    ]
    assert run_in_lines(ran_on) == frozenset({0})
    # the words alone, nowhere else: a real deletion
    assert run_in_lines(ran_on[:1]) == frozenset()
    # a clause of the sentence (no label) that went to a node of its own is judged as usual
    clause = [
        _upd(NodeKind.CRITERION, "I.A.1", "Age ≥ 18 years or age ≥ 12 years with asthma", "Age ≥ 18 years"),
        _ins(NodeKind.CRITERION, "I.A.2", "or age ≥ 12 years with asthma"),
    ]
    assert run_in_lines(clause) == frozenset()


# a web copy's menu and breadcrumb at the page's head, kept by one copy only (a -layout print drops them)

MENU = "Riverbend Health Plan | Find Care | Member Login"


def test_a_site_menu_and_breadcrumb_one_copy_keeps_are_no_change() -> None:
    head = "Riverbend Health Plan Medical Policy"
    pair = generic_pair({head: f"{MENU}\n\nMedical Policies > Surgery\n\n{head}"}, "Annual review; no changes.")
    assert flagged(pair) == set()


def test_a_sentence_with_a_greater_than_sign_is_no_breadcrumb() -> None:
    rule = "HBOT is not medically necessary for all other indications."
    said = "Transcutaneous oxygen pressure > 40 mmHg around the wound."
    assert flagged(generic_pair({rule: f"{rule}\n\n{said}"}, "Annual review; no changes."))


def test_a_codes_table_whose_header_wrapped_into_headings_is_no_change() -> None:
    """``CPT/HCPCS | Description`` as a -layout print wraps it: ``CPT/`` and ``Description`` over ``HCPCS``, each
    read as a heading holding the rows as lines; the deleted ``HCPCS`` heading's content line is ``HCPCS: HCPCS``."""
    changes = [
        Edit.deleted(NodeKind.HEADING, _side("Coding.CPT", "CPT/"), (), (), 1),
        Edit.inserted(
            NodeKind.TABLE,
            _side("Coding.t1", "CPT/HCPCS | Description"),
            (),
            ("29868: Arthroscopy, knee, surgical; meniscal transplantation", "0737T: Xenograft implantation"),
            3,
        ),
        Edit.deleted(
            NodeKind.HEADING,
            _side("Description~2", "Description"),
            (),
            (
                "HCPCS: HCPCS",
                "  Arthroscopy, knee, surgical; meniscal transplantation 29868",
                "  0737T Xenograft implantation",
            ),
            4,
        ),
    ]
    assert reread_noise(changes) == frozenset({0, 1, 2})


# the group search's quick tests (letters added and removed, numbers left over) only skip tries that cannot balance:
# the same changes are noise with and without them

_WORDS = ["peer", "reviewed", "peerreviewed", "ics", "laba", "icslaba", "dose", "drug", "name", "12", "6", "²", "m²"]
_WORDS += ["dosing", "regimen", "maximum", "indication", "Drug Name", "Dosing Regimen", "Dose Limit/Maximum Dose"]


def _exhaustive(members: list[int], changes: Sequence[Edit], deltas: Sequence[Counter[str]]) -> tuple[int, ...] | None:
    """``reread._settle`` without its quick tests: every try counted out word by word."""
    table = any(changes[k].kind.is_row or changes[k].node is NodeKind.TABLE for k in members)
    total = reread._total(members, deltas)
    for size in (0, 1, 2) if len(members) <= reread._MAX_PAIRS else (0, 1):
        for out in itertools.combinations(members, size):
            t = total.copy()
            for k in out:
                t.subtract(deltas[k])
            if reread._balanced(t, table) and reread._recut([k for k in members if k not in out], changes):
                return out
    return None


_HEADER_ROWS = ["Drug Name Dosing Regimen Dose Limit/Maximum Dose", "Indication Dosing Regimen Maximum Dose"]


@st.composite
def _recut_group(draw: st.DrawFn) -> list[Edit]:
    """The same words cut twice (deleted in one cutting, inserted in another), often with a word run together, a
    header row on one side, a word or number changed, and a row or paragraph in place changed."""
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8))
    new = list(words)
    if draw(st.booleans()):  # a word changed, added or dropped
        new.insert(draw(st.integers(0, len(new))), draw(st.sampled_from(_WORDS)))
    if len(new) > 1 and draw(st.booleans()):  # two words read run together
        j = draw(st.integers(0, len(new) - 2))
        new[j : j + 2] = ["".join(new[j : j + 2]).replace(" ", "")]
    if draw(st.booleans()):  # a table's header row read as text
        new.insert(0, draw(st.sampled_from(_HEADER_ROWS)))

    def cut(ws: list[str]) -> list[str]:
        marks = sorted(draw(st.sets(st.integers(1, max(1, len(ws) - 1)), max_size=3)))
        return [" ".join(ws[a:b]) for a, b in itertools.pairwise([0, *marks, len(ws)]) if ws[a:b]]

    table = draw(st.booleans())
    changes = [
        _del(NodeKind.ROW, f"V.t1.r{n}", text, key=f"r{n}") if table else _del(NodeKind.PARAGRAPH, f"V.p{n}", text)
        for n, text in enumerate(cut(words))
    ]
    changes += [_ins(NodeKind.PARAGRAPH, f"V.p{n}", text) for n, text in enumerate(cut(new))]
    if draw(st.booleans()):
        old, newer = draw(_TEXTS), draw(_TEXTS)
        changes.append(
            _upd(NodeKind.ROW, "V.t1.z", old, newer, key="z") if table else _upd(NodeKind.PARAGRAPH, "V.p9", old, newer)
        )
    return draw(st.permutations(changes))


_TEXTS = st.lists(st.sampled_from(_WORDS), max_size=6).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_recut_group())
def test_the_group_search_finds_what_trying_every_leave_out_finds(changes: list[Edit]) -> None:
    deltas = [reread._delta(e) for e in changes]
    members = list(range(len(changes)))
    assert reread._settle(members, changes, deltas) == _exhaustive(members, changes, deltas)
