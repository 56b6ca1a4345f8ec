"""Text styles into the grammar's line form: copied (flattened) text, markdown variants, junk before the
title, page furniture in text.  Each parses to exactly the tree of the clean text."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import POLICIES, SEED, run_cli
from docgen import flattened

from policyvc.parser import parse_file, parse_text, parse_text_report

SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def clean() -> dict[str, object]:
    return {name: parse_file(path) for name, path in POLICIES.items()}


@pytest.mark.parametrize("name", sorted(POLICIES))
def test_flattened_copy_paste(name: str, clean: dict[str, object]) -> None:
    text = flattened(POLICIES[name])
    assert any(len(line) > 600 for line in text.splitlines())  # whole criteria sets on one line
    report = parse_text_report(text)
    assert report.policy == clean[name]
    assert any("run together" in d.message for d in report.diagnostics)


@pytest.mark.parametrize("bullet", ["•", "\uf0b7", "o", "▪"])
def test_bullet_variants(bullet: str, clean: dict[str, object]) -> None:
    assert parse_text(flattened(POLICIES["seed"], bullet=bullet)) == clean["seed"]


def test_bold_headings(clean: dict[str, object]) -> None:
    text = SEED_TEXT
    for head in ("Description", "FDA Approved Indication(s)", "Policy/Criteria", "I. Initial Approval Criteria"):
        text = text.replace(f"\n{head}\n", f"\n**{head}**\n", 1)
    assert text.count("**Description**") == 1
    assert parse_text(text) == clean["seed"]


def test_a_sentence_with_a_letter_and_period_is_not_split() -> None:
    # "Hepatitis B." and "vitamin D. " are no set markers: the sequence (and the sentence) says so
    text = SEED_TEXT.replace(
        "1. Diagnosis of AML;", "1. Diagnosis of AML; member tested for hepatitis B. and vitamin D. levels 2. weekly;"
    )
    policy = parse_text(text)
    first = policy.sections[0].sets[0].criteria[0]
    assert first.text.endswith("vitamin D. levels 2. weekly;")


def test_junk_before_the_title_is_skipped_and_reported(tmp_path: Path, clean: dict[str, object]) -> None:
    junk = "Skip to main content\nHome > Providers > Clinical Policies\nSearch\n\nAccept cookies\n\n"
    path = tmp_path / "scraped.txt"
    path.write_text(junk + "Menu Clinical Policy: Sargramostim (Leukine)" + SEED_TEXT.split("(Leukine)", 1)[1])
    result = run_cli("parse", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == run_cli("parse", str(SEED)).stdout
    assert "scraped.txt:1-5: warning: skipped 4 line(s) before the title" in result.stderr
    assert "scraped.txt:7: warning: skipped `Menu` before the title" in result.stderr


def test_criteria_written_as_dashes_get_their_numbers(clean: dict[str, object]) -> None:
    import re

    out, in_criteria = [], False
    for line in SEED_TEXT.split("\n"):
        if re.match(r"^(I|II|III)\. ", line):
            in_criteria = True
        elif re.match(r"^(IV|V|VI|VII)\. ", line):
            in_criteria = False
        if in_criteria:
            line = re.sub(r"^\d{1,2}\. ", "- ", line)  # 1. → "- "
            line = re.sub(r"^ ?- (?:i|ii|iii|iv|v|vi)\. ", "        - ", line)  # i. → indented twice
            line = re.sub(r"^ ?- [a-h]\. ", "    - ", line)  # a. → indented once
        out.append(line)
    text = "\n".join(out)
    assert "\n- Diagnosis of AML;" in text and "\n    - Request is for treatment" in text
    report = parse_text_report(text)
    assert report.policy == clean["seed"]
    assert any("written as `- ` items" in d.message for d in report.diagnostics)


def _pdftotext_like(text: str) -> str:
    """The seed as reading-order pdftotext gives its prose: every paragraph hard-wrapped at 80
    characters, no blank lines between paragraphs, a running header and ``Page N of M`` on each of
    three pages (tables stay tab-separated rows here)."""
    import textwrap

    from policyvc.renderer.text import render_text

    blocks = [b for b in render_text(parse_text(text)).split("\n") if b.strip()]
    lines: list[str] = []
    for b in blocks:
        lines += [b] if "\t" in b else textwrap.wrap(b, 80, break_on_hyphens=False)  # (tables kept as rows)
    pages = [lines[: len(lines) // 3], lines[len(lines) // 3 : 2 * len(lines) // 3], lines[2 * len(lines) // 3 :]]
    return "\f".join(
        "\n".join(["CLINICAL POLICY", "Sargramostim (Leukine)", *page, "", f"Page {n} of 3", ""])
        for n, page in enumerate(pages, start=1)
    )


def test_a_wrapped_title_and_a_section_marker_alone_on_its_line() -> None:
    text = SEED_TEXT.replace(
        "Clinical Policy: Sargramostim (Leukine)",
        "Clinical Policy: Sargramostim (Leukine, Leukine Lyophilized Powder for Injection, Leukine Solution)",
    )
    want = parse_text(text)
    flat = _pdftotext_like(text)
    assert "\nLyophilized" in flat or "\nSolution)" in flat or "\nInjection," in flat  # the title wraps
    flat = flat.replace("\nI. Initial Approval Criteria\n", "\nI.\n\nInitial Approval Criteria\n")
    got = parse_text(flat)
    assert got.header == want.header
    assert got.sections == want.sections


def _prepared(text: str) -> str:
    from policyvc.parser.text_styles import prepare

    return prepare(text, "<test>").text


def test_reading_order_hyphens_dropped_at_line_ends_come_back() -> None:
    text = (
        "Clinical Policy: Drug\n"
        "1. Dose is supported by peer-reviewed literature for the relevant off-label use;\n"
        "2. A second offlabel use, by peerreviewed literature, a moderate-tosevere case;\n"
        "3. A moderate-to-severe disease, 12 months, 1-2 doses.\n\f"
    )
    got = _prepared(text)
    assert "second off-label use, by peer-reviewed literature, a moderate-to-severe case" in got
    assert "12 months, 1-2 doses" in got  # numbers alone are not words broken at a line end


def test_reading_order_a_word_hyphenated_two_ways_is_left_alone() -> None:
    text = "Clinical Policy: Drug\nco-op and coo-p are both written;\nso coop stays.\n\f"
    assert "so coop stays." in _prepared(text)


def _pages(*bodies: str) -> str:
    """Reading-order pdftotext pages: a running header of two lines, the body, ``Page N of M``."""
    n = len(bodies)
    return "".join(
        f"CLINICAL POLICY\n\nDrug (Brand)\n\n{body}\n\nPage {i} of {n}\n\f" for i, body in enumerate(bodies, start=1)
    )


def test_reading_order_a_running_header_under_a_column_of_markers_goes() -> None:
    text = "Clinical Policy: Drug (Brand)\n" + _pages(
        "1. First criterion of the set;\n2. Second one, which goes on to the next page, unless",
        "contraindicated;\n3.\n4.\n\nDrug (Brand)\n\nThird criterion;\nFourth criterion.",  # (pushed down)
        "B. Another set (must meet all):\n1. A criterion.",
    )
    got = _prepared(text)
    assert got.count("Drug (Brand)") == 1  # the title's
    assert "3. Third criterion;" in got and "4. Fourth criterion." in got  # the markers not taken for furniture


def test_reading_order_words_a_justified_line_spaced_apart_go_back() -> None:
    line = "a. Member has a documented absolute neutrophil count on three separate occasions;"
    text = (
        "Clinical Policy: Drug\n"
        + "\n".join(
            [line] * 6
            + [
                "1. Prescribed for use following suspected or confirmed",
                "myelosuppressive doses of radiation (> 2 gray);",
                "2. Dose does not exceed 10 mcg/kg SC daily.",
                "",
                "acute",
                "",
                "exposure",
                "",
                "to",
                "",
                "Approval duration: 3 months",
            ]
        )
        + "\n\f"
    )
    got = _prepared(text)
    assert "1. Prescribed for use following suspected or confirmed acute exposure to myelosuppressive doses" in got
    assert "2. Dose does not exceed 10 mcg/kg SC daily.\n" in got


def test_reading_order_a_running_header_pushed_down_by_text_goes() -> None:
    pages = _pages(
        "1. First criterion of the set;\n2. Second one, which goes on to the next page, unless",
        "contraindicated;\n3. Third criterion;\n4. Fourth criterion.\n\nDrug (Brand)\n\nApproval duration: 3 months",
        "B. Another set (must meet all):\n1. A criterion.",
        "C. A third set (must meet all):\n1. A criterion.",
    ).split("\f")
    pages[1] = pages[1].replace("Drug (Brand)\n\n", "", 1)  # the page's header line comes after its text
    text = "Clinical Policy: Drug (Brand)\n" + "\f".join(pages)
    got = _prepared(text)
    assert got.count("Drug (Brand)") == 1  # the title's
    assert "4. Fourth criterion.\n\nApproval duration: 3 months" in got


def test_reading_order_a_list_printed_without_its_bullets_gets_them() -> None:
    text = (
        "Clinical Policy: Drug\nFDA Approved Indication(s)\nDrug is indicated:\n"
        "Limitation(s) of use: Drug is not indicated for the treatment of adults.\n"
        "For the treatment of adult patients with a long disease name that wraps at the end of the\n"
        "line (AD); For the treatment of a second disease in the same line, joined by pdftotext;\n"
        "For the treatment of a third disease.\n\nPolicy/Criteria\nProvider must submit documentation.\n\f"
    )
    got = _prepared(text)
    assert "\n\n- line (AD);" not in got and "the end of the line (AD);\n\n- For the treatment of a second" in got
    assert "\n\n- For the treatment of adult patients" in got and "\n\n- For the treatment of a third disease." in got
    assert "\n\nLimitation(s) of use:" in got and "\n\nDrug is indicated:" in got  # not items
    assert "\n\nProvider must submit" in got


def test_reading_order_a_list_is_not_bulleted_where_bullets_are_seen() -> None:
    text = (
        "Clinical Policy: Drug\nFDA Approved Indication(s)\nDrug is indicated:\n"
        "• For the treatment of adult patients;\nA paragraph after the list.\n\f"
    )
    assert "- A paragraph" not in _prepared(text)


def test_reading_order_a_capital_inside_a_lower_case_word_had_a_hyphen() -> None:
    text = "Clinical Policy: Drug\n1. Patients with nonHodgkin's lymphoma, mRNA, eGFR and CRSwNP.\n\f"
    assert "non-Hodgkin's lymphoma, mRNA, eGFR and CRSwNP." in _prepared(text)


def test_reading_order_a_capitalised_word_takes_the_hyphen_it_lost_in_lower_case() -> None:
    text = "Clinical Policy: Drug\nWeight-based dose SC;\n1. Members on daily weightbased dose limits.\n\f"
    assert "daily weight-based dose limits." in _prepared(text)


_LOG_HEAD = "Reviews, Revisions, and Approvals\n\nDate\n\nP&T Approval\nDate\n\n"


def _log(body: str) -> list[tuple[str, str, str]]:
    """The revision log rows prepared from a reading-order body under the table's header."""
    got = _prepared(f"Clinical Policy: Drug\n\n{_LOG_HEAD}{body}\n\nImportant Reminder\nThis policy.\n\f")
    rows = [tuple([*line.split("\t"), ""][:3]) for line in got.split("\n") if "\t" in line]
    assert rows[0] == ("Reviews, Revisions, and Approvals", "Date", "P&T Approval Date")
    return rows[1:]  # type: ignore[return-value]


