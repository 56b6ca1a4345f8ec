"""Bad input gives one clear message naming the file and line, exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED, run_cli

from policyvc.parser import PolicyError, parse_text

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _cut_after(text: str, marker: str) -> str:
    return text[: text.index(marker) + len(marker)]


def _fails(path: Path, *needles: str) -> str:
    result = run_cli("parse", str(path))
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"error: {path}"), first
    for needle in needles:
        assert needle in result.stderr, result.stderr
    return result.stderr


def test_truncated_inside_section_one(tmp_path: Path) -> None:
    text = _cut_after(SEED_TEXT, "has failed;\n2. Age ≥ 2 years;\n")  # inside I.C
    err = _fails(_write(tmp_path, "truncated.txt", text), "unexpected end of file inside section I")
    assert f"{tmp_path / 'truncated.txt'}:88:" in err


def test_roman_item_with_no_lettered_parent(tmp_path: Path) -> None:
    text = SEED_TEXT.replace(
        "3. Age \\geq 55 years;\n",
        "3. Age \\geq 55 years (i or ii):\n - i. first;\n - ii. second;\n",
    )
    err = _fails(_write(tmp_path, "roman.txt", text), "roman item `i.` has no lettered parent")
    assert ":47:" in err and "i. first;" in err


def test_markers_out_of_sequence(tmp_path: Path) -> None:
    text = SEED_TEXT.replace("3. Age \\geq 55 years;", "2b. Age \\geq 55 years;").replace("2b. Age", "4. Age", 1)
    # I.A now runs 1., 2., 4., 4. …
    err = _fails(_write(tmp_path, "sequence.txt", text), "marker `4.` is out of sequence", "expected `3.`")
    assert ":46:" in err


def test_set_letters_out_of_sequence(tmp_path: Path) -> None:
    text = SEED_TEXT.replace("C. Bone Marrow Transplantation", "D. Bone Marrow Transplantation")
    _fails(_write(tmp_path, "sets.txt", text), "criteria set `D.` is out of sequence: expected `C.`", ":82:")


def test_garbage_bytes(tmp_path: Path) -> None:
    _fails(_write(tmp_path, "garbage.txt", bytes(range(256)) * 4), "not a text policy")


def test_invalid_utf8(tmp_path: Path) -> None:
    data = SEED_TEXT.encode("utf-8").replace(b"Sargramostim", b"Sargramostim\xff", 1)
    _fails(_write(tmp_path, "latin.txt", data), "not UTF-8 text", ":3")


def test_empty_file(tmp_path: Path) -> None:
    _fails(_write(tmp_path, "empty.txt", ""), "the file is empty")
    _fails(_write(tmp_path, "blank.txt", "\n\n   \n"), "the file is empty")


def test_text_that_is_no_policy(tmp_path: Path) -> None:
    text = "Dear colleague,\n\nPlease find the minutes of Tuesday's meeting below.\n"
    _fails(_write(tmp_path, "letter.txt", text), "expected the title line `Clinical Policy: <drug>`", ":1:1")


def test_bad_revision_date(tmp_path: Path) -> None:
    text = SEED_TEXT.replace("Added Nevada to Appendix E.\t08.03.21", "Added Nevada to Appendix E.\t02.30.21")
    _fails(_write(tmp_path, "date.txt", text), "expected a revision date as MM.DD.YY", "02.30.21", ":324")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    _fails(tmp_path / "nope.txt", "no such file")
    result = run_cli("parse", str(tmp_path))
    assert result.returncode == 2 and "is a directory" in result.stderr


def test_a_broken_pdf_is_refused_clearly(tmp_path: Path) -> None:
    # PDFs are read (tests/test_pdf_roundtrip.py); one with no body is an input error, not a crash
    _fails(_write(tmp_path, "policy.pdf", b"%PDF-1.7\n%...\n"), "cannot read this PDF")


def test_usage_errors_exit_two() -> None:
    assert run_cli("parse").returncode == 2
    assert run_cli("parse", str(SEED), "--format", "yaml").returncode == 2
    assert run_cli("no-such-command").returncode == 2


def test_wrapped_line_continues_the_item_above() -> None:
    text = SEED_TEXT.replace(
        "2. Prescribed for use following induction therapy for AML;",
        "2. Prescribed for use following induction\ntherapy for AML;",
    )
    policy = parse_text(text)
    node = policy.sections[0].sets[0].criteria[1]
    assert node.text == "Prescribed for use following induction therapy for AML;"


def test_errors_are_policy_errors_in_the_api() -> None:
    with pytest.raises(PolicyError) as info:
        parse_text("Clinical Policy: X (Y)\n", source="x.txt")
    assert info.value.source == "x.txt" and info.value.line is not None
    assert "expected" in str(info.value)


def test_a_wrapped_line_starting_with_a_word_and_a_period_stays_text() -> None:
    text = SEED_TEXT.replace(
        "Lyophilized powder: 250 mcg single-dose vial",
        "Lyophilized powder: 250 mcg single-dose\nvial. Store refrigerated",
    )
    (product,) = parse_text(text).availability
    assert product.detail == "250 mcg single-dose vial. Store refrigerated"


def test_absurd_nesting_is_an_input_error_not_a_crash(tmp_path: Path) -> None:
    ladder = ["1.", "a.", "i.", "1)", "a)", "i)", "(1)", "(a)", "(i)"]
    deep = "".join(f"{ladder[d % 9]} Level {d} (all of the following):\n" for d in range(200))
    text = SEED_TEXT.replace("1. Diagnosis of AML;\n", deep + "2. Diagnosis of AML;\n", 1)
    _fails(_write(tmp_path, "deep.txt", text), "criteria nested deeper than 64 levels")
