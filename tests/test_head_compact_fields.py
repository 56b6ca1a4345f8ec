"""A compact head and a short document's running header (generic template).

* A head that writes its fields on one line with abbreviated labels (``Guideline: <id>  Eff. <date>  Review:
  <date>``) or an abbreviated label on a line of its own (``Eff. 01/01/26``, ``Eff. Date: …``): the identifier and
  the effective date are read.  An abbreviated date label is a field only with a date after it — ``Eff. dose …``
  is prose, kept.
* An identifier with a variant's letters after a spaced dash (``CPG 145 - A``) is read whole; a name after the
  dash (``MP 204 - Spinal Fusion``) is no part of it.
* A title that weighs two things (``… versus …``, ``… via …``) is a title.
* A running header that prints its source's short name then the title (``<agency> PA Criteria – <title>``), right
  under a page's number where a page breaks, is furniture even on a two-page document — never a heading that
  splits a list; the same line elsewhere, or a sentence that ends on the title's words, is kept.

The fixtures are written the way copies of such documents come: a PDF viewer's text, a ``pdftotext -layout``
print with its gaps, a web copy with the site's lines above the title."""

from __future__ import annotations

import datetime as dt

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy
from policyvc.renderer.outline import render_outline

_BODY = """
Criteria

Approve for 12 months when all of the following are met:

1. Age 18 years or older;
2. Diagnosis confirmed by a specialist;
3. No concurrent use of another agent in the class.
"""


def _read(text: str) -> Policy:
    return parse_text_report(text, "policy.txt", recover=True).policy


# --- abbreviated labels ----------------------------------------------------------------------------------------


def test_one_line_of_fields_with_an_abbreviated_effective_label_viewer_copy() -> None:
    policy = _read(
        "Northgate Pharmacy Benefit\nPrior Authorization Guideline\n\nSGLT2 Inhibitors for Heart Failure\n"
        "Guideline: NPB-PA-0211 Eff. 04/01/26 Review: 02/14/26\n" + _BODY
    )
    assert policy.header.title == "SGLT2 Inhibitors for Heart Failure"
    assert policy.reference_number == "NPB-PA-0211"
    assert policy.header.effective_date == dt.date(2026, 4, 1)


def test_one_line_of_fields_with_an_abbreviated_effective_label_layout_print() -> None:
    policy = _read(
        "   Riverbend Health Drug Policy\n\n   Testosterone Replacement Therapy\n"
        "   Policy: RX-0331        Eff. 03/01/2026        Review: 01/15/2026\n" + _BODY
    )
    assert policy.reference_number == "RX-0331"
    assert policy.header.effective_date == dt.date(2026, 3, 1)


def test_an_abbreviated_effective_label_on_a_line_of_its_own() -> None:
    for line in ("Eff. 07/01/26", "Eff. Date: 07/01/2026", "Eff Date: July 1, 2026"):
        policy = _read(
            f"Colorado Medicaid Prior Authorization Criteria\nBotulinum Toxins\nCriteria Number: CO-PA-17\n{line}\n"
            + _BODY
        )
        assert policy.header.effective_date == dt.date(2026, 7, 1), line
        assert policy.reference_number == "CO-PA-17"


def test_an_abbreviation_s_letters_in_prose_are_no_field() -> None:
    """``Eff.`` without a date after it: no effective date read, its line kept as the text's."""
    text = (
        "Lakeside Health Plan\nOral Immunotherapy\nPolicy Number: MP-44\nEffective Date: 03/01/2026\n\n"
        "Description\n\nEff. dose is the lowest dose that controls symptoms.\n" + _BODY
    )
    policy = _read(text)
    assert policy.header.effective_date == dt.date(2026, 3, 1)
    assert "Eff. dose is the lowest dose" in render_outline(policy)
    head = _read("Lakeside Health Plan\nOral Immunotherapy\nPolicy Number: MP-44\nEff. as stated in the contract\n")
    assert head.header.effective_date is None


# --- identifiers with a variant's letters --------------------------------------------------------------------


def test_an_identifier_with_a_variant_s_letters_after_a_spaced_dash() -> None:
    for line, want in (("Guideline Number: CPG 145 - A", "CPG 145 - A"), ("Policy #: MP 2031 – B", "MP 2031 – B")):
        policy = _read(f"Knee Bracing\n{line}\nEffective: 01/01/2026\n" + _BODY)
        assert policy.reference_number == want, line


