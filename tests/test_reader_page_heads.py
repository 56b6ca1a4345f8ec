"""A page's own lines at a document's head, and a plan's name: a Word file's running header printed above the head
that writes the same line again (``Medical Coverage Policy | <title>``, read by ``pdftotext``) and a header at a
page's top above ``Page 1 of 2`` that puts the plan's name and the title together are no text of the policy; a plan's
header fields written with bars (``EFFECTIVE DATE: 10|01|2025``) are dates, not a table; and a plan's name run
together from an acronym and a word (``UCare``, on every page) keeps its spelling — no hyphen the text never writes.
The texts are written in the shapes ``pdftotext`` gives of a Word-made PDF and of a text print with its page header at
each page's top."""

from __future__ import annotations

from heldout_support import body_tables, body_texts

from policyvc.history.diff import diff
from policyvc.parser import parse_text_report
from policyvc.parser.lines import Lines
from policyvc.parser.reading_order import restore_hyphens
from policyvc.parser.space_tables import pipe_rows
from policyvc.parser.text_styles import Styled

_WORD_HEADER = """Medical Coverage Policy | Home Oxygen Therapy

Harbor Blue Health Plan
Medical Coverage Policy | Home Oxygen Therapy
EFFECTIVE DATE: 03|01|2025
POLICY LAST UPDATED: 02|11|2025
Policy Number: MED-0412

OVERVIEW
Home oxygen therapy supplies oxygen to a member at home through a concentrator or a
portable system. This policy states when home oxygen therapy is covered.

MEDICAL CRITERIA
Home oxygen therapy is medically necessary when all of the following are met:
1. The member has a chronic lung condition; and
2. Resting oxygen saturation is 88% or lower on room air.

Page 1 of 2

Medical Coverage Policy | Home Oxygen Therapy
Oxygen saturation is measured by a licensed provider within 30 days before the request.

CODING
E1390 Oxygen concentrator, single delivery port
E0431 Portable gaseous oxygen system, rental

REFERENCES
1. Smith J, Lee K. Long-term oxygen in chronic lung disease. Chest. 2020;158(2):500-509.

Page 2 of 2
"""


def test_a_word_running_header_above_the_head_that_writes_it_again_is_no_text() -> None:
    report = parse_text_report(_WORD_HEADER, "old.txt", recover=True)
    texts = body_texts(report.policy, titles=True)
    assert texts.count("Medical Coverage Policy | Home Oxygen Therapy") == 1  # (the head's own line)
    assert texts.index("Harbor Blue Health Plan") < texts.index("Medical Coverage Policy | Home Oxygen Therapy")
    assert "Oxygen saturation is measured by a licensed provider within 30 days before the request." in " ".join(texts)


def test_header_dates_written_with_bars_are_dates_not_a_table() -> None:
    policy = parse_text_report(_WORD_HEADER, "old.txt", recover=True).policy
    assert str(policy.header.effective_date) == "2025-03-01"
    assert str(policy.header.last_review) == "2025-02-11"
    assert not [t for t in body_tables(policy) if "EFFECTIVE" in " ".join(t.header)]
    # (a table written with bars stays one)
    assert pipe_rows(["Code | Description", "E1390 | Oxygen concentrator"]) == {
        0: "Code\tDescription",
        1: "E1390\tOxygen concentrator",
    }


def test_the_word_copy_and_a_copy_without_the_running_header_diff_to_nothing() -> None:
    clean = _WORD_HEADER.split("\n", 2)[2].replace("\nPage 1 of 2\n\nMedical Coverage Policy | Home Oxygen Therapy", "")
    clean = clean.replace("\nPage 2 of 2\n", "")
    a = parse_text_report(_WORD_HEADER, "old.txt", recover=True).policy
    b = parse_text_report(clean, "new.txt", recover=True).policy
    assert [(e.kind.value, e.old_id, e.new_id) for e in diff(a, b).changes] == []


def _print(lines: list[str], top: bool) -> str:
    """The text with its page header and ``Page N of 2`` at each page's top (``top``) or at its foot."""
    header = "LCare Medical Policy: Compression Garments"
    half = len(lines) // 2
    pages = [lines[:half], lines[half:]]
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        furniture = [header, f"Page {n} of 2", ""]
        out += [*furniture, *page] if top else [*page, "", *furniture[:2], ""]
    return "\n".join(out) + "\n"


_BODY = [
    "LCare",
    "",
    "Medical Policy",
    "",
    "Policy Name: Compression Garments",
    "",
    "Policy Number: MP-DME-0117",
    "",
    "Effective Date: 05/01/2025",
    "",
    "Coverage Criteria",
    "",
    "LCare covers compression garments when all of the following are met:",
    "",
    "A. The member has chronic venous insufficiency with edema; and",
    "B. LCare has the prescriber's order on file.",
    "",
    "Background",
    "",
    "LCare reviews this policy every year. Compression garments reduce edema and",
    "help ulcers heal.",
    "",
    "References",
    "",
    "1. Brown A. Compression therapy. J Vasc Surg. 2019;70(1):10-18.",
]


