"""The typer is fail-safe by construction: a criterion is computed only when its check holds every constraint.

The walk reads every policy in the repository (the store's versions, the fixtures, the family tables' versions)
and checks each computed leaf against its own text, independently of the typer: every number the text states is
an argument of the check, every route it names is a route the check allows, and a limit per cycle or per course
is counted per cycle or per course.  A criterion with text no check accounts for must be a judgment.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from profiles import examples
from rules_support import FAMILY_TABLES, family_sources

from policyvc.parser import parse_file
from policyvc.parser.nodes import Criterion, Policy, iter_criteria
from policyvc.rules.body import rules_view
from policyvc.rules.coverage import coverage
from policyvc.rules.model import Lowering
from policyvc.rules.typer import Check, Ref, read_dose
from policyvc.rules.versions import load_versions


def _sources() -> list[Path]:
    files = [*sorted((FIXTURES / "policies").glob("*.txt")), *sorted((FIXTURES / "input").glob("*.txt"))]
    files += sorted((FIXTURES / "printed").glob("*.txt"))
    files += sorted(p for p in (FIXTURES / "histories").glob("*/*/policy.txt"))
    files += sorted((FIXTURES / "medical").glob("*.txt")) + sorted((FIXTURES / "payers").glob("*.txt"))
    for name in FAMILY_TABLES:
        files += family_sources(name).values()
    return sorted(set(files))


def _policies() -> list[tuple[str, Policy]]:
    out = [(f"{v.reference}@{v.date}", v.policy) for v in load_versions(ROOT / "policy_versions")]
    out += [(p.relative_to(ROOT).as_posix(), parse_file(p)) for p in _sources()]
    return [(name, rules_view(policy)) for name, policy in out]  # other templates' sets as the rules read them


POLICIES = _policies()


def _args(check: Check) -> list[object]:
    out: list[object] = list(check.args)
    for part in check.parts:
        out += _args(part)
    flat: list[object] = []
    while out:
        item = out.pop()
        if isinstance(item, tuple | frozenset):
            out.extend(item)
        else:
            flat.append(item)
    return flat


def _numbers(text: str) -> list[Decimal]:
    text = re.sub(r"\(see Appendix [A-Z]\)", "", text)
    found = re.findall(r"(?<![\w.])(?:(?<=\s)[-−]\s?)?\d+(?:,\d{3})*(?:\.\d+)?", text)  # "≤ -2.0" is -2
    return [Decimal(re.sub(r"[,\s]", "", n).replace("−", "-")) for n in found]


def _accounted(n: Decimal, args: list[object]) -> bool:
    for a in args:
        if isinstance(a, bool):
            continue
        if isinstance(a, Decimal | int) and Decimal(a) in (n, n * 1000, n * 1_000_000):
            return True
        if isinstance(a, str) and re.search(rf"(?<![\d.]){re.escape(str(n))}(?![\d.])", a):
            return True
    return False


def _leaves(policy: Policy) -> list[Criterion]:
    return [c for sec in policy.sections for s in sec.sets for c in iter_criteria(s.criteria) if not c.children]


@pytest.mark.parametrize(("name", "policy"), POLICIES, ids=[n for n, _ in POLICIES])
def test_every_computed_criterion_checks_every_constraint_it_states(name: str, policy: Policy) -> None:
    low = Lowering(policy)
    problems = []
    for c in _leaves(policy):
        typed = low.typed(c)
        check = typed.check
        # (a set for other uses: its guard, ``unlisted`` or — a label change's referral — ``not_of`` a listed use,
        # holds no words of the criterion)
        if check.fn == "all_of" and check.parts[0].fn in ("unlisted", "not_of"):
            check = check.parts[1] if len(check.parts) == 2 else dataclasses.replace(check, parts=check.parts[1:])
        if not typed.computed or check.fn in ("attest", "referral"):
            if check.fn != "referral":
                assert typed.leftover, (name, c.id, "a judgment names the words it could not read")
            continue
        args = _args(check)
        text = c.text
        for n in _numbers(text):
            if not _accounted(n, args):
                problems.append(f"{c.id}: {n} not checked in {text!r}")
        routes = {r.upper() for r in re.findall(r"\b(IV|SC|IM|PO)\b", text)}
        if routes and not routes <= {a for a in args if isinstance(a, str)}:
            problems.append(f"{c.id}: routes {sorted(routes)} not all checked in {text!r}")
        per_cycle = re.search(r"\bper (?:chemotherapy |treatment )?cycle\b", text)
        if per_cycle and "cycle" not in args and check.fn not in ("quantity", "uses", "concurrent"):
            problems.append(f"{c.id}: per cycle not counted in {text!r}")
        if re.search(r"\b(?:\d+|one|two|three|four|five|six) doses?\b", text) and check.fn not in (
            "uses",
            "concurrent",
        ):
            counted = any(a in ("cycle", "course") for a in args) or check.fn == "measure"
            if not counted:
                problems.append(f"{c.id}: a count of doses not checked in {text!r}")
        if re.search(r"\bsection v\b", text, re.I):
            problems += _section_v_rows_read_whole(policy, c, args)
    assert problems == []


def _section_v_rows_read_whole(policy: Policy, c: Criterion, args: list[object]) -> list[str]:
    """A computed criterion deferring to Section V checks every number of each row it reads (its weight bands,
    its maximum — the regimen when the maximum says to see it — and, for ``dose per Section V``, the regimen),
    and reads at least one row."""
    rows: list[tuple[str, list[Decimal], list[Decimal]]] = []
    for row in policy.dosing:
        maximum, regimen = " ".join(row.maximum), " ".join(row.regimen)
        cells = [row.indication.partition(",")[2]]
        if re.match(r"^see (?:the )?dosing regimen", maximum, re.I) or not maximum.strip():
            cells.append(regimen)
        else:
            cells.append(maximum)
            if not re.search(r"\bmaximum\b", c.text, re.I):
                cells.append(regimen)
        numbers = [n for cell in cells for n in _numbers(cell)]
        rows.append((row.indication, numbers, [n for n in numbers if _accounted(n, args)]))
    whole = [numbers for _, numbers, found in rows if numbers and len(found) == len(numbers)]
    explained = {n for numbers in whole for n in numbers}  # a number of a row read whole may recur in another
    problems = [
        f"{c.id}: Section V row {indication!r} read in part ({found} of {numbers})"
        for indication, numbers, found in rows
        if len(found) < len(numbers) and set(found) - explained
    ]
    if not whole:
        problems.append(f"{c.id}: computed from Section V without reading a row")
    return problems


@pytest.mark.parametrize(
    ("text", "computed"),
    [
        ("6 mg per chemotherapy cycle", True),
        ("2 doses of 6 mg SC, one week apart", True),
        ("10 mcg/kg or 400 mcg/m2 SC or IV per day", True),
        ("250 mcg/m² SC daily for 5 doses prior to day 1 of Danyelza administration", False),
        ("30 mg per attack and 3 doses in 24 hours", False),
        ("600 mg SC once, followed by 300 mg SC every 2 weeks", False),
        ("0.2 mg/kg SC daily (maximum 30 mg per day) for up to 5 consecutive days", True),
        ("2 mg/kg IV for up to 3 doses", True),
        ("10 mg SC once per treatment cycle (1 single-dose vial per treatment cycle)", True),
        ("5 mcg/kg SC every other day for up to 6 days", False),  # days without a whole daily rate
        # (weeks of a weekly dose: as many doses as weeks, each within the amount, the cap per infusion too)
        ("10 mg/kg IV once weekly for 4 weeks per treatment cycle (maximum 1,200 mg per infusion)", True),
        ("10 mg/kg IV every 2 weeks for 4 weeks", False),
        ("5 mcg/kg SC daily, maximum 300 mcg", True),
    ],
)
def test_dose_words_are_read_or_left_over(text: str, computed: bool) -> None:
    words = read_dose(text)
    assert words is not None
    assert (words.leftover == "") is computed, words


def test_the_walk_covers_the_repository() -> None:
    names = [n for n, _ in POLICIES]
    assert sum(1 for n in names if n.startswith("CP.PHAR.295@")) == 5
    assert any("pegfilgrastim" in n for n in names) and any("printed" in n for n in names)
    assert any("medical" in n for n in names) and any("payers" in n for n in names)
    shares = {n: coverage(p, dt.date(2026, 1, 1)).share for n, p in POLICIES}
    assert all(0 <= s <= 1 for s in shares.values())
    assert all(s > 0 for n, s in shares.items() if "medical" not in n and "payers" not in n)


_ROUTE_CHOICES = ["", "SC", "IV", "SC or IV"]
_FREQUENCY_CHOICES = ["", "daily", "twice daily", "once weekly", "every 2 weeks"]
_PERIOD_CHOICES = ["", "per day", "per chemotherapy cycle"]


@settings(max_examples=examples(200))
@given(
    amount=st.integers(1, 900),
    unit=st.sampled_from(["mcg", "mg", "mcg/kg", "mg/kg"]),
    route=st.sampled_from(_ROUTE_CHOICES),
    frequency=st.sampled_from(_FREQUENCY_CHOICES),
    period=st.sampled_from(_PERIOD_CHOICES),
    doses=st.sampled_from(["", "for 5 doses"]),
    over=st.sampled_from(["amount", "route", "frequency", "doses"]),
)
def test_a_dose_line_read_whole_never_allows_more_than_it_states(
    amount: int, unit: str, route: str, frequency: str, period: str, doses: str, over: str
) -> None:
    """Whatever the combination of limits a line states, a request at the limits passes only if the line was read
    whole, and a request over any one stated limit never passes."""
    from policyvc.rules import runtime as rt
    from policyvc.rules.typer import dose_checks

    assume(not (period == "per chemotherapy cycle" and doses))  # 5 doses of a cycle's total: not a line people write
    text = " ".join(x for x in (f"{amount} {unit}", route, frequency, period, doses) if x)
    words = read_dose(text, per_cycle=True)
    assert words is not None
    if words.leftover:
        return  # a judgment: nothing to compute
    check = dose_checks(words)
    each = Decimal(amount) / 2 if period == "per day" and frequency == "twice daily" else amount  # 2 a day
    request: dict[str, object] = {"amount": float(each), "unit": unit, "doses": 1, "course_doses": 1}
    request["route"] = route.split()[0] if route else "SC"
    request["frequency"] = frequency or "daily"
    if frequency == "" and period == "per day":
        request["frequency"] = "daily"
    if doses:
        request["doses"] = 5

    def decide(dose: dict[str, object]) -> bool | None:
        f = rt.Facts({"date": "2026-01-01", "member": {"weight_kg": 70}, "dose": dose}, {})
        return _evaluate(check, f)[0]

    at_limit = decide(request)
    assert at_limit is not False, (text, request)
    if over == "amount":
        worse = {**request, "amount": float(each) + 1}
    elif over == "route" and route and route != "SC or IV":
        worse = {**request, "route": "IM"}
    elif over == "frequency" and (frequency or period == "per day"):
        worse = {**request, "frequency": "three times daily"}
    elif over == "doses" and (doses or period == "per chemotherapy cycle"):
        worse = {**request, "doses": 6 if doses else 2}
    else:
        return
    assert decide(worse) is False, (text, worse)


def _evaluate(check: Check, f: object) -> tuple[bool | None, tuple[str, ...]]:
    from policyvc.rules import runtime as rt

    if check.fn == "not_of":
        return rt.not_of(_evaluate(check.parts[0], f))
    if check.parts:
        result: tuple[bool | None, tuple[str, ...]] = getattr(rt, check.fn)([_evaluate(p, f) for p in check.parts])
        return result
    value: tuple[bool | None, tuple[str, ...]] = getattr(rt, check.fn)(f, *check.args, None)
    return value


@pytest.mark.parametrize(
    ("text", "dose", "allowed"),
    [
        ("2 doses of 6 mg SC per chemotherapy cycle", {"amount": 6, "doses": 2}, True),
        ("2 doses of 6 mg SC per chemotherapy cycle", {"amount": 6, "doses": 3}, False),
        ("2 doses of 6 mg SC per chemotherapy cycle", {"amount": 7, "doses": 1}, False),
        ("6 mg SC once per chemotherapy cycle", {"amount": 6, "doses": 2}, False),
        ("6 mg per chemotherapy cycle", {"amount": 3, "doses": 2}, True),
        ("6 mg per chemotherapy cycle", {"amount": 6, "doses": 2}, False),
        ("1 dose (6 mg) per chemotherapy cycle", {"amount": 6, "doses": 1}, True),
        # a cap after "maximum" is a further limit, never an alternative that allows more
        ("0.2 mg/kg SC daily (maximum 30 mg per day) for up to 5 consecutive days",
         {"unit": "mg/kg", "amount": 0.15, "frequency": "daily", "course_doses": 5, "weight_kg": 200}, True),
        ("0.2 mg/kg SC daily (maximum 30 mg per day) for up to 5 consecutive days",
         {"unit": "mg/kg", "amount": 0.2, "frequency": "daily", "course_doses": 5, "weight_kg": 200}, False),
        ("0.2 mg/kg SC daily (maximum 30 mg per day) for up to 5 consecutive days",
         {"unit": "mg/kg", "amount": 0.2, "frequency": "daily", "course_doses": 6, "weight_kg": 50}, False),
        ("0.2 mg/kg SC daily (maximum 30 mg per day) for up to 5 consecutive days",
         {"unit": "mg/kg", "amount": 0.2, "frequency": "daily", "course_doses": 5, "weight_kg": 50}, True),
        ("5 mcg/kg SC daily, maximum 300 mcg", {"unit": "mcg/kg", "amount": 5, "weight_kg": 70, "frequency": "daily"},
         False),
        ("2 mg/kg IV for up to 3 doses", {"unit": "mg/kg", "amount": 2, "route": "IV", "course_doses": 4}, False),
        # (each weekly infusion is 10 mg/kg, four a cycle: never a total of 10 mg/kg over the cycle)
        ("10 mg/kg IV once weekly for 4 weeks per treatment cycle (maximum 1,200 mg per infusion)",
         {"unit": "mg/kg", "amount": 10, "route": "IV", "frequency": "once weekly", "doses": 4, "weight_kg": 70}, True),
        ("10 mg/kg IV once weekly for 4 weeks per treatment cycle (maximum 1,200 mg per infusion)",
         {"unit": "mg/kg", "amount": 10, "route": "IV", "frequency": "once weekly", "doses": 5, "weight_kg": 70},
         False),
        ("10 mg/kg IV once weekly for 4 weeks per treatment cycle (maximum 1,200 mg per infusion)",
         {"unit": "mg/kg", "amount": 10, "route": "IV", "frequency": "once weekly", "doses": 4, "weight_kg": 130},
         False),
    ],
)  # fmt: skip
def test_counts_and_totals_per_cycle(text: str, dose: dict[str, object], allowed: bool) -> None:
    """A count of doses per cycle limits the doses and each dose; a total per cycle limits their sum."""
    from policyvc.rules import runtime as rt
    from policyvc.rules.typer import dose_checks

    words = read_dose(text)
    assert words is not None and not words.leftover
    dose = dict(dose)
    member = {"weight_kg": dose.pop("weight_kg")} if "weight_kg" in dose else {}
    f = rt.Facts({"date": "2026-01-01", "member": member, "dose": {"unit": "mg", "route": "SC", **dose}}, {})
    assert _evaluate(dose_checks(words), f)[0] is allowed


def test_a_step_therapy_of_two_drugs_joined_by_and_needs_each(tmp_path: Path) -> None:
    """``Failure of A and B`` is a step through both; ``A or B`` through either; the schema lists each drug."""
    from policyvc.rules.request import schema

    text = (FIXTURES / "policies" / "filgrastim.txt").read_text(encoding="utf-8")
    assert "Failure of Nivestym or Releuko" in text
    source = tmp_path / "policy.txt"
    source.write_text(text.replace("Failure of Nivestym or Releuko", "Failure of Nivestym® and Releuko®"), "utf-8")
    policy = parse_file(source)
    low = Lowering(policy)
    leaf = next(c for c in _leaves(policy) if c.text.startswith("Failure of Nivestym"))
    typed = low.typed(leaf)
    assert typed.computed and typed.check.fn == "all_of"
    assert [p.args[0] for p in typed.check.parts] == [("Nivestym",), ("Releuko",)]
    therapies = schema(policy.reference_number, [policy])["properties"]["therapies"]["properties"]
    assert {"Nivestym", "Releuko"} <= set(therapies)


@pytest.mark.parametrize(
    ("source", "text", "name", "allowed", "refused"),
    [
        ("policies/dupilumab.txt", "Affected body surface area (BSA) ≥ 10%",
         "affected body surface area bsa %", 10, 9.9),
        ("policies/dupilumab.txt", "Investigator’s Global Assessment (IGA) score ≥ 3",
         "investigator s global assessment iga score", 3, 2),
        ("printed/omalizumab.txt", "Pretreatment serum total IgE level 30 to 1,500 IU/mL",
         "pretreatment serum total ige level (iu/ml)", 1500, 1501),
        ("printed/omalizumab.txt", "Pretreatment serum total IgE level 30 to 1,500 IU/mL",
         "pretreatment serum total ige level (iu/ml)", 30, 29),
    ],
)  # fmt: skip
def test_lab_values_and_scores_are_read_as_measures(
    source: str, text: str, name: str, allowed: float, refused: float
) -> None:
    """A share, a score or a lab value's range the criterion states is a named measure, checked at its bounds."""
    from policyvc.rules import runtime as rt

    policy = parse_file(FIXTURES / source)
    leaf = next(c for c in _leaves(policy) if c.text.startswith(text))
    typed = Lowering(policy).typed(leaf)
    assert typed.computed, typed
    for value, expected in ((allowed, True), (refused, False)):
        f = rt.Facts({"date": "2026-01-01", "measures": {name: value}}, {})
        assert _evaluate(typed.check, f)[0] is expected, (text, value)


