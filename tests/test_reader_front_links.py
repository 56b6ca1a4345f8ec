"""Link blocks above a document's first section (a table of contents, ``Related Policies`` lists of other
documents' names) are front matter, not sections (``parser/template_core.py``)."""

from __future__ import annotations

from policyvc.parser import parse_text_report
from policyvc.renderer.outline import render_outline

HEAD = "Knee Arthroscopy\nPolicy Number: MP-88\nEffective Date: 03/01/2026\n\n"


def _rows(text: str) -> dict[str, str]:
    policy = parse_text_report(HEAD + text, source="x.txt", recover=True).policy
    return {line.split("\t")[0]: line for line in render_outline(policy).splitlines()}


def test_contents_and_related_lists_above_the_first_section_are_front_matter() -> None:
    rows = _rows(
        "Table of Contents\nDescription ........ 1\nPolicy ........ 1\nReferences ........ 2\n\n"
        "Related Medical Policies\n• Knee Injections\n• Meniscal Allograft Transplantation\n\n"
        "Description\nArthroscopy of the knee joint.\n\n"
        "Policy\nKnee arthroscopy is medically necessary when all of the following are met:\n"
        "1. Mechanical symptoms; AND\n2. Failed conservative care.\n\nReferences\n1. A study. 2024.\n"
    )
    tops = [n for n, line in rows.items() if line.split("\t")[1] == "heading" and "." not in n]
    assert tops == ["front", "Description", "Policy", "References"]
    front = "\n".join(line for n, line in rows.items() if n.startswith("front."))
    assert "Related Medical Policies" in front and "Meniscal Allograft Transplantation" in front
    assert "...." not in front  # (the contents list is left out: navigation, its headings read where they stand)


def test_a_list_of_sentences_or_no_known_section_after_it_stays_a_section() -> None:
    sentences = _rows(
        "Scope\n• This policy applies to adults.\n• It does not apply to children.\n\n"
        "Description\nArthroscopy of the knee joint.\n"
    )
    assert sentences["Scope"].split("\t")[1] == "heading"
    nothing_after = _rows("Related Medical Policies\n• Knee Injections\n\nOther Notes\nSome text here.\n")
    assert nothing_after["Related-Medical-Policies"].split("\t")[1] == "heading"
