"""Audit a policy's history: does the revision log say what the text changes?

For each pair of consecutive versions, the revision-log entries added between
them are the *claims* — each entry split into its clauses at ``;`` (an annual
review lists several changes), ``no significant changes`` claiming nothing.
Every real change of the diff (renumbers are consequences, not changes) is tied
to the clause it shares the most *terms* with:

* words of the change (for an update the words that changed, for an insert or
  delete its whole subtree) and the title of its criteria set, lightly stemmed,
  common policy words left out;
* concepts: states by name or postal code (``IN`` ↔ Indiana), ``Appendix X``
  for anything in or naming an appendix, ``references``, ``product
  availability``, ``dose`` (dose / dosing / a typed dose limit), ``weight``,
  ``step therapy`` (also ``redirection``).

A concept counts 2, a word of nine letters or more (drug and disease names) 2,
any other word 1; a tie needs 2.  A reference edit is tied to a ``references
reviewed and updated`` clause when the step has one, whatever else it shares.
A change none of whose terms tie inherits the tie of a tied change on its
parent or child (a list's ``(a, b, or c)`` changes because ``c`` was added);
a change of punctuation only, and the header's review dates when the log did
get a new entry, need no entry.  What is left is
**undocumented**; clauses no change ties to are **unbacked claims**; entries
dated before an entry listed above them are **out of order** (reported, but not
counted as unexplained).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from policyvc.history.diff import Edit, EditScript, diff
from policyvc.parser.nodes import CriterionType, Policy, RevisionEntry
from policyvc.parser.walk import NodeKind

STATES = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california", "CO": "colorado",
    "CT": "connecticut", "DE": "delaware", "FL": "florida", "GA": "georgia", "HI": "hawaii", "ID": "idaho",
    "IL": "illinois", "IN": "indiana", "IA": "iowa", "KS": "kansas", "KY": "kentucky", "LA": "louisiana",
    "ME": "maine", "MD": "maryland", "MA": "massachusetts", "MI": "michigan", "MN": "minnesota",
    "MS": "mississippi", "MO": "missouri", "MT": "montana", "NE": "nebraska", "NV": "nevada",
    "NH": "new hampshire", "NJ": "new jersey", "NM": "new mexico", "NY": "new york", "NC": "north carolina",
    "ND": "north dakota", "OH": "ohio", "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania",
    "RI": "rhode island", "SC": "south carolina", "SD": "south dakota", "TN": "tennessee", "TX": "texas",
    "UT": "utah", "VT": "vermont", "VA": "virginia", "WA": "washington", "WV": "west virginia",
    "WI": "wisconsin", "WY": "wyoming", "DC": "district of columbia",
}  # fmt: skip
_STATE_NAMES = {name: code for code, name in STATES.items()}
_STATE_NAME_RE = re.compile(r"\b(" + "|".join(sorted(_STATE_NAMES, key=len, reverse=True)) + r")\b", re.I)
_STATE_CODE_RE = re.compile(r"\b(" + "|".join(STATES) + r")\b")  # upper case only: "in" is a word
_APPENDIX_RE = re.compile(r"\bappendix\s+([A-H])\b", re.I)
_WORD_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_REVIEW_PREFIX = re.compile(r"^\s*\d\s*Q\s*\d{4}\s+annual\s+review\s*:?\s*", re.I)
_STOP = frozenset(
    """a an the and or of for to with in on at by as is are be been not no nor if this that these those which who whom
    per via from into than then also should may must will can does do did has have had its it their member members
    request requests meet meets meeting following one two three all any both prescribed criteria criterion
    requirement requirements require required added add adds removed remove updated update revised revise review
    reviewed annual changes change significant applied apply clarified clarify allowed allow include includes
    included new current use used following exceed does leukine policy section other others additional state states
    e g i ii iii mcg daily sc iv kg m2 m days day months month year years""".split()  # noqa: SIM905
)  # fmt: skip
CONCEPTS = {
    "references": "references",
    "dose": "dose", "dosing": "dose", "doses": "dose", "dosage": "dose",
    "weight": "weight", "weight-based": "weight",
    "redirection": "step therapy", "redirections": "step therapy",
    "availability": "product availability",
}  # fmt: skip
THRESHOLD = 2


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> frozenset[str]:
    """The terms of a text: concepts (``state:IN``, ``appendix:E``, ``references``, ``dose`` …) and stemmed words."""
    out: set[str] = set()
    for m in _STATE_NAME_RE.finditer(text):
        out.add("state:" + _STATE_NAMES[m.group(1).lower()])
    for m in _STATE_CODE_RE.finditer(text):
        out.add("state:" + m.group(1))
    for m in _APPENDIX_RE.finditer(text):
        out.add("appendix:" + m.group(1).upper())
    low = text.lower()
    if "step therapy" in low:
        out.add("step therapy")
    if "product availability" in low:
        out.add("product availability")
    for w in _WORD_RE.findall(low.replace("’", "'")):
        if w in CONCEPTS:
            out.add(CONCEPTS[w])
        elif w not in _STOP and not w.isdigit() and len(w) > 2:
            out.add(_stem(w))
    return frozenset(out)


def _weight(term: str) -> int:
    return 2 if ":" in term or " " in term or term in CONCEPTS.values() or len(term) >= 9 else 1


@dataclass(frozen=True, slots=True)
class Claim:
    """A clause of a revision-log entry: what the entry says changed."""

    date: dt.date | None
    entry: str  # the whole entry, whitespace-normalised
    clause: str


class TieKind(StrEnum):
    """Why a change counts as explained."""

    TERMS = "terms"  # it shares terms with a clause of the log
    INHERITED = "inherited"  # its parent or child change is tied to a clause
    ADMINISTRATIVE = "administrative"  # the header's dates, when the log has a new entry
    COSMETIC = "cosmetic"  # punctuation only


@dataclass(frozen=True, slots=True)
class Tie:
    """A change tied to the clause that explains it, by the terms they share (empty: inherited / administrative)."""

    edit: Edit
    claim: Claim | None
    shared: tuple[str, ...]
    how: TieKind


@dataclass(frozen=True, slots=True)
class OutOfOrder:
    date: dt.date
    after: dt.date  # the later date of an entry listed above it
    entry: str


@dataclass(frozen=True, slots=True)
class PairAudit:
    old: dt.date
    new: dt.date
    script: EditScript
    ties: tuple[Tie, ...]
    undocumented: tuple[Edit, ...]
    unbacked: tuple[Claim, ...]
    claims: tuple[Claim, ...]

    @property
    def clean(self) -> bool:
        return not self.undocumented and not self.unbacked


@dataclass(frozen=True, slots=True)
class AuditReport:
    pairs: tuple[PairAudit, ...]
    out_of_order: tuple[OutOfOrder, ...]

    @property
    def clean(self) -> bool:
        """Nothing unexplained: no undocumented change and no unbacked claim (out-of-order dates are warnings)."""
        return all(p.clean for p in self.pairs)


def claims_of(entries: Sequence[RevisionEntry]) -> tuple[Claim, ...]:
    """Split entries into clauses; ``no significant changes`` claims nothing."""
    out: list[Claim] = []
    for e in entries:
        text = " ".join(e.description.split())
        body = _REVIEW_PREFIX.sub("", text)
        for clause in body.split(";"):
            clause = clause.strip().rstrip(".").strip()
            if clause and clause.lower() not in ("no significant changes", "no changes"):
                out.append(Claim(e.date, text, clause))
    return tuple(out)


def edit_terms(e: Edit, context: str = "") -> frozenset[str]:
    """The terms of one change: changed words, subtree, context (set title), concepts of where it sits."""
    if e.redline:
        text = " ".join(t for op, t in e.redline if op != "=")
        # a changed number inside an unchanged sentence: the sentence says what it is about
        if not terms(text) - {"dose"}:
            text += " " + (e.new_text or "")
    else:
        text = " ".join(filter(None, (e.new_text, e.old_text, *e.content)))
    found = set(terms(text + " " + context))
    node_id = e.new_id or e.old_id or ""
    if e.table and e.table.startswith("Appendix "):
        found.add("appendix:" + e.table.split()[1])
    elif node_id.startswith("IV.") and len(node_id) > 3:
        found.add("appendix:" + node_id[3])
    if e.node is NodeKind.STATE and e.key:
        found.add("state:" + e.key)
    if e.node is NodeKind.REFERENCE:
        found.add("references")
    if e.node is NodeKind.PRODUCT:
        found.add("product availability")
    if e.node is NodeKind.DOSING:
        found.add("dose")
    return frozenset(found)


def _cosmetic(e: Edit) -> bool:
    if not e.kind.is_update or e.old_text is None or e.new_text is None:
        return False
    squash = re.compile(r"[\W_]+")
    return squash.sub("", e.old_text) == squash.sub("", e.new_text)


def _set_title(policy: Policy, node_id: str | None) -> str:
    if not node_id:
        return ""
    parts = node_id.split(".")
    if len(parts) < 2:
        return ""
    for sec in policy.sections:
        for s in sec.sets:
            if s.id == f"{parts[0]}.{parts[1]}":
                return s.title
    return ""


def _dose_context(policy: Policy, node_id: str | None) -> str:
    from policyvc.parser.nodes import all_criteria

    if not node_id:
        return ""
    for c in all_criteria(policy):
        if c.id == node_id and c.type in (CriterionType.DOSE_LIMIT, CriterionType.WEIGHT_BAND):
            return " dose"
        if c.id == node_id and c.type is CriterionType.GUIDELINE_SUPPORTED:
            return " dose guidelines"
    return ""


def audit_pair(old_date: dt.date, old: Policy, new_date: dt.date, new: Policy) -> PairAudit:
    """Audit one step of the history."""
    script = diff(old, new)
    claims = claims_of(script.log_added)
    claim_terms = [terms(c.clause) for c in claims]
    backed = [False] * len(claims)
    ties: dict[int, Tie] = {}
    changes = script.changes
    for k, e in enumerate(changes):
        if e.node is NodeKind.FIELD and e.new_id in ("header.review", "header.effective") and script.log_added:
            ties[k] = Tie(e, claims[0] if claims else None, (), TieKind.ADMINISTRATIVE)
            continue
        if _cosmetic(e):
            ties[k] = Tie(e, None, (), TieKind.COSMETIC)
            continue
        node_id = e.new_id or e.old_id
        source = new if e.new_id else old
        context = _set_title(source, node_id) + _dose_context(source, node_id)
        et = edit_terms(e, context)
        best: tuple[int, int] | None = None
        states = {t for t in et if t.startswith("state:")}
        for c, ct in enumerate(claim_terms):
            if (e.kind.is_insert or e.kind.is_delete) and e.kind.is_row and states:
                named = {t for t in ct if t.startswith("state:")}
                if named and not named & states:
                    continue  # "added Ohio to Appendix E" does not explain adding Indiana
            shared = et & ct
            score = sum(_weight(t) for t in shared)
            if score >= THRESHOLD:
                backed[c] = True
                if best is None or score > best[0]:
                    best = (score, c)
        refs = [c for c, ct in enumerate(claim_terms) if "references" in ct]
        if e.node is NodeKind.REFERENCE and refs:
            # a reference edit is what "references reviewed and updated" is about, whatever its wording shares
            # with other clauses (the NCCN Compendium is both a reference and a reason)
            backed[refs[0]] = True
            best = (0, refs[0])
        if best is not None:
            c = best[1]
            ties[k] = Tie(e, claims[c], tuple(sorted(et & claim_terms[c])), TieKind.TERMS)
    # inherit ties along parent / child links (to a fixpoint: a note under an updated list under an added option)
    changed = True
    while changed:
        changed = False
        for k, e in enumerate(changes):
            if k in ties:
                continue
            for j, t in list(ties.items()):
                other = changes[j]
                if t.claim is None:
                    continue
                related = (
                    (e.new_parent and e.new_parent == other.new_id)
                    or (e.old_parent and e.old_parent == other.old_id)
                    or (other.new_parent and other.new_parent == e.new_id)
                    or (other.old_parent and other.old_parent == e.old_id)
                )
                if related:
                    ties[k] = Tie(e, t.claim, (), TieKind.INHERITED)
                    changed = True
                    break
    undocumented = tuple(e for k, e in enumerate(changes) if k not in ties)
    unbacked = tuple(c for c, ok in zip(claims, backed, strict=True) if not ok)
    return PairAudit(old_date, new_date, script, tuple(ties[k] for k in sorted(ties)), undocumented, unbacked, claims)


def out_of_order(entries: Sequence[RevisionEntry]) -> tuple[OutOfOrder, ...]:
    """Entries dated before an entry listed above them."""
    out: list[OutOfOrder] = []
    latest: dt.date | None = None
    for e in entries:
        if e.date is None:
            continue
        if latest is not None and e.date < latest:
            out.append(OutOfOrder(e.date, latest, " ".join(e.description.split())))
        latest = e.date if latest is None or e.date > latest else latest
    return tuple(out)


def audit(history: Sequence[tuple[dt.date, Policy]]) -> AuditReport:
    """Audit every consecutive pair of ``history`` (oldest first) and the newest log's date order."""
    ordered = sorted(history, key=lambda pair: pair[0])
    pairs = tuple(audit_pair(a[0], a[1], b[0], b[1]) for a, b in itertools.pairwise(ordered))
    order = out_of_order(ordered[-1][1].revision_log) if ordered else ()
    return AuditReport(pairs, order)
