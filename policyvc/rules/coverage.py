"""What the rules compute: per policy version, each leaf criterion, computed or a judgment and why.

A clinical reviewer reads it to know which criteria a request must attest; a developer reads the reasons (the
words the typer could not account for) to know what to teach it next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from policyvc.parser.nodes import Policy, iter_criteria
from policyvc.rules.body import rules_view
from policyvc.rules.model import Lowering


@dataclass(frozen=True, slots=True)
class Leaf:
    id: str
    text: str
    computed: bool
    check: str  # the runtime check (``dose``, ``all_of`` …; ``attest`` for a judgment)
    reason: str  # for a judgment: the words no check accounts for


@dataclass(frozen=True, slots=True)
class Coverage:
    reference: str
    version: str
    leaves: tuple[Leaf, ...]

    @property
    def computed(self) -> int:
        return sum(1 for leaf in self.leaves if leaf.computed)

    @property
    def share(self) -> float:
        return self.computed / len(self.leaves) if self.leaves else 1.0


def coverage(policy: Policy, version: dt.date | str) -> Coverage:
    """Every leaf criterion of ``policy`` in document order, with what the rules make of it."""
    policy = rules_view(policy)
    low = Lowering(policy)
    leaves = []
    for section in policy.sections:
        for s in section.sets:
            for c in iter_criteria(s.criteria):
                if c.children:
                    continue
                typed = low.typed(c)
                computed = typed.computed and typed.check.fn not in (
                    "attest",
                    "referral",
                    "unlisted_referral",
                    "group_referral",
                    "stated_indication",
                    "other_service",
                )
                reason = "" if computed else (typed.leftover or _why(typed.check.fn))
                if _bare(reason) == _bare(c.text):
                    reason = _why(typed.check.fn)
                leaves.append(Leaf(c.id, c.text, computed, typed.check.fn, reason))
    day = version.isoformat() if isinstance(version, dt.date) else version
    return Coverage(policy.reference_number, day, tuple(leaves))


def _bare(text: str) -> str:
    return " ".join(text.split()).rstrip(";.,:* ")


def _why(fn: str) -> str:
    if fn == "unlisted_referral":
        return "a referral: it applies to diagnoses the policy names nowhere, else the reviewer decides"
    if fn == "group_referral":
        return "a referral of a group: it applies where the group refers the request, else the reviewer decides"
    return "a referral: the reviewer decides it applies" if fn == "referral" else "not a wording the rules read"


def render_text(reports: list[Coverage]) -> str:
    """One block per version: the share computed, then each leaf (``✓`` computed, ``?`` judgment: reason)."""
    lines = []
    for r in reports:
        lines.append(f"{r.reference}@{r.version}: {r.computed}/{len(r.leaves)} leaf criteria computed ({r.share:.0%})")
        for leaf in r.leaves:
            if leaf.computed:
                lines.append(f"  ✓ {leaf.id}  [{leaf.check}]  {leaf.text}")
            else:
                lines.append(f"  ? {leaf.id}  {leaf.text}")
                lines.append(f"        not read: {leaf.reason}")
    return "\n".join(lines) + "\n"


def render_json(reports: list[Coverage]) -> list[dict[str, object]]:
    return [
        {
            "policy": r.reference,
            "version": r.version,
            "computed": r.computed,
            "leaves": len(r.leaves),
            "criteria": [
                {"id": x.id, "text": x.text, "computed": x.computed, "check": x.check, "reason": x.reason}
                for x in r.leaves
            ],
        }
        for r in reports
    ]
