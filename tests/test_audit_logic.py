"""Issue 22: an audit that topic words cannot fool, and labels computed from the logic.

The corpus (tests/fixtures/audit_corpus) is five family policies, two or three versions each, with planted faults
of every kind: undocumented edits of lists, thresholds, tables and durations; unbacked claims; annual-review rows
whose clauses are about different sets; new sets with their table rows; a retitled set.  ``labels.json`` says,
from the planted edits (never from the audit's output), which clause explains each change, which clauses are
backed and which way each typed change points.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES

from policyvc.history.audit import AuditReport, TieKind, audit
from policyvc.history.corpus import score_corpus
from policyvc.history.diff import EditKind
from policyvc.history.semantic import net_direction
from policyvc.store import Store

CORPUS = FIXTURES / "audit_corpus"
LABELS = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
STEPS = [(ref, i) for ref, steps in sorted(LABELS.items()) for i in range(len(steps))]


@pytest.fixture(scope="module")
def reports() -> dict[str, AuditReport]:
    store = Store(CORPUS)
    return {ref: audit(store.history(ref).dated()) for ref in LABELS}


def _pair(reports: dict[str, AuditReport], ref: str, step: int):  # type: ignore[no-untyped-def]
    label = LABELS[ref][step]
    (pair,) = [p for p in reports[ref].pairs if (p.old.isoformat(), p.new.isoformat()) == (label["from"], label["to"])]
    return pair, label


def test_the_corpus_is_five_policies_with_every_kind_of_fault() -> None:
    store = Store(CORPUS)
    assert len(store.references()) >= 5
    assert all(len(store.versions(ref)) >= 2 for ref in store.references())
    assert any(len(store.versions(ref)) >= 3 for ref in store.references())
    kinds = {f["kind"] for steps in LABELS.values() for step in steps for f in step["faults"]}
    assert {
        "undocumented list edit",
        "undocumented threshold",
        "undocumented table edit",
        "undocumented duration",
        "unbacked claim",
        "multi-clause row",
        "new set with its rows",
        "retitled set",
        "matching across sets",
        "criterion wrapped into any-of",
    } <= kinds


@pytest.mark.parametrize(("ref", "step"), STEPS)
def test_exactly_the_planted_flags(reports: dict[str, AuditReport], ref: str, step: int) -> None:
    pair, label = _pair(reports, ref, step)
    ids = {str(e.new_id or e.old_id) for e in pair.script.changes}
    assert ids == set(label["changes"])
    flagged = {str(e.new_id or e.old_id) for e in pair.undocumented}
    assert flagged == {k for k, v in label["changes"].items() if v is None}
    for t in pair.ties:
        expected = label["changes"][str(t.edit.new_id or t.edit.old_id)]
        if expected in ("administrative", "cosmetic"):
            assert t.how == expected
        else:
            assert t.claim is not None and t.claim.clause.startswith(expected), (t.edit.new_id, t.claim)
    unbacked = [c.clause for c in pair.unbacked]
    assert {p for p, backed in label["claims"].items() if not backed} == {
        p for p in label["claims"] if any(c.startswith(p) for c in unbacked)
    }
    assert len(unbacked) == sum(1 for backed in label["claims"].values() if not backed)


@pytest.mark.parametrize(("ref", "step"), STEPS)
def test_labels_point_the_way_the_logic_does(reports: dict[str, AuditReport], ref: str, step: int) -> None:
    pair, label = _pair(reports, ref, step)
    by_id = {str(e.new_id or e.old_id): e for e in pair.script.changes}
    for node_id, want in label["directions"].items():
        edit = by_id[node_id]
        assert net_direction(edit.labels) == want, (node_id, [str(lb) for lb in edit.labels])
        directed = [lb for lb in edit.labels if lb.direction != "neutral"]
        assert all(lb.old or lb.new for lb in directed), node_id  # every label says what it was and became


@pytest.mark.parametrize("corpus", [CORPUS, FIXTURES / "audit_heldout"], ids=["corpus", "second-corpus"])
def test_precision_and_recall_on_the_corpus(corpus: Path) -> None:
    """The second corpus was written after the audit was changed, each pair scored once before any further change
    (the first two: undocumented precision 0.80, unbacked 0.67 — a clause's drug-like word did not name a set's
    title; the third and fourth: exact)."""
    score = score_corpus(corpus)
    assert score.wrong_ties == [] and score.wrong_directions == []
    for s in (score.undocumented, score.unbacked):
        assert s.mistakes == []
        assert (s.precision, s.recall) == (1.0, 1.0)
    assert score.undocumented.tp >= 4 and score.unbacked.tp >= 2 and score.directions >= 8


def test_a_clause_about_another_criterion_of_the_indication_explains_nothing(reports: dict[str, AuditReport]) -> None:
    """Nemluvio added to AD's concurrent-use list; the annual review's AD clause is about the baseline EASI score."""
    pair, _ = _pair(reports, "CP.PHAR.336", 0)
    (nemluvio,) = [e for e in pair.undocumented if e.new_id == "I.A.6"]
    (label,) = nemluvio.labels
    assert label.name == "item added to an exclusion list" and label.direction == "more restrictive"
    assert (label.old, label.new) == ("Adbry®, Ebglyss®, or a Janus", "Adbry®, Ebglyss®, Nemluvio®, or a Janus")
    (threshold,) = [e for e in pair.undocumented if e.new_id == "I.D.1"]
    assert [str(lb) for lb in threshold.labels] == [
        "threshold raised ≥ 15 intraepithelial → ≥ 20 intraepithelial (more restrictive)"
    ]


def test_evidence_is_the_words_of_the_texts_never_stems(reports: dict[str, AuditReport]) -> None:
    seen = 0
    for report in reports.values():
        for pair in report.pairs:
            for t in pair.ties:
                if t.how is not TieKind.TERMS or t.claim is None:
                    continue
                assert t.matches, t.edit.new_id
                for m in t.matches:
                    for w in m.clause:
                        assert re.search(re.escape(w), t.claim.clause, re.I) or w.startswith("section"), (w, t.claim)
                    seen += 1
    assert seen > 30


def test_the_rows_a_new_set_brings_are_its_consequences(reports: dict[str, AuditReport]) -> None:
    pair, _ = _pair(reports, "CP.PHAR.336", 0)
    (alt,) = [t for t in pair.ties if t.edit.new_id == "IV.B.cetirizine-Zyrtec"]
    assert alt.how is TieKind.CONSEQUENCE and alt.via == "I.F"
    assert str(alt.matches[0]) == "Chronic Spontaneous Urticaria ↔ cetirizine (Zyrtec®)"
    (dosing,) = [t for t in pair.ties if t.edit.new_id == "V.CSU"]  # CSU spelled out from Appendix A
    assert dosing.claim is not None and dosing.claim.clause.startswith("Added chronic spontaneous urticaria")


def test_a_retitled_sets_row_is_renamed_not_deleted_and_inserted(reports: dict[str, AuditReport]) -> None:
    pair, _ = _pair(reports, "CP.PHAR.571", 0)
    (row,) = [e for e in pair.script.changes if e.node == "dosing"]
    assert (
        row.kind is EditKind.ROW_UPDATE and row.old_id == "V.Pediatric-GHD" and row.new_id == "V.Pediatric-GHD-or-SGA"
    )
    assert str(row.labels[0]) == "row renamed Pediatric GHD → Pediatric GHD or SGA (neutral)"
    (widened,) = [e for e in pair.script.changes if e.new_id == "I.A.1"]
    assert widened.labels[0].name == "criterion widened into an any-of group"


def test_an_edited_criterion_stays_in_its_set(reports: dict[str, AuditReport]) -> None:
    """Set A's "oncologist" became "oncologist or hematologist"; the new set E says "oncologist": no move."""
    pair, _ = _pair(reports, "CP.PHAR.297", 0)
    kinds = {(e.kind.value, e.old_id, e.new_id) for e in pair.script.changes}
    assert ("update", "I.A.2", "I.A.2") in kinds
    assert not any(e.kind is EditKind.MOVE for e in pair.script.changes)
    (a2,) = [e for e in pair.script.changes if e.new_id == "I.A.2"]
    assert (
        str(a2.labels[0]) == "prescriber specialties changed oncologist → oncologist, hematologist (less restrictive)"
    )
    seed, _ = _pair(reports, "CP.PHAR.295", 0)
    assert [(e.kind.value, e.old_id, e.new_id) for e in seed.script.changes if e.node == "criterion"] == [
        ("update", "I.A.6", "I.A.6"),
        ("update", "I.C.5", "I.C.5"),
    ]


def test_a_row_is_split_into_clauses_at_semicolons_and_sentences() -> None:
    from policyvc.history.audit import claims_of
    from policyvc.parser.nodes import RevisionEntry

    def clauses(text: str) -> list[str]:
        return [c.clause for c in claims_of([RevisionEntry(text, None, None)])]

    assert clauses("Added EoE indication per prescribing information. Updated Appendix E to include Ohio.") == [
        "Added EoE indication per prescribing information",
        "Updated Appendix E to include Ohio",
    ]
    assert clauses("4Q 2023 annual review: for AD (e.g. Rinvoq) added X; references reviewed and updated.") == [
        "for AD (e.g. Rinvoq) added X",
        "references reviewed and updated",
    ]
    assert clauses("Per SDC, added Nyvepria. No significant changes.") == ["Per SDC, added Nyvepria"]
