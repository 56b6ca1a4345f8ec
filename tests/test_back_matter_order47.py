"""The back matter of a family policy: its parts read in the family's order, a part out of it named by its line.

The grammar reads section III and the back matter's parts (``IV. Appendices`` and its appendices, ``V. Dosage and
Administration``, ``VI. Product Availability``, ``VII. References``, a plan's own section) as one run, and the
transform checks their order: written as optional groups in order, the start rule's alternatives multiplied into
thousands and building the LALR tables on a fresh machine took minutes.  What a reader sees is as before: a part out
of its place (or written twice) is an error naming its line and what was expected there, ``--recover`` keeps its
text unread and reads the rest, and a plan's own section after the criteria sections reads as a section.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from lark.load_grammar import load_grammar

from policyvc.parser import grammar_text, parse_text, parse_text_report
from policyvc.parser.errors import PolicyError

# (an invented plan's edition of a family drug policy, its parts as published editions write them)
_HEAD = """Clinical Policy: Ravulizumab-cwvz (Ultomiris)
Reference Number: CP.PHAR.415
Effective Date: 03.01.19
Last Review Date: 02.26
Line of Business: Commercial, HIM, Medicaid

Description

Ravulizumab-cwvz (Ultomiris®) is a complement inhibitor.

FDA Approved Indication(s)

Ultomiris is indicated for the treatment of paroxysmal nocturnal hemoglobinuria (PNH) in adults.

Policy/Criteria

It is the policy of health plans affiliated with Centene Corporation® that Ultomiris is medically necessary when
the following criteria are met:

I. Initial Approval Criteria
A. Paroxysmal Nocturnal Hemoglobinuria (must meet all):
1. Diagnosis of PNH;
2. Prescribed by or in consultation with a hematologist;
3. Age ≥ 18 years;
Approval duration: 6 months

II. Continued Therapy
A. Paroxysmal Nocturnal Hemoglobinuria (must meet all):
1. Member is responding positively to therapy;
Approval duration: 12 months
"""

_PARTS = {
    "III": """III. Diagnoses/Indications for which coverage is NOT authorized:
A. Non-FDA approved indications, which are not addressed in this policy.
""",
    "IV": """IV. Appendices/General Information
Appendix A: Abbreviation/Acronym Key
PNH: paroxysmal nocturnal hemoglobinuria
""",
    "IV.B": """Appendix B: General Information
Members must be vaccinated against meningococcal infections at least 2 weeks before the first dose.
""",
    "V": """V. Dosage and Administration
Indication\tDosing Regimen\tMaximum Dose
PNH\tLoading dose by weight, then maintenance every 8 weeks\t3,600 mg every 8 weeks
""",
    "VI": """VI. Product Availability
Single-dose vial: 300 mg/3 mL
""",
    "VII": """VII. References
1. Ultomiris Prescribing Information. Boston, MA: Alexion Pharmaceuticals; March 2024.
""",
    "plan": """VIII. Monitoring
Blood counts are reviewed every 3 months while on therapy.
""",
}

_TAIL = """Coding Implications
HCPCS Codes\tDescription
J1303\tInjection, ravulizumab-cwvz, 10 mg

