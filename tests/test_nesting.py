"""The nesting pass: levels from markers, and the letter-i / roman-i question."""

from __future__ import annotations

import pytest
from conftest import SEED

from policyvc.parser import PolicyError, parse_text
from policyvc.parser.markers import readings, roman_value, to_roman
from policyvc.parser.nodes import Connective, Criterion, MarkerKind

SEED_TEXT = SEED.read_text(encoding="utf-8")
HEAD = "I. Initial Approval Criteria\n\nA. Test (must meet all):\n\n"


def _set_items(items: str) -> tuple[Criterion, ...]:
    text = (
        SEED_TEXT.split("I. Initial Approval Criteria")[0]
        + HEAD
        + items
        + "\n"
        + ("Approval duration: 12 months\n\n" + "IV. Appendices" + SEED_TEXT.split("IV. Appendices", 1)[1])
    )
    return parse_text(text).sections[0].sets[0].criteria


def test_roman_numerals() -> None:
    assert [roman_value(s) for s in ("i", "iv", "ix", "xiv", "xl", "mcmxc")] == [1, 4, 9, 14, 40, 1990]
    assert roman_value("iiii") is None and roman_value("abc") is None
    assert [to_roman(n) for n in (1, 4, 9, 14, 40)] == ["i", "iv", "ix", "xiv", "xl"]
    assert readings("i") == ((MarkerKind.LETTER, 9), (MarkerKind.ROMAN, 1))
    assert readings("ii") == ((MarkerKind.ROMAN, 2),)


def test_letter_i_after_h_when_the_parent_lists_letters() -> None:
    letters = "abcdefghij"
    items = "1. One of the following (a, b, c, d, e, f, g, h, i, or j):\n" + "".join(
        f"{ch}. Option {ch};\n" for ch in letters
    )
    (group,) = _set_items(items)
    assert [c.marker for c in group.children] == list(letters)
    assert all(c.marker_kind is MarkerKind.LETTER and not c.children for c in group.children)


def test_roman_i_under_h_when_h_announces_roman_children() -> None:
    letters = "abcdefgh"
    items = (
        "1. One of the following (a, b, c, d, e, f, g, or h):\n"
        + "".join(f"{ch}. Option {ch};\n" for ch in letters[:-1])
        + "h. Both of the following (i and ii):\ni. Sub one;\nii. Sub two;\n"
    )
    (group,) = _set_items(items)
    h = group.children[-1]
    assert h.marker == "h" and h.connective is Connective.BOTH
    assert [(c.marker, c.marker_kind) for c in h.children] == [("i", MarkerKind.ROMAN), ("ii", MarkerKind.ROMAN)]


def test_roman_v_continues_the_roman_list_not_the_letters() -> None:
    items = "1. One of the following (a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, or u):\n"
    items += "".join(f"{ch}. Option {ch};\n" for ch in "abcdefghijklmnopqrst")
    items += "u. One of the following (i, ii, iii, iv, or v):\n" + "".join(
        f"{r}. Sub {r};\n" for r in ("i", "ii", "iii", "iv", "v")
    )
    (group,) = _set_items(items)
    u = group.children[-1]
    assert [c.marker for c in u.children] == ["i", "ii", "iii", "iv", "v"]
    assert all(c.marker_kind is MarkerKind.ROMAN for c in u.children)


def test_nesting_to_any_depth() -> None:
    items = (
        "1. All of the following (a):\na. All of the following (i):\ni. All of the following (1):\n"
        "1) All of the following (a):\na) All of the following (i):\ni) All of the following (1):\n"
        "(1) All of the following (a):\n(a) All of the following (i):\n(i) All of the following (1):\n"
        "1. Deepest;\n2. Its sibling;\n"
    )
    top = _set_items(items)
    assert [c.marker for c in top] == ["1"]
    node, depth = top[0], 1
    while node.children:
        node, depth = node.children[-1], depth + 1
    # the ladder starts again below (i): a "2." continues the deepest list that can take it
    assert depth == 10 and node.id == "I.A.1.a.i.1.a.i.1.a.i.2" and node.text == "Its sibling;"


