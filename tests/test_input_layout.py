"""``pdftotext -layout`` text: what the column and indentation rules of the text front read back.

Each test is a small hand-made page in the shape ``pdftotext -layout`` gives (a title, a form feed),
run through :func:`policyvc.parser.text_styles.prepare`; the producer tests
(``test_input_producers.py``) check the same rules on real LibreOffice and Chromium PDFs.
"""

from __future__ import annotations

from policyvc.parser.text_styles import prepare

_HEAD = "Clinical Policy: Examplumab (Examplo)\nReference Number: CP.PHAR.999\n"


def _lines(body: str) -> list[str]:
    st = prepare(_HEAD + body + "\n\f", "<test>")
    return [line for line in st.lines if line.strip()]


def test_a_browsers_bulleted_list_comes_back_from_its_indentation() -> None:
    # Chromium draws a <ul>'s bullets as shapes: pdftotext keeps only the indentation
    lines = _lines(
        "Examplo is indicated:\n"
        "      For the treatment of adults with a long named disease of the kind that wraps onto\n"
        "      a second line;\n"
        "      For the treatment of children.\n"
        "Policy/Criteria\n"
    )
    assert lines[2:6] == [
        "Examplo is indicated:",
        "- For the treatment of adults with a long named disease of the kind that wraps onto a second line;",
        "- For the treatment of children.",
        "Policy/Criteria",
    ]


def test_a_hanging_line_of_a_numbered_item_is_not_a_bullet() -> None:
    lines = _lines(
        "VII. References\n"
        "1. Author A, Author B. A title of a paper that is long enough to wrap. J Clin. 2025; 98(1):\n"
        "   1-14.\n"
    )
    assert lines[-1] == (
        "1. Author A, Author B. A title of a paper that is long enough to wrap. J Clin. 2025; 98(1): 1-14."
    )


def test_labelled_paragraphs_of_a_list_are_told_apart() -> None:
    lines = _lines(
        "Appendix C: Contraindications/Boxed Warnings\n"
        "       Contraindication(s): known hypersensitivity to examplumab or any of its excipients\n"
        "       Boxed warning(s): none reported\n"
    )
    assert lines[-2:] == [
        "- Contraindication(s): known hypersensitivity to examplumab or any of its excipients",
        "- Boxed warning(s): none reported",
    ]


def test_a_table_with_a_wrapped_header_padded_rows_and_cells_one_space_apart() -> None:
    lines = _lines(
        "V. Dosage and Administration\n"
        "  Indication                            Dosing Regimen                                   Maximum\n"
        "                                                                                         Dose\n"
        "  AML                                   250 mg/day IV over a 4 hour period               250 mg IV\n"
        "                                        approximately on day 11                          daily\n"
        "\n"
        "  Myeloid reconstitution after 250 mg/day IV over a 2 hour period beginning two          500 mg IV\n"
        "  autologous or allogeneic     hours after bone marrow infusion                          daily\n"
        "  BMT\n"
        "\n"
        "VI. Product Availability\n"
    )
    assert lines[3:6] == [
        "Indication\tDosing Regimen\tMaximum Dose",
        "AML\t250 mg/day IV over a 4 hour period approximately on day 11\t250 mg IV daily",
        "Myeloid reconstitution after autologous or allogeneic BMT\t"
        "250 mg/day IV over a 2 hour period beginning two hours after bone marrow infusion\t500 mg IV daily",
    ]


def test_a_header_cell_in_two_lines_with_columns_a_space_apart() -> None:
    lines = _lines(
        "Appendix E: States with Regulations against Redirections in Cancer\n"
        "  State Step Therapy                  Notes\n"
        "        Prohibited?\n"
        "  FL       Yes                        For stage 4 metastatic cancer.\n"
        "\n"
        "  GA       Yes                        For stage 4 metastatic cancer. Redirection does not refer to\n"
        "                                      review of medical necessity.\n"
    )
    assert lines[-3:] == [
        "State\tStep Therapy Prohibited?\tNotes",
        "FL\tYes\tFor stage 4 metastatic cancer.",
        "GA\tYes\tFor stage 4 metastatic cancer. Redirection does not refer to review of medical necessity.",
    ]


def test_a_table_goes_on_under_its_header_repeated_on_the_next_page() -> None:
    lines = _lines(
        "V. Dosage and Administration\n"
        "Indication                Dosing Regimen                                Maximum Dose\n"
        "\n"
        "BMT                       10 mg/day as an IV infusion no longer         10 mg/day\n"
        "\n"
        "                                        Page 1 of 2\n"
        "\f\n"
        "Indication                 Dosing Regimen                                Maximum Dose\n"
        "\n"
        "                           than 24 hours\n"
        "\n"
        "PBPC collection            10 mcg/kg/day SC for at least 4 days before 10 mcg/kg/day\n"
        "                           the first leukapheresis\n"
        "\n"
        "                                        Page 2 of 2\n"
    )
    assert lines[3:6] == [
        "Indication\tDosing Regimen\tMaximum Dose",
        "BMT\t10 mg/day as an IV infusion no longer than 24 hours\t10 mg/day",
        "PBPC collection\t10 mcg/kg/day SC for at least 4 days before the first leukapheresis\t10 mcg/kg/day",
    ]


