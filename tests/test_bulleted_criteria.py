"""Bulleted criteria as each producer delivers them (``tests/fixtures/bulleted_criteria``): a made-up plan's
medical policy whose criteria hold ``<ul>`` lists — under a numbered item (``2. … with one of the following:``),
under a lead-in paragraph (``… both of the following:``) and under a lead-in that states no connective
(``… such as:``) — printed by Chromium and read as the PDF, as raw ``pdftotext`` (the browser draws its bullets
as shapes: the text keeps no marker at all) and as ``pdftotext -layout``; and written as a Word document with
Word's numbering (a decimal list whose second level is a bullet), converted by LibreOffice, read as the DOCX,
the PDF and both ``pdftotext`` copies.  The expectations are the policy's
text: every producer reads to the same criteria, a bullet carries no number, and a bullet added to a list is
one insertion, no renumbering of the bullets below it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES
from heldout_support import find_section

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import Connective, CriteriaSet, MarkerKind, Policy

BULLETED = FIXTURES / "bulleted_criteria"
PRINTS = (
    "riverbend-cranial-stimulation.chromium.pdf",
    "riverbend-cranial-stimulation.chromium.pdftotext.txt",
    "riverbend-cranial-stimulation.chromium.pdftotext-layout.txt",
    "riverbend-cranial-stimulation.libreoffice.docx",
    "riverbend-cranial-stimulation.libreoffice.pdf",
    "riverbend-cranial-stimulation.libreoffice.pdftotext.txt",
    "riverbend-cranial-stimulation.libreoffice.pdftotext-layout.txt",
)

# (lead-in's first words, its connective, [(marker, kind, text start, connective, [(marker, text start)])])
COVERAGE = [
    ("Riverbend Community Health Plan covers", Connective.ALL, [
        ("1", MarkerKind.NUMBER, "The member is 18 years", None, []),
        ("2", MarkerKind.NUMBER, "A diagnosis of generalized anxiety disorder", Connective.ANY, [
            ("", "Symptoms persisting after at least 8 weeks"),
            ("", "Intolerance of, or a contraindication to"),
            ("", "A documented risk of dependence"),
        ]),
        ("3", MarkerKind.NUMBER, "The device is ordered by a psychiatrist", None, []),
    ]),
    ("Continued use after the first 3 months", Connective.BOTH, [
        ("", MarkerKind.BULLET, "A reduction of at least 25%", None, []),
        ("", MarkerKind.BULLET, "Use of the device on at least 4 days", None, []),
    ]),
    ("The treating provider should weigh", None, [
        ("", MarkerKind.BULLET, "An implanted pacemaker", None, []),
        ("", MarkerKind.BULLET, "Pregnancy;", None, []),
        ("", MarkerKind.BULLET, "A seizure disorder that is not controlled.", None, []),
    ]),
]  # fmt: skip


def _sets(policy: Policy) -> list[CriteriaSet]:
    return [b for b in find_section(policy, "Coverage Criteria").blocks if isinstance(b, CriteriaSet)]


@pytest.mark.parametrize("name", PRINTS)
def test_every_print_reads_the_bulleted_criteria_the_policy_writes(name: str) -> None:
    report = parse_file_report(BULLETED / name, recover=True)
    sets = _sets(report.policy)
    assert len(sets) == len(COVERAGE)
    for s, (lead, connective, criteria) in zip(sets, COVERAGE, strict=True):
        assert s.title.startswith(lead)
        assert (s.rule.connective if s.rule else None) is connective
        assert len(s.criteria) == len(criteria)
        for c, (marker, kind, text, conn, children) in zip(s.criteria, criteria, strict=True):
            assert (c.marker, c.marker_kind, c.connective) == (marker, kind, conn), c.text
            assert c.text.startswith(text)
            assert len(c.children) == len(children)
            for k, (k_marker, k_text) in zip(c.children, children, strict=True):
                assert (k.marker, k.marker_kind, k.children) == (k_marker, MarkerKind.BULLET, ())
                assert k.text.startswith(k_text)
    assert not any(d.severity == "warning" for d in report.diagnostics)


def test_a_bullet_keeps_its_place_in_its_id_not_in_its_marker() -> None:
    """``c3.2``: the id names the bullet by its place (every output names it so); its marker is the label
    the document wrote — none."""
    sets = _sets(parse_file_report(BULLETED / PRINTS[1], recover=True).policy)
    assert [(c.id, c.marker) for c in sets[2].criteria] == [
        ("Coverage-Criteria.c3.1", ""), ("Coverage-Criteria.c3.2", ""), ("Coverage-Criteria.c3.3", ""),
    ]  # fmt: skip
    assert [(c.id, c.marker) for c in sets[0].criteria[1].children] == [
        ("Coverage-Criteria.c1.2.1", ""), ("Coverage-Criteria.c1.2.2", ""), ("Coverage-Criteria.c1.2.3", ""),
    ]  # fmt: skip


def test_a_bullet_added_above_others_is_one_insertion_and_no_renumbering(tmp_path: Path) -> None:
    """Through the CLI: the new version adds a bullet at the top of the ``such as`` list; the bullets below it
    were never numbered, so nothing is renumbered, and the list stays its own (no connective: no restriction
    said of it)."""
    old = BULLETED / PRINTS[1]
    text = old.read_text(encoding="utf-8")
    first = "An implanted pacemaker, defibrillator or deep brain stimulator;\n"
    assert text.count(first) == 1
    new = tmp_path / "new.txt"
    new.write_text(text.replace(first, "A skin lesion or open wound at an electrode site;\n" + first), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "policyvc", "diff", str(old), str(new)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert "1 change, 0 renumbers" in run.stdout
    assert (
        "insert     criterion  Coverage-Criteria.c3.1: A skin lesion or open wound at an electrode site;" in run.stdout
    )
    assert "renumber " not in run.stdout
