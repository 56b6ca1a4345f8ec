"""Heading levels, inferred as a reader does: from how each heading is written (markdown ``#``, decimal
``1.1``, roman ``II.``, letter, ``Section A``, capitals, title case, the heading vocabulary) and the order
in which the ways first appear.  Each expectation is the nesting the example's text states."""

from __future__ import annotations

from policyvc.parser.outline import OSection, OutlineLine, read_outline


def _tree(text: str) -> list[tuple[int, str]]:
    """(depth, title) of every heading, pre-order, from the text written with a blank line per block."""
    root = read_outline([OutlineLine(t, k) for k, t in enumerate(text.split("\n"), 1)]).root
    out: list[tuple[int, str]] = []

    def walk(s: OSection, depth: int) -> None:
        for b in s.blocks:
            if isinstance(b, OSection):
                out.append((depth, b.title))
                walk(b, depth + 1)

    walk(root, 0)
    return out


def _doc(*blocks: str) -> str:
    return "\n\n".join(blocks)


BODY = "The text of this part, written as a sentence."


def test_decimal_numbering_nests_one_level_per_number() -> None:
    text = _doc(
        "1. Description", BODY,
        "2. Policy", BODY,
        "2.1 Adults", BODY,
        "2.1.1 Knee Replacement", BODY,
        "2.1.2 Hip Replacement", BODY,
        "2.2 Children", BODY,
        "3. References", BODY,
    )  # fmt: skip
    assert _tree(text) == [
        (0, "Description"),
        (0, "Policy"),
        (1, "Adults"),
        (2, "Knee Replacement"),
        (2, "Hip Replacement"),
        (1, "Children"),
        (0, "References"),
    ]


def test_roman_sections_under_a_known_heading_and_plain_titles_under_them() -> None:
    text = _doc(
        "Coverage Criteria", BODY,
        "I. Adults", BODY,
        "Knee Replacement", BODY,
        "Hip Replacement", BODY,
        "II. Children", BODY,
        "Growth Plate Surgery", BODY,
        "References", BODY,
    )  # fmt: skip
    assert _tree(text) == [
        (0, "Coverage Criteria"),
        (1, "Adults"),
        (2, "Knee Replacement"),
        (2, "Hip Replacement"),
        (1, "Children"),
        (2, "Growth Plate Surgery"),
        (0, "References"),
    ]


def test_section_letters_then_plain_titles() -> None:
    text = _doc(
        "Section A: Coverage Criteria", BODY,
        "Outpatient Services", BODY,
        "Section B: Exclusions", BODY,
        "Cosmetic Procedures", BODY,
    )  # fmt: skip
    assert _tree(text) == [
        (0, "Coverage Criteria"),
        (1, "Outpatient Services"),
        (0, "Exclusions"),
        (1, "Cosmetic Procedures"),
    ]


def test_capitals_at_the_top_title_case_below() -> None:
    text = _doc(
        "DESCRIPTION", BODY,
        "POLICY", BODY,
        "Knee Arthroscopy", BODY,
        "LIMITATIONS AND EXCLUSIONS", BODY,
        "Repeat Procedures", BODY,
    )  # fmt: skip
    assert _tree(text) == [
        (0, "DESCRIPTION"),
        (0, "POLICY"),
        (1, "Knee Arthroscopy"),
        (0, "LIMITATIONS AND EXCLUSIONS"),  # (two known headings in capitals: capitals are the top level)
        (1, "Repeat Procedures"),
    ]


def test_headings_numbered_with_letters_read_I_as_a_letter() -> None:
    known = ["Description", "Policy", "Background", "Coding", "Definitions", "Disclaimer", "Guidelines", "History"]
    blocks = [x for k, title in zip("ABCDEFGH", known, strict=True) for x in (f"{k}. {title}", BODY)]
    text = _doc(*blocks, "I. Implementation Notes", BODY)
    assert _tree(text) == [*((0, t) for t in known), (0, "Implementation Notes")]


def test_markdown_levels_are_written() -> None:
    text = _doc("# Policy", BODY, "## Adults", BODY, "### Knee", BODY, "## Children", BODY, "# References", BODY)
    assert _tree(text) == [(0, "Policy"), (1, "Adults"), (2, "Knee"), (1, "Children"), (0, "References")]


def test_a_decimal_heading_is_no_dose_or_sentence() -> None:
    text = _doc("Dosing", "1.5 mg/kg once weekly for four weeks.", "2.1 The member must be followed up.")
    assert _tree(text) == [(0, "Dosing")]


def test_the_document_s_own_table_of_contents_names_its_top_level_headings() -> None:
    text = _doc(
        "Table of Contents\nCoverage Rationale ........ 1\nDescription of Care ........ 2\n"
        "Clinical Evidence ........ 3\nU.S. Food and Drug Administration ........ 4",
        "Coverage Rationale", BODY,
        "Adults", BODY,
        "Description of Care", BODY,
        "Clinical Evidence", BODY,
        "U.S. Food and Drug Administration", BODY,
    )  # fmt: skip
    # the contents' own title is a paragraph, as its entries are (docs/manual/input.md): it heads no section
    assert _tree(text) == [
        (0, "Coverage Rationale"),
        (1, "Adults"),
        (0, "Description of Care"),
        (0, "Clinical Evidence"),
        (0, "U.S. Food and Drug Administration"),
    ]


def test_a_title_above_a_sentence_that_starts_with_an_abbreviation() -> None:
    text = _doc("Coverage Rationale", BODY, "Unproven Uses\nrTMS is unproven for tinnitus.")
    assert _tree(text) == [(0, "Coverage Rationale"), (1, "Unproven Uses")]
