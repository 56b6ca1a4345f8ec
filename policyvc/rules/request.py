"""The request contract: reading a request file, its errors for people, and the JSON Schema of one policy's requests.

The contract itself (keys, types, what each fact means) is enforced by the runtime (``runtime.Facts``) so a
vendored output folder enforces it too; this module turns its errors into :class:`PolicyError` and publishes the
schema, generated from the AST of every stored version of a policy (which sets, attestations and drugs exist).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import Policy, StepTherapyFact, iter_criteria
from policyvc.rules import runtime as rt
from policyvc.rules.body import rules_view
from policyvc.rules.jsonload import JSONInputError, load_file
from policyvc.rules.model import Check, Lowering

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_MEASURE = {"type": "number", "minimum": rt.MEASURE_RANGE[0], "maximum": rt.MEASURE_RANGE[1]}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}


def _number(key: str) -> dict[str, Any]:
    """A measurement's schema: a JSON number within the runtime's range for it."""
    low, high = rt.RANGES[key]
    return {"type": "number", "minimum": float(low) if low else 0, "maximum": high}


def read_request(path: Path) -> dict[str, Any]:
    """The JSON object in ``path`` (a case file's ``request`` member if it has one)."""
    try:
        data = load_file(path)  # strict: bounded size, depth and digits, no duplicate keys
    except OSError as exc:
        raise PolicyError(f"cannot read request: {exc.strerror}", source=str(path)) from None
    except JSONInputError as exc:
        raise PolicyError(f"request is not valid JSON: {exc}", source=str(path)) from None
    if isinstance(data, dict) and "request" in data and isinstance(data["request"], dict):
        data = data["request"]
    if not isinstance(data, dict):
        raise PolicyError("request must be a JSON object", source=str(path))
    check_request(data, str(path))  # by the contract, here: a bad value is an input error wherever it is read
    return data


def check_request(request: object, source: str = "<request>") -> rt.Facts:
    """``request`` read by the contract (no policy tables); a :class:`PolicyError` naming the offending key."""
    try:
        return rt.Facts(request, {})
    except rt.RequestError as exc:
        raise PolicyError(str(exc), source=source) from None


def schema(reference: str, policies: list[Policy]) -> dict[str, Any]:
    """The JSON Schema of the requests ``reference``'s modules accept (all stored versions together)."""
    sets: dict[str, None] = {}
    attestations: dict[str, str] = {}
    drugs: dict[str, None] = {}
    products: dict[str, None] = {}
    measures: dict[str, str] = {}
    aliases: dict[str, str] = {}  # (a measure's other names: without its abbreviation, or by it alone)
    signed: dict[str, None] = {}  # compared with a negative number (in some version): negatives allowed
    for policy in map(rules_view, policies):
        low = Lowering(policy)
        texts = low.texts()
        products.update(dict.fromkeys(sorted(low.known_drugs())))
        measures.update(low.measures())
        aliases.update(low.measure_aliases())
        signed.update(dict.fromkeys(set(low.measures()) - low.unsigned_measures()))
        for section in policy.sections:
            for s in section.sets:
                if s.criteria:
                    sets[s.id] = None
                    sets[s.title] = None
                for c in iter_criteria(s.criteria):
                    counted = [] if c.children else [k.args[1] for k in _flat(low.leaf(c)) if k.fn == "step_count"]
                    # (a step through a number of alternatives: each alternative by the first of its names)
                    drugs.update(
                        dict.fromkeys(str(n[0]) for names in counted if isinstance(names, tuple) for n in names if n)
                    )
                    if isinstance(c.fact, StepTherapyFact) and low.step_group(c) is None and not counted:
                        # the drugs the rules read ("Failure of Fulphila® and Udenyca®": each), else as parsed
                        steps = [k.args[0] for k in _flat(low.leaf(c)) if k.fn == "step_therapy"]
                        read = [str(d) for names in steps if isinstance(names, tuple) for d in names]
                        # a step read in part: each subject by the first of its names
                        stated = [k.args[0] for k in _flat(low.leaf(c)) if k.fn == "step_stated"]
                        read += [str(n[0]) for names in stated if isinstance(names, tuple) for n in names if n]
                        drugs.update(dict.fromkeys(read or c.fact.drugs))
        for key in low.attestations():
            attestations.setdefault(key, texts.get(key, ("", 0, None))[0])
    status = {"enum": list(rt.THERAPY_STATUSES)}
    return {
        "$schema": SCHEMA_DRAFT,
        "title": f"Request to the executable rules of {reference}",
        "type": "object",
        "additionalProperties": False,
        "required": ["date"],
        "properties": {
            "date": {**_DATE, "description": "request date: picks the version in force"},
            "request": {"enum": list(rt.REQUEST_KINDS)},
            "drug": {
                "type": "string",
                "minLength": 1,
                "description": "the product requested, by a name the policy uses: " + ", ".join(products),
            },
            "member": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "age": {
                        **_number("member.age"),
                        "description": "years; else computed from birth_date on the request date",
                    },
                    "birth_date": _DATE,
                    "weight_kg": _number("member.weight_kg"),
                    "height_cm": _number("member.height_cm"),
                    "bsa_m2": {
                        **_number("member.bsa_m2"),
                        "description": "else Mosteller from height_cm and weight_kg",
                    },
                    "state": {"type": "string", "pattern": "^[A-Za-z]{2}$"},
                    "line_of_business": {"enum": list(rt.LINES_OF_BUSINESS)},
                    "renewal_date": _DATE,
                },
            },
            "diagnoses": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "description": "matched against diagnosis criteria; Appendix A abbreviations expand",
            },
            "prescriber": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"specialty": {"type": "string", "minLength": 1}},
            },
            "dose": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "amount": _number("dose.amount"),
                    "unit": {"enum": list(rt.UNITS)},
                    "route": {"enum": list(rt.ROUTES)},
                    "frequency": {"type": "string", "minLength": 1},
                    "doses": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": rt.MAX_DOSES,
                        "description": "doses per chemotherapy cycle",
                    },
                    "course_doses": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": rt.MAX_DOSES,
                        "description": "doses in the course",
                    },
                    "quantity": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": rt.MAX_DOSES,
                        "description": "units dispensed (syringes, vials, pens) per cycle, or per course, or in"
                        " this fill",
                    },
                    "days_supply": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": rt.MAX_DOSES,
                        "description": "the days the units dispensed supply (for a limit per a number of days)",
                    },
                },
            },
            "dose_increase": {"type": "boolean"},
            "therapies": {
                "type": "object",
                "properties": {drug: status for drug in drugs},
                "additionalProperties": status,
            },
            "concurrent": {"type": "array", "items": {"type": "string", "minLength": 1}},
            "measures": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    name: {**_MEASURE, **({} if name in signed else {"minimum": 0}), "description": text}
                    for name, text in measures.items()
                }
                | {
                    alias: {
                        **_MEASURE,
                        **({} if name in signed else {"minimum": 0}),
                        "description": f"the measure {name!r} by another name: {measures.get(name, '')}",
                    }
                    for alias, name in aliases.items()
                    if alias not in measures
                },
            },
            "criteria_set": {"enum": list(sets)},
            "attestations": {
                "type": "object",
                "additionalProperties": False,
                "properties": {key: {"type": "boolean", "description": text} for key, text in attestations.items()},
            },
        },
    }


def _flat(check: Check) -> list[Check]:
    return [check] if not check.parts else [x for p in check.parts for x in _flat(p)]
