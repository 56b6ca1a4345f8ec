"""Audit a policy's history: does the revision log say what the text changes?

For each pair of consecutive versions, the revision-log entries added between
them are the *claims* — each entry split into its clauses at ``;`` (an annual
review lists several changes), ``no significant changes`` claiming nothing.
Every real change of the diff (renumbers are consequences, not changes) is tied
to the clause that gives the most **specific evidence** for it (the vocabulary
is :mod:`policyvc.history.terms`):

* a specific term shared by the clause and the change ties alone: a state, an
  appendix the change sits in, a drug other than the policy's own (its own
  names come from its header), an HCPCS code, a number that changed, a line of
  business, a concept (approval duration, weight, age, step therapy,
  references, product availability, coding);
* content words count 1 each (two are needed); generic words (indication,
  criteria, policy, request, member, dose alone …) and the policy's own names
  count nothing;
* a clause is **ruled out** for a change when it contradicts it: it names
  states and the change is about another one (wrong state), it names numbers
  and none of them is one the change changed (wrong number), it is about
  initial approval (section I), continued approval (II) or exclusions (III)
  and the change sits in another section (wrong section), it names lines of
  business and the change is an approval duration of another one;
* a keyed row (a state of Appendix E, an HCPCS code, a therapeutic
  alternative) is explained only by a clause naming its key — except a row
  whose wording alone changed, which a clause about that appendix's language
  explains.

A reference edit is tied to a ``references reviewed and updated`` clause when
the step has one; a reference or an abbreviation added for a change is
explained by the clause of that change (it *cites* it: they share a word).  A
change with no evidence of its own inherits the tie of a tied change on its
parent or child (a list's ``(a, b, or c)`` changes because ``c`` was added);
a change of punctuation only, and the header's review dates when the log did
get a new entry, need no entry.  What is left is **undocumented**; clauses no
change ties to are **unbacked claims**; for both, :class:`Miss`
says why the closest candidates were not enough (``policyvc audit
--explain``).  Entries dated before an entry listed above them are **out of
order** (reported, not counted as unexplained).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from policyvc.history.diff import Edit, EditScript, diff
from policyvc.history.semantic import Direction
from policyvc.history.terms import STATES, TEMPLATE_RE, THRESHOLD, numbers, own_names, terms, weight
from policyvc.parser.nodes import CriterionType, Policy, RevisionEntry, all_criteria
from policyvc.parser.walk import NodeKind

__all__ = [
    "STATES", "AuditReport", "Claim", "Miss", "OutOfOrder", "PairAudit", "Tie", "TieKind", "audit", "audit_pair",
    "claims_of", "edit_terms", "out_of_order", "terms",
]  # fmt: skip

_REVIEW_PREFIX = re.compile(r"^\s*\d\s*Q\s*\d{4}\s+annual\s+review\s*:?\s*", re.I)
_APPENDIX_IN_TEXT = re.compile(r"\bappendix\s+([A-H])\b", re.I)
_KEYED_ROWS = (NodeKind.STATE, NodeKind.HCPCS, NodeKind.ALTERNATIVE)
_CRITERIA_SECTIONS = ("I", "II", "III")


@dataclass(frozen=True, slots=True)
class Claim:
    """A clause of a revision-log entry: what the entry says changed."""

    date: dt.date | None
    entry: str  # the whole entry, whitespace-normalised
    clause: str


class TieKind(StrEnum):
    """Why a change counts as explained."""

    TERMS = "terms"  # it shares specific evidence with a clause of the log
    INHERITED = "inherited"  # its parent or child change is tied to a clause
    CITED = "cited"  # a reference / abbreviation added for a change tied to the clause
    ADMINISTRATIVE = "administrative"  # the header's dates, when the log has a new entry
    COSMETIC = "cosmetic"  # punctuation only


@dataclass(frozen=True, slots=True)
class Tie:
    """A change tied to the clause that explains it, with its evidence (shared terms) or the change it rests on."""

    edit: Edit
    claim: Claim | None
    shared: tuple[str, ...]
    how: TieKind
    via: str | None = None  # inherited / cited: the id of the tied change this one rests on


@dataclass(frozen=True, slots=True)
class Miss:
    """Why a change found no clause (or a clause no change): the closest candidate and what was wrong with it."""

    edit: Edit | None
    claim: Claim | None
    shared: tuple[str, ...]
    reason: str


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
    change_misses: tuple[Miss, ...] = ()  # why: one per undocumented change, in its order
    claim_misses: tuple[Miss, ...] = ()  # why: one per unbacked claim, in its order

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


# --- the evidence of one change ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Change:
    edit: Edit
    found: frozenset[str]  # its terms (typed and words)
    changed_numbers: frozenset[str]
    all_numbers: frozenset[str]  # every number of its text, old and new
    states: frozenset[str]  # state:XX it is about (its row key, or named in what changed)
    section: str | None  # I, II, III for criteria, None elsewhere
    lobs: frozenset[str]  # lob:… of an approval duration's key
    appendix: str | None  # the appendix it sits in
    mentioned_appendices: frozenset[str]
    wording_only: bool  # a row whose wording changed and nothing a label reads


def _changed_text(e: Edit) -> str:
    key = e.key if e.kind.is_row and e.key else ""  # a row's key cell is its key, not its text
    if e.redline:
        return " ".join([key, *(t for op, t in e.redline if op != "=")])
    return " ".join(filter(None, (key, e.new_text, e.old_text, *e.content)))


def edit_terms(e: Edit, context: str = "", own: frozenset[str] = frozenset()) -> frozenset[str]:
    """The terms of one change: changed words (with the sentence, if only a number changed), set title, place."""
    return _change(e, context, own).found


def _change(e: Edit, context: str, own: frozenset[str]) -> _Change:
    changed = _changed_text(e)
    found = set(terms(changed, own, claim=False)) - {"template"}
    if TEMPLATE_RE.search(" ".join(filter(None, (e.new_text, e.old_text, context, *e.content)))):
        found.add("template")
    if e.redline and not {t for t in found if not t.startswith("num:")} - {"dose"}:
        # a changed number inside an unchanged sentence: the sentence says what it is about
        found |= terms(e.new_text or "", own, claim=False)
    found |= {t for t in terms(context, own, claim=False) if not t.startswith(("num:", "drug:"))}
    nums = numbers(changed)
    found |= {"num:" + n for n in nums}
    node_id = e.new_id or e.old_id or ""
    head = node_id.split(".")[0]
    appendix = None
    if e.table and e.table.startswith("Appendix "):
        appendix = e.table.split()[1]
    elif head == "IV" and len(node_id) > 3:
        appendix = node_id[3]
    mentioned = frozenset(m.group(1).upper() for m in _APPENDIX_IN_TEXT.finditer(changed + " " + (e.new_text or "")))
    found = {t for t in found if not t.startswith("appendix:")}
    if appendix:
        found.add("appendix:" + appendix)
    states = {t for t in found if t.startswith("state:")}
    if e.node is NodeKind.STATE and e.key:
        states.add("state:" + e.key)
    found |= states
    if e.node is NodeKind.HCPCS and e.key:
        found |= {"code:" + e.key, "coding"}
    if e.node is NodeKind.REFERENCE:
        found.add("references")
    if e.node is NodeKind.PRODUCT:
        found.add("product availability")
    if e.node is NodeKind.DOSING:
        found.add("dose")
    lobs: set[str] = set()
    if e.node is NodeKind.DURATION:
        found.add("approval duration")
        # the narrower side of a split / merge names the line of business (``I.A.duration.Medicaid-HIM``)
        keys = [i.rsplit(".", 1)[-1].replace("-", " ") for i in (e.old_id, e.new_id) if i]
        for key in keys:
            lobs = lobs or {t for t in terms(key, claim=False) if t.startswith("lob:")}
        found |= lobs
    section = head if head in _CRITERIA_SECTIONS else None
    if section:
        found.add("section:" + section)
    wording_only = e.kind.is_update and e.kind.is_row and all(lb.direction is Direction.NEUTRAL for lb in e.labels)
    every = numbers(" ".join(filter(None, (e.old_text, e.new_text, *e.content))))
    return _Change(
        e,
        frozenset(found),
        frozenset(nums),
        every,
        frozenset(states),
        section,
        frozenset(lobs),
        appendix,
        mentioned,
        wording_only,
    )


def _context(policy: Policy, node_id: str | None) -> str:
    """The title of the criteria set a node sits in, and ``dose`` for a dose limit."""
    if not node_id:
        return ""
    parts = node_id.split(".")
    title = ""
    if len(parts) >= 2:
        for sec in policy.sections:
            for s in sec.sets:
                if s.id == f"{parts[0]}.{parts[1]}":
                    title = s.title
    for c in all_criteria(policy):
        if c.id == node_id and c.type in (CriterionType.DOSE_LIMIT, CriterionType.WEIGHT_BAND):
            return title + " dose"
        if c.id == node_id and c.type is CriterionType.GUIDELINE_SUPPORTED:
            return title + " dose guidelines"
    return title


# --- one change against one clause ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Verdict:
    score: int
    shared: tuple[str, ...]  # the evidence, strongest first
    ruled_out: str | None  # why this clause cannot explain this change


def _key_named(ch: _Change, ct: frozenset[str], clause: str) -> bool:
    e = ch.edit
    if e.node is NodeKind.STATE:
        return bool(ch.states & ct)
    if e.node is NodeKind.HCPCS:
        return f"code:{e.key}" in ct
    words = {w for w in re.findall(r"[a-z0-9]+", (e.key or "").lower()) if len(w) > 3}
    return bool(words & set(re.findall(r"[a-z0-9]+", clause.lower())))


def _judge(ch: _Change, clause: str, ct: frozenset[str]) -> _Verdict:
    e = ch.edit
    shared = set(ch.found & ct)
    # an appendix the change only mentions is a word of it, not where it is
    mention = {"appendix:" + a for a in ch.mentioned_appendices} & ct - shared
    score = sum(weight(t) for t in shared) + len(mention)
    evidence = sorted(shared | mention, key=lambda t: (-weight(t), t))
    evidence = [t for t in evidence if weight(t) > 0 or t in mention]
    why: str | None = None
    claim_states = {t for t in ct if t.startswith("state:")}
    claim_sections = {t[8:] for t in ct if t.startswith("section:")}
    claim_numbers = {t[4:] for t in ct if t.startswith("num:")}
    claim_lobs = {t for t in ct if t.startswith("lob:")}
    language = "wording" in ct and ch.appendix is not None and f"appendix:{ch.appendix}" in ct
    if ch.wording_only and language:
        pass  # "updated Appendix E with revised language": every reworded row of it
    elif e.kind.is_row and e.node in _KEYED_ROWS and not _key_named(ch, ct, clause):
        named = ", ".join(sorted(t.split(":")[1] for t in claim_states)) if claim_states else "it"
        why = f"the clause does not name the row's key {e.key} (it names {named})"
    elif claim_states and ch.states and not claim_states & ch.states:
        why = (
            f"wrong state: the clause names {', '.join(sorted(t[6:] for t in claim_states))}, "
            f"the change is about {', '.join(sorted(t[6:] for t in ch.states))}"
        )
    if why is None and claim_sections and ch.section and ch.section not in claim_sections:
        named = "/".join(sorted(claim_sections))
        why = f"wrong section: the clause is about section {named}, the change is in {ch.section}"
    if why is None and claim_numbers and ch.changed_numbers and not claim_numbers & ch.changed_numbers:
        why = (
            f"wrong number: the clause says {', '.join(sorted(claim_numbers))}, "
            f"the change is {' → '.join(_numbers_of(e))}"
        )
    elif why is None and claim_numbers and not ch.changed_numbers and not claim_numbers & ch.all_numbers:
        why = f"wrong number: the clause says {', '.join(sorted(claim_numbers))}, the change has none of them"
    if why is None and claim_lobs and ch.lobs and not claim_lobs & ch.lobs:
        why = (
            f"wrong line of business: the clause names {', '.join(sorted(t[4:] for t in claim_lobs))}, "
            f"the change is for {', '.join(sorted(t[4:] for t in ch.lobs))}"
        )
    return _Verdict(score, tuple(evidence), why)


def _numbers_of(e: Edit) -> list[str]:
    old = " ".join(t for op, t in e.redline if op == "-")
    new = " ".join(t for op, t in e.redline if op == "+")
    if not e.redline:
        return [", ".join(sorted(numbers(_changed_text(e))))]
    return [", ".join(sorted(numbers(old))) or "—", ", ".join(sorted(numbers(new))) or "—"]


def _cosmetic(e: Edit) -> bool:
    if not e.kind.is_update or e.old_text is None or e.new_text is None:
        return False
    squash = re.compile(r"[\W_]+")
    return squash.sub("", e.old_text) == squash.sub("", e.new_text)


def _related(e: Edit, other: Edit) -> bool:
    return bool(
        (e.new_parent and e.new_parent == other.new_id)
        or (e.old_parent and e.old_parent == other.old_id)
        or (other.new_parent and other.new_parent == e.new_id)
        or (other.old_parent and other.old_parent == e.old_id)
        or _parent_id(e.new_id) == other.new_id is not None
        or _parent_id(other.new_id) == e.new_id is not None
        or _parent_id(e.old_id) == other.old_id is not None
        or _parent_id(other.old_id) == e.old_id is not None
    )


def _parent_id(node_id: str | None) -> str | None:
    """The criterion or set a criterion / note / duration id sits under (``I.E.4.a`` → ``I.E.4``)."""
    if not node_id or node_id.split(".")[0] not in _CRITERIA_SECTIONS or node_id.count(".") < 2:
        return None
    head = node_id.rpartition(".")[0]
    return head[: -len(".duration")] if head.endswith(".duration") else head


def audit_pair(old_date: dt.date, old: Policy, new_date: dt.date, new: Policy) -> PairAudit:
    """Audit one step of the history."""
    script = diff(old, new)
    claims = claims_of(script.log_added)
    own = own_names(new.header.title, new.header.generic_name, new.header.brand_names) | own_names(
        old.header.title, old.header.generic_name, old.header.brand_names
    )
    claim_terms = [terms(c.clause, own) for c in claims]
    backed = [False] * len(claims)
    ties: dict[int, Tie] = {}
    changes = script.changes
    verdicts: dict[int, list[_Verdict]] = {}
    facts: dict[int, _Change] = {}
    refs = [c for c, ct in enumerate(claim_terms) if "references" in ct]
    for k, e in enumerate(changes):
        if e.node is NodeKind.FIELD and e.new_id in ("header.review", "header.effective") and script.log_added:
            ties[k] = Tie(e, claims[0] if claims else None, (), TieKind.ADMINISTRATIVE)
            continue
        if _cosmetic(e):
            ties[k] = Tie(e, None, (), TieKind.COSMETIC)
            continue
        node_id = e.new_id or e.old_id
        ch = _change(e, _context(new if e.new_id else old, node_id), own)
        facts[k] = ch
        if e.node is NodeKind.REFERENCE and refs:
            # a reference edit is what "references reviewed and updated" is about, whatever else it shares
            backed[refs[0]] = True
            ties[k] = Tie(e, claims[refs[0]], ("references",), TieKind.TERMS)
            continue
        verdicts[k] = [_judge(ch, c.clause, ct) for c, ct in zip(claims, claim_terms, strict=True)]
        best: tuple[int, int] | None = None
        for c, v in enumerate(verdicts[k]):
            if v.ruled_out is None and v.score >= THRESHOLD and (best is None or v.score > best[0]):
                best = (v.score, c)
        if best is not None:
            # the change backs the clauses with the most evidence for it (several, when they are level)
            for c, v in enumerate(verdicts[k]):
                if v.ruled_out is None and v.score == best[0]:
                    backed[c] = True
            ties[k] = Tie(e, claims[best[1]], verdicts[k][best[1]].shared, TieKind.TERMS)

    def ruled_out(k: int, claim: Claim) -> bool:
        return k in verdicts and any(v.ruled_out for c, v in zip(claims, verdicts[k], strict=True) if c is claim)

    # references and abbreviations added for a change: the clause of that change (they share a word)
    for k, e in enumerate(changes):
        if k in ties or e.node not in (NodeKind.REFERENCE, NodeKind.ABBREVIATION) or k not in facts:
            continue
        words = {t for t in facts[k].found if ":" not in t and weight(t) == 1} | (
            {(e.key or "").lower()} if e.key else set()
        )
        for j, t in sorted(ties.items()):
            if t.how is not TieKind.TERMS or t.claim is None or j not in facts:
                continue
            other = facts[j]
            text = " ".join(filter(None, (t.edit.new_text, t.edit.old_text, *t.edit.content))).lower()
            common = sorted(w for w in words if w in other.found or (e.node is NodeKind.ABBREVIATION and w in text))
            if common:
                ties[k] = Tie(e, t.claim, tuple(common), TieKind.CITED, t.edit.new_id or t.edit.old_id)
                break
    # inherit ties along parent / child links (to a fixpoint: a note under an updated list under an added option)
    grew = True
    while grew:
        grew = False
        for k, e in enumerate(changes):
            if k in ties:
                continue
            for j, t in sorted(ties.items()):
                if t.claim is None or t.how not in (TieKind.TERMS, TieKind.INHERITED):
                    continue
                if _related(e, changes[j]) and not ruled_out(k, t.claim):
                    ties[k] = Tie(e, t.claim, (), TieKind.INHERITED, changes[j].new_id or changes[j].old_id)
                    grew = True
                    break
    undocumented = tuple(e for k, e in enumerate(changes) if k not in ties)
    unbacked = tuple(c for c, ok in zip(claims, backed, strict=True) if not ok)
    change_misses: list[Miss] = []
    claim_misses: list[Miss] = []
    for k, e in enumerate(changes):
        if k in ties:
            continue
        cands = verdicts.get(k, [])
        if not cands:
            reason = "the step adds no revision-log entry" if not claims else "no clause of this step shares a term"
            change_misses.append(Miss(e, None, (), reason))
            continue
        c = max(range(len(cands)), key=lambda i: (cands[i].score, -i))
        v = cands[c]
        change_misses.append(Miss(e, claims[c], v.shared, v.ruled_out or _too_weak(v)))
    for c, claim in enumerate(claims):
        if backed[c]:
            continue
        best_k: int | None = None
        for k, vs in verdicts.items():
            if best_k is None or vs[c].score > verdicts[best_k][c].score:
                best_k = k
        if best_k is None:
            claim_misses.append(Miss(None, claim, (), "no change of this step shares a term with it"))
        else:
            v = verdicts[best_k][c]
            claim_misses.append(Miss(changes[best_k], claim, v.shared, v.ruled_out or _too_weak(v)))
    return PairAudit(
        old_date,
        new_date,
        script,
        tuple(ties[k] for k in sorted(ties)),
        undocumented,
        unbacked,
        claims,
        tuple(change_misses),
        tuple(claim_misses),
    )


def _too_weak(v: _Verdict) -> str:
    if not v.shared:
        return "no specific term in common (generic words and the policy's own names do not count)"
    return f"too little evidence: only {', '.join(v.shared)} in common (a tie needs a specific term or two words)"


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
