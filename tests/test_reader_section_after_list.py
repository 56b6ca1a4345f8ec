"""A generic guideline's numbered section heading right after a list whose numbers it goes on
(``3. Exclusions`` with items ``1.``–``3.``, then ``4. Experimental and Investigational``): the next section,
never a fourth item — when a blank line stands between, the list's last item ends with a period, every item
states a criterion or a sentence and the heading is a title in title case. What must not match: a list of
short title-case names (the next name is its peer), a list whose last item goes on (``…; or``), a title-case
line with no blank line above it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from heldout_support import find_section

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import CriteriaSet, Policy, Section

# two payers' wordings of the shape: sections ``1.``–``5.``, a list under ``3.`` numbered ``1.``–``3.``
_IMAGING = """Crestline Radiology Benefits
Clinical Guideline: Cardiac CT Angiography
Guideline Number: CRB-4471
Effective Date: March 1, 2026

1. Scope
This guideline applies to requests for coronary CT angiography (CPT 75574).

2. Indications
Coronary CT angiography is considered medically necessary for any of the following:
1. Acute chest pain in a member at intermediate risk with non-diagnostic troponin;
2. Evaluation of suspected coronary anomalies;
3. Assessment of bypass graft patency when catheterization is not planned.

3. Exclusions
Coronary CT angiography will not be approved when any of the following applies:
1. Heart rate above 80 beats per minute despite rate control;
2. Severe contrast allergy without premedication;
3. Pregnancy.

{heading}
Coronary CT angiography for screening of asymptomatic members is considered investigational.

5. References
1. Society of Cardiovascular Computed Tomography. Guidelines. 2024.
"""

_THERAPY = """Lakeshore Care Management
Medical Policy: Outpatient Pulmonary Rehabilitation
Policy ID: LCM-0912
Effective Date: 07/01/2026

1. Purpose
To state when outpatient pulmonary rehabilitation is covered.

2. Coverage Criteria
Pulmonary rehabilitation is covered when ALL of the following are met:
1. Moderate to very severe COPD (GOLD 2 to 4); and
2. Referral by the treating pulmonologist.

3. Limitations
The following are not covered:
1. More than 36 sessions in a lifetime;
2. Maintenance programs after the initial course;
3. Sessions on the same day as another therapy session.

{heading}
Home-based programs delivered by video are reviewed case by case.

5. Policy History
01/15/2026 Annual review.
"""


def _tops(policy: Policy) -> list[str]:
    return [s.title for s in policy.body if s.id != "front"]


def _items(policy: Policy, title: str) -> list[str]:
    section = find_section(policy, title)
    return [c.text for b in section.blocks if isinstance(b, CriteriaSet) for c in b.criteria]


@pytest.mark.parametrize(
    ("doc", "heading", "listed"),
    [
        (_IMAGING, "Experimental and Investigational", "Exclusions"),
        (_IMAGING, "Not Medically Necessary", "Exclusions"),
        (_THERAPY, "Services Requiring Review", "Limitations"),
    ],
)
def test_a_numbered_heading_after_a_list_it_numbers_on_is_the_next_section(doc: str, heading: str, listed: str) -> None:
    policy = parse_text_report(doc.format(heading=f"4. {heading}"), "g.txt", recover=True).policy
    tops = _tops(policy)
    assert heading in tops and tops.index(heading) == tops.index(listed) + 1
    assert not any(heading in t for t in _items(policy, listed))
    assert isinstance(find_section(policy, heading), Section)


def test_a_list_of_short_names_goes_on_with_its_peer() -> None:
    # the list's items are title-case names: ``4. Psoriatic Arthritis`` is its fourth, never a section
    doc = _IMAGING.replace(
        "1. Heart rate above 80 beats per minute despite rate control;\n2. Severe contrast allergy without "
        "premedication;\n3. Pregnancy.",
        "1. Atrial Fibrillation\n\n2. Severe Contrast Allergy\n\n3. Renal Failure",
    )
    policy = parse_text_report(doc.format(heading="4. Morbid Obesity"), "g.txt", recover=True).policy
    assert "Morbid Obesity" not in _tops(policy)
    assert _items(policy, "Exclusions")[3].startswith("Morbid Obesity")


@pytest.mark.parametrize(
    "change",
    [
        # the last item goes on to the next: ``…; or``
        ("therapy session.", "therapy session; or"),
        # no blank line between the list and the title-case line
        ("therapy session.\n\n{heading}", "therapy session.\n{heading}"),
    ],
)
def test_a_list_that_goes_on_keeps_its_next_item(change: tuple[str, str]) -> None:
    doc = _THERAPY.replace(*change)
    policy = parse_text_report(doc.format(heading="4. Services Requiring Review"), "g.txt", recover=True).policy
    assert "Services Requiring Review" not in _tops(policy)


# the same shape in a web page (``section_after_list/src/*.html``) printed by Chromium and read by ``pdftotext``
# without and with ``-layout`` (remade by ``python tests/docgen.py tests/fixtures/section_after_list``)
PRINTS = sorted((FIXTURES / "section_after_list").glob("*.pdftotext*.txt"))


@pytest.mark.parametrize("path", PRINTS, ids=lambda p: p.name)
def test_a_printed_guideline_reads_its_section_after_a_list(path: Path) -> None:
    policy = parse_file_report(path, recover=True).policy
    tops = _tops(policy)
    assert tops.index("Experimental and Investigational") == tops.index("Exclusions") + 1
    assert len(_items(policy, "Exclusions")) == 3
