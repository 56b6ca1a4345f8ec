"""A label at the top of a printed page after a sentence's end (``parser/pdf_geometry.py``): a Chromium print of
a web page breaks the page where it is full, so the word-wrap test takes the next page's first line for the
sentence's wrapped end; a short label ending with a colon (``Current Coding:``) never is."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Current Coding:", True),
        ("HCPCS Codes:", True),
        ("Group specific policy will supersede this:", False),
        ("Current Coding", False),
    ],
)
def test_a_label_heading_a_new_page_is_a_block_of_its_own(text: str, label: bool) -> None:
    """A Chromium print breaks a page under a sentence's end and sets a label (``Current Coding:``) at the next
    page's top: the word-wrap test cannot tell it from a wrapped line (the page was full), the label can."""
    from policyvc.parser.pdf_geometry import _label_line

    assert _label_line(text) is label
