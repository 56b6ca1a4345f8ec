"""The text front's line form: text and origin move together through every edit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.parser.lines import Line, Lines
from policyvc.parser.text_styles import prepare


def test_edits_keep_each_line_with_its_source_line() -> None:
    lines = Lines.numbered(["Title", "a  b", "c", "\fd", "e"])
    lines.set(1, "a b")
    lines.strip_at(3, "d")
    lines.replace(2, 3, ["c1", "c2"])
    lines.insert_after(0, ["", "Links"])
    assert list(lines) == ["Title", "", "Links", "a b", "c1", "c2", "d", "e"]
    assert [lines.origin(k) for k in range(len(lines))] == [1, 1, 1, 2, 3, 3, 4, 5]
    assert [lines.exact(k) for k in range(len(lines))] == [True, False, False, False, False, False, True, True]
    lines.keep([0, 3, 6, 7])
    lines.regroup([([0], "Title"), ([1, 2], "a b d"), ([3], "e")])
    assert lines.items == (
        Line("Title", 1),
        Line("", 2, False),
        Line("a b d", 2, False),
        Line("", 5, False),
        Line("e", 5),
    )
    lines.set(2, "x\ny")
    lines.split_lines()
    assert list(lines)[2:4] == ["x", "y"] and lines.origin(3) == 2
    assert lines[1:3] == ["", "x"]


_OPS = st.lists(
    st.tuples(st.sampled_from(["set", "blank", "replace", "insert", "keep", "regroup", "split"]), st.integers(0, 50)),
    max_size=12,
)


@given(st.lists(st.text(alphabet="ab ", max_size=6), min_size=1, max_size=12), _OPS)
@settings(max_examples=examples(200))
def test_origins_stay_in_order_and_exact_lines_are_their_source(source: list[str], ops: list[tuple[str, int]]) -> None:
    lines = Lines.numbered(source)
    for op, n in ops:
        if not len(lines):
            break
        k = n % len(lines)
        if op == "set":
            lines.set(k, f"{lines[k]}!\nz")
        elif op == "blank":
            lines.blank(k)
        elif op == "replace":
            lines.replace(k, min(len(lines), k + n % 3), ["r"] * (n % 4))
        elif op == "insert":
            lines.insert_after(k, ["i", ""])
        elif op == "keep":
            lines.keep(j for j in range(len(lines)) if (j + n) % 3)
        elif op == "regroup":
            blocks = [list(range(j, min(len(lines), j + 1 + n % 2))) for j in range(0, len(lines), 1 + n % 2)]
            lines.regroup((ks, " ".join(lines[j].strip() for j in ks)) for ks in blocks)
        else:
            lines.split_lines()
        origins = [lines.origin(j) for j in range(len(lines))]
        assert origins == sorted(origins) and all(1 <= o <= len(source) for o in origins)
        for line in lines.items:
            assert not line.exact or line.text in ("", source[line.origin - 1].strip(), source[line.origin - 1])


def test_prepare_maps_every_line_back_to_the_file() -> None:
    text = "Clinical Policy: Drug\nReference Number: CP.PHAR.1   Coding Implications\nEffective Date: 01.01.20\n"
    st_ = prepare(text, "<test>")
    assert list(st_.lines)[:2] == ["Clinical Policy: Drug", "Reference Number: CP.PHAR.1"]
    assert [st_.lines.origin(k) for k in range(len(st_.lines))][:5] == [1, 2, 3, 3, 3]