def test_a_page_header_above_page_1_of_2_and_a_plans_name_of_an_acronym_and_a_word_are_read_as_written() -> None:
    """The header at each page's top joins the plan's name and the title (``<plan> Medical Policy: <title>``): on
    the first page too it is no text; ``LCare`` keeps its spelling (never ``LC-are``); the prints with the header at
    the pages' tops and at their feet diff to nothing."""
    top = parse_text_report(_print(_BODY, top=True), "new.txt", recover=True).policy
    foot = parse_text_report(_print(_BODY, top=False), "old.txt", recover=True).policy
    for policy in (top, foot):
        texts = body_texts(policy, titles=True)
        assert "LCare" in texts and not [t for t in texts if "LC-are" in t or "Medical Policy:" in t]
    assert [(e.kind.value, e.old_id, e.new_id) for e in diff(foot, top).changes] == []


def test_a_word_joined_at_a_line_end_still_takes_its_hyphen() -> None:
    """``FDAapproved`` once (pdftotext joined ``FDA-`` / ``approved``): the hyphen comes back; a name the text writes
    three times so is its spelling."""
    st = Styled(Lines.numbered(["Use the FDAapproved dose.", "LCare pays. LCare asks.", "LCare ends."]))
    assert restore_hyphens(st) == 1
    assert list(st.lines) == ["Use the FDA-approved dose.", "LCare pays. LCare asks.", "LCare ends."]


def test_a_word_in_another_case_than_the_hyphenated_name_keeps_its_spelling() -> None:
    """``Medical`` beside the program's name ``Medi-Cal`` is no ``Medi-`` / ``Cal`` joined (the joined word would
    keep its capital: ``MediCal``): left as written; ``offlabel`` beside ``off-label`` still takes its hyphen."""
    lines = ["Line of Business: Medi-Cal", "Medical Necessity Criteria", "Medi-Cal members.", "Medical Policy"]
    st = Styled(Lines.numbered([*lines, "An offlabel use.", "Not for off-label use.", "MediCal pays."]))
    assert restore_hyphens(st) == 2
    assert list(st.lines) == [*lines, "An off-label use.", "Not for off-label use.", "Medi-Cal pays."]


_PBM = """Northfield Rx

Prior Authorization Criteria

Sodium-Glucose Cotransporter-2 Inhibitors for Heart Failure

Farxiga® (dapagliflozin tablets), Jardiance® (empagliflozin tablets)

Criteria ID: NRX-PA-0207

Effective Date: 02/01/2026

Overview

Farxiga and Jardiance reduce the risk of hospitalization for heart failure in adults.

Initial Approval Criteria

1. Heart failure - approve if the patient meets ALL of the following:
   a. Patient is 18 years of age or older;
   b. Left ventricular ejection fraction is documented.
"""


def test_a_list_of_the_products_under_the_title_is_no_title() -> None:
    """A PBM's criteria page names the document, then the products it covers (``<brand>® (<generic>), <brand>®
    (<generic>)``) right above the identifier: the line naming the document is the title; a product list alone
    above the fields stays the title."""
    policy = parse_text_report(_PBM, "pbm.txt", recover=True).policy
    assert policy.header.title == "Sodium-Glucose Cotransporter-2 Inhibitors for Heart Failure"
    alone = _PBM.replace("Sodium-Glucose Cotransporter-2 Inhibitors for Heart Failure\n\n", "")
    assert parse_text_report(alone, "pbm.txt", recover=True).policy.header.title.startswith("Farxiga")


_LCD_HEAD = """         Local Coverage Determination
         (LCD)
Thyroid Function Testing
L39921
Contractor Information
Contractor Name: Lakes Medicare Services, LLC
LCD Information
Document Information
LCD ID: L39921
LCD Title: Thyroid Function Testing
Original Effective Date: For services performed on or after 03/01/2019
Revision Effective Date: For services performed on or after 01/01/2026

  Coverage Indications, Limitations, and/or Medical Necessity
         Thyroid testing is reasonable and necessary for beneficiaries with any of the following
         conditions:

             • Goiter or a thyroid nodule;
             • Symptoms of hypothyroidism or hyperthyroidism.

         Limitations

         Testing of a beneficiary on a stable dose of thyroid hormone replacement is
         limited to two times a year unless the dose is changed or new symptoms arise
         that are documented in the medical record. Screening of beneficiaries without
         signs or symptoms of thyroid disease is not covered by this determination and
         is denied as not reasonable and necessary when it is billed without a
         diagnosis that supports the test.

  Summary of Evidence
         Guidelines of the thyroid societies support measuring the thyroid stimulating
         hormone first and adding free thyroxine only when the first result is outside
         the reference range or when pituitary disease is suspected by the treating
         practitioner after an examination.
"""


def test_a_centred_title_wrapped_before_its_acronym_is_one_line() -> None:
    """``-layout`` of a contractor's LCD prints its large centred title over two lines (``Local Coverage
    Determination`` / ``(LCD)``): the acronym of the words above goes on their line, as the browser's print writes
    it; a parenthesised word that is no acronym of the line above stays its own."""
    texts = body_texts(parse_text_report(_LCD_HEAD, "lcd.txt", recover=True).policy, titles=True)
    assert "Local Coverage Determination (LCD)" in texts
    other = _LCD_HEAD.replace("         (LCD)", "         (NGS)")
    assert "Local Coverage Determination (NGS)" not in body_texts(
        parse_text_report(other, "lcd.txt", recover=True).policy, titles=True
    )
