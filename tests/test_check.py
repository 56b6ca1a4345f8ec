"""``policyvc check DRAFT``: what ingest would do, the diff and the audit against the newest version; writes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import git
import pytest
from conftest import ROOT, run_cli
from versions import BASE_REFERENCE, day, version_text, write_version

pytestmark = pytest.mark.slow  # real git stores and builds through the CLI

HISTORY = ROOT / "policy_versions" / "CP.PHAR.295"
NEWEST = (HISTORY / "2026-03-26" / "policy.txt").read_text(encoding="utf-8")
LAST_ROW = "For Appendix E, added state IN.\t03.26.26\t\n"
STATE_ROW = "IN\tYes\tFor advanced, metastatic cancer and associated conditions\n"
KENTUCKY = "KY\tYes\tFor advanced, metastatic cancer and associated conditions\n"


def _draft(tmp: Path, *, row: str | None, name: str = "draft.txt") -> Path:
    """The newest stored version with Kentucky added to Appendix E, and ``row`` added to its revision log."""
    text = NEWEST.replace(STATE_ROW, STATE_ROW + KENTUCKY, 1)
    if row is not None:
        text = text.replace(LAST_ROW, LAST_ROW + row, 1)
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def _snapshot(store: Path) -> dict[str, bytes]:
    return {str(p.relative_to(store)): p.read_bytes() for p in sorted(store.rglob("*")) if p.is_file()}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A git store holding the five stored versions of CP.PHAR.295."""
    root = tmp_path / "store"
    files = [str(HISTORY / d / "policy.txt") for d in sorted(p.name for p in HISTORY.iterdir() if p.is_dir())]
    result = run_cli("ingest", *files, "--store", str(root), "--commit")
    assert result.returncode == 0, result.stderr
    return root


def test_a_documented_draft_is_clean_and_nothing_is_written(tmp_path: Path, store: Path) -> None:
    draft = _draft(tmp_path, row="Updated Appendix E to include Kentucky.\t11.20.26\t\n")
    before, head = _snapshot(store), git.Repo(store).head.commit.hexsha
    result = run_cli("check", str(draft), "--store", str(store))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{draft}: CP.PHAR.295 @ 2026-11-20 would be filed as a new version; "
        "compared with the newest stored version CP.PHAR.295 @ 2026-03-26"
    )
    assert (
        "  row-insert state      Appendix E [KY]: Yes | For advanced, metastatic cancer and associated conditions"
        in lines
    )
    assert "  2026-11-20  Updated Appendix E to include Kentucky." in lines
    assert any(line.startswith("  ok            row-insert Appendix E [KY]:") for line in lines)
    assert lines[-1] == "clean: ready to file with `policyvc ingest`"
    assert _snapshot(store) == before  # no file written, none touched (no lock file either)
    assert git.Repo(store).head.commit.hexsha == head


def test_a_draft_whose_log_did_not_change_would_be_refused(tmp_path: Path, store: Path) -> None:
    draft = _draft(tmp_path, row=None)
    before = _snapshot(store)
    result = run_cli("check", str(draft), "--store", str(store))
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert out.splitlines()[0].startswith(f"{draft}: CP.PHAR.295 @ 2026-03-26 would be REFUSED by ingest")
    assert "this file's revision log is the stored version's (no new row): a new revision needs a new row" in out
    assert "UNDOCUMENTED  row-insert Appendix E [KY]" in out
    assert "--replace" not in out
    assert out.endswith("findings: fix them before filing\n")
    assert _snapshot(store) == before


def test_json_report(tmp_path: Path, store: Path) -> None:
    draft = _draft(tmp_path, row=None)
    result = run_cli("check", str(draft), "--store", str(store), "-f", "json")
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert (doc["reference"], doc["date"], doc["base"], doc["filing"]) == (
        "CP.PHAR.295",
        "2026-03-26",
        "2026-03-26",
        "refused",
    )
    assert doc["findings"] is True and "no new row" in doc["refusal"]
    assert [(e["kind"], e["key"]) for e in doc["diff"]["edits"] if e["kind"] != "keep"] == [("row-insert", "KY")]
    assert doc["audit"]["clean"] is False and doc["impact"] is None


def test_a_dateless_new_row_is_an_input_error_naming_it(tmp_path: Path, store: Path) -> None:
    draft = _draft(tmp_path, row="Updated Appendix E to include Kentucky.\t\t\n")
    line = draft.read_text(encoding="utf-8").split("\n").index("Updated Appendix E to include Kentucky.\t\t") + 1
    result = run_cli("check", str(draft), "--store", str(store))
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {draft}:{line}: revision-log row 'Updated Appendix E to include Kentucky.' has no date: give it its "
        "date (MM.DD.YY) in the Date column — a row without one would be read as the end of the row above"
    )
    assert result.stdout == ""


def test_input_errors(tmp_path: Path, store: Path) -> None:
    missing = run_cli("check", str(tmp_path / "missing.txt"), "--store", str(store))
    assert (missing.returncode, missing.stderr) == (2, f"error: {tmp_path / 'missing.txt'}: no such file\n")
    draft = _draft(tmp_path, row="Updated Appendix E to include Kentucky.\t11.20.26\t\n")
    nostore = run_cli("check", str(draft), "--store", str(tmp_path / "nowhere"))
    assert nostore.returncode == 2 and "no version store here" in nostore.stderr
    assert not (tmp_path / "nowhere").exists()