def test_reading_order_revision_log_p_and_t_dates_gathered_at_a_page_end() -> None:
    body = (
        "Policy created.\n\n01.05.21\n\n08.21\n\nAdded a state.\n\n03.02.22\n\n"
        "2Q 2022 annual review: no significant\n05.04.22\nchanges; references reviewed and updated.\n\n"
        "Template changes applied.\n\n09.23.22\n\n"
        "2Q 2023 annual review: no significant changes.\n\n04.18.23\n\n"
        "Page 1 of 2\n\n08.22\n\n08.23"
    )
    assert _log(body) == [
        ("Policy created.", "01.05.21", "08.21"),
        ("Added a state.", "03.02.22", ""),
        ("2Q 2022 annual review: no significant changes; references reviewed and updated.", "05.04.22", "08.22"),
        ("Template changes applied.", "09.23.22", ""),  # 08.22 does not come after it
        ("2Q 2023 annual review: no significant changes.", "04.18.23", "08.23"),
    ]


def test_reading_order_revision_log_a_description_finished_after_the_next_page_rows() -> None:
    body = (
        "Added PN indication; lowered the age limit per 10.11.22\n\n"
        f"{_LOG_HEAD}"  # the header, repeated on the next page
        "4Q 2023 annual review: references reviewed and updated.\n\n08.08.23 11.23\n\n"
        "updated prescribing information."
    )
    assert _log(body) == [
        ("Added PN indication; lowered the age limit per updated prescribing information.", "10.11.22", ""),
        ("4Q 2023 annual review: references reviewed and updated.", "08.08.23", "11.23"),
    ]


