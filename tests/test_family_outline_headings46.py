"""A family policy's outline shows the document's own headings, and a plan's own section after the criteria is read.

Every heading is in the outline as written — its numeral and words (``VIII. References`` where an edition numbers
on) — under the id of the part or section it opens, and in the JSON (``headings``).  A roman-numbered section the
family does not know, written after the criteria sections among the back matter (``VII. Continuity of Care``,
``VIII. Definitions``), is read as a section of its own — paragraphs, lists, tables — with a note: the version is
read whole and decides as it would without it.  Before or among the criteria sections it stays unread.
"""

from __future__ import annotations

import json

import pytest

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Section
from policyvc.renderer.outline import render_outline
from policyvc.renderer.text import render_text
from policyvc.serialize import to_dict

# (an invented state plan's edition of a family drug policy: the plan adds two sections of its own after the
# product availability, and numbers its references on)
_POLICY = """Clinical Policy: Inebilizumab-cdon (Uplizna)
Reference Number: CP.PHAR.612
Effective Date: 09.01.24
Last Review Date: 08.26
Line of Business: Medicaid

Description

Inebilizumab-cdon (Uplizna®) is a CD19-directed cytolytic antibody.

FDA Approved Indication(s)

Uplizna is indicated for neuromyelitis optica spectrum disorder (NMOSD) in adults.

Policy/Criteria

It is the policy of Peach Valley Health Plan that Uplizna is medically necessary when the following criteria are met:

I. Initial Approval Criteria
A. Neuromyelitis Optica Spectrum Disorder (must meet all):
1. Diagnosis of NMOSD;
2. Prescribed by or in consultation with a neurologist;
3. Age ≥ 18 years;
4. Dose does not exceed 300 mg IV on day 1 and day 15, then 300 mg IV every 6 months.
Approval duration: 6 months

II. Continued Therapy
A. Neuromyelitis Optica Spectrum Disorder (must meet all):
1. Member is responding positively to therapy;
2. If request is for a dose increase, new dose does not exceed 300 mg IV every 6 months.
Approval duration: 12 months

III. Diagnoses/Indications for which coverage is NOT authorized:
A. Non-FDA approved indications, which are not addressed in this policy.

IV. Appendices/General Information
Appendix A: Abbreviation/Acronym Key
NMOSD: neuromyelitis optica spectrum disorder

V. Dosage and Administration

NMOSD: 300 mg IV on day 1 and day 15, then 300 mg IV every 6 months.

VI. Product Availability

Single-dose vial: 100 mg/10 mL

VII. Continuity of Care

A member new to the plan who is stable on Uplizna continues it for 90 days while the request is reviewed.

- Proof of a prior approval from the member's former plan;
- Claims history showing a dose within the last 6 months.

VIII. Definitions

Term\tMeaning
Stable\tNo relapse in the last 6 months
Relapse\tA new attack of optic neuritis or myelitis

IX. References

1. Uplizna Prescribing Information. Gaithersburg, MD: Horizon; April 2025.

Coding Implications

HCPCS Codes\tDescription
J1823\tInjection, inebilizumab-cdon, 1 mg

Reviews, Revisions, and Approvals\tDate\tP&T Approval Date
Policy created\t08.20.24\t08.24
Added VII. Continuity of Care and VIII. Definitions\t08.12.26\t08.26
"""

_HEADINGS = [
    ("description", "Description"),
    ("indications", "FDA Approved Indication(s)"),
    ("criteria", "Policy/Criteria"),
    ("I", "I. Initial Approval Criteria"),
    ("II", "II. Continued Therapy"),
    ("III", "III. Diagnoses/Indications for which coverage is NOT authorized:"),
    ("IV", "IV. Appendices/General Information"),
    ("V", "V. Dosage and Administration"),
    ("VI", "VI. Product Availability"),
    ("Continuity-of-Care", "VII. Continuity of Care"),
    ("Definitions", "VIII. Definitions"),
    ("VII", "IX. References"),
    ("coding", "Coding Implications"),
    ("log", "Reviews, Revisions, and Approvals"),
]


def _rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def test_every_heading_is_in_the_outline_as_written_in_its_place() -> None:
    report = parse_text_report(_POLICY, "uplizna.txt")
    assert not report.partial
    rows = _rows(render_outline(report.policy))
    heads = [(i, t) for i, k, t in rows if k == "heading"]
    # (the criteria sections keep their `section` lines; every other heading is a `heading` line)
    assert heads == [(i, t) for i, t in _HEADINGS if i not in ("I", "II", "III")]
    ids = [r[0] for r in rows]
    assert ids.index("VI.1") < ids.index("Continuity-of-Care") < ids.index("Definitions") < ids.index("VII")
    assert [(h.id, h.heading) for h in report.policy.headings] == _HEADINGS
    ast = json.loads(json.dumps(to_dict(report.policy)))
    assert [h["heading"] for h in ast["headings"]] == [t for _, t in _HEADINGS]


def test_a_plan_section_after_the_criteria_is_read_as_a_section_of_its_own() -> None:
    report = parse_text_report(_POLICY, "uplizna.txt")
    notes = [d.message for d in report.diagnostics if d.severity == "note"]
    assert sum("not a section the centene-pharmacy template knows" in m for m in notes) == 2
    placed = report.policy.plan_sections
    assert [(p.after, p.section.marker, p.section.title) for p in placed] == [
        ("VI", "VII", "Continuity of Care"),
        ("VI", "VIII", "Definitions"),
    ]
    rows = {r[0]: r[1:] for r in _rows(render_outline(report.policy))}
    assert rows["Continuity-of-Care.p1"][0] == "paragraph"
    assert rows["Continuity-of-Care.b1.2"] == ["bullet", "Claims history showing a dose within the last 6 months."]
    assert rows["Definitions.t1.Stable"] == ["row", "Stable | No relapse in the last 6 months"]
    # (the family's own parts stay where they were: the references read as section VII, the criteria typed)
    assert [r.number for r in report.policy.references] == [1]
    assert [s.id for s in report.policy.sections] == ["I", "II", "III"]


def test_a_plan_section_survives_the_canonical_text() -> None:
    policy = parse_text_report(_POLICY, "uplizna.txt").policy
    text = render_text(policy)
    assert "VII. Continuity of Care" in text and "VIII. Definitions" in text
    again = parse_text_report(text, "canonical.txt").policy
    assert again == policy
    assert isinstance(again.plan_sections[0].section, Section)


@pytest.mark.parametrize("before", ["I. Initial Approval Criteria", "III. Diagnoses/Indications"])
def test_a_plan_section_before_or_among_the_criteria_stays_unread(before: str) -> None:
    lines = _POLICY.split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith(before))
    section = ["VII. Continuity of Care", "", "A member new to the plan continues it.", ""]
    text = "\n".join([*lines[:at], *section, *lines[at:]])
    report = parse_text_report(text, "uplizna.txt", recover=True)
    assert report.partial
    # (the plan's sections after the criteria still read as sections; the one before or among them unread)
    assert [p.after for p in report.policy.plan_sections] == ["VI", "VI"]
    assert any("A member new to the plan continues it." in r.lines for r in report.policy.unread_regions)