def test_a_policy_not_in_the_store_would_be_its_first_version(tmp_path: Path, store: Path) -> None:
    path = write_version(tmp_path, day(3))
    result = run_cli("check", str(path), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"{path}: {BASE_REFERENCE} @ {day(3).isoformat()} would be the first stored version of {BASE_REFERENCE} "
        "(nothing to compare with)"
    )


def test_another_policy_from_standard_input(tmp_path: Path) -> None:
    """A plain store without git, another policy, the draft on standard input; the store is untouched."""
    store = tmp_path / "store"
    first = write_version(tmp_path, day(1), "Updated Appendix B.")
    assert run_cli("ingest", str(first), "--store", str(store)).returncode == 0
    before = _snapshot(store)
    text = version_text(day(1), "Updated Appendix B.")
    cut = text.index("\nImportant Reminder")
    text = text[:cut].rstrip("\n") + f"\nRemoved the age limit from the criteria.\t{day(9):%m.%d.%Y}\t\n" + text[cut:]
    result = run_cli("check", "-", "--store", str(store), stdin=text)
    assert result.returncode == 1  # a claim with nothing behind it
    assert result.stdout.splitlines()[0].startswith(f"<stdin>: {BASE_REFERENCE} @ ")
    assert "UNBACKED" in result.stdout
    assert _snapshot(store) == before


def test_cases_replay_the_decisions_that_change(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (store / "CP.PHAR.295" / "2026-03-26").mkdir(parents=True)
    shutil.copy(HISTORY / "2026-03-26" / "policy.txt", store / "CP.PHAR.295" / "2026-03-26" / "policy.txt")
    cases = tmp_path / "cases"
    cases.mkdir()
    request = {  # I.A.4.a: "a State with regulations against step therapy … (see Appendix E)"
        "date": "2026-11-25",
        "request": "initial",
        "criteria_set": "I.A",
        "member": {"age": 60, "weight_kg": 70, "height_cm": 175, "state": "KY", "line_of_business": "Medicaid"},
        "diagnoses": ["AML"],
        "dose": {"amount": 250, "unit": "mcg/m2", "route": "IV", "frequency": "daily"},
        "therapies": {"Zarxio": "not-tried"},
        "concurrent": [],
        # the reviewer attests what the state's Appendix E notes require (stage 4 metastatic cancer …): the row
        # itself is what the draft adds, so the state part of I.A.4.a refuses before and holds after
        "attestations": {"I.A.2": True, "I.A.4.a": True},
    }
    (cases / "ky-step-therapy.json").write_text(json.dumps({"request": request}), encoding="utf-8")
    draft = _draft(tmp_path, row="Updated Appendix E to include Kentucky.\t11.20.26\t\n")
    result = run_cli("check", str(draft), "--store", str(store), "--cases", str(cases), "-f", "json")
    assert result.returncode == 0, result.stderr
    (case,) = json.loads(result.stdout)["impact"]
    assert case["case"] == "ky-step-therapy"
    assert (case["before"]["outcome"], case["after"]["outcome"]) == ("denied", "approved")  # no step therapy in KY
    text = run_cli("check", str(draft), "--store", str(store), "--cases", str(cases))
    assert "1 cases replayed against CP.PHAR.295@2026-03-26 and draft@2026-11-20: 1 changed" in text.stdout


def test_cases_from_pyproject(tmp_path: Path) -> None:
    """`cases` in [tool.policyvc]: check replays them without --cases."""
    store = tmp_path / "store"
    (store / "CP.PHAR.295" / "2026-03-26").mkdir(parents=True)
    shutil.copy(HISTORY / "2026-03-26" / "policy.txt", store / "CP.PHAR.295" / "2026-03-26" / "policy.txt")
    (tmp_path / "cases").mkdir()
    shutil.copy(ROOT / "tests" / "decisions" / "21-aml-state-in-2026.json", tmp_path / "cases" / "in.json")
    (tmp_path / "pyproject.toml").write_text('[tool.policyvc]\nstore = "store"\ncases = "cases"\n', encoding="utf-8")
    draft = _draft(tmp_path, row="Updated Appendix E to include Kentucky.\t11.20.26\t\n")
    result = run_cli("check", str(draft), "-f", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (case,) = json.loads(result.stdout)["impact"]
    assert case["case"] == "in" and case["changed"] == []


def test_a_word_draft_is_checked_like_its_text(tmp_path: Path, store: Path) -> None:
    """A DOCX draft (Word's automatic numbering, written by python-docx): the same verdict as its text."""
    from docgen import docx_file

    text = _draft(tmp_path, row="Updated Appendix E to include Kentucky.\t11.20.26\t\n")
    word = docx_file(text, tmp_path / "draft.docx")
    before = _snapshot(store)
    result = run_cli("check", str(word), "--store", str(store), "-f", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["date"], doc["filing"], doc["base"]) == ("2026-11-20", "new", "2026-03-26")
    assert [(e["kind"], e["key"]) for e in doc["diff"]["edits"] if e["kind"] != "keep"] == [("row-insert", "KY")]
    assert doc["audit"]["clean"] is True
    assert _snapshot(store) == before
