"""Family policies in the new styles, with golden outlines; truncated copies read with ``--recover``,
with golden diagnostics.

* ``envolve-signifor``: an Envolve ``ERX.*`` policy with ``II. Continued Approval`` and ``MM/YY`` dates;
* ``flattened-nplate``: text copied from a viewer, criteria sets on one line, the header on one line;
* ``scraped-soliris``: a web page: navigation before the title, ``**bold**`` headings, ``•`` bullets;
* ``referral-firazyr``: ``(must meet 1 or 2)``, referral-only sets, a state table that is not the
  step-therapy table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, check_golden, run_cli

INPUT = FIXTURES / "input"
NAMES = sorted(p.stem for p in INPUT.glob("*.txt"))


def _shown(stderr: str, path: Path, name: str) -> str:
    return stderr.replace(str(path), name)


def test_the_four_family_styles_are_there() -> None:
    assert NAMES == ["envolve-signifor", "flattened-nplate", "referral-firazyr", "scraped-soliris"]


@pytest.mark.parametrize("name", NAMES)
def test_outline(name: str) -> None:
    path = INPUT / f"{name}.txt"
    result = run_cli("parse", str(path))
    assert result.returncode == 0, result.stderr
    check_golden(f"input/{name}.outline", result.stdout)
    check_golden(f"input/{name}.diagnostics", _shown(result.stderr, path, f"{name}.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_truncated_copy_with_recover(name: str, tmp_path: Path) -> None:
    text = (INPUT / f"{name}.txt").read_text(encoding="utf-8")
    path = tmp_path / f"{name}.truncated.txt"
    path.write_text(text[: len(text) * 6 // 10], encoding="utf-8")  # cut mid-line, as a failed download does
    strict = run_cli("parse", str(path))
    assert strict.returncode == 2 and strict.stdout == ""
    result = run_cli("parse", "--recover", str(path))
    assert result.returncode == 1
    assert ": error: " in result.stderr
    check_golden(f"input/{name}.truncated.outline", result.stdout)
    check_golden(f"input/{name}.truncated.diagnostics", _shown(result.stderr, path, path.name))
