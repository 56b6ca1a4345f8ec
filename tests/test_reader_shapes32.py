"""Shapes of reader set 32, in fixtures of our own printed by real producers (invented policy text)."""

from __future__ import annotations

from conftest import FIXTURES

from policyvc.parser import parse_file_report
from policyvc.renderer.text import render_text

HERE = FIXTURES / "wrapped_months32"


def test_a_title_wrapped_in_large_type_wins_over_the_running_headers_shorter_wording() -> None:
    """Plain ``pdftotext`` of a LibreOffice print: the running header's ``Medical Policy: Phrenic Nerve
    Stimulation`` first, then the title in large type wrapped over two lines — the title printed whole, and
    neither of its lines left as a paragraph of the front."""
    report = parse_file_report(HERE / "lakeside-phrenic.libreoffice.pdftotext.txt", recover=True)
    policy = report.policy
    assert policy.header.title == "Phrenic Nerve Stimulation for Central Sleep Apnea in Adults"
    assert policy.header.reference_number == "LHP-MP-0412"
    front = render_text(policy).split("Description")[0]
    assert "Apnea in Adults" not in front.replace(policy.header.title, "")
