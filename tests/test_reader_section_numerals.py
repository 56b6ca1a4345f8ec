"""The sections of a family pharmacy policy whose numerals are not the family's I–VII.

State plans publish their own editions of the family's policies.  One leaves a section out and numbers the rest on
(no `IV. Appendices`: `IV. Dosage and Administration`, `V. Product Availability`, `VI. References`); another adds a
section of its own (`VI. Continuity of Care`) and numbers the family's after it on.  The family's sections are known
by their titles whatever their numerals, each with the family's numeral as its id (ids are what every output names)
and a warning naming the numeral as written; the outline shows each heading as written.  A roman-numbered title the
family does not know is a section boundary, never text of the set or section above it: after the criteria sections
it is read as a section of its own (its text as written, granting nothing) with a note; before or among them the
strict parse stops there naming it (exit 2), and ``--recover`` keeps the family's typed tree and that section's text
unread, with one diagnostic.

Fixtures: ``tests/fixtures/section_numerals44`` (see its README): two editions of our own, of drugs the seed does not
hold, one as text and one as LibreOffice's print of a Word file.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, check_golden, run_cli

from policyvc.parser import PolicyError, parse_file_report, parse_text, parse_text_report
from policyvc.parser.nodes import Paragraph, Policy
from policyvc.renderer.outline import render_outline

HERE = FIXTURES / "section_numerals44"
LEFT_OUT = HERE / "src" / "inebilizumab-no-appendices.txt"
LEFT_OUT_PDF = HERE / "inebilizumab-no-appendices.libreoffice.pdf"
EXTRA = HERE / "efgartigimod-continuity-of-care.txt"
CARE = (
    "Members new to Peach State Health Plan who are stable on Vyvgart may continue therapy for 60 days while a request "
    "is reviewed. Documentation of the current treatment cycle is requested with the transition request."
)


def _warnings(diagnostics: object) -> list[str]:
    return [d.message for d in diagnostics if d.severity == "warning"]  # type: ignore[attr-defined]


def _back_matter(policy: Policy) -> tuple[object, ...]:
    return (
        [(r.indication, r.regimen, r.maximum) for r in policy.dosing],
        [(p.form, p.detail) for p in policy.availability],
        [r.text for r in policy.references],
    )


@pytest.mark.parametrize("path", [LEFT_OUT, LEFT_OUT_PDF], ids=["text", "libreoffice-pdf"])
def test_an_edition_that_leaves_a_section_out_is_read_whole_by_titles(path: object) -> None:
    report = parse_file_report(path)  # type: ignore[arg-type]
    assert not report.partial
    policy = report.policy
    assert [s.id for s in policy.sections] == ["I", "II", "III"]
    assert policy.appendices == ()
    assert [r.indication for r in policy.dosing] == ["NMOSD"]
    assert [p.detail for p in policy.availability] == ["100 mg/10 mL"]
    assert len(policy.references) == 2
    warned = _warnings(report.diagnostics)
    for written, family, title in (
        ("IV", "V", "Dosage and Administration"),
        ("V", "VI", "Product Availability"),
        ("VI", "VII", "References"),
    ):
        said = f"section `{written}. {title}` is numbered {written} where the family numbers it {family}"
        assert any(said in m for m in warned), warned
    name = "text" if path == LEFT_OUT else "libreoffice-pdf"
    check_golden(f"section_numerals44/inebilizumab-no-appendices.{name}.outline", render_outline(policy))


def test_the_ids_are_the_familys_whatever_the_numerals() -> None:
    # (the same edition numbered as the family numbers it reads the same, and says nothing of numerals)
    text = LEFT_OUT.read_text(encoding="utf-8")
    family = (
        text.replace("IV. Dosage and Administration", "V. Dosage and Administration")
        .replace("V. Product Availability", "VI. Product Availability")
        .replace("VI. References", "VII. References")
    )
    renumbered, as_family = parse_text(text), parse_text_report(family)

    def read(policy: Policy) -> list[str]:  # (the outline but its headings, which show the numerals as written)
        return [r for r in render_outline(policy).splitlines() if "\theading\t" not in r]

    assert read(renumbered) == read(as_family.policy)
    assert [h.heading for h in renumbered.headings if h.id in ("V", "VI", "VII")] == [
        "IV. Dosage and Administration",
        "V. Product Availability",
        "VI. References",
    ]
    assert not any("where the family numbers it" in m for m in _warnings(as_family.diagnostics))


def test_a_plans_own_section_after_the_criteria_is_read_with_a_note() -> None:
    done = run_cli("parse", str(EXTRA))
    assert done.returncode == 0, done.stderr
    assert f"{EXTRA}:68: note: section `VI. Continuity of Care` is not a section" in done.stderr
    assert "Continuity-of-Care\theading\tVI. Continuity of Care\n" in done.stdout
    assert "Traceback" not in done.stderr


def test_the_plans_section_is_read_as_a_section_of_its_own_and_the_typed_tree_kept() -> None:
    report = parse_file_report(EXTRA, recover=True)
    assert not report.partial
    policy = report.policy
    assert [s.id for s in policy.sections] == ["I", "II", "III"]
    assert [a.letter for a in policy.appendices] == ["A"]
    # the sections after it, by their titles with the family's ids; its text in none of them
    assert _back_matter(policy) == (
        [("gMG", ("10 mg/kg IV once weekly for 4 weeks per treatment cycle",), ("1,200 mg per infusion",))],
        [("Single-dose vial", "400 mg/20 mL")],
        [r.text for r in parse_text(EXTRA.read_text(encoding="utf-8").replace(_care_section(), "")).references],
    )
    assert not policy.unread_regions
    (placed,) = policy.plan_sections
    assert (placed.after, placed.section.marker, placed.section.title) == ("V", "VI", "Continuity of Care")
    assert [b.text for b in placed.section.blocks if isinstance(b, Paragraph)] == [CARE]
    check_golden("section_numerals44/efgartigimod-continuity-of-care.recover.outline", render_outline(policy))


def _care_section() -> str:
    text = EXTRA.read_text(encoding="utf-8")
    start = text.index("VI. Continuity of Care")
    return text[start : text.index("VII. Product Availability")]


def _edition(after_criteria: list[str], tail: list[str] | None = None) -> str:
    """The text edition with ``after_criteria`` put right after section III's set, and ``tail`` after the
    references."""
    lines = EXTRA.read_text(encoding="utf-8").replace(_care_section(), "").split("\n")
    k = lines.index("IV. Appendices/General Information")
    lines[k:k] = [*after_criteria, ""]
    if tail:
        r = lines.index("Reviews, Revisions, and Approvals\tDate\tP&T Approval Date")
        lines[r:r] = [*tail, ""]
    return "\n".join(lines)


@pytest.mark.parametrize(
    "section",
    [
        ["IV. Monitoring", "", "Check a complete blood count before each treatment cycle."],
        ["IV. Monitoring", "Check a complete blood count before each treatment cycle."],
        ["V. Monitoring", "", "Check a complete blood count before each treatment cycle."],
    ],
)
def test_a_plans_section_under_the_criteria_is_never_read_into_the_set_above(section: list[str]) -> None:
    report = parse_text_report(_edition(section))
    assert not report.partial
    assert any(f"section `{section[0]}` is not a section" in d.message for d in report.diagnostics)
    iii = next(s for s in report.policy.sections if s.id == "III")
    words = " ".join(s.title + " ".join(n.text for n in s.notes) for s in iii.sets)
    assert "Monitoring" not in words and "blood count" not in words
    (placed,) = report.policy.plan_sections
    assert placed.after == "III" and placed.section.title == "Monitoring"
    assert any("blood count" in b.text for b in placed.section.blocks if isinstance(b, Paragraph))


def test_a_plans_section_among_the_criteria_stops_the_strict_parse_and_stays_unread() -> None:
    lines = _edition([]).split("\n")
    k = lines.index("II. Continued Therapy")
    lines[k:k] = ["IV. Monitoring", "", "Check a complete blood count before each treatment cycle.", ""]
    text = "\n".join(lines)
    with pytest.raises(PolicyError) as caught:
        parse_text(text)
    assert "section `IV. Monitoring` is not a section" in caught.value.message
    report = parse_text_report(text, recover=True)
    assert report.partial and not report.policy.plan_sections
    assert [r.lines[0] for r in report.policy.unread_regions] == ["IV. Monitoring"]


def test_a_plans_section_after_the_references_is_never_a_reference() -> None:
    text = _edition([], ["IX. Definitions", "", "Treatment cycle: four weekly infusions."])
    report = parse_text_report(text)
    assert not any("Definitions" in r.text or "Treatment cycle" in r.text for r in report.policy.references)
    assert [(p.after, p.section.title) for p in report.policy.plan_sections] == [("VII", "Definitions")]


def test_sets_and_items_with_roman_letters_stay_sets_and_items() -> None:
    # (a ninth set is lettered `I.`, a twenty-second `V.`: a set's head, never a section; lower-case `iv.`, `v.`
    # are criteria markers)
    lines = EXTRA.read_text(encoding="utf-8").replace(_care_section(), "").split("\n")
    k = lines.index("II. Continued Therapy")
    extra: list[str] = []
    for letter in "CDEFGHI":
        extra += [
            f"{letter}. Indication {letter} (off-label) (must meet all):",
            "",
            "1. Member meets one of the following (a or b):",
            "a. Member has one of the following (i, ii, iii, iv or v):",
            *(f"{m}. Condition {m};" for m in ("i", "ii", "iii", "iv", "v")),
            "b. Member has condition b;",
            "2. Age ≥ 18 years.",
            "",
            "Approval duration: 6 months",
            "",
        ]
    lines[k:k] = extra
    report = parse_text_report("\n".join(lines))
    first = next(s for s in report.policy.sections if s.id == "I")
    assert [s.letter for s in first.sets] == list("ABCDEFGHI")
    assert [c.marker for c in first.sets[-1].criteria[0].children[0].children] == ["i", "ii", "iii", "iv", "v"]
