"""A header table's cell whose value a narrow column wrapped (a print with wider margins than the last one): the
identifier broken after a hyphen (``Policy Number: MP-VV-`` … / ``014``) and a list of products after its comma
(``Products: Commercial, Medicare Advantage,`` / ``Medicaid``) are read whole, the wrapped part no paragraph."""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.parser.nodes import Policy

_BODY = """
Medical Policy
Knee arthroscopy is medically necessary when all of the following are met:
1. Mechanical symptoms for at least 3 months;
2. Failure of conservative therapy.

References
1. A study of knee arthroscopy. J Med. 2024;12:1-9.
"""


def _policy(text: str) -> Policy:
    return parse_text_report(text, "policy.txt", recover=True).policy


def _front(policy: Policy) -> list[str]:
    return [getattr(b, "text", "") for s in policy.body if s.id == "front" for b in s.blocks]


def test_an_identifier_broken_after_a_hyphen_in_a_header_cell() -> None:
    for head, whole in (
        ("Policy Number: SUR-KN- Effective Date: 01/01/2026\n\n022\n", "SUR-KN-022"),
        ("Reference Number: 12.04- Effective Date: 03/01/2026\n\n88\n", "12.04-88"),
    ):
        policy = _policy(f"Lakeside Health | Medical Policies\n\nKnee Arthroscopy\n\n{head}" + _BODY)
        assert policy.reference_number == whole
        assert whole.rsplit("-", 1)[1] not in _front(policy)


def test_a_list_of_products_wrapped_after_its_comma() -> None:
    text = (
        "Lakeside Health | Medical Policies\n\nKnee Arthroscopy\n\nPolicy Number: SUR-22 Effective Date: 01/01/2026\n\n"
        "Next Review: 09/2026 Products: Commercial, Medicare Advantage,\n\nMedicaid\n" + _BODY
    )
    policy = _policy(text)
    assert policy.header.lines_of_business == ("Commercial", "Medicare Advantage", "Medicaid")
    assert "Medicaid" not in _front(policy)


def test_what_is_no_wrapped_cell_stays() -> None:
    # must NOT join: a number that is no part of the identifier (the identifier whole before it), a heading every
    # policy has after a comma, words after a hyphen that ends a word
    text = "Knee Arthroscopy\n\nPolicy Number: SUR-22 Effective Date: 01/01/2026\n\n2026\n" + _BODY
    assert _policy(text).reference_number == "SUR-22"
    text = (
        "Knee Arthroscopy\n\nPolicy Number: SUR-22 Products: Commercial, Medicaid,\n\nDescription\n"
        "Knee arthroscopy repairs the joint.\n" + _BODY
    )
    policy = _policy(text)
    assert "Description" not in ", ".join(policy.header.lines_of_business)
    assert any(s.title == "Description" for s in policy.body)
