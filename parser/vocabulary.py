"""The family's words the text front recognises, declared once: header fields, section headings,
lines of business and the tables it knows by their header rows.

The text-style passes (:mod:`~policyvc.parser.text_styles`) rebuild the layouts of the family's
pharmacy policies (CP.PHAR, CP.PMN, HIM.PA …: ``centene-pharmacy``) from exports and ``pdftotext``
output; every pattern they use to find the family's words is built from these declarations, and what
a table needs beyond its header (the revision log's dated rows) is a field of its declaration, not a
test on its header's wording.
"""

from __future__ import annotations

import re
from itertools import product

from policyvc.parser.prebuilt import dataclass

__all__ = [
    "APPENDIX",
    "APPROVAL",
    "CODING",
    "CRITERIA_SECTIONS",
    "FIELDS",
    "HEADER_LINKS",
    "KNOWN_TABLES",
    "LINES_OF_BUSINESS",
    "OTHER_SECTIONS",
    "REFERENCES_SECTION",
    "REMINDER",
    "REVISION_LOG",
    "REVISION_LOG_START",
    "RUN_ON_HEADINGS",
    "TABLE_SECTIONS",
    "TITLE",
    "TITLE_LABEL",
    "WHOLE_LINE_HEADINGS",
    "KnownTable",
    "alternatives",
]


def alternatives(words: tuple[str, ...]) -> str:
    """``words`` as a regular-expression group matching any one of them literally."""
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


TITLE = "Clinical Policy"  # the title line's label: ``Clinical Policy: <drug>``
TITLE_LABEL = r"Clinical\s+Policy:"  # (a regular-expression fragment: the label as extraction may space it)
# The header fields after the title, each ``<label>: <value>`` on its own line.
FIELDS = ("Reference Number", "Effective Date", "Last Review Date", "Line of Business", "Lines of Business")
# Links a PDF sets beside (or under) the header fields.
HEADER_LINKS = ("Coding Implications", "Revision Log")
# The lines of business an approval duration is given for (``Medicaid – 6 months``).
LINES_OF_BUSINESS = ("Medicaid", "HIM", "Commercial", "Medicare", "Marketplace")
# The roman numerals of the sections: criteria sections (I-III), then the others (IV-VII).
CRITERIA_SECTIONS = ("I", "II", "III")
OTHER_SECTIONS = ("IV", "V", "VI", "VII")
TABLE_SECTIONS = ("IV", "V")  # the sections whose tables may have any header (appendices, dosing)
REMINDER = "Important Reminder"  # the closing section (after the revision log)
CODING = "Coding Implications"  # the coding section (also a link beside the header fields)
REVISION_LOG_START = "Reviews, Revisions"  # how the revision log's heading (its table's first cell) starts
# Regular-expression fragments: an appendix's heading, the references section, an approval duration.
APPENDIX = r"Appendix [A-Z]:"
REFERENCES_SECTION = r"VII\.\s+References"
APPROVAL = r"Approval [Dd]uration"

# Headings (regular-expression fragments) the text front splits off when text runs on after them.
RUN_ON_HEADINGS = (
    r"I\.\s+Initial Approval Criteria",
    r"II\.\s+Continued (?:Therapy|Approval)",
    r"III\.\s+Diagnoses/Indications for which coverage is NOT authorized:?",
    r"IV\.\s+Appendices/General Information",
    r"V\.\s+Dosage and Administration",
    r"VI\.\s+Product Availability",
    REFERENCES_SECTION,
    r"Description",
    r"FDA Approved Indications?(?:\(s\))?",
    r"Policy/Criteria",
    r"Coding Implications",
    r"Important Reminder",
)
# Headings (regular-expression fragments) that are a line of their own: never joined to the line above.
WHOLE_LINE_HEADINGS = (
    r"Description",
    r"FDA[- ]Approved Indications?(?:\(s\))?",
    r"Policy/Criteria",
    r"Coding Implications",
    r"Revision Log",
    r"Important Reminder",
)


@dataclass(frozen=True, slots=True)
class KnownTable:
    """A table the text front rebuilds from its cells, found by its header row.

    ``key``: what the first cell of each row looks like (``None``: every row has as many cells as the
    header).  ``revision_log``: the family's revision log, whose rows are told by the date in their
    second cell (a P&T date may be run into it), whose description may go on after the next page's
    rows, and whose last header cell may come after a page break."""

    header: tuple[str, ...]
    key: re.Pattern[str] | None = None
    revision_log: bool = False
    also: tuple[tuple[str, ...], ...] = ()  # other names a document gives each column (column by column)
    # a row written whole on one line, its cells one space apart (a PDF viewer's copy), told by their
    # shapes: a group per column, else such a line is no row
    row: re.Pattern[str] | None = None

    def headers(self) -> tuple[tuple[str, ...], ...]:
        """The header rows a document may write: each column by its name or one of its other names."""
        names = [(name, *(self.also[c] if c < len(self.also) else ())) for c, name in enumerate(self.header)]
        return tuple(product(*names))


# A dose: an amount and its unit (``10 mg/kg``, ``1,200 mg``, ``2 vials``).
_DOSE = r"\d[\d,.]*\s?(?:mg|mcg|g|mL|units?|IU|vials?|tablets?|capsules?|kits?)(?:/[A-Za-z0-9.]+)*\b"
# A dosing table's row on one line: the indication or drug (text, up to its regimen's first dose), the
# regimen (from that dose on), the maximum (the dose the line ends with, a few words after it at most).
DOSING_ROW = re.compile(rf"^(?P<c0>[A-Za-z].*?) (?P<c1>{_DOSE}.*?) (?P<c2>{_DOSE}(?: [A-Za-z/]+){{0,3}})$")

# (the family's pharmacy policies write ``Date`` / ``P&T Approval Date``, its medical ones ``Revision Date`` /
# ``Approval Date``, each as it prints them)
REVISION_LOG = KnownTable(
    ("Reviews, Revisions, and Approvals", "Date", "P&T Approval Date"),
    revision_log=True,
    also=(("Reviews, Revisions, Approvals",), ("Revision Date",), ("Approval Date",)),
)
CODES_TABLE = KnownTable(("HCPCS Codes", "Description"), re.compile(r"^[A-Z]\d{4}$"))
# Tables pdftotext reads cell by cell (each cell a block of its own).
KNOWN_TABLES = (
    REVISION_LOG,
    CODES_TABLE,
    KnownTable(("State", "Step Therapy Prohibited?", "Notes"), re.compile(r"^[A-Z]{2}$")),
    KnownTable(("Indication", "Dosing Regimen", "Maximum Dose"), row=DOSING_ROW),
    KnownTable(("Drug", "Dosing Regimen", "Dose Limit/ Maximum Dose"), row=DOSING_ROW),
)
