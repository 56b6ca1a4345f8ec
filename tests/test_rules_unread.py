"""A version filed with ``--recover`` approves nothing: a region it could not read may hold a criterion, an
exclusion or a limit that refuses the request.  Its approvals are held as ``needs-review`` with the reason (the
generated module and the interpreter alike); its denials — a criterion read and failed — stand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import SEED, run_cli
from rules_support import versions

from policyvc.rules.generate import render_module
from policyvc.rules.interpret import Interpreter
from policyvc.rules.load import load_module
from policyvc.rules.versions import load_versions, stored_unread

DECISIONS = Path(__file__).parent / "decisions"
APPROVED = json.loads((DECISIONS / "01-aml-approved-medicaid.json").read_text(encoding="utf-8"))["request"]
WRONG_DIAGNOSIS = json.loads((DECISIONS / "03-aml-wrong-diagnosis.json").read_text(encoding="utf-8"))["request"]
UNREAD = ("policy.txt:120-131: error: not read as a centene-pharmacy policy here (expected …)",)


def _both(unread: tuple[str, ...], request: dict[str, Any]) -> list[dict[str, Any]]:
    v = versions()[-1]
    module = load_module(render_module(v.policy, v.date, v.sha256, unread=unread), f"<{v.date} unread>")
    return [module.evaluate(request), Interpreter(v.policy, v.date, unread).evaluate(request)]


def test_a_fully_read_version_approves_what_its_criteria_approve() -> None:
    for decision in _both((), APPROVED):
        assert decision["outcome"] == "approved", decision
        assert "reason" not in decision


def test_a_partly_read_version_holds_the_approval_for_a_reviewer() -> None:
    for decision in _both(UNREAD, APPROVED):
        assert decision["outcome"] == "needs-review", decision
        assert decision["set"] is None and decision["duration"] is None
        assert "--recover" in decision["reason"] and "policy.txt:120-131" in decision["reason"]


def test_a_partly_read_version_still_denies_on_a_criterion_it_read() -> None:
    for full, partial in zip(_both((), WRONG_DIAGNOSIS), _both(UNREAD, WRONG_DIAGNOSIS), strict=True):
        assert full["outcome"] == partial["outcome"] == "denied"
        assert partial["failed"] == full["failed"] and partial["failed"]


def test_a_version_filed_with_recover_carries_what_was_not_read_into_its_module(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.txt"  # (I.A's criterion 3 renumbered 5: the family grammar cannot read it)
    damaged.write_text(
        SEED.read_text(encoding="utf-8").replace("3. Age \\geq 55 years;", "5. Age \\geq 55 years;"), encoding="utf-8"
    )
    store = tmp_path / "store"
    filed = run_cli("ingest", "--recover", str(damaged), "--store", str(store))
    assert filed.returncode == 1 and "partial" in filed.stdout, filed.stderr
    (v,) = load_versions(store, "CP.PHAR.295")
    assert len(v.unread) == 1 and "out of sequence" in v.unread[0]
    module = load_module(render_module(v.policy, v.date, v.sha256, v.reference, v.unread), "<partial>")
    assert v.unread == module.UNREAD
    assert stored_unread(v.path) == v.unread
    clean = tmp_path / "clean"
    assert run_cli("ingest", str(SEED), "--store", str(clean)).returncode == 0
    (c,) = load_versions(clean, "CP.PHAR.295")
    assert c.unread == () == stored_unread(c.path)
