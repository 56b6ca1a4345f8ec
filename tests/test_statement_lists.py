"""Lettered coverage statements under roman-numbered sections, in any payer's medical policy.

A plan's medical policy may write each stage of a service as a roman-numbered heading (``I. Evaluation``, ``II.
Initial Rental``) and, under it, lettered statements: one a coverage statement that leads into its criteria with
a connective (``A. A continuous glucose monitor is medically necessary when all of the following are met:``),
others plain statements or lists its words join by no connective (``B. Supply limits for the initial rental:``).
The coverage statement IS the criteria set (its letter, its connective; its criteria at the top of the set), the
others stay what they are; and an approval by the set is never past the sibling list the rules cannot compute.
The fixtures are written here, in the shapes of published policies (a DME policy, a behavioral-health policy).
"""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Connective, CriteriaSet, Section
from policyvc.parser.statement_lists import coverage_lead_in
from policyvc.rules.body import rules_view

CGM = """\
Medical Policy: Continuous Glucose Monitors
Policy Number: DME-112
Effective Date: March 1, 2026

Purpose
To state when the plan covers a therapeutic continuous glucose monitor (CGM) and its supplies.

Policy
I. Prescription
A. A CGM must be prescribed by the treating practitioner within the past 6 months.
II. Initial Rental
A. A therapeutic CGM is considered medically necessary when all of the following are met:
1. The member has diabetes mellitus;
2. The member is insulin-treated with one of the following:
a. Multiple daily injections of insulin;
b. A continuous subcutaneous insulin infusion pump;
3. The member has been trained to use the device.
B. Supply limits for the initial rental:
1. One receiver per 12 months;
2. Sensors for no more than 30 days per month.
III. Continued Coverage
A. Continued coverage is medically necessary when both of the following are met:
1. The member has had an in-person or telehealth visit within the past 6 months;
2. The member uses the device as prescribed.

References
1. Centers for Medicare & Medicaid Services. LCD L33822 Glucose Monitors. 2025.
"""


def _sets(section: Section) -> list[CriteriaSet]:
    out: list[CriteriaSet] = []
    for b in section.blocks:
        if isinstance(b, CriteriaSet):
            out.append(b)
        elif isinstance(b, Section):
            out.extend(_sets(b))
    return out


def _section(policy_body: tuple[object, ...], title: str) -> Section:
    stack = list(policy_body)
    while stack:
        b = stack.pop(0)
        if isinstance(b, Section):
            if b.title == title:
                return b
            stack.extend(b.blocks)
    raise AssertionError(f"no section {title!r}")


def test_the_coverage_statement_is_the_set_its_criteria_at_its_top() -> None:
    policy = parse_text_report(CGM, "cgm.txt").policy
    rental = _sets(_section(policy.body, "Initial Rental"))
    assert [(s.letter, s.rule.connective if s.rule else None) for s in rental] == [
        ("A", Connective.ALL),
        ("B", None),
    ]
    first = rental[0]
    assert first.title.startswith("A therapeutic CGM is considered medically necessary")
    assert [c.marker for c in first.criteria] == ["1", "2", "3"]
    assert first.criteria[1].connective is Connective.ANY
    assert [c.marker for c in first.criteria[1].children] == ["a", "b"]
    # the sibling list stays a list: no connective the text does not write
    limits = rental[1]
    assert limits.title.startswith("Supply limits") and [c.marker for c in limits.criteria] == ["1", "2"]
    continued = _sets(_section(policy.body, "Continued Coverage"))
    assert [(s.letter, s.rule.connective if s.rule else None) for s in continued] == [("A", Connective.BOTH)]
    assert [c.marker for c in continued[0].criteria] == ["1", "2"]


def test_a_section_of_plain_statements_is_read_as_before() -> None:
    """``I. Prescription`` holds one plain statement and no coverage lead-in: no lettered set is made of it."""
    policy = parse_text_report(CGM, "cgm.txt").policy
    prescription = _section(policy.body, "Prescription")
    assert not any(s.letter for s in _sets(prescription))
    assert "prescribed by the treating practitioner" in repr(prescription)


def test_an_approval_by_the_set_is_held_within_the_sibling_list() -> None:
    """Fail-safe: the supply limits are text the rules do not compute, so approving by ``II.A`` asks a reviewer
    that the request is within them (the set's ``limits`` judgment names them)."""
    view = rules_view(parse_text_report(CGM, "cgm.txt").policy)
    approving = [s for section in view.sections for s in section.sets if "Initial-Rental" in s.id]
    assert approving, [s.id for section in view.sections for s in section.sets]
    last = approving[0].criteria[-1]
    assert last.id.endswith(".limits") and "Supply limits for the initial rental" in last.text


BEHAVIORAL = """\
Clinical Guideline: Applied Behavior Analysis
Guideline Number: BH-07
Effective Date: 01/01/2026

Coverage Criteria
I. Initial Assessment
A. Applied behavior analysis is covered when one of the following is met:
1. The member has a diagnosis of autism spectrum disorder; OR
2. The member has a developmental disability with behaviors that threaten safety.
B. Applied behavior analysis is not medically necessary when any of the following applies:
1. The services are primarily custodial;
2. The services are educational and provided by a school.
"""


def test_a_refusal_beside_a_grant_is_never_made_an_approving_set() -> None:
    policy = parse_text_report(BEHAVIORAL, "aba.txt").policy
    sets = _sets(_section(policy.body, "Initial Assessment"))
    granted = [s for s in sets if s.letter == "A"]
    assert granted and granted[0].rule is not None and granted[0].rule.connective is Connective.ANY
    # the refusal keeps what the list reading gives it — never an all-of group that approves
    view = rules_view(policy)
    approving = [s.title for section in view.sections for s in section.sets if section.id.endswith(".section")]
    assert not any("not medically necessary" in t for t in approving)


def test_only_a_coverage_statement_with_its_connective_leads_a_set() -> None:
    assert coverage_lead_in("Outpatient speech therapy is medically necessary when all of the following are met:")
    assert coverage_lead_in("The device is considered medically necessary if at least two of the following apply:")
    assert coverage_lead_in("Bariatric surgery meets coverage criteria when both of the following are present:")
    assert coverage_lead_in("A repeat study may be approved when one of the following is documented:")
    assert not coverage_lead_in("The service is not medically necessary when any of the following applies:")
    assert not coverage_lead_in("Quantity limits for the initial authorization:")
    assert not coverage_lead_in("The member has a documented limitation due to one of the following:")
    assert not coverage_lead_in("The procedure is considered investigational when one of the following applies:")
    assert not coverage_lead_in("Applied behavior analysis is medically necessary for members with autism.")
