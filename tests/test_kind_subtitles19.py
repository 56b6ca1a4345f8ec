"""A subtitle naming the kind of document under the document's name (``tests/fixtures/kind_subtitles19``: HTML
in ``src/`` printed to PDF by Chromium, tests/docgen.py's ``_print``).

A page's heading names the document (``Hepatitis C Direct-Acting Antiviral Agents``); under it a line names the
kind of document and what it covers after a mark (``Clinical Criteria · Mavyret (…)``, ``Prior Authorization
Guideline – Genotropin (…) Effective: …``).  The heading is the title, whether the layout made it a heading or
a paragraph; the subtitle is kept with the head's extras, never a heading of the body.  What must not change:
a title line with no name above it, a site's line above a subtitle."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from policyvc.parser import parse_file_report, parse_text

SHAPES = FIXTURES / "kind_subtitles19"

TITLES = {
    "hepatitis-c": (
        "Hepatitis C Direct-Acting Antiviral Agents",
        "Clinical Criteria · Mavyret (glecaprevir/pibrentasvir)",
    ),
    "growth-hormone": (
        "Somatropin for Pediatric Growth Hormone Deficiency",
        "Prior Authorization Guideline – Genotropin (somatropin)",
    ),
}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_the_name_above_a_kind_subtitle_is_the_title(name: str) -> None:
    policy = parse_file_report(SHAPES / f"{name}.chromium.pdf", recover=True).policy
    title, subtitle = TITLES[name]
    assert policy.header.title == title
    assert subtitle in policy.header.extras
    titles = [s.title for s in policy.body]
    assert title not in titles and not any(t.startswith(subtitle) for t in titles)


@pytest.mark.parametrize(
    "above",
    [
        "",  # (nothing above the subtitle: it stays the title)
        "Lakeside Health Plan | Pharmacy | Providers\n\n",  # (a site's line above: no name of the document)
    ],
)
def test_a_subtitle_with_no_name_above_it_stays_the_title(above: str) -> None:
    text = (
        f"{above}Prior Authorization Criteria · Ozempic (semaglutide)\nEffective: 02/01/2026\n\n"
        "Criteria\n\nApprove when the member has type 2 diabetes.\n"
    )
    policy = parse_text(text)
    assert policy.header.title == "Prior Authorization Criteria · Ozempic (semaglutide)"
