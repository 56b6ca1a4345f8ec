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


def _row(line: str) -> tuple[str, int, str] | None:
    """A quantity row: its product's words, the most units and the period (``30 days``, ``lifetime``)."""
    if " | " in line:
        name, *cells = (cell.strip() for cell in line.split(" | "))
    else:
        name, colon, rest = line.partition(":")
        if not colon:
            return None
        cells = [rest.strip()]
    name = rt.normalize(name)
    if not name:
        return None
    for cell in cells:
        m = _QUANTITY.match(cell.rstrip(".;").strip())
        if m is None:
            continue
        unit = m.group("unit").casefold()
        if unit == "lifetime":
            return name, int(m.group("n")), "lifetime"
        k = int(m.group("k") or 1)
        return name, int(m.group("n")), f"{k} {unit}s" if k != 1 else unit
    return None


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
    rows: list[tuple[tuple[str, ...], int, str]] = []
    excluded: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for raw in source.splitlines():
        line = " ".join(raw.split())
        row = _row(line)
        if row is not None:
            rows.append((_names(row[0], drugs), row[1], row[2]))
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