def test_a_name_after_a_spaced_dash_is_no_part_of_the_identifier() -> None:
    policy = _read("Spinal Fusion\nPolicy Number: MP 204 - Spinal Fusion\nEffective: 01/01/2026\n" + _BODY)
    assert policy.reference_number != "MP 204 - S"
    assert "Spinal" not in policy.reference_number


# --- titles that weigh two things ------------------------------------------------------------------------------


def test_a_web_copy_s_title_with_versus_below_the_site_s_lines() -> None:
    policy = _read(
        "Summit Orthopedic Network  |  Clinical Guidelines  |  Bracing\nSearch guidelines…\n\n"
        "Knee Bracing: Custom-Fitted versus Off-the-Shelf Orthoses\nGuideline Number: SON-214\n"
        "Effective: 1st February 2026\nLast revised: 3rd December 2025\nGuideline\n"
        "A custom-fitted knee orthosis is medically necessary when all of these are documented in the record:\n"
        "• Ligamentous instability of the knee confirmed on examination by the treating physician;\n"
        "• Failure of an off-the-shelf orthosis worn as directed for at least four weeks of daily use;\n"
        "• A body habitus or deformity that prevents the fitting of an off-the-shelf orthosis.\n"
        "© 2026 Summit Orthopedic Network. All rights reserved.\n"
    )
    assert policy.header.title == "Knee Bracing: Custom-Fitted versus Off-the-Shelf Orthoses"
    assert policy.reference_number == "SON-214"


def test_a_title_with_via() -> None:
    policy = _read(
        "Speech Therapy Services via Telehealth\nPolicy Number: PT-0093\nEffective Date: 05/01/2026\n" + _BODY
    )
    assert policy.header.title == "Speech Therapy Services via Telehealth"


# --- a running header of a source and the title --------------------------------------------------------------

_TWO_PAGES = """OHIO DEPARTMENT OF MEDICAID
Ohio Medicaid Pharmacy Prior Authorization Criteria
Growth Hormone Agents (Norditropin, Genotropin, Omnitrope)
Criteria ID: OH-PA-GH-03
Eff. 02/01/26
Purpose
This form guides the reviewer through the decision for growth hormone agents. Answer each
question in order.
Approval Questions
1. Is the member under 18 years of age? Yes – go to 2; No – deny.
2. Is there a diagnosis of growth hormone deficiency confirmed by two stimulation tests? Yes – go
to 3; No – deny.
3. Are the epiphyses open? Yes – go to 4; No – deny.
Page 1 of 2
{running}
4. Is the prescriber a pediatric endocrinologist? Yes – approve for 12 months; No – deny.
Quantity Limits
Drug Quantity limit
Norditropin 5 mg/1.5 mL pen 4 pens per 28 days
Genotropin 12 mg cartridge 2 cartridges per 28 days
Page 2 of 2
"""


def _questions(policy: Policy) -> int:
    out = render_outline(policy)
    return sum(1 for line in out.splitlines() if "judgment" in line and "Yes –" in line)


def test_a_source_and_the_title_under_a_page_s_number_is_a_running_header() -> None:
    for running in (
        "ODM Pharmacy PA Criteria – Growth Hormone Agents",
        "Ohio Medicaid PA Criteria | Growth Hormone Agents (Norditropin, Genotropin, Omnitrope)",
    ):
        policy = _read(_TWO_PAGES.format(running=running))
        out = render_outline(policy)
        assert "PA Criteria" not in out.replace("Pharmacy Prior Authorization Criteria", ""), running
        assert _questions(policy) == 4, out
        assert policy.header.effective_date == dt.date(2026, 2, 1)


def test_a_source_and_the_title_elsewhere_is_kept() -> None:
    """Not beside a page's number: a line of the text (a related document's name), kept."""
    text = _TWO_PAGES.format(running="").replace(
        "Quantity Limits\n", "See also:\n\nODM Pharmacy PA Criteria – Growth Hormone Agents\n\nQuantity Limits\n"
    )
    assert "ODM Pharmacy PA Criteria" in render_outline(_read(text))


def test_a_sentence_ending_on_the_title_s_words_under_a_page_s_number_is_kept() -> None:
    running = "This form was reviewed by the committee. Ask the pharmacist – Growth Hormone Agents"
    out = render_outline(_read(_TWO_PAGES.format(running=running)))
    assert "reviewed by the committee" in out


# --- a word broken at a hyphen, its head alone on its line, its stop after the rest ------------------------------


