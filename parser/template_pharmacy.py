"""``centene-pharmacy``: the family's drug policies (CP.PHAR, CP.PMN, CP.CPA, HIM.PA, Envolve ERX).

Read by the family's own grammar (``grammar/policy.lark``) into today's AST; these declarations
claim the documents and let recovery read one by its outline when the grammar cannot.
"""

from __future__ import annotations

import re

from policyvc.parser.template_spec import GroupStyle, Template
from policyvc.parser.vocabulary import REVISION_LOG

TEMPLATE = Template(
    name="centene-pharmacy",
    summary="Centene pharmacy policy: header fields, sections I-VII, (must meet all) sets, approval durations",
    references=(re.compile(r"\b(?:CP\.(?:PHAR|PMN|CPA)|HIM\.PA|ERX\.[A-Z]*)\.?\d+"),),
    phrases=(
        re.compile(r"^\W{0,4}Clinical\s+Policy:", re.M),  # (the family's title: a tie goes to this template)
        re.compile(r"^\W{0,4}I\.\s+Initial Approval Criteria", re.M),
        re.compile(r"\(must meet (?:all|one|\d)", re.I),
        re.compile(r"^\W{0,4}Approval [Dd]uration", re.M),
    ),
    headings=frozenset(
        h.casefold()
        for h in (
            "Description",
            "FDA Approved Indication(s)",
            "FDA Approved Indications",
            "Policy/Criteria",
            "Coding Implications",
            "Important Reminder",
        )
    ),
    title_labels=("Clinical Policy",),
    reference_labels=("Reference Number",),
    effective_labels=("Effective Date",),
    review_labels=("Last Review Date",),
    lob_labels=("Line of Business", "Lines of Business"),
    history_headings=frozenset({"reviews, revisions, and approvals", "revision log"}),
    history_header=REVISION_LOG.header,
    groups=GroupStyle.LISTS,
    titled=True,
    extras=(
        "Coding Implications",
        "Revision Log",
        "See Important Reminder at the end of this policy for important regulatory and legal information.",
    ),
)
