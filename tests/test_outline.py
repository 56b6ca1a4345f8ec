"""The outline layer: every text gives a tree; list levels, connectives, headings, tables and notes.

Expectations are written from the text of each example, never from the outline's output.
"""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.parser.nodes import Connective, MarkerKind, Paragraph, Table
from policyvc.parser.outline import OList, ONote, OSection, OutlineLine, read_outline


def _outline(text: str) -> OSection:
    return read_outline([OutlineLine(t, k) for k, t in enumerate(text.split("\n"), 1)]).root


def _section(root: OSection, title: str) -> OSection:
    stack = [root]
    while stack:
        s = stack.pop()
        if s.title == title:
            return s
        stack.extend(b for b in s.blocks if isinstance(b, OSection))
    raise AssertionError(f"no section {title!r}")


def _list(s: OSection) -> OList:
    return next(b for b in s.blocks if isinstance(b, OList))


def test_lists_nest_by_their_markers_and_read_their_connectives() -> None:
    root = _outline(
        "Coverage Criteria\n"
        "The service is covered when ALL of the following are met:\n"
        "1. Age 18 years or older; and\n"
        "2. One of the following:\n"
        "a. Prior treatment failed; or\n"
        "b. Treatment is contraindicated;\n"
        "3. At least two of the following:\n"
        "i. Symptom one;\n"
        "ii. Symptom two;\n"
        "iii. Symptom three.\n"
    )
    lst = _list(_section(root, "Coverage Criteria"))
    assert lst.lead_in.startswith("The service is covered") and lst.connective is Connective.ALL
    assert [i.marker for i in lst.items] == ["1", "2", "3"]
    two, three = lst.items[1], lst.items[2]
    assert [c.marker for c in two.children] == ["a", "b"] and two.connective is Connective.ANY
    assert [c.kind for c in three.children] == [MarkerKind.ROMAN] * 3
    assert three.connective is Connective.ATLEAST and three.at_least == 2


def test_trailing_or_gives_the_group_its_connective() -> None:
    root = _outline(
        "Criteria\nA. Diagnosis of one:\n1. Lung adenocarcinoma, OR\n2. Large cell carcinoma, OR\n3. NSCLC NOS\n"
    )
    item = _list(_section(root, "Criteria")).items[0]
    assert item.connective is Connective.ANY and len(item.children) == 3
    root = _outline("Criteria\nA. The member has:\n1. Disease progression, AND\n2. A resistance mutation.\n")
    assert _list(_section(root, "Criteria")).items[0].connective is Connective.ALL


def test_letter_i_and_roman_i_are_told_apart() -> None:
    letters = "Criteria\n1. Any of:\n" + "".join(f"{c}. item {c};\n" for c in "abcdefghij")
    item = _list(_section(_outline(letters), "Criteria")).items[0]
    assert [c.marker for c in item.children] == list("abcdefghij")
    romans = "Criteria\n1. Any of:\na. item a;\nb. item b, one of:\ni. first;\nii. second;\nc. item c.\n"
    item = _list(_section(_outline(romans), "Criteria")).items[0]
    assert [c.marker for c in item.children] == ["a", "b", "c"]
    assert [c.marker for c in item.children[1].children] == ["i", "ii"]


def test_headings_paragraphs_tables_and_notes() -> None:
    root = _outline(
        "Background\nSleep apnea is common.\nIt is underdiagnosed.\n\n"
        "II. Coding\nCode\tDescription\n95800\tSleep study\n\tcontinued on the next page\n\n"
        "Note: codes are for reference only.\n"
    )
    background = _section(root, "Background")
    assert background.blocks == (Paragraph("Sleep apnea is common. It is underdiagnosed."),)
    coding = _section(root, "Coding")
    assert coding.marker == "II"
    table = next(b for b in coding.blocks if isinstance(b, Table))
    assert table.header == ("Code", "Description") and len(table.rows) == 1
    assert table.rows[0].cells[1] == ("Sleep study continued on the next page",)  # a lower-case fragment goes on
    assert any(isinstance(b, ONote) for b in coding.blocks)


def test_a_paragraph_between_items_stays_with_the_list() -> None:
    root = _outline("Criteria\n1. First criterion;\n\nThis applies to adults only.\n\n2. Second criterion.\n")
    lst = _list(_section(root, "Criteria"))
    assert [i.marker for i in lst.items] == ["1", "2"]
    assert lst.items[0].notes[0].text == "This applies to adults only."


