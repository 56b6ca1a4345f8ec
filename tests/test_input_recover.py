"""``policyvc parse --recover``: the tree of everything readable, one diagnostic per unread region."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED, run_cli

from policyvc.parser import parse_text_report

SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_without_the_flag_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(SEED_TEXT.replace("3. Age \\geq 55 years;", "5. Age \\geq 55 years;"), encoding="utf-8")
    result = run_cli("parse", str(path))
    assert result.returncode == 2 and result.stdout == ""


def test_an_unreadable_region_is_named_and_every_line_kept(tmp_path: Path) -> None:
    # (recovery never drops text: where the family's grammar would set a region aside, the outline reads the
    # whole text and the region is named)
    path = tmp_path / "bad.txt"
    path.write_text(SEED_TEXT.replace("3. Age \\geq 55 years;", "5. Age \\geq 55 years;"), encoding="utf-8")
    result = run_cli("parse", "--recover", str(path))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        f"{path}:46-55: error: not read as a centene-pharmacy policy here (marker `5.` is out of sequence in this"
        " list: expected `3.` or `a.`): the whole text read by its outline instead, every line kept"
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


def _sections_after_iii(*sections: list[str]) -> str:
    """The seed with its sections IV–VII replaced by ``sections`` (each its heading line and its lines)."""
    lines = SEED_TEXT.split("\n")
    start, end = lines.index("IV. Appendices/General Information"), lines.index("VII. References")
    references = lines[end + 1 :]
    return "\n".join([*lines[:start], *(line for s in sections for line in s), *references])


def test_sections_the_family_does_not_know_keep_every_line() -> None:
    # (a plan's own sections after III — ``IV. Quantity Limits`` with its table, then ``V. References`` where the
    # family writes VII — the grammar reads ``V.`` as a criteria set out of sequence: the text is never dropped)
    from policyvc.renderer.outline import render_outline

    for sections in (
        (["IV. Quantity Limits", "Product\tQuantity Limit", "Leukine 250 mcg vial\t1 vial per day", ""],
         ["V. References"]),
        (["IV. Monitoring", "Check a complete blood count twice weekly during therapy.", ""], ["V. References"]),
    ):  # fmt: skip
        report = parse_text_report(_sections_after_iii(*sections), recover=True)
        out = render_outline(report.policy)
        assert report.partial and any("read by its outline instead" in d.message for d in report.diagnostics)
        for line in (x for s in sections for x in s if x):
            for cell in line.removeprefix("IV. ").removeprefix("V. ").split("\t"):
                assert cell in out, cell
        assert "Leukine Prescribing Information" in out and "Drugs and Biologics Compendium" in out


def test_a_clean_family_policy_is_still_read_by_its_grammar() -> None:
    # must NOT change: nothing set aside, the family's tree (``I.A``), no error
    report = parse_text_report(SEED_TEXT, recover=True)
    assert not report.partial and report.policy.sections[0].id == "I"
