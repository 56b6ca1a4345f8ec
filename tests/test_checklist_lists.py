"""Lists in a checklist's or a viewer copy's shape: a lead-in that states its rule without a colon, a subheading
in title case right under a list's last item, a lead-in naming its items by a range of their labels.

Fixtures are written here in wordings and payers of their own (not those of any held-out set); each rule has
a case it must NOT read too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policyvc.parser.connective import read_connective
from policyvc.parser.nodes import Connective
from policyvc.parser.outline import OList, OSection, OutlineLine, read_outline


def _outline(text: str) -> OSection:
    return read_outline([OutlineLine(t, k) for k, t in enumerate(text.split("\n"), 1)]).root


def _titles(root: OSection) -> list[str]:
    out: list[str] = []
    stack = [root]
    while stack:
        s = stack.pop(0)
        out.append(s.title)
        stack[:0] = [b for b in s.blocks if isinstance(b, OSection)]
    return out


def _lists(s: OSection) -> list[OList]:
    return [b for b in s.blocks if isinstance(b, OList)]


def _section(root: OSection, title: str) -> OSection:
    stack = [root]
    while stack:
        s = stack.pop()
        if s.title == title:
            return s
        stack.extend(b for b in s.blocks if isinstance(b, OSection))
    raise AssertionError(f"no section {title!r}")


@pytest.mark.parametrize(
    ("lead", "want"),
    [
        ("Bariatric surgery is medically necessary when the member meets the criteria in 1 through 4:", "all"),
        ("Coverage requires criteria A-D below:", "all"),
        ("The member must satisfy requirements 1 to 3:", "all"),
        ("If ANY box is checked, the member is not eligible", "none"),
        ("If any one of the following is present, the request is not approved:", "none"),
        ("If one of these applies, the enrollee does not qualify", "none"),
        ("If one is checked, the member is eligible", "any"),
        ("Answers to ALL of the following must be yes", "all"),
    ],
)
def test_lead_ins_that_state_their_rule(lead: str, want: str) -> None:
    assert read_connective(lead).connective is Connective(want)


@pytest.mark.parametrize(
    "lead",
    [
        "The member meets one of criteria 1 through 3:",  # (the quantifier is ``one``: no rule of the range's)
        "The member does not meet criteria 1 through 4:",  # (a negation: nothing read)
        "See criteria 1 through 3 for details.",  # (no list announced)
        "Treatment for 1 to 3 months:",  # (a measure, no labels)
        "If one dose is missed, take it as soon as possible.",
        "If any adverse event is reported, the prescriber is not eligible to continue",  # (not the list's items)
    ],
)
def test_wordings_that_state_no_such_rule(lead: str) -> None:
    assert read_connective(lead).connective is None


# a viewer's copy of a checklist form, a lead-in under each heading with no colon (its boxes, ``□``, the
# normaliser reads as bullets; the CLI test writes them)
CHECKLIST = """\
Exclusions
If ANY box is checked, the member is not eligible
• Active malignancy within the past 5 years
• Pregnancy
• Known hypersensitivity to the drug
Qualifying Conditions
Answers to ALL of the following must be yes
• Age 12 years or older at the start of therapy
• Moderate to severe disease despite topical therapy for at least 8 weeks
• Prescribed by a dermatologist
Dosing Information
Give 300 mg every 2 weeks after a loading dose of 600 mg; reduce to every 4 weeks once stable.
"""


def test_a_checklists_headings_end_its_lists_and_its_lead_ins_give_their_rules() -> None:
    root = _outline(CHECKLIST)
    assert [t for t in _titles(root) if t] == ["Exclusions", "Qualifying Conditions", "Dosing Information"]
    (excl,) = _lists(_section(root, "Exclusions"))
    assert (excl.connective, len(excl.items)) == (Connective.NONE, 3)
    (incl,) = _lists(_section(root, "Qualifying Conditions"))
    assert (incl.connective, len(incl.items)) == (Connective.ALL, 3)


# a PDF viewer's copy: a list whose last item fills most of the line, then the next subsection's title and its
# lead-in wrapped over two lines
VIEWER = """\
Indications
Cardiac MRI is appropriate for suspected myocarditis when all of the following are met:
• Troponin elevation without obstructive coronary disease on catheterization or CT angiography
• Symptoms began within the past 3 months
• The result is expected to change the treatment plan, such as immunosuppression
Infiltrative Disease Evaluation
Cardiac MRI is appropriate for suspected infiltrative cardiomyopathy when any of the following
is documented:
• Unexplained left ventricular hypertrophy with low voltage on the electrocardiogram
• A positive technetium pyrophosphate scan
"""


def test_a_title_case_phrase_under_a_near_full_item_over_a_lead_in_is_a_subheading() -> None:
    root = _outline(VIEWER)
    assert "Infiltrative Disease Evaluation" in _titles(root)
    (first,) = _lists(_section(root, "Indications"))
    assert (first.connective, len(first.items)) == (Connective.ALL, 3)
    (second,) = _lists(_section(root, "Infiltrative Disease Evaluation"))
    assert (second.connective, len(second.items)) == (Connective.ANY, 2)


def test_an_items_wrapped_rest_in_title_case_stays_the_item() -> None:
    # (the item's line had no room for the next word, or ends at a word that needs the next: the rest of it)
    root = _outline(
        "Indications\n"
        "Coverage is provided when all of the following are met:\n"
        "• Prior treatment failure with a preferred agent listed on the Preferred Drug List of the\n"
        "Medicaid Fee For Service Program\n"
        "• Prescribed by a specialist in the field\n"
    )
    assert "Medicaid Fee For Service Program" not in _titles(root)
    (lst,) = _lists(_section(root, "Indications"))
    assert len(lst.items) == 2 and lst.items[0].text.endswith("Medicaid Fee For Service Program")


def test_the_checklist_reads_through_the_cli(tmp_path: Path) -> None:
    doc = tmp_path / "checklist.txt"
    doc.write_text("Adalimumab Criteria for Use\nMay 2026\n" + CHECKLIST.replace("•", "□"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "policyvc", "parse", "--recover", "--format", "json", str(doc)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    body = json.dumps(json.loads(run.stdout))
    assert '"connective": "none"' in body and '"connective": "all"' in body


# --- a short document's footer: page number, running title, copyright notice, then the next page's text ---

from policyvc.parser import parse_text_report  # noqa: E402
from policyvc.renderer.outline import render_outline  # noqa: E402


def _outline_of(text: str) -> str:
    report = parse_text_report(text, recover=True)
    assert report.policy is not None
    return render_outline(report.policy)


ECHO = """\
Northwind Radiology Benefits
Imaging Guidelines
Guideline: Echocardiography in Adults
Guideline Number: NRB-CARD-104
Effective Date: April 1, 2026
Clinical Indications
Transthoracic echocardiography is appropriate when any of the following is present:
• New murmur in a symptomatic patient
OR
• Suspected heart failure with an elevated natriuretic peptide
Page 1 of 2
Echocardiography in Adults
© 2026 Northwind Radiology Benefits, LLC. All rights reserved.
OR
• Syncope with suspected structural heart disease
Coding
CPT Code\tDescription
93306\tEchocardiography, transthoracic, complete
Page 2 of 2
"""


def test_a_short_documents_footer_goes_and_its_list_goes_on_over_the_break() -> None:
    out = _outline_of(ECHO)
    assert "All rights reserved" not in out
    body = [ln for ln in out.splitlines() if not ln.startswith("header.")]
    assert not any(ln.endswith("\tEchocardiography in Adults") for ln in body)
    crit = [ln for ln in out.splitlines() if "\tjudgment\t" in ln]
    assert len(crit) == 3 and crit[-1].endswith("Syncope with suspected structural heart disease")


def test_a_heading_at_a_pages_top_under_its_number_stays() -> None:
    # (a page's first line names words of the title but has its text below it: a heading, never furniture)
    text = ECHO.replace(
        "Echocardiography in Adults\n© 2026 Northwind Radiology Benefits, LLC. All rights reserved.\nOR\n",
        "Stress Echocardiography in Adults\nStress testing is addressed in a separate guideline.\nOR\n",
    )
    out = _outline_of(text)
    assert "Stress Echocardiography in Adults" in out
    assert "Stress testing is addressed in a separate guideline." in out


def test_a_criteria_for_use_document_with_no_identifier_reads_strict() -> None:
    # (no title label, identifier or dated field: its criteria sections say it is a policy; the generic
    # template warns of what it lacks)
    text = "Adalimumab Criteria for Use\nMay 2026\n" + CHECKLIST + "Renewal Criteria\nRenew for 12 months.\n"
    report = parse_text_report(text)
    assert report.policy is not None
    assert any("no identifier" in d.message for d in report.diagnostics)


def test_one_criteria_heading_alone_does_not_make_a_policy() -> None:
    from policyvc.parser.documents import looks_like_policy

    assert not looks_like_policy("Study Protocol 7\nInclusion Criteria\nAdults aged 18 to 65.\n")
    assert looks_like_policy("Drug X\nInclusion Criteria\nAdults.\nExclusion Criteria\nPregnancy.\n")
