"""``build`` computes and its reporters print: the work returns typed findings and prints nothing; the text and
JSON reporters print the same diagnostics; the text report people read is a golden file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DERIVED, ROOT, check_golden, run_cli

from policyvc.build import OutputKind, build_store
from policyvc.findings import FindingKind, WarningKind

HISTORY = ROOT / "policy_versions" / "CP.PHAR.295"


def _store(tmp_path: Path) -> Path:
    """The embedded history, plus its 2025-04-14 version filed again under another policy's reference number."""
    store = tmp_path / "store"
    shutil.copytree(HISTORY, store / "CP.PHAR.295", ignore=DERIVED)
    wrong = store / "CP.PHAR.999" / "2025-04-14"
    wrong.mkdir(parents=True)
    shutil.copy(HISTORY / "2025-04-14" / "policy.txt", wrong / "policy.txt")
    return store


def test_the_work_prints_nothing_and_returns_typed_results(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    result = build_store(_store(tmp_path), jobs=1)
    assert capfd.readouterr() == ("", "")
    assert [(f.kind, f.where) for f in result.findings] == [
        (FindingKind.MISFILED_REFERENCE, str(tmp_path / "store" / "CP.PHAR.999" / "2025-04-14" / "policy.txt"))
    ]  # the store's sync finds the same misfiling: reported once
    assert {w.kind for w in result.warnings} == {WarningKind.SUSPICIOUS_DATE}  # 2024-06-05's log runs backwards
    assert [(h.reference, h.summary is None) for h in result.histories] == [
        ("CP.PHAR.295", False),
        ("CP.PHAR.999", True),
    ]
    assert len(result.versions) == 6 and result.policies == 2 and not result.errors
    assert result.synced is not None and result.synced.versions == 6
    assert result.outputs == ()  # no rules_out, no site_out


def test_outputs_are_reported_as_values(tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(HISTORY, store / "CP.PHAR.295", ignore=DERIVED)
    result = build_store(store, jobs=1, rules_out=tmp_path / "rules")
    assert [(o.kind, o.folder, o.count) for o in result.outputs] == [(OutputKind.RULES, tmp_path / "rules", 8)]


def _build(tmp_path: Path, *args: str) -> tuple[str, str, int]:
    _store(tmp_path)
    done = run_cli(
        "build",
        "--store",
        "store",
        "--no-outputs",
        "--no-cache",
        "-j",
        "1",
        *args,
        cwd=tmp_path,
        env={"COLUMNS": "160"},
    )
    return done.stdout, done.stderr, done.returncode


def test_text_report(tmp_path: Path) -> None:
    out, err, code = _build(tmp_path)
    assert code == 1  # a finding
    check_golden("build-misfiled.txt", f"{out}--- stderr ---\n{err}")


@pytest.mark.slow  # two builds through the command line
def test_json_report_says_what_the_text_report_says(tmp_path: Path) -> None:
    text_out, text_err, text_code = _build(tmp_path / "text")
    out, err, code = _build(tmp_path / "json", "--format", "json")
    assert code == text_code == 1
    assert err == text_err  # the same warnings and findings, in the same order
    document = json.loads(out)
    assert [f"finding: {f}" for f in document["findings"]] == [
        ln for ln in err.splitlines() if ln.startswith("finding")
    ]
    assert [r["reference"] for r in document["versions"]] == ["CP.PHAR.295"] * 5 + ["CP.PHAR.999"]
    assert [h["reference"] for h in document["histories"]] == ["CP.PHAR.295"]  # CP.PHAR.999 skipped, misfiled
    assert "CP.PHAR.999: history skipped" in text_out


def test_a_kept_timeline_prints_as_rich_would(tmp_path: Path) -> None:
    """The text report prints each policy's timeline from the text the build kept (measuring rich's tables is
    most of a big report's time): byte for byte what rich prints when nothing was kept."""
    import dataclasses
    import io

    from rich.console import Console

    from policyvc.report.build import TextReporter

    store = tmp_path / "store"
    shutil.copytree(ROOT / "policy_versions", store, ignore=DERIVED)
    result = build_store(store, jobs=1, cache_dir=tmp_path / "cache")
    assert all(h.summary is not None and h.summary.printed for h in result.histories)
    bare = dataclasses.replace(
        result,
        histories=tuple(
            dataclasses.replace(h, summary=dataclasses.replace(h.summary, printed="")) if h.summary else h
            for h in result.histories
        ),
    )
    texts = []
    for each in (result, bare):
        buffer = io.StringIO()
        reporter = TextReporter(Console(file=buffer, highlight=False))
        assert reporter.as_kept
        reporter.report(each)
        texts.append(buffer.getvalue())
    assert texts[0] == texts[1] and "history" in texts[0]


def test_a_text_build_holds_no_audit_json(tmp_path: Path) -> None:
    """``build`` (text) does not keep each policy's audit JSON in memory — it grows with the store — and prints
    the same report; cold and warm."""
    import io

    from rich.console import Console

    from policyvc.report.build import TextReporter

    store = tmp_path / "store"
    shutil.copytree(ROOT / "policy_versions", store, ignore=DERIVED)
    texts = []
    for audits in (False, True, False):  # computed, then kept results read back with and without their JSON
        result = build_store(store, jobs=1, cache_dir=tmp_path / "cache", audits=audits)
        assert all((h.summary.json != {}) == audits for h in result.histories if h.summary is not None)
        assert all(h.summary.rows and h.summary.printed for h in result.histories if h.summary is not None)
        buffer = io.StringIO()
        TextReporter(Console(file=buffer, highlight=False)).report(result)
        texts.append(buffer.getvalue())
    assert texts[1] == texts[2] and "CP.PHAR.295: history" in texts[0]
