"""``parse --recover`` of a family policy with a region its grammar cannot read: the typed tree of everything
else, the region's text kept where it stood (``unreadN``), one error per region, a canonical text that reads
back to the same tree.

Each case is a family policy (the store's seed and another family policy of the input fixtures) edited the way
published copies differ from the template: a plan's own section the family does not have, an unnumbered
``References`` block after the revision log, an asterisk note between two appendices, a file cut short."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED, run_cli

from policyvc.parser import parse_text, parse_text_report
from policyvc.parser.walk import NodeKind, walk
from policyvc.renderer.outline import render_outline
from policyvc.renderer.text import render_text

POLICIES = {
    "seed": SEED,
    "firazyr": Path(__file__).parent / "fixtures" / "input" / "referral-firazyr.txt",
}
TYPED = {NodeKind.SET, NodeKind.CRITERION, NodeKind.DURATION, NodeKind.APPENDIX, NodeKind.DOSING, NodeKind.REVISION}


def _insert_before(text: str, heading: str, lines: list[str]) -> str:
    """``text`` with ``lines`` (and a blank line) written right above the line that starts with ``heading``."""
    rows = text.split("\n")
    at = next(k for k, row in enumerate(rows) if row.startswith(heading))
    return "\n".join([*rows[:at], *lines, "", *rows[at:]])


def _unknown_section(text: str) -> str:  # a plan's own section among the criteria sections (after, it is read)
    rows = text.split("\n")
    among = next(h for h in ("II. Continued", "III. Diagnoses") if any(row.startswith(h) for row in rows))
    return _insert_before(
        text,
        among,
        ["IV. Quantity Limits", "", "Product\tQuantity Limit", "Single-dose vial\t1 vial per day"],
    )


def _references_after_log(text: str) -> str:  # an unnumbered References block after the revision log
    block = ["References", "1. Prescribing information. Revised 2024.", "2. A compendium. Accessed May 2025."]
    if "\nImportant Reminder" in text:
        return _insert_before(text, "Important Reminder", block)
    return "\n".join([text.rstrip("\n"), "", *block, ""])


def _note_between_appendices(text: str) -> str:  # an asterisk note a copy sets between two appendices
    rows = text.split("\n")
    second = [k for k, row in enumerate(rows) if row.startswith("Appendix ")][1]
    return _insert_before(text, rows[second], ["*Note: the appendices below are informational only."])


CASES: dict[str, Callable[[str], str]] = {
    "unknown section": _unknown_section,
    "references after the log": _references_after_log,
    "note between appendices": _note_between_appendices,
}


def _typed_ids(text: str) -> set[str]:
    return {v.id for v in walk(parse_text(text)) if v.kind in TYPED}


@pytest.mark.parametrize("policy", sorted(POLICIES))
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_region_the_grammar_cannot_read_keeps_the_typed_tree(policy: str, case: str) -> None:
    clean = POLICIES[policy].read_text(encoding="utf-8")
    text = CASES[case](clean)
    report = parse_text_report(text, recover=True)
    errors = [d for d in report.diagnostics if d.severity == "error"]
    assert len(errors) == 1 and errors[0].line is not None, errors
    assert "kept unread as `unread1`" in errors[0].message and "expected" in errors[0].message
    # every typed node of the clean policy (criteria sets, criteria, durations, appendices, dosing rows, log
    # rows) is there with its id, and the header is the policy's own
    got = {v.id for v in walk(report.policy)}
    assert _typed_ids(clean) <= got
    assert report.policy.header == parse_text(clean).header and report.policy.template == "centene-pharmacy"
    # the region's text is kept, in its place: under `unread1`, right after the node it followed
    (region,) = report.policy.unread_regions
    inserted = {line for line in text.split("\n") if line.strip()} - set(clean.split("\n"))
    outline = render_outline(report.policy)
    for line in inserted:
        for cell in line.strip("*").split("\t"):
            assert cell.split(". ", 1)[-1] in outline, cell
    assert region.span.line <= errors[0].line <= region.span.end_line
    # the canonical text writes the region back where it stood and reads back to the same tree
    canonical = render_text(report.policy)
    again = parse_text_report(canonical, recover=True)
    assert again.policy == report.policy and render_text(again.policy) == canonical
    assert [d.severity for d in again.diagnostics if d.severity == "error"] == ["error"]


def test_a_truncated_policy_keeps_what_it_read(tmp_path: Path) -> None:
    clean = SEED.read_text(encoding="utf-8")
    rows = clean.split("\n")
    cut = "\n".join(rows[: rows.index("V. Dosage and Administration")])
    report = parse_text_report(cut, recover=True)
    assert report.partial and not report.policy.unread_regions
    got = {v.id for v in walk(report.policy)}
    kept = {i for i in _typed_ids(clean) if i.startswith(("I.", "II.", "III", "IV."))}
    assert kept <= got


def test_a_region_inside_a_criteria_set_stands_between_its_criteria_and_durations(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(SEED.read_text(encoding="utf-8").replace("3. Age \\geq 55 years;", "5. Age \\geq 55 years;"))
    result = run_cli("parse", "--recover", str(path))
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if ": error: " in line] == [
        f"{path}:46-55: error: not read as a centene-pharmacy policy here inside the criteria (marker `5.` is out of"
        " sequence in this list: expected `3.` or `a.`): its text kept unread as `unread1`, every line in its place;"
        " the rest read as the policy"
    ]
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
    at = ids.index("unread1.b1.1")
    assert ids[at - 1] == "I.A.2" and ids[at + 4].startswith("unread1.b1.3")
    assert "I.A.duration.Medicaid-HIM" in ids and "I.B" in ids and "log.1" in ids


def test_a_region_inside_the_criteria_holds_denials_as_well_as_approvals() -> None:
    # (a criterion the region holds may be the one the request meets: a denial from the sets read is no answer)
    from policyvc.rules import runtime as rt

    inside = ("x.txt:46-55: error: not read as a centene-pharmacy policy here inside the criteria (…)",)
    after = ("x.txt:330-333: error: not read as a centene-pharmacy policy here (…)",)
    for outcome in ("approved", "denied"):
        held = rt.hold_unread({"outcome": outcome, "set": "I.A", "set_title": "", "duration": None}, inside)
        assert held["outcome"] == "needs-review" and "--recover" in held["reason"]
    assert rt.hold_unread({"outcome": "denied"}, after)["outcome"] == "denied"  # (a region after the log: as before)
    assert (
        rt.hold_unread({"outcome": "approved", "set": "I.A", "set_title": "", "duration": None}, after)["outcome"]
        == "needs-review"
    )
