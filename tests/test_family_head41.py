"""A family pharmacy policy whose title line is not the family's ``Clinical Policy: <drug>``: the label lost (a print
that dropped the page's first line and took the title back from the PDF's name, a web copy that sets the title as
a heading), written alone on its line, or the title wrapped.  Over the family's own head — ``Reference Number:
CP.PHAR.nnn``, its dates and lines of business, section ``I. Initial Approval Criteria`` — it reads by the family
template, its sets keeping the family's ids (``I.A``); a title without its label is said in a warning, never
silently.  Anything else without the label is refused as before.  And a bare log (a bold header, no rules) whose
header a print set at a page's foot keeps every row overleaf."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.errors import PolicyError
from policyvc.parser import parse_file_report, parse_text_report

FIXTURES = Path(__file__).parent / "fixtures" / "family_head"

_BODY = """Reference Number: CP.PHAR.642
Effective Date: 04.01.22
Last Review Date: 01.26
Line of Business: Commercial, HIM, Medicaid

Coding Implications
Revision Log

See Important Reminder at the end of this policy for important regulatory and legal information.

Description
Risankizumab-rzaa (Skyrizi®) is an interleukin-23 antagonist.

FDA Approved Indication(s)
Skyrizi is indicated for the treatment of moderate-to-severe plaque psoriasis.

Policy/Criteria
It is the policy of health plans affiliated with Centene Corporation® that Skyrizi is medically necessary when \
the following criteria are met:

I. Initial Approval Criteria
A. Plaque Psoriasis (must meet all):
1. Diagnosis of plaque psoriasis;
2. Age ≥ 18 years;
3. Dose does not exceed 150 mg every 12 weeks.
Approval duration: 6 months

II. Continued Therapy
A. Plaque Psoriasis (must meet all):
1. Member is responding positively to therapy;
Approval duration: 12 months

Reviews, Revisions, and Approvals\tDate\tP&T Approval Date
Policy created\t02.14.22\t04.22
1Q 2026 annual review: references reviewed and updated.\t10.20.25\t01.26
"""

_TITLE = "Risankizumab (Skyrizi)"
_FIELDS = "Effective Date: 04.01.22\nLast Review Date: 01.26\nLine of Business: Commercial, HIM, Medicaid\n"
_NO_LABEL = "has no `Clinical Policy:` label"


def _read(head: str) -> tuple[str, list[str]]:
    report = parse_text_report(head + "\n" + _BODY, "skyrizi.txt")
    return report.policy.header.title, [d.message for d in report.diagnostics]


@pytest.mark.parametrize(
    "head",
    [
        _TITLE,  # (a web copy's heading, a print's line taken back from the PDF's title)
        f"**{_TITLE}**",
        "Risankizumab\n(Skyrizi)",  # (the title wrapped)
        "Risankizumab\n\n(Skyrizi)",
    ],
)
def test_a_title_without_its_label_over_the_familys_head_is_read_with_a_warning(head: str) -> None:
    title, said = _read(head)
    assert title == _TITLE
    assert [m for m in said if _NO_LABEL in m] and _TITLE in next(m for m in said if _NO_LABEL in m)


@pytest.mark.parametrize(
    "head",
    [
        f"Clinical Policy:\n{_TITLE}",  # (the label alone on its line)
        f"Clinical Policy:\n\n{_TITLE}",
        "Clinical Policy: Risankizumab\n(Skyrizi)",  # (the title wrapped under its label)
        "**Clinical Policy:**\n**Risankizumab (Skyrizi)**",
    ],
)
def test_a_labelled_title_on_two_lines_is_one_title_and_says_nothing(head: str) -> None:
    title, said = _read(head)
    assert title == _TITLE
    assert not [m for m in said if _NO_LABEL in m]


def test_the_sets_keep_the_familys_ids() -> None:
    report = parse_text_report(_TITLE + "\n" + _BODY, "skyrizi.txt")
    labelled = parse_text_report(f"Clinical Policy: {_TITLE}\n" + _BODY, "skyrizi.txt")
    assert report.policy == labelled.policy  # (the same typed tree: only the warning differs)


@pytest.mark.parametrize(
    "text",
    [
        # (no family head under the line: any text that does not start with the title is refused as before)
        _TITLE + "\n" + _BODY.replace("I. Initial Approval Criteria", "Coverage Criteria"),
        _TITLE + "\n" + _BODY.replace(_FIELDS, ""),
        # (more lines above the head than a title takes, or a field among them: no title to guess)
        "Harbor Health Plan\nPharmacy Department\nPrior Authorization\nRisankizumab (Skyrizi)\n" + _BODY,
        "Drug: Risankizumab (Skyrizi)\n" + _BODY,
        _BODY,  # (no title at all)
    ],
)
def test_without_the_familys_head_or_with_no_title_line_the_text_is_refused(text: str) -> None:
    with pytest.raises(PolicyError, match="expected the title line"):
        parse_text_report(text, "skyrizi.txt")


@pytest.mark.producers
@pytest.mark.parametrize("producer", ["libreoffice", "chromium"])
def test_prints_of_a_web_copy_titled_by_a_heading_read_by_the_family_template(producer: str) -> None:
    """``unlabelled_title.html``: the title an ``<h1>`` without the label; its log's last rows wrap round their dates
    and run over a page break."""
    report = parse_file_report(FIXTURES / f"unlabelled_title.{producer}.pdf")
    policy = report.policy
    assert policy.header.title == "Emicizumab (Hemlibra)"
    assert policy.header.reference_number == "CP.PHAR.714"
    assert [d for d in report.diagnostics if _NO_LABEL in d.message]
    assert [str(e.date) for e in policy.revision_log] == [
        "2021-05-18", "2022-05-02", "2023-05-09", "2024-05-14", "2026-06-30",
    ]  # fmt: skip
    assert policy.revision_log[-1].description.endswith("positive response for continued therapy per updated guidance.")


@pytest.mark.producers
@pytest.mark.parametrize("producer", ["libreoffice", "chromium"])
def test_prints_of_a_label_alone_on_its_line_read_whole_with_every_log_row(producer: str) -> None:
    """``label_alone.html``: ``Clinical Policy:`` / ``Omalizumab (Xolair)`` on two lines; LibreOffice sets the log's
    bold header at a page's foot, its rows overleaf (the last wrapped round its dates)."""
    report = parse_file_report(FIXTURES / f"label_alone.{producer}.pdf")
    assert not [d for d in report.diagnostics if d.severity == "error"]
    policy = report.policy
    assert policy.header.title == "Omalizumab (Xolair)"
    assert [str(e.date) for e in policy.revision_log] == ["2018-08-14", "2020-02-11", "2026-02-09"]
    assert policy.revision_log[-1].description.endswith("references reviewed and updated accordingly.")
