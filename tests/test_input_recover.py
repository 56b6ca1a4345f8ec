"""``policyvc parse --recover``: the tree of everything readable, one diagnostic per unread region."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED, run_cli

from policyvc.parser import parse_file, parse_text_report

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
