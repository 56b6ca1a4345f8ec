"""What the header tests share: a short body for a header to sit on, and the reading of a text with ``--recover``."""

from __future__ import annotations

from policyvc.parser import ParseReport, parse_text_report
from policyvc.parser.nodes import Policy

BODY = (
    "\nOverview\n\nThis document addresses a service.\n\nCoverage Criteria\n\n"
    "The service is medically necessary when all of the following criteria are met:\n\n"
    "A. The member is 18 years of age or older; and\nB. Conservative therapy has failed.\n"
)


def report(text: str) -> ParseReport:
    """``text`` read as ``parse --recover`` reads it."""
    return parse_text_report(text, source="x.txt", recover=True)


def read(text: str) -> Policy:
    """The tree of :func:`report`."""
    return report(text).policy