def test_reading_order_an_appendix_printed_without_its_bullets_gets_them() -> None:
    text = (
        "Clinical Policy: Drug\nDescription\nDrug is a long-acting recombinant human growth hormone analog given\n"
        "once weekly by subcutaneous injection to children and adults with growth hormone deficiency.\n"
        "Appendix A: Abbreviation/Acronym Key\nFDA: Food and Drug Administration\n"
        "SC: subcutaneous\nAppendix B: Therapeutic Alternatives\nThis table lists the alternatives.\n"
        "Appendix D: General Information\nThe drug is given once weekly.\nDoses over 30 mg are divided.\n\f"
    )
    got = _prepared(text)
    assert "\n\n- FDA: Food and Drug Administration\n\n- SC: subcutaneous\n\n" in got
    assert "\n\nThis table lists the alternatives.\n\n" in got  # one paragraph: not a list
    assert "\n\n- The drug is given once weekly.\n\n- Doses over 30 mg are divided." in got


def test_reading_order_table_cells_either_side_of_a_page_break_stay_apart() -> None:
    text = (
        "Clinical Policy: Drug\n\nHCPCS Codes\n\nDescription\n\nJ1442\n\nInjection, drug, 1 microgram\n\n"
        "Q5110\n\nInjection, drug-aafi, 1 microgram\n\nPage 1 of 2\n\fQ5125\n\nInjection, drug-ayow, 1 microgram\n\n"
        "Important Reminder\nThis policy.\n\nPage 2 of 2\n\f"
    )
    rows = [line for line in _prepared(text).split("\n") if "\t" in line]
    assert rows[-2:] == ["Q5110\tInjection, drug-aafi, 1 microgram", "Q5125\tInjection, drug-ayow, 1 microgram"]


