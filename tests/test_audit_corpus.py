"""The audit on a labelled corpus of histories that are not the seed's: every change and every clause judged."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, ROOT

from policyvc.history.audit import audit
from policyvc.history.corpus import score_corpus
from policyvc.store import Store

CORPUS = FIXTURES / "histories"
LABELS = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
STEPS = [(ref, i) for ref, steps in sorted(LABELS.items()) for i in range(len(steps))]


def test_the_corpus_is_three_policies_of_four_versions_with_every_kind_of_fault() -> None:
    store = Store(CORPUS)
    assert store.references() == ["CP.PHAR.297", "CP.PHAR.336", "CP.PHAR.571"]
    assert all(len(store.versions(ref)) >= 3 for ref in store.references())
    kinds: dict[str, int] = {}
    for steps in LABELS.values():
        for step in steps:
            for fault in step["faults"]:
                kinds[fault["kind"]] = kinds.get(fault["kind"], 0) + 1
    assert set(kinds) == {
        "undocumented change",
        "unbacked claim",
        "wrong state",
        "wrong number",
        "claim in the wrong section",
    }
    assert min(kinds.values()) >= 2


@pytest.fixture(scope="module")
def reports():  # type: ignore[no-untyped-def]
    store = Store(CORPUS)
    return {ref: audit(store.history(ref).dated()) for ref in LABELS}


@pytest.mark.parametrize(("ref", "step"), STEPS)
def test_every_change_and_clause_gets_its_labelled_verdict(reports, ref: str, step: int) -> None:  # type: ignore[no-untyped-def]
    label = LABELS[ref][step]
    (pair,) = [p for p in reports[ref].pairs if (p.old.isoformat(), p.new.isoformat()) == (label["from"], label["to"])]
    got: dict[str, str | None] = {}
    for t in pair.ties:
        got[t.edit.new_id or t.edit.old_id] = "administrative" if t.how == "administrative" else t.claim.clause
    for e in pair.undocumented:
        got[e.new_id or e.old_id] = None
    assert set(got) == set(label["changes"])
    for node_id, expected in label["changes"].items():
        if expected is None or expected == "administrative":
            assert got[node_id] == expected, node_id
        else:
            assert got[node_id] is not None and got[node_id].startswith(expected), (node_id, got[node_id])
    unbacked = [c.clause for c in pair.unbacked]
    for prefix, backed in label["claims"].items():
        assert any(c.startswith(prefix) for c in unbacked) is (not backed), prefix
    assert len(pair.claims) == len(label["claims"])


def test_every_tie_shows_evidence_and_every_flag_a_reason(reports) -> None:  # type: ignore[no-untyped-def]
    for report in reports.values():
        for pair in report.pairs:
            assert all(t.shared for t in pair.ties if t.how == "terms")
            assert all(t.via for t in pair.ties if t.how in ("inherited", "cited"))
            assert len(pair.change_misses) == len(pair.undocumented)
            assert len(pair.claim_misses) == len(pair.unbacked)
            assert all(m.reason for m in (*pair.change_misses, *pair.claim_misses))


def test_precision_and_recall_are_perfect_on_the_corpus() -> None:
    score = score_corpus(CORPUS)
    assert score.wrong_ties == []
    for s in (score.undocumented, score.unbacked):
        assert s.mistakes == []
        assert (s.precision, s.recall) == (1.0, 1.0)
    assert score.undocumented.tp >= 10 and score.unbacked.tp >= 10


def test_no_false_flag_on_the_embedded_history() -> None:
    report = audit(Store(ROOT / "policy_versions").history("CP.PHAR.295").dated())
    assert report.clean