def test_paragraphs_inside_a_table_cell() -> None:
    """A line that starts with a capital where the line above had room for its first word starts a
    paragraph (a wrapped line is measured against the column's longest line)."""
    lines = _lines(
        "Appendix B: Therapeutic Alternatives\n"
        "  Drug                     Dosing Regimen                                    Dose Limit/ Maximum Dose\n"
        "  Zarxio (filgrastim-      AML: 5 mcg/kg SC or IV QD                         30 mcg/kg/day\n"
        "  sndz)                    BMT: 10 mcg/kg IV or SC infusion QD\n"
        "                           PBPC collection: 10 mcg/kg SC bolus or infusion\n"
        "                           once daily\n"
        "\n"
        "Appendix C: General Information\n"
    )
    assert lines[4] == (
        "Zarxio (filgrastim-sndz)\t<p>AML: 5 mcg/kg SC or IV QD</p> <p>BMT: 10 mcg/kg IV or SC infusion QD</p> "
        "<p>PBPC collection: 10 mcg/kg SC bolus or infusion once daily</p>\t30 mcg/kg/day"
    )


def test_a_page_range_broken_at_its_hyphen_is_not_a_list_marker() -> None:
    lines = _lines(
        "VII. References\n"
        "1. Author A, Author B. A title of a paper that is long enough to wrap. Horm Res. 2016; 86(6): 361-\n"
        "   397.\n"
        "2. Author C. Another paper. J Clin. 2022.\n"
    )
    assert lines[-2:] == [
        "1. Author A, Author B. A title of a paper that is long enough to wrap. Horm Res. 2016; 86(6): 361-397.",
        "2. Author C. Another paper. J Clin. 2022.",
    ]


def test_a_table_no_rule_knows_is_found_by_its_columns() -> None:
    lines = _lines(
        "IV. Appendices/General Information\n"
        "Appendix B: Therapeutic Alternatives\n"
        "Drug Name                      Dosing Regimen              Dose Limit/ Maximum\n"
        "                                                           Dose\n"
        "Berinert® (C1 esterase         20 IU/kg IV once per        20 IU/kg per attack\n"
        "inhibitor, human)              attack\n"
        "Kalbitor® (ecallantide)        30 mg SC once per attack    60 mg in 24 hours\n"
        "Appendix D: State Market Requirements\n"
        "State                          Requirement                 Notes\n"
        "TX                             Prior authorization         Texas Medicaid only\n"
        "                               request form required\n"
        "NY                             Prescriber attestation\n"
        "V. Dosage and Administration\n"
    )
    assert lines[3:11] == [
        "Appendix B: Therapeutic Alternatives",
        "Drug Name\tDosing Regimen\tDose Limit/ Maximum Dose",
        "Berinert® (C1 esterase inhibitor, human)\t20 IU/kg IV once per attack\t20 IU/kg per attack",
        "Kalbitor® (ecallantide)\t30 mg SC once per attack\t60 mg in 24 hours",
        "Appendix D: State Market Requirements",
        "State\tRequirement\tNotes",
        "TX\tPrior authorization request form required\tTexas Medicaid only",
        "NY\tPrescriber attestation",  # (an empty last cell: the row ends there)
    ]


def test_columns_of_a_numbered_list_are_not_a_table() -> None:
    lines = _lines(
        "IV. Appendices/General Information\n"
        "Appendix D: General Information\n"
        "1.   Because of potential sensitivity of rapidly dividing cells, do not give with chemotherapy.\n"
        "2.   Use with caution in patients with pre-existing fluid retention.\n"
    )
    assert not any("\t" in line for line in lines)


def test_the_running_header_of_a_two_page_policy_goes() -> None:
    # too short for repetition to show it: page 1 carries the title, page 2 the running header
    lines = _lines(
        "Description\n"
        "Examplumab is a drug.\n"
        "\n"
        "                                        Page 1 of 2\n"
        "\fCLINICAL POLICY                                          Examplumab (Examplo)\n"
        "\n"
        "Policy/Criteria\n"
        "It is the policy of health plans that Examplo is medically necessary.\n"
    )
    assert "CLINICAL POLICY" not in " ".join(lines)
    assert lines[-2:] == ["Policy/Criteria", "It is the policy of health plans that Examplo is medically necessary."]


def test_the_rest_of_a_word_broken_at_its_hyphen_is_not_a_list_item() -> None:
    lines = _lines(
        "Description\n"
        "Tocilizumab (Actemra®) and tocilizumab-bavi (Tofidence™) are interleukin-6 (IL-\n"
        "6) receptor antagonists.\n"
    )
    want = "Tocilizumab (Actemra®) and tocilizumab-bavi (Tofidence™) are interleukin-6 (IL-6) receptor antagonists."
    assert lines[-1] == want


def test_layout_text_keeps_its_words_as_written() -> None:
    # -layout text keeps the hyphens at its line ends: no hyphen is "put back" from another spelling
    lines = _lines(
        "Description\n"
        "   1. Member has been prescribed an epinephrine auto-injector and will carry it at all\n"
        "      times, and has been trained in its use;\n"
        "   2. Dose does not exceed 300 mg every 2 weeks.\n"
        "VI. Product Availability\n"
        "Single-dose prefilled autoinjector: 75 mg/0.5 mL, 150 mg/mL\n"
    )
    assert "Single-dose prefilled autoinjector: 75 mg/0.5 mL, 150 mg/mL" in lines
