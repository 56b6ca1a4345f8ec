"""The speed tables of README.md and docs/manual/speed.md say what ``benchmarks/results.json`` recorded.

``make bench`` records every benchmark's figures in that one file and rewrites the tables from it
(``benchmarks/report.py``); a figure edited by hand, or a table left behind after a benchmark ran,
fails here — as a golden does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import report  # benchmarks/ is not a package: its folder is put on the path above
from results import RESULTS, load


@pytest.mark.parametrize("document", report.DOCUMENTS, ids=lambda p: p.name)
def test_the_speed_tables_are_the_recorded_figures(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    assert report.render(text, load(RESULTS)) == text, "run `python benchmarks/report.py --write`"


def test_every_table_block_has_its_figures_recorded() -> None:
    data = load(RESULTS)
    for document in report.DOCUMENTS:
        for match in report._BLOCK.finditer(document.read_text(encoding="utf-8")):
            needs, _ = report.TABLES[match.group(2)]
            assert all(name in data for name in needs), f"{document.name}: no figures for {match.group(2)}"
            assert match.group(3).strip(), f"{document.name}: the {match.group(2)} table is empty"
