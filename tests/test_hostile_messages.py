"""Messages for people name something (issue 20, minor items): never ``for state , found ``."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED, run_cli


def test_an_empty_step_therapy_cell_is_named_as_such(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("GA\tYes\t"))
    path = tmp_path / "empty-cell.txt"
    path.write_text(text.replace(row, row.replace("\tYes\t", "\t\t", 1), 1), encoding="utf-8")
    result = run_cli("parse", str(path))
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert "for state GA, found an empty cell" in first and "``" not in first


def test_a_row_without_a_state_is_named_as_such(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("GA\tYes\t"))
    path = tmp_path / "no-state.txt"
    path.write_text(text.replace(row, "\t\t" + row.split("\t", 2)[2], 1), encoding="utf-8")
    result = run_cli("parse", str(path))
    assert "for state ," not in result.stderr and "found ``" not in result.stderr
