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


def test_an_unreadable_region_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(SEED_TEXT.replace("3. Age \\geq 55 years;", "5. Age \\geq 55 years;"), encoding="utf-8")
    result = run_cli("parse", "--recover", str(path))
    assert result.returncode == 1
    assert result.stderr == (
        f"{path}:46-55: error: skipped: marker `5.` is out of sequence in this list: expected `3.` or `a.`\n"
    )
    full = run_cli("parse", str(SEED)).stdout.splitlines()
    got = result.stdout.splitlines()
    # I.A keeps criteria 1 and 2 and its durations; everything after it is whole
    lost = [line for line in full if line not in got]
    assert lost and all(line.startswith("I.A.") for line in lost)
    assert "I.A.2\tjudgment\tPrescribed for use following induction therapy for AML;" in got
    assert any(line.startswith("I.A.duration.Commercial") for line in got)


def test_a_bad_revision_row_costs_only_that_row() -> None:
    text = SEED_TEXT.replace("Added Nevada to Appendix E.\t08.03.21", "Added Nevada to Appendix E.\t02.30.21")
    report = parse_text_report(text, recover=True)
    assert report.partial
    errors = [d for d in report.diagnostics if d.severity == "error"]
    assert len(errors) == 1 and errors[0].line == errors[0].end_line == 324
    assert len(report.policy.revision_log) == len(parse_file(SEED).revision_log) - 1


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
    assert error.page == 2 and error.format("policy.pdf").startswith("policy.pdf:page 2:46-55: error: skipped")


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
