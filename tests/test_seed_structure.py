"""The seed (CP.PHAR.295) parses completely and faithfully: checked node by node."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SEED, SHARED_SEED

from policyvc.parser import parse_file
from policyvc.parser.nodes import (
    AgeFact,
    Connective,
    CriteriaSet,
    Criterion,
    CriterionType,
    DoseLimitFact,
    MarkerKind,
    Policy,
    ReferralFact,
    StepTherapyFact,
    WeightBandFact,
    YearMonth,
    iter_criteria,
)


def _set(policy: Policy, set_id: str) -> CriteriaSet:
    return next(s for sec in policy.sections for s in sec.sets if s.id == set_id)


def _node(policy: Policy, node_id: str) -> Criterion:
    set_id = ".".join(node_id.split(".")[:2])
    return next(c for c in iter_criteria(_set(policy, set_id).criteria) if c.id == node_id)


def test_embedded_example_is_the_shared_seed() -> None:
    if not SHARED_SEED.is_file():  # ../shared is beside every checkout and in CI
        pytest.skip("../shared/seeds is not beside this checkout")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()
    assert parse_file(SHARED_SEED) == parse_file(SEED)


def test_header(seed_policy: Policy) -> None:
    h = seed_policy.header
    assert (h.title, h.generic_name, h.brand_names) == ("Sargramostim (Leukine)", "Sargramostim", ("Leukine",))
    assert h.reference_number == "CP.PHAR.295"
    assert h.effective_date == dt.date(2016, 12, 1)
    assert h.last_review == YearMonth(2025, 8)
    assert h.lines_of_business == ("Commercial", "HIM", "Medicaid")
    assert h.span.line == 3


def test_description_and_indications(seed_policy: Policy) -> None:
    assert seed_policy.description[0].text.startswith("Sargramostim (Leukine®) is a recombinant")
    assert len(seed_policy.indications) == 6
    assert seed_policy.indications[0].startswith("To shorten time to neutrophil recovery")
    assert [p.text[:8] for p in seed_policy.criteria_intro] == ["Provider", "It is th"]
    assert "medically necessary" in seed_policy.criteria_intro[1].text  # bold markers gone


def test_sections_and_sets(seed_policy: Policy) -> None:
    assert [(s.id, s.title) for s in seed_policy.sections] == [
        ("I", "Initial Approval Criteria"),
        ("II", "Continued Therapy"),
        ("III", "Diagnoses/Indications for which coverage is NOT authorized"),
    ]
    sets = [(s.id, s.title, s.off_label) for sec in seed_policy.sections for s in sec.sets]
    assert [x[0] for x in sets] == ["I.A", "I.B", "I.C", "I.D", "I.E", "I.F", "I.G", "II.A", "II.B", "III.A"]
    assert ("I.E", "Neuroblastoma", True) in sets
    assert ("I.F", "Chemotherapy-Induced Febrile Neutropenia", True) in sets
    for s in seed_policy.sections[0].sets + seed_policy.sections[1].sets:
        assert s.rule is not None and s.rule.connective is Connective.ALL and s.rule.text == "all"
    assert _set(seed_policy, "III.A").rule is None


def test_forty_numbered_criteria_in_sections_one_and_two(seed_policy: Policy) -> None:
    counts = {s.id: len(s.criteria) for sec in seed_policy.sections[:2] for s in sec.sets}
    assert counts == {"I.A": 6, "I.B": 5, "I.C": 5, "I.D": 5, "I.E": 4, "I.F": 7, "I.G": 2, "II.A": 4, "II.B": 2}
    assert sum(counts.values()) == 40
    for sec in seed_policy.sections[:2]:
        for s in sec.sets:
            assert [c.marker for c in s.criteria] == [str(i) for i in range(1, len(s.criteria) + 1)]
            assert all(c.marker_kind is MarkerKind.NUMBER for c in s.criteria)


def test_every_group_has_its_children_and_connective(seed_policy: Policy) -> None:
    # (group id, connective, child markers, child numbering)
    expected = [
        ("I.A.4", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("I.B.1", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("I.B.3", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("I.C.1", Connective.ANY, ["a", "b", "c"], MarkerKind.LETTER),
        ("I.C.4", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("I.D.2", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("I.D.5", Connective.ANY, ["a", "b", "c"], MarkerKind.LETTER),
        ("I.E.3", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("I.E.3.b", Connective.ANY, ["i", "ii"], MarkerKind.ROMAN),
        ("I.E.4", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("I.E.4.a", Connective.BOTH, ["i", "ii"], MarkerKind.ROMAN),
        ("I.F.5", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("I.F.7", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("I.G.1", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("I.G.2", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("I.G.2.a", Connective.ANY, ["i", "ii"], MarkerKind.ROMAN),  # "(I or ii)" in the source
        ("II.A.1", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("II.A.4", Connective.ANY, ["a", "b", "c"], MarkerKind.LETTER),
        ("II.A.4.b", Connective.BOTH, ["i", "ii"], MarkerKind.ROMAN),
        ("II.B.1", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("II.B.2", Connective.ANY, ["a", "b"], MarkerKind.LETTER),
        ("II.B.2.a", Connective.ANY, ["i", "ii"], MarkerKind.ROMAN),
    ]
    groups = [c for sec in seed_policy.sections for s in sec.sets for c in iter_criteria(s.criteria) if c.children]
    assert [g.id for g in groups] == [e[0] for e in expected]
    for group, (gid, conn, markers, kind) in zip(groups, expected, strict=True):
        assert group.connective is conn, gid
        assert [c.marker for c in group.children] == markers, gid
        assert all(c.marker_kind is kind for c in group.children), gid
        assert all(c.id == f"{gid}.{c.marker}" for c in group.children), gid
    leaves = [c for sec in seed_policy.sections for s in sec.sets for c in iter_criteria(s.criteria)]
    assert len(leaves) == 87  # 40 numbered + 37 lettered/roman
    assert all(c.connective is None for c in leaves if not c.children)


def test_footnote_marks_and_notes(seed_policy: Policy) -> None:
    il = "For Illinois HIM requests, the step therapy requirements below do not apply as of 1/1/2026 per IL HB 5395."
    pa = "Prior authorization may be required for Zarxio"
    nccn = "Prescribed regimen must be FDA-approved or recommended by NCCN"
    for gid in ("I.A.4", "I.B.3", "I.C.4", "I.D.2", "I.F.5", "I.G.1", "II.B.1"):
        node = _node(seed_policy, gid)
        assert node.footnote == "*" and node.text.endswith("(a or b):"), gid
        assert [n.text for n in node.notes] == [il], gid
    for leaf in ("I.A.4.b", "I.B.3.b", "I.C.4.b", "I.D.2.b", "I.F.5.b", "I.G.1.a", "II.B.1.a"):
        assert [n.text for n in _node(seed_policy, leaf).notes] == [pa], leaf
    for gid in ("I.E.4", "I.F.7", "II.A.4"):
        assert [n.text for n in _node(seed_policy, gid).notes] == [nccn], gid
    # the starred drugs of E.3 (Danyelza®*, Unituxin®* …) share one note on their common parent
    assert [n.text for n in _node(seed_policy, "I.E.3").notes] == ["Prior authorization may be required"]
    assert (
        _node(seed_policy, "I.E.3.a").text
        == "Prescribed in combination with Danyelza®*, temozolomide*, and irinotecan*;"
    )
    notes = sum(len(c.notes) for sec in seed_policy.sections for s in sec.sets for c in iter_criteria(s.criteria))
    assert notes == 18


def test_typed_criteria(seed_policy: Policy) -> None:
    age = _node(seed_policy, "I.A.3")
    assert age.type is CriterionType.AGE and age.fact == AgeFact("age", "≥", 55.0, "years")
    dose = _node(seed_policy, "I.B.5").fact
    assert isinstance(dose, DoseLimitFact)
    assert (dose.dose.amount, dose.dose.unit, dose.dose.per, dose.dose.routes, dose.dose.frequency) == (
        250.0,
        "mcg",
        "m²",
        ("IV", "SC"),
        "daily",
    )
    band = _node(seed_policy, "I.D.5.b").fact
    assert isinstance(band, WeightBandFact) and (band.low, band.high, band.dose.amount, band.dose.per) == (
        15.0,
        40.0,
        10.0,
        "kg",
    )
    low = _node(seed_policy, "I.D.5.a").fact
    assert isinstance(low, WeightBandFact) and low.low is None and low.high == 15.0 and not low.high_inclusive
    cycle = _node(seed_policy, "I.E.4.a.i").fact
    assert isinstance(cycle, DoseLimitFact) and cycle.per_cycle and cycle.dose.count == 5
    assert cycle.dose.qualifier == "prior to day 1 of Danyelza administration"
    step = _node(seed_policy, "I.A.4.b").fact
    assert isinstance(step, StepTherapyFact) and step.drugs == ("Zarxio",) and step.requirement == "failure"
    assert _node(seed_policy, "I.A.4.a").type is CriterionType.STATE_EXCEPTION
    assert _node(seed_policy, "I.A.5").type is CriterionType.CONCURRENT_USE
    assert _node(seed_policy, "I.D.4").type is CriterionType.DOCUMENTATION
    assert _node(seed_policy, "I.E.2").type is CriterionType.PRESCRIBER
    assert _node(seed_policy, "I.E.1").type is CriterionType.DIAGNOSIS
    assert _node(seed_policy, "I.E.4.b").type is CriterionType.GUIDELINE_SUPPORTED
    referral = _node(seed_policy, "I.G.2.b").fact
    assert isinstance(referral, ReferralFact)
    assert referral.policies == (
        ("commercial", "CP.CPA.09"),
        ("health insurance marketplace", "HIM.PA.154"),
        ("Medicaid", "CP.PMN.53"),
    )
    assert _node(seed_policy, "II.A.2").type is CriterionType.JUDGMENT


def test_approval_durations_per_set(seed_policy: Policy) -> None:
    # "Other diagnoses/indications" (I.G, II.B) refer elsewhere and carry no duration
    assert _set(seed_policy, "I.G").durations == _set(seed_policy, "II.B").durations == ()
    for sec in seed_policy.sections[:2]:
        for s in sec.sets:
            if s.id in ("I.G", "II.B"):
                continue
            assert len(s.durations) == 2, s.id
            medicaid, commercial = s.durations
            assert (medicaid.lines_of_business, medicaid.amount, medicaid.unit) == (("Medicaid", "HIM"), 6, "months")
            assert commercial.lines_of_business == ("Commercial",)
            assert (commercial.amount, commercial.alternative, commercial.rule) == (
                6,
                "the member’s renewal date",
                "whichever is longer",
            )
            # set E is the one without an "Approval duration:" line
            assert s.duration_heading is (s.id != "I.E"), s.id
    assert _set(seed_policy, "III.A").durations == ()


def test_appendices(seed_policy: Policy) -> None:
    apps = {a.letter: a for a in seed_policy.appendices}
    assert sorted(apps) == ["A", "B", "C", "D", "E"]
    assert dict(apps["A"].abbreviations)["GM-CSF"] == "granulocyte-macrophage colony stimulating factor"
    assert len(apps["A"].abbreviations) == 8
    (alt,) = apps["B"].alternatives  # one row, stitched across the page break
    assert alt.drug == "Zarxio (filgrastim-sndz),"
    assert alt.regimen == (
        "AML: 5 mcg/kg SC or IV QD",
        "BMT: 10 mcg/kg IV or SC infusion QD",
        "PBPC collection: 10 mcg/kg SC bolus or continuous infusion QD",
        "Acute Radiation Syndrome: 10 mcg/kg SC QD",
    )
    assert alt.maximum == (
        "AML: 30 mcg/kg/day [IV] or 24 mcg/kg/day [SC]",
        "BMT, PBPC collection, Acute Radiation Syndrome: 10 mcg/kg/day",
    )
    states = apps["E"].states
    assert [s.state for s in states] == ["FL", "GA", "IA", "IN", "LA", "MS", "NV", "OH", "OK", "PA", "TN", "TX"]
    assert all(s.prohibited for s in states)
    assert {s.state: s.mark for s in states if s.mark} == {"LA": "‡", "TN": "^"}


def test_dosing_availability_references_codes(seed_policy: Policy) -> None:
    assert [r.indication for r in seed_policy.dosing][:2] == ["AML", "PBPC collection and transplantation"]
    assert seed_policy.dosing[0].maximum == ("250 mcg/m² IV daily",)
    assert "250 mcg/m²/day IV" in seed_policy.dosing[0].regimen[0]  # "m ² /day" rejoined
    (product,) = seed_policy.availability
    assert (product.form, product.detail) == ("Lyophilized powder", "250 mcg single-dose vial")
    assert [r.number for r in seed_policy.references] == [1, 2, 3, 4, 5, 6]
    assert "https://www.leukine.com/#" in seed_policy.references[0].text
    assert [(c.code, c.description) for c in seed_policy.hcpcs] == [
        ("J2820", "Injection, sargramostim (GM-CSF), 50 mcg")
    ]
    assert len(seed_policy.reminder) == 8


def test_revision_log_typed_and_in_document_order(seed_policy: Policy) -> None:
    log = seed_policy.revision_log
    assert len(log) == 10
    assert [e.date for e in log] == [
        dt.date(2021, 4, 5),
        dt.date(2021, 8, 3),
        dt.date(2022, 4, 20),
        dt.date(2022, 9, 23),
        dt.date(2023, 4, 18),
        dt.date(2023, 10, 16),
        dt.date(2024, 6, 5),
        dt.date(2024, 5, 3),
        dt.date(2025, 4, 14),
        dt.date(2026, 3, 26),
    ]
    assert [e.pt_approval for e in log] == [
        YearMonth(2021, 8),
        None,
        YearMonth(2022, 8),
        None,
        YearMonth(2023, 8),
        None,
        None,
        YearMonth(2024, 8),
        YearMonth(2025, 8),
        None,
    ]
    # the 3Q 2025 row was split by a page break and its header repeated: stitched back
    assert log[8].description.endswith(
        "should also include temozolomide and irinotecan; added step therapy bypass for IL HIM per IL HB 5395; "
        "updated Appendix E with revised language and exception for Tennessee; references reviewed and updated."
    )


def test_spans_point_into_the_source(seed_policy: Policy) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    node = _node(seed_policy, "I.A.4.a")
    assert node.span.line == 50
    assert lines[node.span.line - 1][node.span.column - 1 :].startswith("a. Request is for treatment")
    assert _set(seed_policy, "II.B").span.line == 221
    assert _node(seed_policy, "II.B.2").span.line == 230  # written "- 2." in the export
    assert seed_policy.revision_log[9].span.line == 335
    assert node.source == (
        "- a. Request is for treatment associated with cancer for a State with regulations against step therapy "
        "in certain oncology settings (*see Appendix E*);"
    )  # the exact source text, export artifacts and all


def test_structural_equality_ignores_spans(seed_policy: Policy) -> None:
    from dataclasses import replace

    from policyvc.parser.nodes import Span

    node = _node(seed_policy, "I.A.1")
    moved = replace(node, span=Span(999, 9), source="different")
    assert moved == node and hash(moved) == hash(node)
    assert replace(node, text="Diagnosis of ALL;") != node
