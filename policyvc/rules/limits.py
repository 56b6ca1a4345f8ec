"""What the facts decide of the limits a policy states outside its criteria (``<set id>.limits``).

The limits criterion is a judgment (:func:`policyvc.rules.body.rules_view`): a reviewer attests the request is within
them.  An attestation never overrides the facts, so the parts of those limits a request's facts can decide are read
here: a quantity table's rows (``Dexcom G7 sensor: 3 sensors per 30 days``, ``Otezla 30 mg tablet | 30 mg | 60
tablets per 30 days``, ``1 pack per lifetime``, ``5 pens (15 mL) per 30 days`` — the volume says no other limit)
and an exclusion's concurrent drugs (*Otezla is not covered for use in combination with cyclosporine or other
systemic immunosuppressants*).  Only a refusal is computed: over every row naming the requested product, or a
concurrent drug the exclusion names, is false; everything else stays the reviewer's (the attestation), so a reading
that misses a row can never approve.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from policyvc.rules import runtime as rt
from policyvc.rules.typer import Check

_QUANTITY = re.compile(
    r"^(?P<n>\d{1,5})\s+(?:[a-z][a-z-]*\s+){0,2}(?:\((?:\d[\d.,]*\s*(?:mL|mg|g|mcg|units?))\)\s+)?(?:per|every|/)\s+"
    r"(?:(?P<k>\d{1,4})\s+)?"
    r"(?P<unit>day|week|month|year|lifetime)s?$",
    re.I,
)
_NOT_COVERED = re.compile(
    r"^(?P<subject>.+?)\s+(?:is|are)\s+not\s+(?:covered|medically necessary|approved|authorized)\b.*?"
    r"\b(?:in combination with|concurrently with|concomitantly with|together with|with concurrent|"
    r"with concomitant)\s+(?P<drugs>.+?)\.?$",
    re.I,
)
_OTHERS = re.compile(r"^(?:other|another|any|all|a|an)\b", re.I)


# a quantity cell's alternatives: ``1 per 28 days (asthma); 3 per 28 days (EGPA)`` (each the most for the use in
# parentheses: the request's use is not read here, so each is a row and only a quantity over all of them refuses)
_USE = re.compile(r"\s*\([^()]*\)$")
# a quantity the rows do not read (``2 pens per 28 days for the loading dose, then 1``): the product's rows are
# incomplete, and a quantity over those read refuses nothing
_SOME_QUANTITY = re.compile(r"\b\d+\s+(?:[a-z-]+\s+){0,3}(?:per|every|/)\s", re.I)


def _row(line: str) -> list[tuple[str, int | None, str]]:
    """A quantity row's readings: its product's words, the most units and the period (``30 days``, ``lifetime``),
    one per alternative of its cell; the most is None for a quantity written in a shape not read."""
    if " | " in line:
        name, *cells = (cell.strip() for cell in line.split(" | "))
    else:
        name, colon, rest = line.partition(":")
        if not colon:
            return []
        cells = [rest.strip()]
    name = rt.normalize(name)
    if not name:
        return []
    for cell in cells:
        out: list[tuple[str, int | None, str]] = []
        for part in re.split(r"\s*;\s*(?:or\s+)?", cell.rstrip(".;").strip()):
            m = _QUANTITY.match(_USE.sub("", part.rstrip(".;").strip()))
            if m is None:
                if _SOME_QUANTITY.search(part) is not None:
                    out.append((name, None, ""))
                continue
            unit = m.group("unit").casefold()
            if unit == "lifetime":
                out.append((name, int(m.group("n")), "lifetime"))
                continue
            k = int(m.group("k") or 1)
            out.append((name, int(m.group("n")), f"{k} {unit}s" if k != 1 else unit))
        if out:
            return out
    return []


def _names(name: str, drugs: Mapping[str, frozenset[str]]) -> tuple[str, ...]:
    """The row's product's names: its words, and every other name of a product of the policy it names."""
    out = {name}
    for known, aliases in drugs.items():
        key = rt.normalize(known)
        if key and f" {key} " in f" {name} ":
            out.update(rt.normalize(a) for a in aliases)
    return tuple(sorted(out))


def limits_check(source: str, drugs: Mapping[str, frozenset[str]]) -> Check | None:
    """The check of what the facts decide of the limits written in ``source``; None when nothing in it is read."""
    rows: list[tuple[tuple[str, ...], int | None, str]] = []
    excluded: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for raw in source.splitlines():
        line = " ".join(raw.split())
        read = _row(line)
        if read:
            rows.extend((_names(name, drugs), most, period) for name, most, period in read)
            continue
        for sentence in re.split(r"(?<=\.)\s+", line):
            m = _NOT_COVERED.match(sentence)
            if m is None:
                continue
            named = re.split(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", m.group("drugs"))
            names = tuple(sorted({rt.normalize(d) for d in named if d.strip() and not _OTHERS.match(d.strip())}))
            subject = rt.normalize(m.group("subject"))
            if names and subject:
                excluded.append((_names(subject, drugs), names))
    if not rows and not excluded:
        return None
    return Check("outside_limits", (tuple(rows), tuple(excluded)))
