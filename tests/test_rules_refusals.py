"""A request that names a diagnosis the policy refuses is never approved.

A pharmacy policy lists in section III the diagnoses its drug is NOT authorized for (*Rapidly progressive
crescentic glomerulonephritis;*); a medical policy writes beside the statement that covers a service one that
refuses the same service for a list of conditions, as bullets after a paragraph (*… is investigational and not
medically necessary for the following conditions:*) or as a lettered list (*It is the policy … that
transcranial magnetic stimulation is not medically necessary for the following indications: A. Tinnitus; …*).
Read from the text:

- a requested diagnosis named as the text names it (or by its abbreviation) denies, whatever set would approve
  the request's other diagnosis;
- one the policy does not name that is close to it — the one inside the other once words of course and severity
  are set aside — holds the approval for a reviewer (``attestations.<id>``; attested false it is lifted);
- an item that names the care refused (*Treatment of …*) refuses the diagnosis it names;
- an item that names no diagnosis (*Non-FDA-approved indications, which are not addressed in this policy,
  unless …*) refuses nothing by itself, and a list that refuses another service (*vagus nerve stimulation*)
  refuses nothing of this one.

The decision tables are written from the fixtures' text (``tests/fixtures/refusals``); the generated module and
the interpreter agree on every one (``decide_file``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from rules_support import decide_file

PHARMACY = FIXTURES / "refusals" / "pharmacy-refused.txt"
# the same policy, its section III item written as the care refused (*Treatment of rapidly progressive …*)
PHARMACY_TREATMENT = FIXTURES / "refusals" / "pharmacy-refused-treatment.txt"
BULLETS = FIXTURES / "refusals" / "medical-refused-bullets.txt"
LETTERED = FIXTURES / "refusals" / "medical-refused-lettered.txt"
_ON = dt.date(2026, 5, 1)


def _quorlia(*diagnoses: str, **attested: bool) -> dict[str, Any]:
    return {
        "date": "2026-06-01",
        "request": "initial",
        "member": {"age": 40, "line_of_business": "Commercial"},
        "diagnoses": list(diagnoses),
        "dose": {"amount": 200, "unit": "mg", "route": "PO", "frequency": "twice daily"},
        "attestations": {k.replace("__", "."): v for k, v in attested.items()},
    }


PHARMACY_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("IgAN alone: I.A", _quorlia("immunoglobulin A nephropathy"), "approved"),
    ("IgAN by its abbreviation", _quorlia("IgAN"), "approved"),
    # III.A: coverage NOT authorized — named as written, beside a diagnosis I.A approves
    ("IgAN and the refused diagnosis", _quorlia("IgAN", "rapidly progressive crescentic glomerulonephritis"), "denied"),
    ("the refused diagnosis alone", _quorlia("rapidly progressive crescentic glomerulonephritis"), "denied"),
    # close: the refused name without its course word — the reviewer's
    ("IgAN and a close name", _quorlia("IgAN", "crescentic glomerulonephritis"), "needs-review"),
    (
        "the close name attested not the refused one",
        _quorlia("IgAN", "crescentic glomerulonephritis", III__refused__1=False),
        "approved",
    ),
    (
        "the close name attested the refused one",
        _quorlia("IgAN", "crescentic glomerulonephritis", III__refused__1=True),
        "denied",
    ),
    # a diagnosis not close to it is no refusal (the rest of the request decides)
    ("IgAN and hypertension", _quorlia("IgAN", "hypertension"), "approved"),
    # the fact and an attestation that disagree: never an approval (the conflict is the reviewer's)
    (
        "named, attested not refused",
        _quorlia("IgAN", "rapidly progressive crescentic glomerulonephritis", III__refused__1=False),
        "needs-review",
    ),
]


@pytest.mark.parametrize("path", [PHARMACY, PHARMACY_TREATMENT], ids=["name", "treatment-of"])
@pytest.mark.parametrize(("name", "request_", "expected"), PHARMACY_CASES, ids=[c[0] for c in PHARMACY_CASES])
def test_pharmacy_section_iii(path: Path, name: str, request_: dict[str, Any], expected: str) -> None:
    assert decide_file(path, _ON, request_)["outcome"] == expected


def test_pharmacy_refusal_names_what_it_held() -> None:
    d = decide_file(PHARMACY, _ON, _quorlia("IgAN", "crescentic glomerulonephritis"))
    assert "attestations.III.refused.1" in d["missing"]
    d = decide_file(PHARMACY, _ON, _quorlia("IgAN", "rapidly progressive crescentic glomerulonephritis"))
    assert d["failed"]["III.refused"] == "III.refused"


def _tms(path_id: str, *diagnoses: str | None, **attested: bool) -> dict[str, Any]:
    base = "Coverage-Rationale.c1" if path_id == "bullets" else "Policy-Criteria.I"
    third = "3" if path_id == "bullets" else "C"
    request: dict[str, Any] = {
        "date": "2026-03-01",
        "member": {"age": 40},
        "attestations": {f"{base}.statement": True, f"{base}.{third}": True},
    }
    if diagnoses != (None,):
        request["diagnoses"] = list(diagnoses)
    request["attestations"].update({k.replace("__", "."): v for k, v in attested.items()})
    return request


TMS_CASES: list[tuple[str, tuple[str | None, ...], str]] = [
    ("major depressive disorder", ("major depressive disorder",), "approved"),
    ("MDD and tinnitus", ("major depressive disorder", "tinnitus"), "denied"),
    ("MDD and obsessive-compulsive disorder", ("major depressive disorder", "obsessive-compulsive disorder"), "denied"),
    ("tinnitus alone", ("tinnitus",), "denied"),
    # close: a course word set aside, the refused name inside it
    ("MDD and chronic tinnitus", ("major depressive disorder", "chronic tinnitus"), "needs-review"),
    # "pain" is inside "chronic pain" once "chronic" is set aside: held
    ("MDD and pain", ("major depressive disorder", "pain"), "needs-review"),
    ("MDD and insomnia", ("major depressive disorder", "insomnia"), "approved"),
    # another service's list (the lettered wording's vagus nerve stimulation for epilepsy) refuses nothing of TMS
    ("MDD and epilepsy", ("major depressive disorder", "epilepsy"), "approved"),
]


@pytest.mark.parametrize("wording", ["bullets", "lettered"])
@pytest.mark.parametrize(("name", "diagnoses", "expected"), TMS_CASES, ids=[c[0] for c in TMS_CASES])
def test_non_coverage_statement_lists(wording: str, name: str, diagnoses: tuple[str, ...], expected: str) -> None:
    path = BULLETS if wording == "bullets" else LETTERED
    assert decide_file(path, dt.date(2026, 2, 1), _tms(wording, *diagnoses))["outcome"] == expected


# a web guideline's *Not Medically Necessary:* section: a lead-in paragraph over plain lines without list markers
# (``… and for all other indications, including but not limited to:`` or ``The following are considered not
# medically necessary:``), each line a condition the policy's one service is refused for
PLAIN_LINES = FIXTURES / "refusals" / "guideline-plain-lines.txt"
PLAIN_LINES_FOLLOWING = FIXTURES / "refusals" / "guideline-plain-lines-following.txt"
_ACI = "Clinical-Indications.Medically-Necessary.c1"


def _aci(*diagnoses: str, **attested: bool) -> dict[str, Any]:
    return {
        "date": "2026-06-01",
        "member": {"age": 30},
        "diagnoses": list(diagnoses),
        "attestations": {
            f"{_ACI}.statement": True,
            f"{_ACI}.C": True,
            f"{_ACI}.limits": True,  # (a blanket answer: a stated diagnosis still refuses)
            **{k.replace("__", "."): v for k, v in attested.items()},
        },
    }


_DEFECT = "full-thickness cartilage defect of the femoral condyle"
PLAIN_LINES_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("the covered defect", _aci(_DEFECT), "approved"),
    ("the covered defect and a listed condition", _aci(_DEFECT, "osteoarthritis of the knee"), "denied"),
    ("a listed condition, the diagnosis attested", _aci("inflammatory arthritis", **{f"{_ACI}__B": True}), "denied"),
    ("the last line, its plural as the text writes it", _aci(_DEFECT, "cartilage defects of the patella"), "denied"),
    # close: a course word set aside, the listed name inside it — the reviewer's
    ("the covered defect and a close name", _aci(_DEFECT, "chronic inflammatory arthritis"), "needs-review"),
    ("the covered defect and another condition", _aci(_DEFECT, "hypertension"), "approved"),
]


@pytest.mark.parametrize("path", [PLAIN_LINES, PLAIN_LINES_FOLLOWING], ids=["including", "the-following-are"])
@pytest.mark.parametrize(("name", "request_", "expected"), PLAIN_LINES_CASES, ids=[c[0] for c in PLAIN_LINES_CASES])
def test_not_medically_necessary_plain_lines(path: Path, name: str, request_: dict[str, Any], expected: str) -> None:
    assert decide_file(path, dt.date(2026, 3, 4), request_)["outcome"] == expected
