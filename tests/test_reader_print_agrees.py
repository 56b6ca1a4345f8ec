"""One document read from its PDF and from its pdftotext gives one outline: a web page whose headings are all
one style (``<h3>``: ALL-CAPS sections, mixed-case sub-headings under them, a ``Not applicable`` printed as a
heading) under a title in a bordered header cell, and a code table whose long descriptions wrap, printed by
Chromium — the shape of a plan's web-published medical policy (written here, never a held-out document).

- the title's header cell, bold at the body's size, is the only line of its style: it is the title, not a level
  of the outline, so the print states one style of sections and the words rank them as the text's reader does;
- pdftotext (reading order) writes such a code table's header a cell a block (``Code`` / ``Description``) under
  the sentence leading into it, then rows whose short description shares the code's line and, where the
  description wrapped, the code alone above its description's block: one code table, a row per code.
"""

from __future__ import annotations

from pathlib import Path

from docgen import chromium_pdf, need, pdftotext

from policyvc.parser import parse_file, parse_text_report
from policyvc.parser.pdf_headings import Printed, heading_levels
from policyvc.renderer.outline import render_outline

_LONG = (
    "Insertion or replacement of peripheral nerve neurostimulator pulse generator or receiver, requiring pocket "
    "creation and connection between electrode array and pulse generator or receiver"
)
_ROWS = [
    ("64555", "Percutaneous implantation of neurostimulator electrode array, peripheral nerve"),
    ("64590", _LONG),
    ("64595", _LONG.replace("Insertion or replacement", "Revision or removal")),
    ("L8679", "Implantable neurostimulator, pulse generator, any type"),
    ("L8680", "Implantable neurostimulator electrode, each"),
]


def _html() -> str:
    rows = "".join(f"<tr><td>{c}</td><td>{d}</td></tr>" for c, d in _ROWS)
    body = [
        "<table border=1 cellspacing=0 cellpadding=3><tr><th>Medical Coverage Policy</th>"
        "<th>Peripheral Nerve Stimulation</th></tr></table>",
        "<h3>EFFECTIVE DATE: 03/01/2019</h3>",
        "<h3>POLICY LAST UPDATED: 05/12/2026</h3>",
        "<h3>OVERVIEW</h3>",
        "<p>Peripheral nerve stimulation delivers electrical pulses to a peripheral nerve to relieve chronic pain.</p>",
        "<h3>MEDICAL CRITERIA</h3>",
        "<h3>Not applicable</h3>",
        "<h3>PRIOR AUTHORIZATION</h3>",
        "<h3>Commercial Products</h3>",
        "<p>Prior authorization is recommended for Commercial products.</p>",
        "<h3>POLICY STATEMENT</h3>",
        "<h3>Medicare Advantage and Commercial Products</h3>",
        "<p>A trial of peripheral nerve stimulation is medically necessary when ALL of the following are met:</p>",
        "<p style='margin-left:3em'>1. Chronic neuropathic pain in the distribution of one peripheral nerve "
        "that has persisted for at least 3 months;</p>",
        "<p style='margin-left:3em'>2. Documented failure of conservative therapy.</p>",
        "<h3>CODING</h3>",
        "<h3>Medicare Advantage and Commercial Products</h3>",
        "<p>The following codes are covered when the criteria above are met:</p>",
        f"<table border=1 cellspacing=0 cellpadding=3><tr><th>Code</th><th>Description</th></tr>{rows}</table>",
        "<h3>RELATED POLICIES</h3>",
        "<h3>Durable Medical Equipment</h3>",
        "<h3>PUBLISHED</h3>",
        "<h3>Provider Update, June 2026</h3>",
        "<h3>POLICY HISTORY</h3>",
        "<p>Revised: 5/25 (Annual review; no changes); 5/26 (Annual review; references updated)</p>",
    ]
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Medical Coverage Policy</title><style>"
        "body{font-family:Arial,sans-serif;font-size:11pt} h3{font-size:12pt}</style></head><body>"
        + "\n".join(body)
        + "</body></html>"
    )


def _body(outline: str) -> list[str]:
    """The outline's rows from the first section on (the head's fields differ in where each copy finds them)."""
    rows = outline.splitlines()
    start = next(k for k, r in enumerate(rows) if r.startswith("OVERVIEW"))
    return rows[start:]


def test_a_chromium_print_and_its_pdftotext_give_one_outline(tmp_path: Path) -> None:
    need("chromium", "pdftotext")
    pdf = chromium_pdf(_html(), tmp_path / "pns.pdf")
    from_pdf = _body(render_outline(parse_file(pdf)))
    from_text = _body(render_outline(parse_text_report(pdftotext(pdf), source="pns.txt").policy))
    assert from_pdf == from_text
    rows = [r for r in from_text if "\trow\t" in r]
    assert [r.split("\t")[2] for r in rows] == [f"{c} | {d}" for c, d in _ROWS]
    assert not any(d in r for r in from_text if "\tparagraph\t" in r for _, d in _ROWS)


def test_a_title_cell_alone_in_its_style_states_no_level() -> None:
    body = "Coverage of this service is subject to the terms of the member's benefit plan and its limits."
    lines = [Printed(1, "Medical Coverage Policy Nerve Stimulation", 11.0, True, False, 1, False, False)]
    for k, name in enumerate(["OVERVIEW", "Not applicable", "CODING", "Commercial Products"]):
        lines.append(Printed(2 + 2 * k, name, 12.0, True, False, 1, False, False))
        lines.append(Printed(3 + 2 * k, body * 3, 11.0, False, False, 3, False, False))
    assert heading_levels(lines) == ()