def test_reading_order_a_page_range_broken_at_a_line_end_gets_its_hyphen() -> None:
    text = (
        "Clinical Policy: Drug\nVII. References\n1. Author A. A study. J Med. 2016; 86(6): 361397.\n\n"
        "2. Author B. A trial. J Clin Metab. 2022; 107(7): e2717e2728.\n\n"
        "3. Author C. A review. Horm Res. 2025; 98(1): 1-14.\n\n"
        "4. Author D. An article. Sci Rep. 2020; 10: 345123.\n\f"
    )
    got = _prepared(text)
    assert "86(6): 361-397." in got and "107(7): e2717-e2728." in got
    assert "10: 345123." in got  # the halves the wrong way round: an article number


def test_reading_order_page_ranges_need_a_range_written_elsewhere() -> None:
    text = "Clinical Policy: Drug\nVII. References\n1. Author A. A study. J Med. 2016; 86(6): 361397.\n\f"
    assert "86(6): 361397." in _prepared(text)


def test_reading_order_a_row_at_a_page_end_and_a_cell_going_on_to_the_next_page() -> None:
    text = (
        "Clinical Policy: Drug\n\nV. Dosage and Administration\n\nIndication\n\nDosing Regimen\n\nMaximum Dose\n\n"
        "CRSwNP\n\n300 mg SC every 2 weeks\n\n300 mg every 2\nweeks\n\nPage 1 of 2\n\f"
        "EoE\n\n200 mg SC every 2 weeks; 300 mg SC every\n\nPage 2 of 2\n\fweek\n\n300 mg every week\n\n"
        "VI. Product Availability\n\nVials: 300 mg\n\f"
    )
    rows = [line for line in _prepared(text).split("\n") if "\t" in line]
    assert rows[1:] == [
        "CRSwNP\t300 mg SC every 2 weeks\t300 mg every 2 weeks",
        "EoE\t200 mg SC every 2 weeks; 300 mg SC every week\t300 mg every week",
    ]


