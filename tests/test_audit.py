"""The audit on the embedded history, and on planted undocumented changes and unbacked claims."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from policyvc.history.audit import audit, claims_of, terms
from policyvc.store import Store

STORE = ROOT / "policy_versions"
REF = "CP.PHAR.295"


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return audit(Store(STORE).history(REF).dated())


def test_embedded_history_is_fully_explained(report) -> None:  # type: ignore[no-untyped-def]
    assert report.clean
    assert [(p.old.isoformat(), p.new.isoformat()) for p in report.pairs] == [
        ("2023-04-18", "2023-10-16"),
        ("2023-10-16", "2024-06-05"),
        ("2024-06-05", "2025-04-14"),
        ("2025-04-14", "2026-03-26"),
    ]


def _tie(report, pair: int, new_id: str):  # type: ignore[no-untyped-def]
    (tie,) = [t for t in report.pairs[pair].ties if t.edit.new_id == new_id]
    return tie


def test_each_change_tied_to_its_entry(report) -> None:  # type: ignore[no-untyped-def]
    assert _tie(report, 0, "I.E").claim.entry.startswith("Added off-label indication for relapsed or refractory")
    febrile = _tie(report, 1, "I.F")
    assert febrile.claim.clause.startswith("added NCCN Compendium supported off-label use")
    assert "neutropenia" in febrile.shared
    weight = _tie(report, 1, "I.D.4")
    assert weight.claim.clause.startswith("for acute radiation syndrome to confirm weight-based dosing")
    assert "weight" in weight.shared
    ms = _tie(report, 1, "IV.E.MS")
    assert ms.claim.entry == "Updated Appendix E to include Mississippi." and "state:MS" in ms.shared
    il = _tie(report, 2, "I.A.4.note1")
    assert il.claim.clause == "added step therapy bypass for IL HIM per IL HB 5395"
    assert _tie(report, 2, "VII.1").claim.clause == "references reviewed and updated"
    indiana = _tie(report, 3, "IV.E.IN")
    assert indiana.claim.entry == "For Appendix E, added state IN." and {"appendix:E", "state:IN"} <= set(
        indiana.shared
    )


def test_out_of_order_entry_is_flagged(report) -> None:  # type: ignore[no-untyped-def]
    # the seed lists Mississippi (06.05.24) above the 3Q 2024 review (05.03.24) — which is also why the embedded
    # history keys "before 3Q 2024" and "before Mississippi" to the same version, 2023-10-16
    (o,) = report.out_of_order
    assert (o.date.isoformat(), o.after.isoformat()) == ("2024-05-03", "2024-06-05")
    assert o.entry.startswith("3Q 2024 annual review")


def test_terms_know_states_appendices_and_concepts() -> None:
    assert {"state:IN", "appendix:E"} <= terms("For Appendix E, added state IN.")
    assert "state:MS" in terms("Updated Appendix E to include Mississippi.")
    assert {"dose", "weight"} <= terms("confirm weight-based dosing")
    assert "state:IN" not in terms("prescribed in combination with")  # lower-case "in" is a word


def test_claims_split_at_semicolons_and_ignore_no_significant_changes() -> None:
    from policyvc.parser.nodes import RevisionEntry

    entry = RevisionEntry("3Q 2023 annual review: no significant changes; references reviewed and updated.", None, None)
    assert [c.clause for c in claims_of([entry])] == ["references reviewed and updated"]


def _planted_store(tmp: Path) -> Path:
    """Two versions: 2025-04-14 and a planted 2026-03-26 with an unlogged dose change and an unbacked claim."""
    store = tmp / "store"
    for date in ("2025-04-14", "2026-03-26"):
        (store / REF / date).mkdir(parents=True)
        shutil.copy(STORE / REF / date / "policy.txt", store / REF / date / "policy.txt")
    seed = store / REF / "2026-03-26" / "policy.txt"
    text = seed.read_text(encoding="utf-8")
    text = text.replace("5. Dose does not exceed 500 mcg/m² IV daily.", "5. Dose does not exceed 400 mcg/m² IV daily.")
    text = text.replace(
        "For Appendix E, added state IN.\t03.26.26\t\n",
        "For Appendix E, added state IN.\t03.26.26\t\n"
        "Removed the age requirement for acute myelogenous leukemia.\t03.26.26\t\n",
    )
    seed.write_text(text, encoding="utf-8")
    return store


def test_planted_undocumented_change_and_unbacked_claim(tmp_path: Path) -> None:
    store = _planted_store(tmp_path)
    rep = audit(Store(store).history(REF).dated())
    assert not rep.clean
    (pair,) = rep.pairs
    assert [(e.kind, e.new_id) for e in pair.undocumented] == [("update", "I.C.5")]
    assert [c.clause for c in pair.unbacked] == ["Removed the age requirement for acute myelogenous leukemia"]
    assert [t.edit.new_id for t in pair.ties] == ["IV.E.IN"]


def test_cli_audit_exit_codes(tmp_path: Path) -> None:
    clean = run_cli("audit", REF)
    assert clean.returncode == 0, clean.stderr
    assert "clean: 0 undocumented change(s), 0 unbacked claim(s), 1 out-of-order date(s)" in clean.stdout
    store = _planted_store(tmp_path)
    found = run_cli("audit", REF, "--store", str(store))
    assert found.returncode == 1
    assert (
        "UNDOCUMENTED  update I.C.5: Dose does not exceed [-500-] {+400+} mcg/m² IV daily."
        " » dose limit changed 500 mcg/m² → 400 mcg/m² (more restrictive)"
    ) in found.stdout
    assert "UNBACKED      (2026-03-26) Removed the age requirement" in found.stdout
    doc = json.loads(run_cli("audit", REF, "--store", str(store), "--format", "json").stdout)
    assert doc["clean"] is False and doc["steps"][0]["undocumented"][0]["new_id"] == "I.C.5"
    bad = run_cli("audit", REF, "2026-01-01", "2025-01-01")
    assert bad.returncode == 2 and "is after TO" in bad.stderr
    unknown = run_cli("audit", "CP.PHAR.1")
    assert unknown.returncode == 2 and "no policy CP.PHAR.1 in this store; it holds CP.PHAR.295" in unknown.stderr


def test_cli_audit_range(tmp_path: Path) -> None:
    result = run_cli("audit", REF, "2025-04-14", "2026-03-26", "--format", "json")
    assert result.returncode == 0
    steps = json.loads(result.stdout)["steps"]
    assert [(s["from"], s["to"]) for s in steps] == [("2025-04-14", "2026-03-26")]


def test_references_claim_without_reference_change_is_unbacked() -> None:
    import datetime as dt

    from policyvc.history.audit import audit_pair
    from policyvc.parser import parse_text

    old_text = (STORE / REF / "2025-04-14" / "policy.txt").read_text(encoding="utf-8")
    new_text = (STORE / REF / "2026-03-26" / "policy.txt").read_text(encoding="utf-8")
    new_text = new_text.replace(
        "For Appendix E, added state IN.", "For Appendix E, added state IN; references reviewed and updated."
    )
    pair = audit_pair(dt.date(2025, 4, 14), parse_text(old_text), dt.date(2026, 3, 26), parse_text(new_text))
    assert [c.clause for c in pair.unbacked] == ["references reviewed and updated"]
    assert not pair.undocumented


def test_a_claim_naming_another_state_does_not_explain_a_state_row() -> None:
    """The log says Ohio was added to Appendix E; the text added Indiana: both are flagged."""
    import datetime as dt

    from policyvc.history.audit import audit_pair
    from policyvc.parser import parse_text

    old_text = (STORE / REF / "2025-04-14" / "policy.txt").read_text(encoding="utf-8")
    new_text = (STORE / REF / "2026-03-26" / "policy.txt").read_text(encoding="utf-8")
    assert "For Appendix E, added state IN." in new_text
    new_text = new_text.replace("For Appendix E, added state IN.", "For Appendix E, added Ohio.")
    pair = audit_pair(dt.date(2025, 4, 14), parse_text(old_text), dt.date(2026, 3, 26), parse_text(new_text))
    assert [(e.kind, e.new_id) for e in pair.undocumented] == [("row-insert", "IV.E.IN")]
    assert [c.clause for c in pair.unbacked] == ["For Appendix E, added Ohio"]