Reviews, Revisions, and Approvals\tDate\tP&T Approval Date
Policy created\t02.12.19\t02.19
Annual review\t01.20.26\t02.26
"""


def _policy(*parts: str) -> str:
    return "\n".join([_HEAD, *(_PARTS[p] for p in parts), _TAIL])


def _line(text: str, starting: str) -> int:
    """The number of the last line that starts with ``starting`` (a part written twice: the second)."""
    return max(k for k, line in enumerate(text.split("\n"), 1) if line.startswith(starting))


def test_the_start_rule_stays_a_handful_of_alternatives() -> None:
    """Each optional part of ``start`` doubles its alternatives, and the LALR tables grow with them: 1,024 took
    some 3 s to build, 7,776 (each part of the back matter an optional group) over 90 s on a fresh machine."""
    grammar, _ = load_grammar(grammar_text(), "policy.lark", [], False)
    _, rules, _ = grammar.compile(["start"], set())
    assert sum(r.origin.name == "start" for r in rules) <= 128


def test_the_back_matter_in_the_family_s_order_reads_whole() -> None:
    policy = parse_text(_policy("III", "IV", "IV.B", "V", "VI", "VII"))
    assert [a.letter for a in policy.appendices] == ["A", "B"]
    assert [r.indication for r in policy.dosing] == ["PNH"]
    assert [r.number for r in policy.references] == [1]
    assert [h.heading for h in policy.headings][-5:] == [
        "V. Dosage and Administration", "VI. Product Availability", "VII. References", "Coding Implications",
        "Reviews, Revisions, and Approvals",
    ]  # fmt: skip


def test_appendices_without_section_iv_s_heading_read_as_its_appendices() -> None:
    text = _policy("III", "IV.B", "V").replace("Appendix B", "Appendix A")
    policy = parse_text(text)
    assert [a.id for a in policy.appendices] == ["IV.A"] and not policy.appendices_intro


@pytest.mark.parametrize(
    ("parts", "at", "expected"),
    [
        # a part before one the family writes ahead of it
        (("III", "IV", "VI", "V", "VII"), "V. Dosage", "section `VII. References`, the `Coding Implications` heading"),
        (("III", "VII", "IV", "V"), "IV. Appendices", "the `Coding Implications` heading or the revision log"),
        # an appendix after the dosing section (not under section IV), a part written twice
        (("III", "IV", "V", "IV.B", "VI"), "Appendix B", "section `VI. Product Availability`, section `VII."),
        (("III", "IV", "V", "VI", "V"), "V. Dosage", "section `VII. References`"),
        # a plan's own section between two parts does not make the second one's place right
        (("III", "V", "plan", "IV"), "IV. Appendices", "section `VI. Product Availability`"),
    ],
)
def test_a_part_out_of_the_family_s_order_is_an_error_naming_its_line(
    parts: tuple[str, ...], at: str, expected: str
) -> None:
    text = _policy(*parts)
    with pytest.raises(PolicyError) as info:
        parse_text(text, "ultomiris.txt")
    err = info.value
    assert err.line == _line(text, at)
    assert f"expected {expected}" in err.message
    assert f"found `{at}" in err.message


def test_the_error_is_one_line_and_exit_2_through_the_command(tmp_path: Path) -> None:
    path = tmp_path / "ultomiris.txt"
    text = _policy("III", "IV", "VI", "V", "VII")
    path.write_text(text, encoding="utf-8")
    result = run_cli("parse", str(path))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {path}:{_line(text, 'V. Dosage')}:1: expected section `VII. References`")
    assert "Traceback" not in result.stderr


def test_recover_keeps_a_part_out_of_order_unread_and_reads_the_rest() -> None:
    text = _policy("III", "IV", "VI", "V", "VII")
    report = parse_text_report(text, "ultomiris.txt", recover=True)
    errors = [d for d in report.diagnostics if d.severity == "error"]
    assert [d.line for d in errors] == [_line(text, "V. Dosage")]
    policy = report.policy
    assert any("PNH\tLoading dose" in line or "PNH" in line for r in policy.unread_regions for line in r.lines)
    assert [p.detail for p in policy.availability] == ["300 mg/3 mL"]
    assert [r.number for r in policy.references] == [1]
    assert len(policy.revision_log) == 2


@pytest.mark.parametrize(
    ("parts", "after"),
    [
        (("III", "plan", "IV", "V", "VI", "VII"), "III"),
        (("III", "IV", "plan", "V", "VI", "VII"), "IV"),
        (("III", "IV", "IV.B", "V", "plan", "VI", "VII"), "V"),
        (("III", "IV", "V", "VI", "plan", "VII"), "VI"),
        (("III", "IV", "V", "VI", "VII", "plan"), "VII"),
        # an edition without section III: the plan's section after the first part of the back matter
        (("V", "plan", "VII"), "V"),
    ],
)
def test_a_plan_s_own_section_anywhere_in_the_back_matter_is_read_as_a_section(
    parts: tuple[str, ...], after: str
) -> None:
    report = parse_text_report(_policy(*parts), "ultomiris.txt")
    assert not report.partial
    placed = report.policy.plan_sections
    assert [(p.after, p.section.marker, p.section.title) for p in placed] == [(after, "VIII", "Monitoring")]
    assert report.policy.references or "VII" not in parts


def test_a_plan_s_own_section_right_after_the_criteria_sections_is_not_read_into_them() -> None:
    """Without section III, a plan's section after section II stands among the criteria: what it says may be one."""
    text = _policy("plan", "IV", "V")
    with pytest.raises(PolicyError) as info:
        parse_text(text, "ultomiris.txt")
    assert info.value.line == _line(text, "VIII. Monitoring")
    assert "not a section the centene-pharmacy template knows" in info.value.message


def test_a_text_that_ends_early_in_the_back_matter_names_only_what_may_follow() -> None:
    text = _policy("III", "IV", "V", "VI")
    cut = text[: text.index("Coding Implications")]
    with pytest.raises(PolicyError) as info:
        parse_text(cut, "ultomiris.txt")
    message = info.value.message
    assert message.startswith("unexpected end of file inside section VI: expected")
    assert "section `VII. References`" in message
    for behind in ("IV. Appendices", "V. Dosage", "Appendix B", "VI. Product"):
        assert behind not in message
