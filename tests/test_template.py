"""Templates: chosen from what a document says, forced with ``--template``, reported by ``parse``; every
fixture of every template reads to its golden outline (read and checked by hand when written).

* ``tests/fixtures/medical``: Centene medical policies (statement groups by subheading, each from ``I.``);
* ``tests/fixtures/payers``: policies in the styles of other payers (UnitedHealthcare, Aetna, Cigna, Anthem,
  a Blue Cross plan, a CMS LCD).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, SEED, check_golden, run_cli

from policyvc.parser import parse_file, parse_file_report
from policyvc.parser.template import choose
from policyvc.renderer.outline import render_outline

MEDICAL = sorted((FIXTURES / "medical").glob("*.txt"))
PAYERS = sorted((FIXTURES / "payers").glob("*.txt"))


def _golden(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}.outline"


@pytest.mark.parametrize("path", MEDICAL + PAYERS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_fixture_reads_to_its_golden_outline(path: Path) -> None:
    report = parse_file_report(path)
    assert not report.partial
    check_golden(_golden(path), render_outline(report.policy))


@pytest.mark.parametrize("path", MEDICAL, ids=lambda p: p.stem)
def test_medical_policies_are_read_by_the_medical_template(path: Path) -> None:
    policy = parse_file(path)
    assert policy.template == "centene-medical"
    assert policy.reference_number.startswith("CP.MP.")
    assert policy.revision_log, "the revision log is read"


@pytest.mark.parametrize("path", PAYERS, ids=lambda p: p.stem)
def test_other_payers_are_generic_with_an_identifier_and_a_date(path: Path) -> None:
    policy = parse_file(path)
    assert policy.template == "generic"
    assert policy.reference_number
    header = policy.header
    assert policy.revision_log or header.effective_date or header.last_review, "a dated history or a date"


def test_the_seed_is_still_the_pharmacy_template() -> None:
    assert choose(SEED.read_text(encoding="utf-8")).name == "centene-pharmacy"
    assert parse_file(SEED).template == "centene-pharmacy"


def test_the_template_is_reported_and_can_be_forced() -> None:
    path = MEDICAL[0]
    result = run_cli("parse", "--format", "json", str(path))
    assert result.returncode == 0 and json.loads(result.stdout)["template"] == "centene-medical"
    result = run_cli("parse", "--template", "generic", str(path))
    assert result.returncode == 0 and "header.template\tfield\tgeneric" in result.stdout
    result = run_cli("parse", "--template", "nosuch", str(path))
    assert result.returncode == 2 and "unknown template `nosuch`" in result.stderr


@pytest.mark.parametrize("path", [MEDICAL[0], PAYERS[0]], ids=lambda p: p.stem)
def test_json_and_canonical_text_of_outline_templates(path: Path) -> None:
    from policyvc.renderer.text import render_text
    from policyvc.serialize import from_json, to_json

    policy = parse_file(path)
    assert from_json(to_json(policy)) == policy  # the schema holds body sections and their criteria groups
    text = render_text(policy)
    assert "(must meet" not in text  # no rule the document did not write
    first_group = next(s for sec in policy.body for s in _groups(sec))
    assert first_group.title in text


def _groups(section: object) -> list[Any]:
    from policyvc.parser.nodes import CriteriaSet, Section

    assert isinstance(section, Section)
    out: list[Any] = []
    for b in section.blocks:
        if isinstance(b, CriteriaSet):
            out.append(b)
        elif isinstance(b, Section):
            out.extend(_groups(b))
    return out


def test_a_web_page_with_fields_laid_out_label_above_value_is_a_policy() -> None:
    from policyvc.parser.documents import looks_like_policy

    # a coverage page copied out of a browser: site links, then each field's label with its value below it
    page = (
        "Skip to navigation\nHome\nSearch\nSign in\nLocal Coverage Article\nWound Debridement Billing\n"
        "Article ID\nA12345\nOriginal Effective Date\n10/01/2015\nRevision Effective Date\n03/01/2026\n"
        "Article Text\nDebridement is reported by the surface area treated.\n"
    )
    assert looks_like_policy(page)
    # a letter with a date under its greeting line is still no policy
    assert not looks_like_policy("Dear member,\nThank you for your call on\n03/01/2026\nSincerely,\nThe team\n")


BODY = "\nCoverage Criteria\nCovered when all of the following:\n1. Mechanical symptoms;\n2. Failed therapy.\n"


@pytest.mark.parametrize(
    ("head", "title", "identifier"),
    [
        # the title leads its field line, and a label that ends in its own stop needs no colon
        (
            "Acme Health Clinical Policy\nKnee Arthroscopy: Policy No. 412\nLast Approval: 01/05/2026\n",
            "Knee Arthroscopy",
            "412",
        ),
        ("Acme Health\nHip Resurfacing – Document # 77\nEffective Date: 01/05/2026\n", "Hip Resurfacing", "77"),
        # a bare ``Policy:`` label names the identifier when its value is one token with a digit …
        (
            "Acme Health Plan Policies\n\nPolicy: MP310\nSubject: Knee Arthroscopy\nEffective Date: 01/05/2026\n",
            "Knee Arthroscopy",
            "MP310",
        ),
    ],
    ids=["no-colon-lead-title", "dash-lead-title", "bare-policy-label"],
)
def test_header_fields_in_other_layouts(head: str, title: str, identifier: str) -> None:
    from policyvc.parser import parse_text

    policy = parse_text(head + BODY, "x.txt")
    assert (policy.header.title, policy.reference_number) == (title, identifier)


def test_a_bare_policy_label_before_a_sentence_or_a_contents_leader_is_no_identifier() -> None:
    from policyvc.parser import parse_text

    head = "Knee Arthroscopy\nPolicy: This policy describes coverage of knee arthroscopy.\nEffective Date: 01/05/2026\n"
    head += "\nTable of Contents\nCoverage Policy ................ 1\nReferences ................ 4\n"
    policy = parse_text(head + BODY, "x.txt")
    assert policy.reference_number == ""


def test_a_web_pages_title_is_the_naming_line_it_writes_twice_below_its_site_links() -> None:
    from policyvc.parser import parse_text

    page = (
        "Skip to content\nMember Portal\nFind a Doctor\nPharmacy Services\nContact Us\nHome > Policies > Medical\n"
        "Powered Wheelchair Seating Systems\nPolicy Details\nDocument Title\nPowered Wheelchair Seating Systems\n"
        "Policy Number: DME.0042\nEffective Date: 01/05/2026\n" + BODY
    )
    policy = parse_text(page, "x.txt")
    assert policy.header.title == "Powered Wheelchair Seating Systems"


def test_the_first_line_of_the_text_under_a_heading_near_the_top_is_kept() -> None:
    from policyvc.parser import parse_text

    # the first lines of a document are what a running header may repeat; the first time a line is
    # written it is the text itself, even when the sentence goes on in lower case on the next line
    text = (
        "Acme Health Medical Policy\nKnee Arthroscopy\nPolicy Number: KN-100\nEffective Date: 01/05/2026\n\n"
        "Disclaimer\nThis policy is a guide for reviewers and does not\nguarantee payment for any service.\n" + BODY
    )
    policy = parse_text(text, "x.txt")
    words = " ".join(b.text for s in policy.body for b in getattr(s, "blocks", ()) if hasattr(b, "text"))
    assert "This policy is a guide for reviewers and does not guarantee payment" in words


def test_a_heading_in_the_capitals_of_the_documents_top_headings_is_top_level() -> None:
    from policyvc.parser import parse_text
    from policyvc.parser.nodes import Section

    text = (
        "Knee Arthroscopy\nPolicy Number: KN-100\nEffective Date: 01/05/2026\n\nOVERVIEW\nArthroscopy is common.\n\n"
        "COVERAGE POLICY\nCovered when all of the following:\n1. Mechanical symptoms;\n2. Failed therapy.\n\n"
        "SITE OF SERVICE RULES\nOutpatient only.\n\nREFERENCES\n1. Smith J. A trial. 2020.\n"
    )
    top = [s.title for s in parse_text(text, "x.txt").body if isinstance(s, Section)]
    assert "SITE OF SERVICE RULES" in top
    # in a document that writes its headings otherwise, an unknown heading stays under the one above
    mixed = text.replace("OVERVIEW", "Overview").replace("COVERAGE POLICY", "Coverage Policy")
    top = [s.title for s in parse_text(mixed, "x.txt").body if isinstance(s, Section)]
    assert "SITE OF SERVICE RULES" not in top


def test_a_medical_fragment_without_its_title_is_claimed_by_its_statement_groups() -> None:
    # (a web page's part from Policy/Criteria on: no `Clinical Policy:` line, the family's numbered statement)
    fragment = "\n".join(
        [
            "Policy/Criteria",
            "",
            "Home Sleep Apnea Testing",
            "I. It is the policy of health plans affiliated with Centene Corporation® that home sleep apnea testing"
            " is medically necessary when meeting all of the following:",
            "A. Age 18 years or older;",
            "B. High pretest probability of moderate to severe obstructive sleep apnea.",
        ]
    )
    assert choose(fragment).name == "centene-medical"
    # the pharmacy family's statement is no numbered group: its fragment stays generic (its grammar needs the
    # title line), and so does a page that only quotes the sentence unnumbered
    pharmacy = "\n".join(
        [
            "Policy/Criteria",
            "It is the policy of health plans affiliated with Centene Corporation® that Entyvio is medically"
            " necessary when the following criteria are met:",
            "I. Initial Approval Criteria",
            "A. Crohn's Disease (must meet all):",
            "1. Diagnosis of CD;",
        ]
    )
    assert choose(pharmacy).name == "generic"