def test_a_broken_word_s_stop_goes_with_the_word() -> None:
    """``der-`` alone on its line, then ``matitis.``: the word is written whole with its stop — no ``.`` left alone
    on a line of its own (a paragraph of one stop), whatever the word and the stop."""
    from policyvc.parser.joining import plain_hyphens

    for head, rest, stop in (("der", "matitis", "."), ("inflam", "mation", ";"), ("pso", "riasis", ").")):
        word = head + rest
        text = (
            f"Use in moderate {word} only\nis reviewed when the member has severe\n{head}-\n{rest}{stop}\nNext line\n"
        )
        out = plain_hyphens(text).splitlines()
        assert out[2] == f"{word}{stop}", out
        assert out[3].strip() == "", out
        assert len(out) == len(text.splitlines())  # (lines keep their number)


def test_a_broken_word_s_stop_goes_with_the_word_in_a_viewer_copy() -> None:
    body = (
        "Guselkumab blocks interleukin-23 signalling and is given by injection every eight weeks\n"
        "after two starting doses in adults with moderate-to-severe plaque pso-\nriasis.\n"
    )
    text = (
        "Sample Medicaid PA Criteria\nGuselkumab (Tremfya) for Plaque Psoriasis\nCriteria ID: SM-PA-0412\n"
        "Effective Date: 01/01/2026\nBackground\n"
        "Guselkumab is used for moderate-to-severe plaque psoriasis in adults.\n" + body + _BODY
    )
    out = render_outline(_read(text))
    assert "plaque psoriasis." in out
    assert "\tparagraph\t.\n" not in out


def test_a_hyphen_the_text_never_drops_stays() -> None:
    """``off-`` / ``label.``: the text writes no ``offlabel``, so the hyphen is the word's — kept, stop and all."""
    from policyvc.parser.joining import plain_hyphens

    text = "Doses above the labelled maximum are\noff-\nlabel.\n"
    assert plain_hyphens(text) == text


# --- a web copy's site lines, its breadcrumb trail, a manual's place line --------------------------------------

_WEB_BODY = """Scope
This section sets out when home health aide services are covered for members enrolled in the fee-for-service program.
Criteria
Home health aide services shall be authorized when the member meets all of the following:
(a) The member is homebound as documented by the ordering practitioner within the previous 30 days;
(b) A registered nurse or therapist visit is part of the same plan of care;
(c) The aide's tasks are personal care tasks the member cannot perform without assistance.
"""


def test_a_trail_under_a_site_s_lines_is_its_own_line_and_the_title_below_it_is_read() -> None:
    for site, trail in (
        ("Skip to main content\nOregon.gov  Find a Service\n", "Home › Providers › Manuals › Home Health Aide"),
        ("Accessibility\nState Portal  Agencies\n", "Home > Provider Resources > Program Manuals > Home Health"),
    ):
        policy = _read(
            f"{site}{trail}\nHome Health Aide Services – Prior Authorization Criteria\n"
            "Provider Manual: Home Health Services, Chapter 4\nCriteria Number: HH-0207\n"
            "Effective Date: March 1, 2026\n" + _WEB_BODY
        )
        # (the kind of document after the dash may go: the subject names the document)
        assert policy.header.title in (
            "Home Health Aide Services – Prior Authorization Criteria",
            "Home Health Aide Services",
        ), trail
        assert policy.reference_number == "HH-0207"
        out = render_outline(policy)
        # (the trail is the site's, with the site's lines above it: removed with them, never run into the title)
        assert " ".join(trail.split()) not in out


def test_a_manual_s_place_line_is_never_the_title() -> None:
    policy = _read(
        "Home Health Aide Services\nManual: Home Health Services, Appendix C\nCriteria Number: HH-0207\n"
        "Effective Date: March 1, 2026\n" + _WEB_BODY
    )
    assert policy.header.title == "Home Health Aide Services"


def test_a_comparison_inside_a_wrapped_sentence_is_no_trail() -> None:
    """Comparisons in a sentence's line (``HbA1c > 9% or glucose > 180``): the sentence goes on, no line of its own."""
    text = (
        "Insulin Pumps\nPolicy Number: MP-310\nEffective Date: 01/01/2026\nCriteria\n"
        "A pump is covered when glycaemic control stays poor on injections, shown by an\n"
        "HbA1c > 9% or glucose > 180 mg/dL,\nand the member has completed a structured education programme.\n"
    )
    out = render_outline(_read(text))
    assert "shown by an HbA1c > 9% or glucose > 180 mg/dL, and the member has completed" in out
