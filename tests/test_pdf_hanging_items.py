"""A browser's print of criteria typed with a hanging indent: an item's wrapped lines stand a little right of its
first line's text, and a line that starts with a number or a capital (``25% of predicted …``, ``Grade IV …``)
under a first line that stops mid-sentence (``… in 1 second ≤``) goes on with the item — never a note of its own.
Fixtures in ``tests/fixtures/hanging_items`` (see its README)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import Criterion, Policy

FIXTURES = Path(__file__).parent / "fixtures" / "hanging_items"
FILES = [
    "hanging-items.chromium.pdf",
    "hanging-items.chromium.pdftotext.txt",
    "hanging-items.chromium.pdftotext-layout.txt",
]


def _criteria(policy: Policy) -> list[Criterion]:
    from policyvc.parser.walk import walk

    return [n.node for n in walk(policy) if isinstance(n.node, Criterion)]


@pytest.mark.parametrize("name", FILES)
def test_an_items_wrapped_lines_right_of_its_text_go_on_with_it(name: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    policy = parse_file_report(FIXTURES / name, recover=True).policy
    texts = [c.text for c in _criteria(policy)]
    assert texts == [
        "The member has severe chronic obstructive pulmonary disease, with an expiratory volume in 1 second ≤ 25% "
        "of predicted despite maximal therapy;",
        "The member has interstitial lung disease with a documented decline in forced vital capacity, defined as "
        "Grade IV dyspnea or a decline of 10% or more over 6 months;",
        "The member has completed pulmonary rehabilitation.",
    ]
    assert all(not c.notes for c in _criteria(policy))
