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
