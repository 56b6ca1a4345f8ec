"""PDFs of our own policies parse to exactly the AST of their text, node for node (spans aside).

The PDFs are typeset at test time by ``tests/pdfgen.py`` (reportlab) in three
layouts and with page breaks forced inside a criterion, inside a table row and
between a criterion and its note; a few generated PDFs are committed under
``tests/fixtures/pdf`` and checked the same way (and for page numbers).
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FAMILY, FIXTURES, POLICIES, run_cli
from pdfgen import LAYOUTS, Breaks, Layout, make_pdf

from policyvc.parser import parse_file
from policyvc.parser.nodes import Policy, all_criteria
from policyvc.parser.normalize import normalize
from policyvc.parser.pdf import Extraction, LineOrigin, extract
from policyvc.renderer.text import render_text

pytestmark = pytest.mark.slow

PDF_FIXTURES = FIXTURES / "pdf"
# committed PDFs: (file, the text policy it was typeset from)
COMMITTED = {
    "seed-A.pdf": POLICIES["seed"],
    "somatrogon-B-row-break.pdf": POLICIES["somatrogon"],
}


def _explain(pdf: Path, txt: Path) -> str:
    """The diff between what the grammar reads from the PDF and from the text, for a failure message."""
    got = [x for x in normalize(extract(pdf).text).text.split("\n") if x.strip()]
    want = [x for x in normalize(render_text(parse_file(txt))).text.split("\n") if x.strip()]
    diff = difflib.unified_diff(want, got, "text", "pdf", n=1, lineterm="")
    return "\n".join(line[:200] for line in list(diff)[:40])


def _assert_same(pdf: Path, txt: Path) -> Policy:
    from_pdf, from_text = parse_file(pdf), parse_file(txt)
    assert from_pdf == from_text, _explain(pdf, txt)
    return from_pdf


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("name", sorted(FAMILY))
def test_pdf_parses_to_the_text_ast(name: str, layout: str, tmp_path: Path) -> None:
    pdf = tmp_path / f"{name}-{layout}.pdf"
    make_pdf(FAMILY[name], pdf, LAYOUTS[layout])
    policy = _assert_same(pdf, FAMILY[name])
    assert all_criteria(policy), "the policy has criteria"


BREAKS = [
    ("seed", "A", Breaks(inside_criterion=0)),
    ("seed", "B", Breaks(inside_criterion=5)),
    ("seed", "A", Breaks(inside_row=2)),
    ("filgrastim", "B", Breaks(inside_row=4)),
    ("dupilumab", "A", Breaks(before_note=0)),
    ("somatrogon", "B", Breaks(before_note=1)),
    ("somatrogon", "B", Breaks(inside_criterion=6)),  # a paragraph ends nearly full at a page foot
    ("dupilumab", "B", Breaks(inside_criterion=0)),  # a revision-log row right after a page break
    ("somatrogon", "C", Breaks(inside_row=0)),  # a table at the top of most pages, no repeated header
    ("seed", "C", Breaks(inside_row=3)),
]


@pytest.mark.parametrize(("name", "layout", "breaks"), BREAKS)
def test_forced_page_breaks(name: str, layout: str, breaks: Breaks, tmp_path: Path) -> None:
    pdf = tmp_path / "forced.pdf"
    forced = make_pdf(POLICIES[name], pdf, LAYOUTS[layout], breaks)
    assert forced, "the knob forced a page break"
    _assert_same(pdf, POLICIES[name])


# Other typography on the same generator: nothing in the extractor may be tuned to the three layouts.
VARIANTS = [
    ("dupilumab", replace(LAYOUTS["C"], size=8, leading=1.5, para_space=0.5, margins=(54, 90, 60, 50)), Breaks()),
    (
        "seed",
        replace(LAYOUTS["C"], size=12, leading=1.5, justify=True, table_style="rules", margins=(54, 54, 72, 60)),
        Breaks(inside_row=4),
    ),
    (
        "filgrastim",
        replace(
            LAYOUTS["A"],
            size=9,
            leading=1.2,
            para_space=0.5,
            margins=(36, 36, 60, 72),
            justify=True,
            table_style="rules",
        ),
        Breaks(inside_row=2),
    ),
    ("somatrogon", replace(LAYOUTS["B"], size=12, leading=1.35, para_space=1.2, margins=(90, 36, 80, 50)), Breaks()),
]


@pytest.mark.parametrize(("name", "layout", "breaks"), VARIANTS, ids=[f"{v[0]}-{v[1].size}pt" for v in VARIANTS])
def test_other_typography(name: str, layout: Layout, breaks: Breaks, tmp_path: Path) -> None:
    pdf = tmp_path / "variant.pdf"
    make_pdf(POLICIES[name], pdf, layout, breaks)
    _assert_same(pdf, POLICIES[name])


@pytest.mark.parametrize("fixture", sorted(COMMITTED))
def test_committed_pdfs(fixture: str) -> None:
    _assert_same(PDF_FIXTURES / fixture, COMMITTED[fixture])


def test_spans_carry_pages() -> None:
    policy = parse_file(PDF_FIXTURES / "seed-A.pdf")
    by_id = {c.id: c for c in all_criteria(policy)}
    assert by_id["I.A.1"].span.page == 1
    assert by_id["I.A.4"].span.page == 1
    assert by_id["I.A.4.a"].span.page == 2  # the criterion's note and lettered items went over the page
    assert by_id["II.A.1"].span.page == 5
    assert policy.revision_log[-1].span.page == 10
    assert policy.header.span.page == 1
    pages = [c.span.page for c in all_criteria(policy)]
    assert None not in pages and pages == sorted(pages)  # type: ignore[type-var]
    box = by_id["I.A.1"].span.bbox
    assert box is not None and 72 <= box[0] < box[2] <= 540 and box[1] < box[3]
    # the text parse has no pages, and spans never take part in equality
    text = parse_file(POLICIES["seed"])
    assert {c.span.page for c in all_criteria(text)} == {None}
    assert text == policy


def test_extraction_is_plain_and_picklable() -> None:
    import pickle

    extraction = extract(PDF_FIXTURES / "somatrogon-B-row-break.pdf")
    assert isinstance(extraction, Extraction)
    assert extraction.pages == len({o.page for o in extraction.origins if o is not None})
    assert len(extraction.origins) == extraction.text.count("\n")
    assert all(o is None or isinstance(o, LineOrigin) for o in extraction.origins)
    assert pickle.loads(pickle.dumps(extraction)) == extraction
    # no running header or footer survives
    assert "CLINICAL POLICY" not in extraction.text and "Page 2 of" not in extraction.text


def test_extract_cli_prints_what_the_grammar_reads(tmp_path: Path) -> None:
    pdf = PDF_FIXTURES / "seed-A.pdf"
    result = run_cli("extract", str(pdf))
    assert result.returncode == 0, result.stderr
    assert result.stdout == normalize(extract(pdf).text).text
    assert "Reviews, Revisions, and Approvals\tDate\tP&T Approval Date" in result.stdout
    with_pages = run_cli("extract", "--origins", str(pdf))
    lines = with_pages.stdout.splitlines()
    assert lines[0] == "1\tClinical Policy: Sargramostim (Leukine)"
    assert lines[-1].startswith("11\t©2016 Centene Corporation.")  # the last of 11 pages
    out = tmp_path / "seed.txt"
    assert run_cli("extract", str(pdf), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == result.stdout
    # and the extracted text is itself a policy that parses to the same AST
    assert run_cli("parse", str(out)).stdout == run_cli("parse", str(POLICIES["seed"])).stdout


def test_broken_pdf_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes((PDF_FIXTURES / "seed-A.pdf").read_bytes()[:2000])
    for command in ("parse", "extract"):
        result = run_cli(command, str(bad))
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"error: {bad}: corrupt or truncated PDF")
        assert "Traceback" not in result.stderr


def _one_page(path: Path, text: str | None) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), invariant=True)
    if text is None:
        c.rect(100, 500, 200, 100, fill=1)  # a scan-like page: a picture, no text layer
    else:
        c.drawString(72, 700, text)
    c.showPage()
    c.save()
    return path


def test_a_pdf_that_is_no_policy_names_its_page(tmp_path: Path) -> None:
    result = run_cli("parse", str(_one_page(tmp_path / "letter.pdf", "Dear member, thank you for your letter.")))
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert first == (
        f"error: {tmp_path / 'letter.pdf'}: this PDF has text but is not a clinical policy: "
        "no `Clinical Policy:` title or `Reference Number:` found on page 1"
    ), first


def test_a_pdf_without_text_says_so(tmp_path: Path) -> None:
    result = run_cli("parse", str(_one_page(tmp_path / "scan.pdf", None)))
    assert result.returncode == 2
    assert "no text layer: its 1 page(s) hold neither text nor images (blank pages?)" in result.stderr


def test_a_glyph_the_font_maps_to_no_text_is_shown_not_refused(tmp_path: Path) -> None:
    """reportlab's standard fonts have no ε: pdfminer gives NUL for it, which is not a binary file."""
    from policyvc.parser import parse_file_report

    text = POLICIES["seed"].read_text(encoding="utf-8").replace("(GM-CSF).", "(GM-CSF) binding FcεRI.", 1)
    source = tmp_path / "policy.txt"
    source.write_text(text, encoding="utf-8")
    pdf = tmp_path / "policy.pdf"
    make_pdf(source, pdf, LAYOUTS["A"])
    report = parse_file_report(pdf)
    assert "binding Fc\ufffdRI." in report.policy.description[0].text
    (warning,) = [d for d in report.diagnostics if "map to no text" in d.message]
    assert warning.severity == "warning" and warning.page == 1
    result = run_cli("parse", str(pdf))
    assert result.returncode == 0 and "map to no text" in result.stderr
