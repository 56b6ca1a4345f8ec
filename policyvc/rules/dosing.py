"""Section V (Dosage and Administration) read as limits, for the criteria that defer to it.

``New dose does not exceed the FDA-approved maximum recommended dose for the relevant indication in Section V``
and ``Weight < 45 kg: weight-based dose per Section V`` name no number: the number is in the dosing table's row
for the request's indication.  The row is chosen by the criterion's own words (``… for RA in Section V``), else by
its set's title, else at run time by the request's diagnoses among every row.  A row's cells are read with the
dose words of :mod:`policyvc.rules.typer`; a cell of lines (``IV: 800 mg per infusion every 4 weeks; SC: 162 mg
every week``, ``Weight ≥ 45 kg: …; weight < 45 kg: …``) is a choice by each line's condition.

Fail-safe: a row, a line or a condition that is not read whole is the reviewer's (the criterion's attestation
stands in for it, and its words are the criterion's reason in ``--coverage``); a request whose indication or line
is none the table lists is the reviewer's too, never an approval — and never one past what the row states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policyvc.parser.nodes import DosingRow
from policyvc.rules.typer import Check, all_of, any_of, condition, dose_checks, number, read_dose, weight_check

if TYPE_CHECKING:
    from policyvc.rules.model import Lowering


class Column:
    """Which cell of the row a criterion defers to."""

    MAXIMUM = "maximum"  # ``… the FDA-approved maximum recommended dose …``
    DOSE = "dose"  # ``weight-based dose per Section V``: the regimen, within the maximum


_WHERE = r"(?:per|in|as (?:listed|stated|specified) in|according to) (?:the )?section v\b(?: \([^)]*\))?"
_REFERENCE = re.compile(
    rf"^(?:(?:the )?(?:new |requested )?(?:dose|dosing|dosage) (?:does not exceed|is within|is not greater than) "
    rf"|(?:is )?within )?(?P<what>.+?) {_WHERE}$",
    re.I,
)
_MAXIMUM = re.compile(
    r"^(?:the )?(?:fda[- ]approved |fda |labeled )?(?:maximum|max) (?:recommended )?(?:dose|dosing|dosage)"
    r"(?: for (?P<which>.+))?$",
    re.I,
)
_DOSE = re.compile(
    r"^(?:the )?(?:weight-based |recommended |fda[- ]approved |labeled )?(?:dose|dosing|dosage)"
    r"(?: for (?P<which>.+))?$",
    re.I,
)
_RELEVANT = re.compile(r"^(?:the )?(?:relevant|requested|member's|applicable)? ?(?:indication|diagnosis|use)$", re.I)
_SEE_REGIMEN = re.compile(r"^(?:see|refer to) (?:the )?dosing regimen\.?$", re.I)
_LINE = re.compile(r"^(?P<cond>[^:]{1,60}):\s*(?P<rest>.+)$")
_BARE_BAND = re.compile(r"^(?:[<>≤≥]|>=|<=|\d)[^:]*\bkg$", re.I)
_BANDS_HEAD = re.compile(r"^weight-based (?:dose|dosing)(?P<common>[^:]*):\s*(?P<rest>.+)$", re.I)
_BAND = re.compile(r"((?:[<>≤≥]\s*)?\d+(?:\.\d+)?\s*(?:kg\s*)?(?:(?:to|-|–)\s*(?:[<≤]\s*)?\d+(?:\.\d+)?\s*)?kg)\s*:")
_ADULTS = re.compile(r"^adults?(?: \(?(?:≥|>=) ?18 years\)?)?$", re.I)
_AGES = re.compile(
    r"^(?:pediatrics?|paediatrics?|children|pediatric patients)?\s*(?:aged? )?(?P<lo>\d+) (?P<lu>months?|years?)"
    r" (?:to|-|–|through) (?P<hi>\d+) (?P<hu>months?|years?)$",
    re.I,
)
_AGE = re.compile(r"^age\s*(?P<op>≥|>=|>|≤|<=|<)\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>years?|months?)$", re.I)


@dataclass(frozen=True, slots=True)
class Reference:
    """A criterion's words naming Section V: the column it defers to, and the indication it names (or None)."""

    column: str
    which: str | None


def reference(text: str) -> Reference | None:
    """``… the FDA-approved maximum recommended dose for the relevant indication in Section V`` → its reference."""
    m = _REFERENCE.match(" ".join(text.split()).rstrip(" .;"))
    if m is None:
        return None
    what = m.group("what")
    for column, pattern in ((Column.MAXIMUM, _MAXIMUM), (Column.DOSE, _DOSE)):
        found = pattern.match(what)
        if found:
            which = found.group("which")
            return Reference(column, None if which is None or _RELEVANT.match(which) else which)
    return None


@dataclass
class Reading:
    """A check being built, and the words it could not read."""

    key: str
    leftover: list[str]

    def stand_in(self, words: str) -> Check:
        """The criterion's attestation in place of words not read (they become its reason)."""
        self.leftover.append(words)
        return Check("attest", (self.key,))

    def pick(self, choices: list[tuple[Check | None, Check]]) -> Check:
        """One of several (condition, limit) choices; a request none of the conditions fits is the reviewer's."""
        if len(choices) == 1 and choices[0][0] is None:
            return choices[0][1]
        conds = [cond for cond, _ in choices if cond is not None]
        options = [limit if cond is None else all_of(cond, limit) for cond, limit in choices]
        if len(conds) == len(choices):
            options.append(all_of(Check("not_of", parts=(any_of(*conds),)), Check("attest", (self.key,))))
        return any_of(*options)


