"""`policyvc log` and `policyvc show --as-of` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import check_golden, run_cli
from versions import BASE_REFERENCE, day, version_text

from policyvc.parser import parse_text
from policyvc.renderer.outline import render_outline
from policyvc.renderer.text import render_text


def _store(tmp_path: Path, commit: bool = False) -> Path:
    """Three versions, each adding one entry to the log of the one before."""
    store = tmp_path / "store"
    text = version_text(day(1), "Added Ohio to Appendix E.")
    files = []
    for n, note in ((1, ""), (9, "Removed Ohio from Appendix E."), (20, "Clarified step therapy wording.")):
        if note:
            cut = text.index("\nImportant Reminder")
            text = text[:cut].rstrip("\n") + f"\n{note}\t{day(n):%m.%d.%Y}\t\n" + text[cut:]
        path = tmp_path / f"v{n}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    out = run_cli("ingest", *reversed(files), "--store", str(store), *(["--commit"] if commit else []))
    assert out.returncode == 0, out.stderr
    return store


def test_log_lists_versions_newest_first_with_their_new_entries(tmp_path: Path) -> None:
    store = _store(tmp_path)
    out = run_cli("log", BASE_REFERENCE, "--store", str(store))
    assert out.returncode == 0, out.stderr
    check_golden("store.log.txt", out.stdout)


def test_log_json_names_commits_when_the_store_is_a_repository(tmp_path: Path) -> None:
    store = _store(tmp_path, commit=True)
    out = run_cli("log", BASE_REFERENCE, "--store", str(store), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [d["date"] for d in data] == [day(n).isoformat() for n in (20, 9, 1)]
    assert [[e["description"] for e in d["new_entries"]] for d in data[:2]] == [
        ["Clarified step therapy wording."],
        ["Removed Ohio from Appendix E."],
    ]
    assert data[2]["log_entries"] == len(data[2]["new_entries"]) == 6
    assert all(len(d["commit"]) == 40 for d in data)
    assert len({d["commit"] for d in data}) == 3


def test_show_prints_the_version_in_force(tmp_path: Path) -> None:
    store = _store(tmp_path)
    for as_of, expected in ((day(8), 1), (day(9), 9), (day(19), 9), ("2099-12-31", 20)):
        out = run_cli("show", BASE_REFERENCE, "--as-of", str(as_of), "--store", str(store))
        assert out.returncode == 0, out.stderr
        source = (store / BASE_REFERENCE / day(expected).isoformat() / "policy.txt").read_text(encoding="utf-8")
        assert out.stdout == render_text(parse_text(source))
        assert out.stderr == f"{BASE_REFERENCE} @ {day(expected).isoformat()} (in force on {as_of})\n"
    outline = run_cli("show", BASE_REFERENCE, "--as-of", str(day(9)), "--store", str(store), "--format", "outline")
    source = (store / BASE_REFERENCE / day(9).isoformat() / "policy.txt").read_text(encoding="utf-8")
    assert outline.stdout == render_outline(parse_text(source))
    as_json = run_cli("show", BASE_REFERENCE, "--as-of", str(day(9)), "--store", str(store), "--format", "json")
    assert json.loads(as_json.stdout)["revision_log"][-1]["description"] == "Removed Ohio from Appendix E."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", BASE_REFERENCE, "--as-of", "2023-02-30"], "date '2023-02-30' is not a real calendar date"),
        (["show", BASE_REFERENCE, "--as-of", "1965-06-01"], "error: --as-of: date 1965-06-01 is out of range"),
        (["show", BASE_REFERENCE, "--as-of", "2100-01-01"], "error: --as-of: date 2100-01-01 is out of range"),
        (["show", BASE_REFERENCE, "--as-of", "03/26/2026"], "error: --as-of: date '03/26/2026' is not a date"),
        (["show", BASE_REFERENCE, "--as-of", "2025-01-01"], "no version of CP.PHAR.571 was in force on 2025-01-01"),
        (["show", "CP.PHAR.9", "--as-of", "2026-01-01"], "no policy CP.PHAR.9 in this store; it holds CP.PHAR.571"),
        (["log", "../../.git/hooks/x"], "reference number '../../.git/hooks/x' cannot name a policy"),
        (["log", "--", "--output=x"], "reference number '--output=x' cannot name a policy"),
        (["show", "ext::sh", "--as-of", "2026-01-01"], "reference number 'ext::sh' cannot name a policy"),
    ],
)
def test_input_errors_exit_2_with_one_clear_line(tmp_path: Path, args: list[str], message: str) -> None:
    store = _store(tmp_path)
    out = run_cli(args[0], "--store", str(store), *args[1:])
    assert out.returncode == 2
    assert message in out.stderr
    assert out.stderr.startswith("error: ") and "Traceback" not in out.stderr
    assert out.stdout == ""


def test_a_missing_store_is_an_input_error(tmp_path: Path) -> None:
    out = run_cli("log", BASE_REFERENCE, "--store", str(tmp_path / "nowhere"))
    assert out.returncode == 2
    assert out.stderr == f"error: {tmp_path / 'nowhere'}: no version store here (give one with --store DIR)\n"
