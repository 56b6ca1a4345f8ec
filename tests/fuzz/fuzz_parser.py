"""Fuzz the policy reader: arbitrary bytes end in a policy or a PolicyError, never another exception."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["policyvc"]):
    from policyvc.parser import parse_text_report
    from policyvc.parser.errors import PolicyError
    from policyvc.parser.hygiene import decode_policy_bytes


def test_one_input(data: bytes) -> None:
    try:
        text, _ = decode_policy_bytes(data, "<fuzz>")
    except PolicyError:
        return
    try:
        strict = parse_text_report(text, "<fuzz>")
    except PolicyError:
        strict = None
    try:
        recovered = parse_text_report(text, "<fuzz>", recover=True)
    except PolicyError:
        if strict is not None:
            raise AssertionError("--recover refused a document the strict parser read") from None
        return
    if strict is not None and recovered.policy.header != strict.policy.header:
        raise AssertionError("--recover read another header than the strict parser")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