def test_connectives_as_data() -> None:
    items = (
        "1. Member has none of the following (a or b):\na. X;\nb. Y;\n"
        "2. Member has at least two of the following (a, b, or c):\na. X;\nb. Y;\nc. Z;\n"
        "3. Member meets all of the following (a and b):\na. X;\nb. Y;\n"
        "4. Both (a and b):\na. X;\nb. Y;\n"
        "5. Member meets one of the following:\na. X;\nb. Y;\n"
    )
    got = [(c.connective, c.at_least) for c in _set_items(items)]
    assert got == [
        (Connective.NONE, None),
        (Connective.ATLEAST, 2),
        (Connective.ALL, None),
        (Connective.BOTH, None),
        (Connective.ANY, None),
    ]


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ("1. A;\n3. B;\n", "marker `3.` is out of sequence"),
        ("2. A;\n", "expected `1.`"),
        ("1. One of (a or b):\nb. X;\n", "marker `b.` is out of sequence"),
        ("1. One of (i or ii):\ni. X;\n", "roman item `i.` has no lettered parent"),
    ],
)
def test_sequence_errors(items: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message.replace("(", r"\(").replace(".", r"\.")):
        _set_items(items)


def test_the_next_marker_settles_i_when_the_labels_disagree() -> None:
    # the parent lists the letters up to i, but h opens a list of its own: "ii." next says roman
    items = "1. Member meets one of the following (a, b, c, d, e, f, g, h, or i):\n"
    items += "".join(f"{ch}. Option {ch};\n" for ch in "abcdefg")
    items += "h. Member meets all of the following:\ni. Sub one;\nii. Sub two;\ni. Option i.\n"
    (group,) = _set_items(items)
    assert [c.marker for c in group.children] == list("abcdefghi")
    h, i = group.children[-2:]
    assert [(c.marker, c.marker_kind) for c in h.children] == [("i", MarkerKind.ROMAN), ("ii", MarkerKind.ROMAN)]
    assert i.marker_kind is MarkerKind.LETTER and i.text == "Option i."


def test_set_heading_flags_in_either_order() -> None:
    base = SEED_TEXT.split("I. Initial Approval Criteria")[0] + "I. Initial Approval Criteria\n\n"
    tail = (
        "1. Diagnosis of X;\n\nApproval duration: 12 months\n\nIV. Appendices" + SEED_TEXT.split("IV. Appendices", 1)[1]
    )
    for head in ("A. Neuroblastoma (off-label) (must meet all):", "A. Neuroblastoma (must meet all) (off-label):"):
        (s,) = parse_text(base + head + "\n\n" + tail).sections[0].sets
        assert (s.title, s.off_label, s.rule and s.rule.connective) == ("Neuroblastoma", True, Connective.ALL), head


def test_one_line_approval_duration_keeps_its_line_of_business() -> None:
    base = SEED_TEXT.split("I. Initial Approval Criteria")[0] + "I. Initial Approval Criteria\n\n"
    tail = "IV. Appendices" + SEED_TEXT.split("IV. Appendices", 1)[1]
    text = base + "A. X (must meet all):\n1. Diagnosis of X;\nApproval duration: Medicaid/HIM – 6 months\n"
    text += "Commercial – 12 months\n\n" + tail
    (s,) = parse_text(text).sections[0].sets
    assert s.duration_heading
    assert [(d.lines_of_business, d.amount) for d in s.durations] == [(("Medicaid", "HIM"), 6), (("Commercial",), 12)]


def test_the_next_marker_counts_only_in_the_same_style() -> None:
    # found by the property tests: "ii." continues the outer roman list, so it says
    # nothing about whether "i)" after "h)" is a letter or opens a roman list under h)
    items = "1. One of the following (a or b):\na. X;\nb. One of the following (i or ii):\n"
    items += "i. One of the following (1 or 2):\n1) Y;\n2) One of the following (a, b, c, d, e, f, g, h, or i):\n"
    items += "".join(f"{ch}) Option {ch};\n" for ch in "abcdefghi") + "ii. Z;\n"
    (group,) = _set_items(items)
    roman = group.children[1].children
    assert [c.marker for c in roman] == ["i", "ii"]
    letters = roman[0].children[1].children
    assert [c.marker for c in letters] == list("abcdefghi")
    assert all(c.marker_kind is MarkerKind.LETTER and not c.children for c in letters)
