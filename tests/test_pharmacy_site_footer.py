"""A web copy of a family pharmacy policy: the site's footer below the policy is no part of it.

The site puts its links and its notice under every page (``Contact <plan> | Privacy Practices | Terms &
Conditions`` / ``© 2026 <plan>. All rights reserved.``): gone, with a note naming them.  A policy that closes on
its own copyright notice, no site's links with it, keeps it.
"""

from __future__ import annotations

from conftest import ROOT

from policyvc.parser import parse_text_report

_WEB = ROOT / "policy_versions" / "CP.PHAR.295" / "2026-03-26" / "policy.txt"
_LINKS = "Contact Sunflower Health Plan | Privacy Practices | Terms & Conditions | Fraud, Waste & Abuse"
_NOTICE = "© 2026 Sunflower Health Plan. All rights reserved."


def _reminder(text: str) -> tuple[str, list[str]]:
    report = parse_text_report(text, "web.txt", recover=True)
    said = [d.message for d in report.diagnostics]
    return " ".join(p.text for p in report.policy.reminder), said


def test_the_sites_links_and_notice_under_the_policy_are_gone() -> None:
    web = _WEB.read_text(encoding="utf-8").rstrip("\n")
    kept, said = _reminder(f"{web}\n\n{_LINKS}\n{_NOTICE}\n")
    assert "Sunflower Health Plan" not in kept and "Privacy Practices" not in kept
    assert any(
        "web page's footer below the policy" in m and "Sunflower Health Plan. All rights reserved" in m for m in said
    )
    plain, _ = _reminder(web + "\n")
    assert kept == plain


def test_a_policys_own_closing_notice_stays() -> None:
    web = _WEB.read_text(encoding="utf-8").rstrip("\n")
    kept, said = _reminder(f"{web}\n\n{_NOTICE}\n")
    assert _NOTICE in kept
    assert not any("footer below the policy" in m for m in said)