def section_v(low: Lowering, key: str, ref: Reference, set_title: str) -> tuple[Check, str] | None:
    """The check of a criterion deferring to Section V and the words not read; None when no row can be chosen."""
    rows = low.policy.dosing
    if not rows:
        return None
    reading = Reading(key, [])
    chosen: list[DosingRow] = []
    if ref.which is not None:
        chosen = _named(low, rows, ref.which)
        if not chosen:
            return None  # the criterion names an indication the table does not list: the reviewer's
    else:
        chosen = _named(low, rows, set_title)
    choices: list[tuple[Check | None, Check]] = []
    for row in chosen or rows:
        diagnosis, _, rest = row.indication.partition(",")
        conds: list[Check] = []
        if not chosen:  # chosen at run time, by the request's diagnoses
            conds.append(low.diagnosis_condition(key, diagnosis.strip()))
        for part in re.split(r",\s*", rest.strip()) if rest.strip() else ():
            conds.append(_condition(low, key, part) or reading.stand_in(part))
        choices.append((all_of(*conds) if conds else None, _limit(low, reading, row, ref.column)))
    check = reading.pick(choices)
    return check, " … ".join(dict.fromkeys(w for w in reading.leftover if w))


def _named(low: Lowering, rows: tuple[DosingRow, ...], text: str) -> list[DosingRow]:
    """The rows whose indication (its words before a comma) the text names, by the policy's own terms."""
    wanted = low.diagnosis_terms(text)
    return [row for row in rows if wanted & low.diagnosis_terms(row.indication.partition(",")[0])]


def _condition(low: Lowering, key: str, text: str) -> Check | None:
    """A row's or a line's condition: a route, a weight band (``15 to < 30 kg``), an age, a drug, a diagnosis."""
    text = text.strip()
    if _BARE_BAND.match(text):
        return weight_check(f"weight {text}")
    if (band := weight_check(text)) is not None:  # "Weight ≥ 35 kg", "weight 17 to < 35 kg": the word written
        return band
    if m := _AGE.match(text):
        op = {">=": "≥", "<=": "≤"}.get(m.group("op"), m.group("op"))
        unit = m.group("unit").casefold().rstrip("s") + "s"
        return Check("age", (op, number(m.group("n")), unit))
    if _ADULTS.match(text):  # an FDA label's "adults": 18 years and older
        return Check("age", ("≥", number(18), "years"))
    if m := _AGES.match(text):  # "pediatrics 6 months to 5 years": from 6 months through age 5
        low_unit = m.group("lu").casefold().rstrip("s") + "s"
        high_unit = m.group("hu").casefold().rstrip("s") + "s"
        return all_of(
            Check("age", ("≥", number(m.group("lo")), low_unit)), Check("age", ("≤", number(m.group("hi")), high_unit))
        )
    return condition(text, key, low.vocab)


def _limit(low: Lowering, reading: Reading, row: DosingRow, column: str) -> Check:
    """The limit a row states for the column: the maximum (its regimen when it says *see dosing regimen*), or
    the regimen within the maximum."""
    maximum, regimen = " ".join(row.maximum).strip(), " ".join(row.regimen).strip()
    cells: list[str] = []
    if column == Column.DOSE:
        cells.append(regimen)
    if maximum and not _SEE_REGIMEN.match(maximum):
        cells.append(maximum)
    elif column == Column.MAXIMUM:
        cells.append(regimen)
    return all_of(*(_cell(low, reading, cell) for cell in cells if cell))


def _cell(low: Lowering, reading: Reading, text: str) -> Check:
    """One cell: a dose statement read whole, or lines each for a condition (``IV: …; SC: …``)."""
    text = text.strip().rstrip(".")
    if m := _BANDS_HEAD.match(text):
        # "Weight-based dose SC QD: > 40 kg: 7 mcg/kg 15 to 40 kg: 10 mcg/kg …": each band with the shared words
        parts = _BAND.split(m.group("rest"))
        if len(parts) >= 3 and not parts[0].strip():
            common = m.group("common").strip()
            bands = zip(parts[1::2], parts[2::2], strict=True)
            return reading.pick([
                (_condition(low, reading.key, band) or reading.stand_in(band),
                 _dose(reading, f"{dose.strip(' ;,')} {common}"))
                for band, dose in bands
            ])  # fmt: skip
    lines = [p.strip() for p in re.split(r";\s*|\.\s+(?=[A-Z])", text) if p.strip()]
    if len(lines) > 1 and all(_LINE.match(line) for line in lines):
        choices: list[tuple[Check | None, Check]] = []
        for line in lines:
            m = _LINE.match(line)
            assert m is not None
            cond = _condition(low, reading.key, m.group("cond"))
            choices.append((cond or reading.stand_in(m.group("cond")), _dose(reading, m.group("rest"))))
        return reading.pick(choices)
    return _dose(reading, text)


def _dose(reading: Reading, text: str) -> Check:
    words = read_dose(text)
    if words is None or words.leftover:
        return reading.stand_in(text if words is None else words.leftover)
    return dose_checks(words)
