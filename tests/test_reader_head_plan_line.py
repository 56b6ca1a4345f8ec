"""The head's own line naming the plan stays where later pages' running header repeats it (issue 17).

A plain-text copy paginated with a running header (``<plan>`` / ``<title>  <number>``) on every page but the
first, whose head writes the plan's name under the fields: the first page's line is the head's, not a running
line reading order displaced.  With two later pages the header repeats enough to count as running, and before,
the head's copy went with it — one copy of a policy lost a paragraph the other kept.  Invented policy text."""

from __future__ import annotations

from policyvc.parser import parse_text
from policyvc.renderer.text import render_text

_PLAN = "Example Health Plan of Nevada"
_TITLE = "Compression Garments for Lymphedema"


def _page(k: int, n: int, body: list[str]) -> list[str]:
    head = [] if k == 1 else [_PLAN, f"{_TITLE}    MP 4410", "", ""]
    return [*head, *body, "", f"Page {k} of {n}", "\f"]


def _copy() -> str:
    first = [
        _TITLE,
        "",
        "Policy Number: MP 4410",
        "Effective Date: 03/01/2026",
        "Last Review: 02/2026",
        "",
        _PLAN,
        "",
        "Description",
        "",
        "Compression garments apply graduated pressure to a limb to reduce swelling from lymphedema and to keep",
        "the limb's volume stable after decongestive therapy.",
        "",
        "Policy",
        "",
    ]
    items = [
        f"- Criterion {n}: the member has documented stage {n % 3 + 1} lymphedema of the limb;" for n in range(1, 25)
    ]
    second = [
        "Policy Guidelines",
        "",
        *[f"Guideline sentence {n} about measuring the limb every month." for n in range(1, 12)],
    ]
    third = ["References", "", "1. An invented reference on lymphedema garments. 2024.", "", "History", "",
             "Date\tComments", "02/13/2026\tAnnual review."]  # fmt: skip
    pages = [first + items[:12], [*items[12:], "", *second], third]
    return "\n".join(line for k, body in enumerate(pages, start=1) for line in _page(k, len(pages), body))


def test_the_heads_plan_line_is_kept_where_later_pages_repeat_it() -> None:
    text = _copy()
    assert text.count(_PLAN) == 3
    assert render_text(parse_text(text)).count(_PLAN) == 1  # (the head's; the running copies go)
