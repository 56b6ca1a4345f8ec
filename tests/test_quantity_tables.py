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


# (a product named alone, brand and generic, beside its strength and the form it comes as)
_NAMED_ALONE = (
    "Medication Strength Quantity Limit\n"
    "Harvoni (ledipasvir/sofosbuvir) 90 mg/400 mg tablet 28 tablets per 28 days\n"
    "Sovaldi (sofosbuvir) 400 mg tablet 28 tablets per 28 days\n"
)


def test_a_product_named_alone_beside_its_strength_and_form() -> None:
    outline, messages = _read(_NAMED_ALONE)
    assert "\ttable\tMedication | Strength | Quantity Limit" in outline
    assert "\trow\tHarvoni (ledipasvir/sofosbuvir) | 90 mg/400 mg tablet | 28 tablets per 28 days" in outline
    assert "\trow\tSovaldi (sofosbuvir) | 400 mg tablet | 28 tablets per 28 days" in outline
    assert not any("one space apart" in m for m in messages)
    # (without a strength column a product named alone is still a guess: where its name ends is not told)
    two = "Medication Quantity Limit\nSovaldi (sofosbuvir) 28 tablets per 28 days\n"
    assert quantity_table(two.splitlines(), 0) is None


_BROKEN = [
    "Drug Name Strength Quantity Limit",
    "Vosevi (sofosbuvir/velpatasvir/voxilaprevir) 400 mg/100 mg/100 mg tablet 28 tablets per 28 days",
    "Page 4 of 6",
    "CLINICAL POLICY",
    "Hepatitis C Agents",
    "Drug Name Strength Quantity Limit",
    "Zepatier (elbasvir/grazoprevir) 50 mg/100 mg tablet 28 tablets per 28 days",
    "Reviews, Revisions, and Approvals Date",
]


def test_a_table_a_page_broke_goes_on_under_its_header_printed_again() -> None:
    table = quantity_table(_BROKEN, 0)
    assert table is not None
    assert [cells[0] for _, cells in table.rows] == [
        "Vosevi (sofosbuvir/velpatasvir/voxilaprevir)",
        "Zepatier (elbasvir/grazoprevir)",
    ]
    assert table.repeated == (5,) and table.end == 7  # (the page's furniture between is left to its pass)
    # (the furniture already taken out: the caller says which line follows a page break)
    taken = [_BROKEN[0], _BROKEN[1], *_BROKEN[5:]]
    assert quantity_table(taken, 0) is not None and quantity_table(taken, 0).rows[-1][0] == 1  # type: ignore[union-attr]
    read = quantity_table(taken, 0, lambda k: k == 2)
    assert read is not None and len(read.rows) == 2 and read.repeated == (2,)


def test_the_same_header_after_text_is_another_table() -> None:
    # (no page break between: a sentence, or a heading with no page's number, ends the first table there)
    for between in (["Pellets for children under 3 years are limited as follows:"], ["Pediatric Limits"]):
        lines = [*_BROKEN[:2], *between, *_BROKEN[5:]]
        table = quantity_table(lines, 0)
        assert table is not None and len(table.rows) == 1 and table.repeated == ()
    # (a header printed again with no row under it ends nothing it can read)
    bare = [*_BROKEN[:6], "Reviews, Revisions, and Approvals Date"]
    table = quantity_table(bare, 0)
    assert table is not None and len(table.rows) == 1 and table.repeated == ()


# (a family's pharmacy policy copied from a PDF viewer: no form feed, each page's number and running header
# between its pages, a quantity table a page broke with its header printed again on the next page)
_VIEWER_COPY = """Clinical Policy: Multiple Sclerosis Agents
Reference Number: CP.PHAR.512
Effective Date: 04.01.24
Last Review Date: 03.26
Line of Business: Commercial
Description
The following agents require prior authorization: ozanimod (Zeposia®) and ponesimod (Ponvory®).
Policy/Criteria
I. Initial Approval Criteria
A. Relapsing Multiple Sclerosis (must meet all):
1. Diagnosis of a relapsing form of multiple sclerosis;
2. Age 18 years or older;
Page 1 of 3
CLINICAL POLICY
Multiple Sclerosis Agents
3. Not taken in combination with another disease-modifying therapy.
Approval duration: 12 months
Appendix D: Quantity Limits
Product Strength Quantity Limit
Zeposia (ozanimod) 0.92 mg capsule 30 capsules per 30 days
Ponvory (ponesimod) 20 mg tablet 30 tablets per 30 days
Page 2 of 3
CLINICAL POLICY
Multiple Sclerosis Agents
Product Strength Quantity Limit
Mayzent (siponimod) 2 mg tablet 30 tablets per 30 days
Reviews, Revisions, and Approvals Date P&T Approval Date
Policy created. 03.24 04.24
Important Reminder
This clinical policy has been developed by appropriately experienced and licensed health care professionals.
Page 3 of 3
"""


def test_a_viewer_copy_reads_a_table_a_page_broke_as_one() -> None:
    report = parse_text_report(_VIEWER_COPY, "cp-phar.txt")
    outline = render_outline(report.policy)
    assert "\ttable\tProduct | Strength | Quantity Limit" in outline
    rows = [line.split("\t")[2] for line in outline.splitlines() if line.split("\t")[1] == "row"]
    assert rows == [
        "Zeposia (ozanimod) | 0.92 mg capsule | 30 capsules per 30 days",
        "Ponvory (ponesimod) | 20 mg tablet | 30 tablets per 30 days",
        "Mayzent (siponimod) | 2 mg tablet | 30 tablets per 30 days",
    ], outline
    assert "Product Strength Quantity Limit" not in outline and "Page 2" not in outline
    assert "\trevision\t2024-03-01 (P&T 2024-04): Policy created." in outline  # (the log after it stays the log)