def test_a_time_window_after_a_lab_value_is_the_reviewers_and_the_value_still_refuses() -> None:
    from policyvc.rules import runtime as rt

    policy = parse_file(FIXTURES / "policies" / "dupilumab.txt")
    leaf = next(c for c in _leaves(policy) if c.text.startswith("Blood eosinophil count ≥ 150 cells/mcL"))
    typed = Lowering(policy).typed(leaf)
    assert typed.leftover == "within the past 6 weeks"
    f = rt.Facts({"date": "2026-01-01", "measures": {"blood eosinophil count (cells/mcl)": 149}}, {})
    assert _evaluate(typed.check, f)[0] is False


@pytest.mark.parametrize(
    ("member", "diagnosis", "dose", "expected"),
    [
        ({"age": 30}, "atopic dermatitis", {"amount": 300, "frequency": "every 2 weeks"}, True),
        ({"age": 30}, "atopic dermatitis", {"amount": 300, "frequency": "weekly"}, False),
        ({"age": 4}, "AD", {"amount": 300, "frequency": "every 4 weeks"}, True),
        ({"age": 4}, "AD", {"amount": 300, "frequency": "every 2 weeks"}, False),
        ({"age": 10}, "AD", {"amount": 300, "frequency": "every 4 weeks"}, None),  # no row for ages 6 to 17
        ({"age": 40}, "EoE", {"amount": 300, "frequency": "weekly"}, True),
        ({"age": 40}, "plaque psoriasis", {"amount": 300, "frequency": "weekly"}, None),  # not in the table
    ],
)
def test_section_v_rows_by_indication_and_age(
    member: dict[str, object], diagnosis: str, dose: dict[str, object], expected: bool | None
) -> None:
    """Dupilumab's Section V: ``AD, adults`` (≥ 18 years) 300 mg every 2 weeks; ``AD, pediatrics 6 months to 5
    years`` 300 mg every 4 weeks; ``EoE`` 300 mg every week; a request the table has no row for is the reviewer's."""
    from policyvc.rules import runtime as rt

    policy = parse_file(FIXTURES / "policies" / "dupilumab.txt")
    low = Lowering(policy)
    leaf = next(c for c in _leaves(policy) if "maximum recommended dose for the relevant indication" in c.text)
    typed = low.typed(leaf)
    assert typed.computed, typed.leftover
    request = {"date": "2026-01-01", "member": member, "diagnoses": [diagnosis],
               "dose": {"unit": "mg", "route": "SC", **dose}, "attestations": {}}  # fmt: skip
    f = rt.Facts(request, low.expand)
    constants = {"DIAGNOSES": low.vocab.diagnoses, "DRUGS": low.known_drugs(), "STATES": low.states}

    def run(check: Check) -> tuple[bool | None, tuple[str, ...]]:
        if check.fn == "not_of":
            return rt.not_of(run(check.parts[0]))
        if check.parts:
            combined: tuple[bool | None, tuple[str, ...]] = getattr(rt, check.fn)([run(p) for p in check.parts])
            return combined
        args = [constants[a.name] if isinstance(a, Ref) else a for a in check.args]
        value: tuple[bool | None, tuple[str, ...]] = getattr(rt, check.fn)(f, *args, None)
        return value

    assert run(typed.check)[0] is expected