def test_reading_order_a_lone_word_of_a_justified_line_goes_back_before_the_line_going_on() -> None:
    line = "- Member has a documented absolute neutrophil count on three separate occasions;"
    text = (
        "Clinical Policy: Drug\n"
        + "\n".join(
            [line] * 6
            + [
                "• Contraindication(s): history of serious allergic reactions to human",
                "colony-stimulating factors such as filgrastim or pegfilgrastim products",
                "• Boxed warning(s): none reported",
                "",
                "granulocyte",
                "",
                "Appendix D: General Information",
            ]
        )
        + "\n\f"
    )
    got = _prepared(text)
    assert "to human granulocyte colony-stimulating factors such as filgrastim or pegfilgrastim products\n" in got


def test_layout_text_is_not_read_as_reading_order() -> None:
    from policyvc.parser.reading_order import reading_order

    layout = ["Indication        Dosing Regimen       Maximum Dose", "   1. Diagnosis of AML;", "plain line"]
    assert not reading_order(layout)
    assert reading_order(["Indication", "Dosing Regimen", "1. Diagnosis of AML;", "2. Age ≥ 18;", "3. Dose;", "a b  c"])


def test_reading_order_header_cells_sharing_a_line_under_a_heading() -> None:
    text = (
        "Clinical Policy: Drug\n\nAppendix E: States with Regulations against Redirections in Cancer\n"
        "State Step Therapy\nProhibited?\n\nNotes\n\nFL\n\nYes\n\nFor stage 4 metastatic cancer.\n\n"
        "GA\n\nYes\n\nFor stage 4 cancer.\n\nV. Dosage and Administration\n\f"
    )
    rows = [line for line in _prepared(text).split("\n") if "\t" in line]
    assert rows == [
        "State\tStep Therapy Prohibited?\tNotes",
        "FL\tYes\tFor stage 4 metastatic cancer.",
        "GA\tYes\tFor stage 4 cancer.",
    ]


def test_reading_order_an_acronym_or_a_stem_run_into_the_next_word_had_a_hyphen() -> None:
    text = (
        "Clinical Policy: Drug\n1. Dose does not exceed the FDAapproved dose for NSAIDs and RNAi;\n"
        "2. It inhibits interleukin-4 (IL-4) and interleukin13 (IL-13) signalling, not IgG4 or CD20.\n\f"
    )
    got = _prepared(text)
    assert "the FDA-approved dose for NSAIDs and RNAi;" in got
    assert "interleukin-4 (IL-4) and interleukin-13 (IL-13) signalling, not IgG4 or CD20." in got


def test_reading_order_a_key_cell_right_under_the_cell_before() -> None:
    text = (
        "Clinical Policy: Drug\n\nAppendix E: States with Regulations against Redirections in Cancer\n\n"
        "State\n\nStep Therapy Prohibited?\n\nNotes\n\nNV\n\nYes\n\nStage 3 and stage 4 cancer\npatients\nOH\n\n"
        "Yes\n\nFor stage 4 metastatic cancer\n\nV. Dosage and Administration\n\f"
    )
    rows = [line for line in _prepared(text).split("\n") if "\t" in line]
    assert rows[1:] == ["NV\tYes\tStage 3 and stage 4 cancer patients", "OH\tYes\tFor stage 4 metastatic cancer"]
