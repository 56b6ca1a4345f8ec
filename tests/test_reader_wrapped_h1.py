"""A browser's print of a page whose large ``<h1>`` title wrapped (``tests/fixtures/wrapped_h1``, words of our
own): the title is read whole from its two lines — after a label or with none, whichever of the two lines the
head's rules pick — and lines of other shapes stay apart (a manual's name above a short title, the plans a title
is for below it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyvc.parser import parse_file_report, parse_text_report
from policyvc.renderer.outline import render_outline

FIXTURES = Path(__file__).parent / "fixtures" / "wrapped_h1"
MODES = ("pdftotext", "pdftotext-layout")


def _body(outline: str) -> list[str]:
    return [line.split("\t")[-1] for line in outline.split("\n") if line and not line.startswith("header.")]


@pytest.mark.parametrize("mode", MODES)
def test_a_labelled_title_wrapped_by_its_large_type_is_read_whole(mode: str) -> None:
    policy = parse_file_report(FIXTURES / f"label-title.chromium.{mode}.txt", recover=True).policy
    assert policy.header.title == "Percutaneous Tibial Nerve Stimulation for Urinary Incontinence"
    assert policy.reference_number == "MP-4417"
    assert "Stimulation for Urinary Incontinence" not in _body(render_outline(policy))


@pytest.mark.parametrize("mode", MODES)
def test_a_bare_title_read_from_its_short_second_line_takes_the_long_first(mode: str) -> None:
    policy = parse_file_report(FIXTURES / f"bare-title.chromium.{mode}.txt", recover=True).policy
    assert policy.header.title == "Complement Inhibitors and Neonatal Fc Receptor Blockers in Myasthenia Gravis"
    assert policy.reference_number == "NSP-MG-07"
    assert not [t for t in _body(render_outline(policy)) if t.startswith("Complement Inhibitors and Neonatal")]


@pytest.mark.parametrize("mode", MODES)
def test_a_manuals_long_name_above_a_short_title_stays_apart(mode: str) -> None:
    # must NOT join: the long line above names a kind of document (a manual), not the title's subject
    policy = parse_file_report(FIXTURES / f"unwrapped-title.chromium.{mode}.txt", recover=True).policy
    assert policy.header.title == "Wheelchair Seating"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("name", "title", "page_title"),
    [
        (
            "family-log",
            "Electrical Stimulation for Chronic Wound Healing",
            "CP.MP.512 Electrical Stimulation for Wounds - Lakeshore Health Partners",
        ),
        (
            "family-log-2",
            "Cryotherapy Devices After Orthopedic Knee Surgery",
            "CP.MP.388 Cold Therapy Devices - Prairie Valley Health",
        ),
    ],
)
def test_a_family_title_wrapped_and_the_later_pages_title_is_furniture(
    mode: str, name: str, title: str, page_title: str
) -> None:
    policy = parse_file_report(FIXTURES / f"{name}.chromium.{mode}.txt", recover=True).policy
    assert policy.header.title == title
    # (the first page's copy went with the lines above the title; page 2's is still the browser's, not the log's)
    assert not [t for t in _body(render_outline(policy)) if page_title in t]
    assert len(policy.revision_log) >= 3


_BODY = """
Description
Custom seating supports posture for members who use a wheelchair all day.

Coverage Criteria
Custom seating is medically necessary when all of the following are met:
1. The member uses a wheelchair at least 6 hours a day;
2. A seating evaluation by a therapist is documented.
"""


def _title(head: str) -> str:
    return parse_text_report(head + _BODY, "policy.txt", recover=True).policy.header.title


def test_lines_of_other_shapes_stay_apart() -> None:
    # a short category line above a title: no wrapped line is that short
    head = "Orthotics and Prosthetics\nCranial Remolding Helmets\nPolicy Number: OP-7\n"
    assert _title(head) != "Orthotics and Prosthetics Cranial Remolding Helmets"
    # a long title followed by a sentence: the sentence stays the body's
    head = "Medical Policy: Continuous Glucose Monitoring Systems\nPolicy Number: EN-31\n"
    assert _title(head) == "Continuous Glucose Monitoring Systems"
    # the plan's name above a title read from a short line
    head = "Lakeshore Health Plan Provider Services Department\nWheelchair Seating\nPolicy Number: DME-318\n"
    assert _title(head) == "Wheelchair Seating"


def test_a_wrapped_title_in_a_text_copy_is_read_whole() -> None:
    head = "Clinical Policy: Radiofrequency Ablation of Genicular\nNerves for Knee Pain\nPolicy Number: RF-22\n"
    assert _title(head) == "Radiofrequency Ablation of Genicular Nerves for Knee Pain"


@pytest.mark.parametrize("mode", MODES)
def test_a_title_whose_first_line_is_short_is_read_whole_as_the_printed_page_title_names_it(mode: str) -> None:
    # ``Bone Growth Stimulators for Nonunion`` / ``Fractures``: the first line is shorter than a large title's
    # line, but the page's title the browser printed beside its stamp names the two lines whole; the field the
    # header has no slot for, in the run of its fields right under the effective date, is the header's own (an
    # extra with its ISO date), never lost and never a paragraph of the body
    policy = parse_file_report(FIXTURES / f"short-first-line.chromium.{mode}.txt", recover=True).policy
    assert policy.header.title == "Bone Growth Stimulators for Nonunion Fractures"
    assert policy.reference_number == "BG-MP-0217"
    body = _body(render_outline(policy))
    assert "Fractures" not in body and "Nonunion Fractures" not in body
    assert "Original Effective Date: 03/15/2019 (2019-03-15)" in policy.header.extras
    assert not [t for t in body if "Original Effective Date" in t]


def test_a_category_over_a_title_stays_apart_when_the_printed_page_title_names_the_title_alone() -> None:
    # must NOT join: ``Orthopedic Surgery of the Lower Extremity`` / ``Knee Arthroscopy``, the page's title
    # ``Knee Arthroscopy | OR-MP-0044``
    for mode in MODES:
        policy = parse_file_report(FIXTURES / f"category-over-title.chromium.{mode}.txt", recover=True).policy
        assert "Orthopedic" not in policy.header.title
    # (``-layout`` runs the lines above the fields into one paragraph, so no line there names it: no title)
    policy = parse_file_report(FIXTURES / "category-over-title.chromium.pdftotext.txt", recover=True).policy
    assert policy.header.title == "Knee Arthroscopy"


def test_a_title_wrapped_over_a_heading_of_field_lines_in_a_text_copy() -> None:
    # the browser's stamp and page title above, a short first line: the page's title names the two lines whole
    head = (
        "12/6/26, 8:30 AM        Hereditary Cancer Genetic Testing | MP-G-1\n\n"
        "Hereditary Cancer Genetic\nTesting\nPolicy Number: MP-G-1\nEffective Date: 07/01/2026\n"
        "Original Effective Date: 01/01/2020\n"
    )
    assert _title(head) == "Hereditary Cancer Genetic Testing"
    # with no page title naming them, a short line over a short line stays apart
    assert _title(head.split("\n\n", 1)[1]) != "Hereditary Cancer Genetic Testing"
