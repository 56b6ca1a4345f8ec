"""A copy whose References are lettered (``A. … Prescribing Information``; the family numbers them): the letters
are read as the numbers they count, never as criteria sets, so the strict parse goes on to the codes and the
revision log after them."""

from __future__ import annotations

from audit_support import PHARMACY

from policyvc.parser import parse_text

_LETTERED = PHARMACY.replace(
    "1. Corvexa Prescribing Information. Springfield, NJ: Example Pharma; June 2024.\n",
    "A. Corvexa Prescribing Information. Springfield, NJ: Example Pharma; June 2024.\n"
    "B. Global Initiative for Asthma. Global strategy for asthma management and prevention. 2024 update.\n"
    "C. Corren J, Parnes JR, Wang L, et al. Tezepelumab in adults with uncontrolled\n"
    "asthma. N Engl J Med. 2017;377:936-946.\n",
)


def test_lettered_references_are_references_and_the_log_is_read() -> None:
    assert _LETTERED != PHARMACY
    policy = parse_text(_LETTERED)
    assert [(r.number, r.text[:20]) for r in policy.references] == [
        (1, "Corvexa Prescribing "),
        (2, "Global Initiative fo"),
        (3, "Corren J, Parnes JR,"),
    ]
    assert policy.references[2].text.endswith("2017;377:936-946.")
    assert policy.revision_log == parse_text(PHARMACY).revision_log


def test_letters_before_the_references_are_still_criteria_sets() -> None:
    assert [[s.letter for s in sec.sets] for sec in parse_text(_LETTERED).sections] == [
        [s.letter for s in sec.sets] for sec in parse_text(PHARMACY).sections
    ]
