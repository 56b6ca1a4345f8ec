"""``policyvc parse --recover``: the tree of everything readable, one diagnostic per unread region."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED, run_cli

from policyvc.errors import PolicyError
from policyvc.parser import parse_file, parse_text_report
from policyvc.parser.recover import recover
from policyvc.parser.template_spec import Template

SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_without_the_flag_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(SEED_TEXT.replace("3. Age \\geq 55 years;", "5. Age \\geq 55 years;"), encoding="utf-8")
    result = run_cli("parse", str(path))
    assert result.returncode == 2 and result.stdout == ""


def test_an_unreadable_region_is_named_and_every_line_kept(tmp_path: Path) -> None:
    # (recovery never drops text: where the family's grammar sets a region aside, the region's text is kept in
    # its place, named, and everything else keeps the grammar's typed reading)
    path = tmp_path / "bad.txt"
    path.write_text(SEED_TEXT.replace("3. Age \\geq 55 years;", "5. Age \\geq 55 years;"), encoding="utf-8")
    result = run_cli("parse", "--recover", str(path))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        f"{path}:46-55: error: not read as a centene-pharmacy policy here inside the criteria (marker `5.` is out of"
        " sequence in this list: expected `3.` or `a.`): its text kept unread as `unread1`, every line in its place;"
        " the rest read as the policy"
    ]
    got = {line.split("\t")[2] for line in result.stdout.splitlines() if line.count("\t") >= 2}
    full = run_cli("parse", str(SEED)).stdout.splitlines()
    # every criterion of I.A, the region's too, is there (``Age ≥ 55 years;`` under its own number)
    criteria = [line.split("\t")[2] for line in full if line.startswith("I.A.") and ".duration." not in line]
    assert criteria and all(text in got for text in criteria)
    assert "Age ≥ 55 years;" in got


def test_a_bad_revision_row_is_named_and_kept() -> None:
    text = SEED_TEXT.replace("Added Nevada to Appendix E.\t08.03.21", "Added Nevada to Appendix E.\t02.30.21")
    report = parse_text_report(text, recover=True)
    assert report.partial
    errors = [d for d in report.diagnostics if d.severity == "error"]
    assert len(errors) == 1 and errors[0].line == errors[0].end_line == 324
    assert "02.30.21" in errors[0].message
    from policyvc.renderer.outline import render_outline

    assert "Added Nevada to Appendix E." in render_outline(report.policy)  # (the row's text is kept)


def test_a_clean_file_with_recover_is_exit_0() -> None:
    result = run_cli("parse", "--recover", str(SEED))
    assert result.returncode == 0 and result.stderr == ""


def test_a_text_that_states_nothing_of_a_policy_is_read_with_an_error_under_recover(tmp_path: Path) -> None:
    # (a web copy of a real policy may state no label the reader knows: asked to recover, it gives the tree
    # it can read, never nothing — and says it is unsure; strict reading still refuses)
    path = tmp_path / "letter.txt"
    path.write_text("Site menu  Find a doctor\n\nDear colleague,\n\nThe minutes follow.\n", encoding="utf-8")
    strict = run_cli("parse", str(path))
    assert strict.returncode == 2 and "expected the title line" in strict.stderr
    result = run_cli("parse", "--recover", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path}:1: error: no title label, identifier, date or policy headings found" in result.stderr
    assert "front.p2\tparagraph\tDear colleague," in result.stdout.replace("\r", "")


def test_a_pdf_region_is_named_by_its_page() -> None:
    from policyvc.parser import parse_extraction_report
    from policyvc.parser.pdf import Extraction, LineOrigin

    text = SEED_TEXT.replace("3. Age \\geq 55 years;", "5. Age \\geq 55 years;")
    lines = text.split("\n")
    origins = tuple(LineOrigin(1 + k // 40, 72.0, 100.0, 540.0, 110.0) for k in range(len(lines)))
    report = parse_extraction_report(Extraction(text, origins, 1 + len(lines) // 40), "policy.pdf", recover=True)
    (error,) = [d for d in report.diagnostics if d.severity == "error"]
    assert error.page == 2 and error.format("policy.pdf").startswith("policy.pdf:page 2:46-55: error: not read as")


def test_a_text_cut_short_before_its_revision_log_ends_with_an_empty_one() -> None:
    # (the family's grammar needs a revision log: recovery gives it the header the template declares, no rows)
    cut = SEED_TEXT[: SEED_TEXT.index("Reviews, Revisions")].rstrip()
    report = parse_text_report(cut, recover=True)
    errors = [d for d in report.diagnostics if d.severity == "error"]
    assert len(errors) == 1 and "the text ends early" in errors[0].message
    assert report.policy.revision_log == () and report.policy.header == parse_file(SEED).header


def _ends_with(ending: str) -> Callable[[str], str]:
    """A parse that reads a text only when its last line is ``ending`` (the end of file it reports otherwise)."""

    def parse(text: str) -> str:
        last = [line for line in text.split("\n") if line.strip()][-1]
        if last != ending:
            raise PolicyError("unexpected end of file inside the body", line=text.count("\n") + 1)
        return text

    return parse


def test_the_history_that_ends_a_text_cut_short_is_the_template_s_own() -> None:
    # (recovery writes no family's words of its own: the header row comes from the template's declarations)
    text = "Title\n\nBody text"
    template = Template("other", "another family", history_header=("Change Log", "Date"))
    read, found = recover(text, _ends_with("Change Log\tDate"), template)
    assert read.endswith("\nChange Log\tDate\n") and len(found) == 1
    # (a history the text has already: none added — the parse's own error stands)
    with pytest.raises(PolicyError):
        recover("Title\n\nCHANGE LOG\tDate\n01/02/2026\tNew.", _ends_with("Change Log\tDate"), template)
    # (a template declaring no history table: nothing written after the text)
    with pytest.raises(PolicyError):
        recover(text, _ends_with("Change Log\tDate"), Template("bare", "no history"))


def test_a_history_heading_the_text_already_has_is_not_written_again() -> None:
    template = Template("other", "another family", history_header=("Reviews, Revisions, and Approvals", "Date"))
    for heading in ("Reviews, Revisions and Approvals\tDate", "REVIEWS, REVISIONS, AND", "Reviews, Revisions, and"):
        with pytest.raises(PolicyError):
            recover(f"Title\n\n{heading}", _ends_with("Reviews, Revisions, and Approvals\tDate"), template)


def _sections_after_iii(*sections: list[str]) -> str:
    """The seed with its sections IV–VII replaced by ``sections`` (each its heading line and its lines)."""
    lines = SEED_TEXT.split("\n")
    start, end = lines.index("IV. Appendices/General Information"), lines.index("VII. References")
    references = lines[end + 1 :]
    return "\n".join([*lines[:start], *(line for s in sections for line in s), *references])


def test_sections_the_family_does_not_know_keep_every_line() -> None:
    # (a plan's own sections after III — ``IV. Quantity Limits`` with its table, then ``V. References`` where the
    # family writes VII — the plan's section is read as a section of its own, with a note, its text never dropped;
    # ``V. References`` is the family's section VII read by its title, its references typed under the family's id)
    from policyvc.renderer.outline import render_outline

    for sections in (
        (["IV. Quantity Limits", "Product\tQuantity Limit", "Leukine 250 mcg vial\t1 vial per day", ""],
         ["V. References"]),
        (["IV. Monitoring", "Check a complete blood count twice weekly during therapy.", ""], ["V. References"]),
    ):  # fmt: skip
        report = parse_text_report(_sections_after_iii(*sections), recover=True)
        out = render_outline(report.policy)
        assert not report.partial and any("not a section the" in d.message for d in report.diagnostics)
        for line in (x for x in sections[0] if x):
            for cell in line.split("\t"):
                assert cell in out, cell
        assert [p.section.title for p in report.policy.plan_sections] == [sections[0][0].removeprefix("IV. ")]
        assert "Leukine Prescribing Information" in out and "Drugs and Biologics Compendium" in out
        assert report.policy.references and "\nVII.1\treference\t" in out


def test_a_clean_family_policy_is_still_read_by_its_grammar() -> None:
    # must NOT change: nothing set aside, the family's tree (``I.A``), no error
    report = parse_text_report(SEED_TEXT, recover=True)
    assert not report.partial and report.policy.sections[0].id == "I"
