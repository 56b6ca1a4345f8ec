"""Input hygiene through the real entry point: invisible characters, encodings, size caps, the title first."""

from __future__ import annotations

import time
from pathlib import Path

from conftest import SEED, run_cli

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _outline(path: Path, env: dict[str, str] | None = None) -> str:
    result = run_cli("parse", str(path), env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_invisible_format_characters_are_removed_and_counted(tmp_path: Path) -> None:
    expected = _outline(SEED)
    text = (
        SEED_TEXT.replace("1. Diagnosis of AML;", "\u200f1. Diagnosis\u2060 of AML;")
        .replace("2. Prescribed for use", "\u202a2.\u202c Prescribed\u200c for use")
        .replace("Leukine is indicated:", "Leukine\u200e is\ufeff indicated\u202e:\u202d")
    )
    result = run_cli("parse", str(_write(tmp_path, "marks.txt", text)))
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected
    assert "removed 9 invisible format character(s)" in result.stderr
    assert "U+200F ×1" in result.stderr and "U+FEFF ×1" in result.stderr


def test_invisible_characters_are_shown_escaped_in_errors(tmp_path: Path) -> None:
    text = SEED_TEXT.replace("3. Age \\geq 55 years;", "\u200f4. Age \\geq 55\u202e years;")
    result = run_cli("parse", str(_write(tmp_path, "bad.txt", text)))
    assert result.returncode == 2
    assert "\u200f" not in result.stderr and "\u202e" not in result.stderr
    assert "\\u200f4. Age \\geq 55\\u202e years;" in result.stderr
    assert "marker `4.` is out of sequence" in result.stderr
    # the caret points at the marker, after the escaped mark
    lines = result.stderr.splitlines()
    context = next(k for k, line in enumerate(lines) if "\\u200f4." in line)
    assert lines[context + 1].index("^") == lines[context].index("4.")


def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path: Path) -> None:
    expected = _outline(SEED)
    for codec, name in (("utf-16", "u16.txt"), ("utf-16-be", "u16be.txt"), ("utf-32", "u32.txt")):
        data = SEED_TEXT.encode(codec)
        if codec == "utf-16-be":
            data = b"\xfe\xff" + data
        result = run_cli("parse", str(_write(tmp_path, name, data)))
        assert result.returncode == 0, (codec, result.stderr)
        assert result.stdout == expected
        assert "read as UTF-" in result.stderr
    # a UTF-8 BOM is simply skipped
    assert _outline(_write(tmp_path, "bom8.txt", b"\xef\xbb\xbf" + SEED_TEXT.encode())) == expected


def test_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    text = SEED_TEXT.replace("≥", ">=").replace("≤", "<=").replace("²", "2")
    text.encode("cp1252")  # the rest (’ – ® …) is in Windows-1252
    expected = _outline(_write(tmp_path, "utf8.txt", text))
    result = run_cli("parse", str(_write(tmp_path, "cp1252.txt", text.encode("cp1252"))))
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected
    assert "warning: not UTF-8" in result.stderr and "Windows-1252" in result.stderr


def test_damaged_utf8_is_still_refused(tmp_path: Path) -> None:
    data = SEED_TEXT.encode("utf-8").replace(b"Sargramostim", b"Sargramostim\xff", 1)
    result = run_cli("parse", str(_write(tmp_path, "damaged.txt", data)))
    assert result.returncode == 2 and "not UTF-8 text" in result.stderr


def test_the_size_cap_is_checked_before_parsing(tmp_path: Path) -> None:
    big = _write(tmp_path, "big.txt", SEED_TEXT + ("Lorem ipsum dolor sit amet. " * 40 + "\n") * 5500)
    start = time.monotonic()
    result = run_cli("parse", str(big))
    assert result.returncode == 2
    assert "over the 5 MB limit" in result.stderr and "POLICYVC_MAX_TEXT_MB" in result.stderr
    assert time.monotonic() - start < 10
    # raised, the file is parsed (the padding reads as paragraphs of the closing reminder)
    result = run_cli("parse", str(big), env={"POLICYVC_MAX_TEXT_MB": "50"})
    assert result.returncode == 0, result.stderr


def test_the_title_is_checked_before_the_whole_file_is_parsed(tmp_path: Path) -> None:
    letter = _write(tmp_path, "letter.txt", "Dear colleague,\n\n" + ("The minutes follow. " * 30 + "\n\n") * 6000)
    start = time.monotonic()
    result = run_cli("parse", str(letter))
    assert result.returncode == 2
    assert "letter.txt:1:1: expected the title line `Clinical Policy: <drug>`, found `Dear colleague,`" in (
        result.stderr
    )
    assert time.monotonic() - start < 10
