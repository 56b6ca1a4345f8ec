"""A plain-text copy re-wrapped to one measure (no page breaks, every character one width): the title and the line
right under it (the products it covers) stay two lines, as in the unwrapped copy — a re-wrap fills its lines, so a
title line the next word would have fitted on was never wrapped.  A title the re-wrap did wrap (a full line) stays
one title.  Invented examples in the shape of a PBM's criteria page, words of their own."""

from __future__ import annotations

import textwrap

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy

_OVERVIEW = (
    "Calcitonin gene-related peptide antagonists are indicated for the preventive treatment of episodic and "
    "chronic migraine in adults. Coverage under this criteria document applies only when the member's plan "
    "includes the specialty pharmacy benefit and the prescriber is enrolled with the plan."
)
_CRITERIA = [
    "The member is 18 years of age or older; AND",
    "The member has at least four migraine days a month documented in the chart for the last three months; AND",
    "The member has tried two preventive medicines from different classes for at least eight weeks each.",
]


def _copy(title: str, under: str, width: int | None) -> str:
    def wrap(text: str, lead: str = "") -> str:
        if width is None:
            return lead + text
        return textwrap.fill(text, width, initial_indent=lead, subsequent_indent=" " * len(lead))

    items = "\n".join(wrap(c, "- ") for c in _CRITERIA)
    return (
        f"Northgate Pharmacy Criteria\n\n{title}\n{under}\n\nCriteria ID: NPC-PA-0311\nEffective Date: 03/01/2026\n"
        f"Last Reviewed: 02/12/2026\n\nOverview\n\n{wrap(_OVERVIEW)}\n\nCoverage Criteria\n\n"
        f"The requested medication will be approved when ALL of the following are met:\n\n{items}\n"
    )


def _front(policy: Policy) -> list[str]:
    return [getattr(b, "text", "") for b in policy.body[0].blocks] if policy.body else []


_TITLE = "CGRP Antagonists for Migraine Prevention"
_UNDER = "Aimovig® (erenumab), Ajovy® (fremanezumab), Emgality® (galcanezumab)"


def test_the_line_under_the_title_stays_its_own_in_a_copy_rewrapped_at_72() -> None:
    whole = parse_text_report(_copy(_TITLE, _UNDER, None), recover=True).policy
    wrapped = parse_text_report(_copy(_TITLE, _UNDER, 72), recover=True).policy
    assert whole.header.title == wrapped.header.title == _TITLE
    assert _UNDER in _front(whole)
    assert _front(wrapped) == _front(whole)  # (its own paragraph in the front matter, never a heading)


def test_a_title_the_rewrap_filled_stays_one_title() -> None:
    title = "Calcitonin Gene-Related Peptide Receptor Antagonists and Monoclonal Antibodies Preventive Treatment"
    first, rest = textwrap.wrap(title, 72)
    assert len(first) + 1 + len(rest.split()[0]) > 72 and rest[:1].isupper()  # (the re-wrap's own break)
    text = _copy(title, "", None).replace(f"{title}\n\n", f"{first}\n{rest}\n")
    assert parse_text_report(text, recover=True).policy.header.title == title