def test_an_item_out_of_sequence_is_kept_with_a_warning() -> None:
    outline = read_outline([OutlineLine(t, k) for k, t in enumerate(["Criteria", "1. one", "3. three"], 1)])
    lst = _list(_section(outline.root, "Criteria"))
    assert [i.marker for i in lst.items] == ["1", "3"]
    assert len(outline.diagnostics) == 1 and outline.diagnostics[0].line == 3


_LINE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "1. a", "a. b", "i. c", "II. Scope", "- bullet", "*note", "Note: x", "A.", "x\ty", "OR"]),
)


@given(st.lists(_LINE, max_size=40))
@example(["0.", "OR", ","])  # a comma after a connective alone on its line was dropped, found by CI
@example(["\\0\r"])  # a line's leading backslash is the writer's escape, found by CI (the check compared by identity)
@settings(max_examples=examples(300))
def test_the_outline_never_fails_and_keeps_every_word(lines: list[str]) -> None:
    clean = [x.replace("\n", " ").replace("\r", " ") for x in lines]
    outline = read_outline([OutlineLine(t, k) for k, t in enumerate(clean, 1)])
    words: list[str] = []

    def collect(s: OSection) -> None:
        words.extend([s.marker, *s.title.split()])
        for b in s.blocks:
            if isinstance(b, OSection):
                collect(b)
            elif isinstance(b, Paragraph | ONote):
                words.extend(b.text.split())
            elif isinstance(b, Table):
                words.extend(" ".join(b.header).split())
                for r in b.rows:
                    words.extend(w for c in r.cells for p in c for w in p.split())
            elif isinstance(b, OList):
                words.extend(b.lead_in.split())
                stack = list(b.items)
                while stack:
                    i = stack.pop()
                    words.extend([i.marker, *i.text.split(), *(w for n in i.notes for w in n.text.split())])
                    stack.extend(i.children)

    collect(outline.root)
    text = "".join(ch for ch in " ".join(words) if unicodedata.category(ch) != "Cf")
    for line in clean:
        for n, raw in enumerate(line.split()):
            # format characters (a soft hyphen, a zero-width space) are hints for display, not words
            word = "".join(ch for ch in raw if unicodedata.category(ch) != "Cf")
            if n == 0 and word.startswith("\\") and len(word) > 1:
                word = word[1:]  # (a backslash before a line's text: the writer's escape, read as text)
            if word.strip("#*-–•▪◦·:.()") and "\t" not in line:
                assert word.strip("#*:.()") in text or word in text, (raw, text)


def test_a_lead_in_under_the_sentence_an_items_wrapped_text_ends_starts_a_list_of_its_own() -> None:
    """``7. Dosage …`` / ``If member meets all the requirements …, approved for 6 months.`` / ``For continuation
    of therapy, all of the following criteria must be met:``: the lead-in leads a list of its own, never the
    item's text (its items were nested under the dosage)."""
    root = _outline(
        "Asthma\n1. Member is 6 years of age or older; AND\n2. Dosage allowed: 75 mg every 2 weeks.\n"
        "If member meets all the requirements listed above, the medication will be approved for 6 months.\n"
        "For continuation of therapy, all of the following criteria must be met:\n"
        "1. Member has had fewer exacerbations; AND\n2. Member continues an inhaled corticosteroid.\n"
    )
    lists = [b for b in _section(root, "Asthma").blocks if isinstance(b, OList)]
    assert [len(x.items) for x in lists] == [2, 2]
    assert lists[1].lead_in.startswith("For continuation of therapy") and lists[1].connective is Connective.ALL
    assert not lists[0].items[1].children


def test_a_lead_in_broken_at_a_hyphen_under_an_item_still_leads_its_list() -> None:
    """``… as it is considered not medi-`` / ``cally necessary:`` under a list's last item: a lead-in of its own."""
    root = _outline(
        "Policy\nCovered when ALL of the following are met:\n1. The member is 18 or older; and\n"
        "2. Imaging correlates with the symptoms.\n"
        "The plan does NOT cover fusion for any of the following, as it is considered not medi-\ncally necessary:\n"
        "1. Disc disease without instability;\n2. Interspinous devices.\n"
    )
    lists = [b for b in _section(root, "Policy").blocks if isinstance(b, OList)]
    assert [len(x.items) for x in lists] == [2, 2]
    assert lists[1].connective is Connective.ANY and not lists[0].items[1].children
