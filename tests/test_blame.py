"""Blame through renumbering and moves, on the embedded history."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT, run_cli

from policyvc.history.blame import blame
from policyvc.store import Store

STORE = ROOT / "policy_versions"


@pytest.fixture(scope="module")
def history():  # type: ignore[no-untyped-def]
    return Store(STORE).history("CP.PHAR.295").dated()


def _line(report, id_: str):  # type: ignore[no-untyped-def]
    (line,) = [ln for ln in report.lines if ln.id == id_]
    return line


def test_blame_carries_origin_through_renumbering(history) -> None:  # type: ignore[no-untyped-def]
    report = blame(history)
    assert report.version == dt.date(2026, 3, 26)
    dose = _line(report, "I.D.5")  # was I.D.4 before the weight criterion was inserted
    assert dose.introduced.date == dt.date(2023, 4, 18) and dose.changed == dose.introduced
    weight = _line(report, "I.D.4")
    assert weight.introduced.date == dt.date(2024, 6, 5)
    assert weight.introduced.entry is not None and weight.introduced.entry.startswith("3Q 2024 annual review")
    other = _line(report, "I.G")  # "Other diagnoses" was E, then F, now G
    assert other.introduced.date == dt.date(2023, 4, 18)


def test_blame_carries_origin_through_moves_and_rewording(history) -> None:  # type: ignore[no-untyped-def]
    report = blame(history)
    danyelza = _line(report, "I.E.3.a")  # criterion 3 in 2023-10-16, moved into a new group in 2024-06-05
    assert danyelza.introduced.date == dt.date(2023, 10, 16)
    assert danyelza.introduced.entry is not None and "neuroblastoma" in danyelza.introduced.entry
    assert danyelza.changed.date == dt.date(2025, 4, 14)  # temozolomide and irinotecan added
    assert danyelza.changed.entry is not None and danyelza.changed.entry.startswith("3Q 2025 annual review")
    unituxin = _line(report, "I.E.3.b.i")  # inside an added group: explained by what explains the group
    assert unituxin.introduced.entry is not None and "3Q 2024" in unituxin.introduced.entry


def test_blame_at_a_date_uses_the_version_in_force(history) -> None:  # type: ignore[no-untyped-def]
    report = blame(history, dt.date(2024, 1, 1))
    assert report.version == dt.date(2023, 10, 16)
    assert _line(report, "I.D.4").text.startswith("Dose does not exceed one of the following")


def test_cli_blame() -> None:
    result = run_cli("blame", "CP.PHAR.295", "--at", "2025-12-31")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("blame of CP.PHAR.295 as of 2025-04-14")
    assert any(line.startswith("2024-06-05") and "I.D.4" in line for line in result.stdout.splitlines())
    bad = run_cli("blame", "CP.PHAR.295", "--at", "1999-01-01")
    assert bad.returncode == 2 and "was in force on 1999-01-01" in bad.stderr
