"""One verdict everywhere: audit, blame, the site's counts and pages, and build's summary agree on a planted change."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from policyvc.history.audit import audit
from policyvc.history.blame import blame
from policyvc.history.summary import history_summary
from policyvc.renderer.blame import render_blame_text
from policyvc.renderer.summary import render_summary_plain
from policyvc.site.render import render_site
from policyvc.store import Store

STORE = ROOT / "policy_versions"
REF = "CP.PHAR.295"


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's last step with one undocumented change: a dose limit lowered, no log row about it."""
    store = tmp_path_factory.mktemp("verdict") / "store"
    for date in ("2025-04-14", "2026-03-26"):
        (store / REF / date).mkdir(parents=True)
        shutil.copy(STORE / REF / date / "policy.txt", store / REF / date / "policy.txt")
    new = store / REF / "2026-03-26" / "policy.txt"
    text = new.read_text(encoding="utf-8")
    assert "5. Dose does not exceed 500 mcg/m² IV daily." in text
    new.write_text(
        text.replace("5. Dose does not exceed 500 mcg/m² IV daily.", "5. Dose does not exceed 400 mcg/m² IV daily.")
    )
    return store


def test_audit_summary_blame_and_site_agree(planted: Path) -> None:
    history = Store(planted).history(REF)
    report = audit(history.dated())
    assert [e.new_id for p in report.pairs for e in p.undocumented] == ["I.C.5"]
    # the undocumented change and the seed's out-of-order log date (a warning, counted as a finding everywhere)
    assert report.findings == 2 and len(report.out_of_order) == 1 and not report.clean

    summary = history_summary(list(history))
    assert summary.audit.findings == report.findings
    assert summary.rows[-1].undocumented == 1 and summary.rows[-1].unbacked == 0
    plain = render_summary_plain(summary)
    assert "audit: 1 undocumented change(s), 0 unbacked claim(s) (1 log date(s) out of order)" in plain
    assert "undocumented update I.C.5" in plain

    blamed = blame(history.dated())
    (line,) = [ln for ln in blamed.lines if ln.id == "I.C.5"]
    assert line.changed.date == dt.date(2026, 3, 26) and line.changed.undocumented and line.changed.entry is None
    assert "I.C.5" in render_blame_text(blamed).split("[undocumented]")[0].splitlines()[-1]
    assert not any(ln.changed.undocumented for ln in blamed.lines if ln.id != "I.C.5")

    files = render_site(planted, today=dt.date(2026, 12, 1), rules_root=None, jobs=1).files
    home = files["docs/index.md"].decode("utf-8")
    assert f"{report.findings} open audit finding(s)" in home
    diff_page = files[f"docs/{REF}/diff/2025-04-14_2026-03-26.md"].decode("utf-8")
    assert "1 unexplained" in diff_page or "undocumented" in diff_page
    blame_page = files[f"docs/{REF}/blame.md"].decode("utf-8")
    (row,) = [r for r in blame_page.splitlines() if "I.C.5" in r]
    assert "**undocumented**" in row


def test_the_cli_audit_says_the_same(planted: Path) -> None:
    result = run_cli("audit", REF, "--store", str(planted))
    assert result.returncode == 1
    assert "UNDOCUMENTED  update I.C.5" in result.stdout
    assert (
        "dose limit changed 500 mcg/m² → 400 mcg/m² (more restrictive)"
        in run_cli("diff", REF, "--store", str(planted)).stdout
    )


def test_the_json_says_the_same(planted: Path) -> None:
    import json

    doc = json.loads(run_cli("audit", REF, "--store", str(planted), "--format", "json").stdout)
    (step,) = doc["steps"]
    assert [u["new_id"] for u in step["undocumented"]] == ["I.C.5"]
    (tie,) = step["ties"]
    assert {"term": "state:IN", "clause": ["IN"], "change": ["IN"]} in tie["evidence"]
    blamed = json.loads(run_cli("blame", REF, "--store", str(planted), "--format", "json").stdout)
    flagged = [ln["id"] for ln in blamed["lines"] if ln["changed"]["undocumented"]]
    assert flagged == ["I.C.5"]
