"""What a template declares, and the headings every template knows: no reading code.

Choosing a template (:func:`~policyvc.parser.template.choose`) needs only these declarations; the
outline and :func:`~policyvc.parser.template_core.build` that read a document by them are imported
only when a document is read by its outline, so a family pharmacy policy never loads them.
"""

from __future__ import annotations

import re
from dataclasses import field
from enum import StrEnum

from policyvc.parser.prebuilt import dataclass

__all__ = ["BACK_MATTER", "BACK_MATTER_NAME", "HEADINGS", "GroupStyle", "Template", "names_several"]

# Headings every template knows (compared case-folded, a trailing ``:`` ignored).  A template adds
# its own; these open a top-level section.
HEADINGS = frozenset(
    h.casefold()
    for h in (
        "Description", "Background", "Policy", "Policy/Criteria", "Criteria", "Coverage Rationale",
        "Coverage Criteria", "Coverage Policy", "Coverage Indications, Limitations, and/or Medical Necessity",
        "Medical Necessity Criteria", "Clinical Indications", "Indications", "Policy Statement", "Position Statement",
        "Definitions", "Notes and Definitions", "Notes", "References", "Coding", "Coding Implications",
        "Applicable Codes", "Coding Information", "Codes", "CPT Codes", "Documentation Requirements",
        "Policy History", "Policy History/Revision Information", "Revision History", "Revision Details",
        "History", "Review History", "Document History", "Change History", "Summary of Changes",
        "Policy Updates", "Guideline Updates", "Document Updates", "Recent Updates",
        "Clinical Evidence", "Summary of Evidence", "Rationale", "Instructions for Use", "Related Policies",
        "Related Coverage Resources", "Cross-reference", "Cross-references", "Cross Reference", "Cross References",
        "Scope", "Purpose", "Overview", "Summary", "Benefit Considerations",
        "Important Reminder", "Disclaimer", "Table of Contents", "Applicable Procedure Codes",
        "Applicable Diagnosis Codes", "Limitations", "Exclusions", "Approval History", "Sources",
        "Bibliography", "Appendix", "Appendices", "Policy Guidelines", "Guidelines", "Guideline",
        "Medical Policy Statement", "Clinical Criteria", "Prior Authorization Criteria",
        "U.S. Food and Drug Administration (FDA)",
        "Discussion", "Discussion/General Information", "General Information", "Index", "Description of Services",
        "Not Covered", "Non-Covered Services", "Noncovered Services", "Limitations and Exclusions",
        "Exclusions and Limitations", "Supplemental Information", "Supplementary Information", "Inclusions",
    )
)  # fmt: skip

# The back matter every policy has, however its heading words it (``CPT Codes / HCPCS Codes / ICD-10 Codes``,
# ``Coding Information``, ``Revision History Information``, ``Policy Approval History``, ``Policy updates``,
# ``Selected References``): a top-level section, never inside the one above (matched at a heading's start).
BACK_MATTER = re.compile(
    r"^(?:(?:CPT|HCPCS|ICD)\b.*\bCodes?|Cod(?:es|ing)\b|.*\b(?:Revision|Policy|Approval|Review|Document|Publication|"
    r"Version|Change) History\b|(?:Policy|Guideline|Document|Recent)\s+Updates$|"
    r"(?:\w+\s+){0,2}(?:References|Bibliography|Sources|Citations)$|"
    r"(?:[\w-]+\s+){1,3}Codes$)",
    re.I,
)

# The name of a section of the back matter, ending in what it is (``Policy Approval History``, ``Selected
# References``) — not a table's header that names it (``Revision History Date Revision History Number``)
BACK_MATTER_NAME = re.compile(
    rf"(?={BACK_MATTER.pattern})(?=.*\b(?:History|References|Bibliography|Sources|Citations|Codes|Coding):?\s*$)", re.I
)

# the parts of a heading that names several things (``Background, Product and Disclaimer Information``)
_PARTS = re.compile(r"\s*,\s*|\s+(?:and|&)\s+|\s*/\s*")


def names_several(title: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``title`` names several things, a heading of ``vocabulary`` first (``Background, Product and
    Disclaimer Information``, ``Description and Application of the Guidelines``)."""
    parts = _PARTS.split(title, maxsplit=1)
    return len(parts) == 2 and " ".join(parts[0].split()).casefold() in vocabulary and bool(parts[1])


class GroupStyle(StrEnum):
    """How a template's criteria groups are written."""

    STATEMENTS = "statements"  # ``I. It is the policy … that X is medically necessary when …:`` with A./1./a)
    LISTS = "lists"  # any list, led in by the paragraph before it (``…when ALL of the following are met:``)


@dataclass(frozen=True, slots=True)
class Template:
    """A template's declarations (see the module doc)."""

    name: str
    summary: str
    references: tuple[re.Pattern[str], ...] = ()  # reference numbers that claim a document
    phrases: tuple[re.Pattern[str], ...] = ()  # wording that claims it
    headings: frozenset[str] = frozenset()  # its top-level headings (case-folded)
    title_labels: tuple[str, ...] = ()
    reference_labels: tuple[str, ...] = ()
    effective_labels: tuple[str, ...] = ()
    review_labels: tuple[str, ...] = ()
    lob_labels: tuple[str, ...] = ()
    other_labels: tuple[str, ...] = ()  # labelled fields that are none of those (``Original Effective Date``)
    criteria_headings: frozenset[str] = frozenset()  # sections whose lists are criteria (empty: any)
    history_headings: frozenset[str] = frozenset()
    # the header row of its history table as its grammar reads it (cells in order): recovery ends a text cut
    # short with it, an empty history, where the grammar needs one (empty: the template's reader needs none)
    history_header: tuple[str, ...] = ()
    plain_headings: frozenset[str] = frozenset()  # sections whose lists are not criteria (references …)
    groups: GroupStyle = GroupStyle.LISTS
    titled: bool = False  # the text front's title pass (``Clinical Policy: <drug>``) applies
    extras: tuple[str, ...] = field(default=())  # header link lines kept as header extras

    def claims(self, text: str) -> int:
        """How strongly the document's own words claim it for this template (0: not at all)."""
        score = sum(3 for p in self.references if p.search(text))
        return score + sum(2 for p in self.phrases if p.search(text))
