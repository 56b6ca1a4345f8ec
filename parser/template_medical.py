"""``centene-medical``: the family's medical policies (CP.MP, republished by its state plans and WellCare).

Statement groups under a subheading per test or service, each restarting at ``I.``; a statement
``It is the policy of health plans affiliated with Centene Corporation® that <service> (<codes>) is
considered medically necessary when meeting all of the following:`` (``one of``, ``both of``,
``when:``) with ``A.`` / ``1.`` / ``a)`` criteria below it, or none (``… current evidence does not
support …``); coding tables; ``Notes and Definitions``; ``Background``; the revision log.
"""

from __future__ import annotations

import re

from policyvc.parser.template_spec import GroupStyle, Template

TEMPLATE = Template(
    name="centene-medical",
    summary="Centene medical policy: statement groups by subheading, each from I., with A./1./a) criteria",
    references=(re.compile(r"(?:CP|WNC)\.(?:MP|BH|VP)\.?\d+"),),
    phrases=(
        re.compile(r"^\W{0,4}Clinical\s+Policy:", re.M),
        re.compile(r"^\W{0,4}Date of Last Revision:", re.M | re.I),
        re.compile(r"is (?:considered )?medically necessary (?:for members )?(?:when meeting|when:)", re.I),
        re.compile(r"^\W{0,4}Notes and Definitions\s*$", re.M),
    ),
    headings=frozenset(
        h.casefold()
        for h in (
            "Description",
            "Policy/Criteria",
            "Background",
            "Coding Implications",
            "Notes and Definitions",
            "Reviews, Revisions, and Approvals",
            "References",
            "Important Reminder",
            "Appendix",
            "Appendices",
        )
    ),
    title_labels=("Clinical Policy",),
    reference_labels=("Reference Number",),
    effective_labels=("Effective Date", "Original Effective Date"),
    review_labels=("Date of Last Revision", "Last Review Date", "Last Revised"),
    lob_labels=("Line of Business", "Lines of Business"),
    criteria_headings=frozenset({"policy/criteria", "criteria"}),
    history_headings=frozenset({"reviews, revisions, and approvals", "revision log"}),
    groups=GroupStyle.STATEMENTS,
    titled=True,
    extras=(
        "Coding Implications",
        "Revision Log",
        "See Important Reminder at the end of this policy for important regulatory and legal information.",
    ),
)
