"""Suspicious revision-log dates: warnings naming the line; ingest never advises --replace on a suspect key date."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import ROOT, run_cli

from policyvc.dates import suspicious_dates
from policyvc.parser import parse_text

HISTORY = ROOT / "policy_versions" / "CP.PHAR.295"
NEWEST = (HISTORY / "2026-03-26" / "policy.txt").read_text(encoding="utf-8")
ENTRY = "For Appendix E, added state IN.\t03.26.26"


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_clean_log_has_no_warning() -> None:
    assert suspicious_dates(parse_text(NEWEST), today=dt.date(2026, 4, 1)) == ()


def test_a_typo_in_the_newest_date_names_its_line() -> None:
    text = NEWEST.replace(ENTRY, "For Appendix E, added state IN.\t03.26.99")
    (w,) = suspicious_dates(parse_text(text), today=dt.date(2026, 4, 1))
    assert w.key and w.line == _line_of(text, "added state IN")
    assert "dated 1999-03-26, before the entry dated 2025-04-14 listed above it" in w.message


def test_a_date_in_the_future_and_far_from_the_review_date() -> None:
    text = NEWEST.replace(ENTRY, "For Appendix E, added state IN.\t03.26.28")
    warnings = suspicious_dates(parse_text(text), today=dt.date(2026, 4, 1))
    assert [w.message for w in warnings] == [
        "revision-log date 2028-03-26 is in the future",
        "the newest revision-log date 2028-03-26 is far from the last review date 2025-08",
    ]
    assert all(w.key and w.line == _line_of(text, "added state IN") for w in warnings)


def test_the_newest_date_before_the_effective_date() -> None:
    text = NEWEST.replace("Effective Date: 12.01.16", "Effective Date: 12.01.26")
    (w,) = suspicious_dates(parse_text(text), today=dt.date(2026, 4, 1))
    assert w.message == "the newest revision-log date 2026-03-26 is before the effective date 2026-12-01"


def test_ingest_does_not_advise_replace_when_the_key_date_is_suspect(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (store / "CP.PHAR.295" / "2025-04-14").mkdir(parents=True)
    shutil.copy(HISTORY / "2025-04-14" / "policy.txt", store / "CP.PHAR.295" / "2025-04-14" / "policy.txt")
    typo = tmp_path / "typo.txt"
    typo.write_text(NEWEST.replace(ENTRY, "For Appendix E, added state IN.\t03.26.99"), encoding="utf-8")
    for extra in ((), ("--replace",)):
        result = run_cli("ingest", str(typo), "--store", str(store), *extra)
        assert result.returncode == 2
        first = result.stderr.splitlines()[0]
        assert first.startswith(f"error: {typo}:{_line_of(typo.read_text(encoding='utf-8'), 'added state IN')}: ")
        assert "this file's date looks wrong" in first and "do not --replace" in first
        assert "use --replace" not in result.stderr
    stored = (store / "CP.PHAR.295" / "2025-04-14" / "policy.txt").read_bytes()
    assert stored == (HISTORY / "2025-04-14" / "policy.txt").read_bytes()  # the real version is untouched


def test_ingest_warns_about_a_suspicious_date_it_files(tmp_path: Path) -> None:
    store = tmp_path / "store"
    doc = tmp_path / "far.txt"
    doc.write_text(NEWEST.replace("Last Review Date: 08.25", "Last Review Date: 08.21"), encoding="utf-8")
    result = run_cli("ingest", str(doc), "--store", str(store))
    assert result.returncode == 0, result.stderr
    line = _line_of(NEWEST, "added state IN")
    assert result.stderr == (
        f"warning: {doc}:{line}: the newest revision-log date 2026-03-26 is far from the last review date 2021-08\n"
    )
