"""Quantity-limit tables a PDF viewer's copy wrote one space between cells: read where the header is made of
known column names and every row splits into those columns by its cells' shapes; anything less stays text
with the warning for a table whose cells cannot be told apart."""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.parser.quantity_tables import quantity_table
from policyvc.renderer.outline import render_outline

# (a plan's own policy, in the wording of a PBM's program: numbered sections, its limits under a heading)
_LIMITS = """Lakeshore Health Plan
Dupixent (dupilumab) - Prior Authorization and Quantity Limit
Policy Number: PH-1184
Effective Date: 2/1/2026
1. Background:
Dupixent is an interleukin-4 receptor alpha antagonist indicated for moderate to severe atopic dermatitis.
2. Criteria:
Dupixent will be approved when all of the following are met:
1. Patient is 6 months of age or older;
2. Diagnosis of moderate to severe atopic dermatitis;
3. Failure of a topical corticosteroid.
3. Quantity Limits
{table}4. References:
1. Dupixent [package insert]. Tarrytown, NY: Regeneron; 2025.
"""

_TWO_COLUMNS = (
    "Drug Name Quantity Limit\n"
    "Dupixent 300 mg/2 mL prefilled pen 2 pens per 28 days\n"
    "Dupixent 200 mg/1.14 mL prefilled syringe 2 syringes per 28 days\n"
)
_THREE_COLUMNS = (
    "Drug Strength Quantity Limit\n"
    "Rybelsus 7 mg tablet 7 mg 1 tablet per day\n"
    "Ozempic 2 mg/3 mL pen 2 mg 1 pen per 28 days\n"
)


def _read(table: str) -> tuple[str, list[str]]:
    report = parse_text_report(_LIMITS.format(table=table), "policy.txt", recover=True)
    return render_outline(report.policy), [d.message for d in report.diagnostics]


def test_a_product_and_its_limit_one_space_apart_are_a_table() -> None:
    outline, messages = _read(_TWO_COLUMNS)
    assert "\ttable\tDrug Name | Quantity Limit" in outline
    assert "\trow\tDupixent 300 mg/2 mL prefilled pen | 2 pens per 28 days" in outline
    assert "\trow\tDupixent 200 mg/1.14 mL prefilled syringe | 2 syringes per 28 days" in outline
    assert not any("one space apart" in m for m in messages)


def test_a_product_its_strength_and_its_limit() -> None:
    outline, messages = _read(_THREE_COLUMNS)
    assert "\ttable\tDrug | Strength | Quantity Limit" in outline
    assert "\trow\tRybelsus 7 mg tablet | 7 mg | 1 tablet per day" in outline
    assert "\trow\tOzempic 2 mg/3 mL pen | 2 mg | 1 pen per 28 days" in outline
    assert not any("one space apart" in m for m in messages)
    # (a single row is read too: its header and every cell's shape agree)
    one = "Medication Quantity Limit\nTaltz 80 mg/mL autoinjector 1 autoinjector per 28 days\n"
    assert "\trow\tTaltz 80 mg/mL autoinjector | 1 autoinjector per 28 days" in _read(one)[0]


def test_a_row_that_splits_otherwise_keeps_the_table_as_text() -> None:
    # (a product without its strength: which words are the product's is a guess, for this row and so all)
    table = _TWO_COLUMNS.replace("Dupixent 200 mg/1.14 mL prefilled syringe", "Dupixent syringes (all strengths)")
    outline, messages = _read(table)
    assert "\ttable\tDrug Name" not in outline
    assert "Dupixent 300 mg/2 mL prefilled pen 2 pens per 28 days" in outline
    assert any("one space apart (`Drug Name Quantity Limit`)" in m for m in messages)


def test_a_row_wrapped_onto_the_next_line_keeps_the_table_as_text() -> None:
    wrapped = _TWO_COLUMNS.replace("prefilled pen 2 pens", "prefilled\npen 2 pens")
    assert "\ttable\tDrug Name" not in _read(wrapped)[0]
    # (its last row going on in lower case under it)
    tail = _THREE_COLUMNS + "for maintenance after the first month\n"
    assert "\ttable\tDrug" not in _read(tail)[0]


def test_prose_under_the_header_stays_prose() -> None:
    prose = "Product Quantity Limit\nThe plan limits each product to the amount its label allows per 28 days.\n"
    outline, _ = _read(prose)
    assert "\ttable\t" not in outline.split("References")[0]
    assert "The plan limits each product to the amount its label allows per 28 days." in outline


def test_a_header_line_inside_a_sentence_is_no_header() -> None:
    lines = [
        "Requests above the limits listed for each",
        "Product Quantity Limit",
        "Nucala 100 mg vial 3 vials per 28 days",
    ]
    assert quantity_table(lines, 1) is None  # (the line above runs on into it)
    assert quantity_table(["Quantity Limits", *lines[1:]], 1) is not None
    inline = ["See the Product Quantity Limit table below.", "Nucala 100 mg vial 3 vials per 28 days"]
    assert quantity_table(inline, 0) is None


def test_headers_of_other_words_are_not_read() -> None:
    rows = ["Ozempic 1 mg pen 1 mg 1 pen per 28 days", "Ozempic 2 mg pen 2 mg 1 pen per 28 days"]
    others = ("Product Dose Limit", "Weight Strength Limit", "Strength Product Quantity Limit", "Product Strength")
    for header in others:
        assert quantity_table([header, *rows], 0) is None, header
    assert quantity_table(["Product Strength Quantity Limit", *rows], 0) is not None
