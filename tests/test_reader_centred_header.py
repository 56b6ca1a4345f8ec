"""A header table whose narrow label column wraps each label around its value, and a running header with a bar
on every page of a ``pdftotext -layout`` copy (blind set 41).

* A browser's print of a header table with a narrow label column: a cell's lines are centred on their row, so a
  label of two lines stands one line above and one below its value (``Guideline`` / ``UM-GL-0088`` /
  ``Number:``), and a label of one line between a long value's two (``… Medicaid,`` / ``Line of Business:``
  / ``Commercial``).  Each is the field it labels; the document's title right above the first label stays the
  title (never ``Guideline Title Number``, never a title ``Date``).
* ``<PBM> | <drug> (<generic>)`` at the top of every page of a ``-layout`` copy, the head below writing the PBM's
  name in its own line and the drug on a line of its own: the first page's copy is the running header's too,
  not a paragraph of the document.  A first line every page repeats whose parts the head does not write again
  stays (maybe the only title).

Invented policy text, in the shapes those prints have.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from policyvc.parser import parse_file, parse_text_report
from policyvc.parser.pdf_guard import extract_pdf
from policyvc.renderer.text import render_text

FONT, SIZE, PITCH = "Helvetica", 10.5, 14.5
LABEL_X, VALUE_X = 59, 140
TITLE = "Transcranial Magnetic Stimulation"
# (label lines, value lines): a label of two lines centred on a value of one, a value of two on a label of one
FIELDS = [
    (["Guideline", "Number:"], ["UM-GL-0088"]),
    (["Effective", "Date:"], ["07/01/2026"]),
    (["Last Reviewed:"], ["05/2026"]),
    (["Line of Business:"], ["Pinecrest Medicaid, Pinecrest Medicare Advantage,", "Pinecrest Commercial"]),
]


def _header_pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=letter)
    top = letter[1]
    c.setFont(FONT, 8)
    c.drawString(24, top - 24, f"6/2/26, 9:12 AM        {TITLE} | Pinecrest Health")
    c.drawString(57, top - 52, "PINECREST HEALTH UTILIZATION MANAGEMENT GUIDELINE")
    c.setFont("Helvetica-Bold", 17)
    c.drawString(57, top - 80, TITLE)
    c.setFont(FONT, SIZE)
    y = top - 98.0  # the top of the next row
    for labels, values in FIELDS:
        rows = max(len(labels), len(values))
        middle = y - rows * PITCH / 2
        for column, texts in ((LABEL_X, labels), (VALUE_X, values)):
            first = middle + len(texts) * PITCH / 2
            for k, text in enumerate(texts):
                c.drawString(column, first - SIZE - k * PITCH, text)
        y -= rows * PITCH + 4
    c.setFont("Helvetica-Bold", 13)
    c.drawString(57, y - 30, "Description")
    c.setFont(FONT, SIZE)
    c.drawString(57, y - 52, "Transcranial magnetic stimulation applies magnetic pulses to the scalp.")
    c.setFont("Helvetica-Bold", 13)
    c.drawString(57, y - 84, "Criteria")
    c.setFont(FONT, SIZE)
    c.drawString(57, y - 106, "Transcranial magnetic stimulation is medically necessary when all of the following:")
    c.drawString(75, y - 124, "1. The member is 18 years of age or older; and")
    c.drawString(75, y - 142, "2. The member has a diagnosis of major depressive disorder.")
    c.save()
    return path


def test_labels_wrapped_around_their_values_are_read_as_fields(tmp_path: Path) -> None:
    text = extract_pdf(_header_pdf(tmp_path / "tms.pdf")).text
    lines = [line for line in text.split("\n") if line.strip()]
    assert "Guideline Number: UM-GL-0088" in lines, text
    assert "Effective Date: 07/01/2026" in lines, text
    assert TITLE in lines, text  # (the title right above the first label: never folded into it)
    policy = parse_file(tmp_path / "tms.pdf")
    assert policy.header.title == TITLE
    assert policy.header.reference_number == "UM-GL-0088"
    assert str(policy.header.effective_date) == "2026-07-01"
    assert " ".join(policy.header.lines_of_business).replace(" ,", ",") in {
        "Pinecrest Medicaid, Pinecrest Medicare Advantage, Pinecrest Commercial",
        "Pinecrest Medicaid Pinecrest Medicare Advantage Pinecrest Commercial",
    } or set(policy.header.lines_of_business) == {
        "Pinecrest Medicaid",
        "Pinecrest Medicare Advantage",
        "Pinecrest Commercial",
    }, policy.header.lines_of_business


def test_a_value_between_two_lines_of_no_label_is_left_as_it_is(tmp_path: Path) -> None:
    """Two lines of the text's own around a short line further right (no header label when read together): the
    page's words stay where they are."""
    from policyvc.parser.pdf_geometry import PageContent, Word
    from policyvc.parser.pdf_label_grid import centred_fields

    def word(text: str, x: float, top: float) -> Word:
        return Word(text=text, x0=x, x1=x + 6 * len(text), top=top, bottom=top + 10.5, size=10.5)

    words = (
        word("Home", 58, 60), word("Therapy", 100, 60),
        word("Covered", 58, 90), word("07/01/2026", 140, 97), word("Services:", 58, 104),
        *(word(f"w{k}", 58 + 30 * k, 200) for k in range(8)),
    )  # fmt: skip
    page = PageContent(number=1, width=612, height=792, words=words, rules=())
    assert centred_fields(page) == page


def _layout_copy(running: str, head: list[str]) -> str:
    pages = [
        [
            *head,
            "",
            "Criteria for Initial Approval",
            "Tezspire may be approved when all of the following criteria are met:",
            "",
            "1. Diagnosis of severe asthma; and",
            "2. Member is 12 years of age or older; and",
            "3. Member has had two or more exacerbations in the past 12 months.",
            "Initial approval: 6 months.",
        ],
        [
            "Criteria for Continuation of Therapy",
            "Tezspire may be approved when all of the following criteria are met:",
            "",
            "1. Member has responded to therapy; and",
            "2. Requested dose does not exceed 210 mg every 4 weeks.",
            "Continuation approval: 12 months.",
        ],
        [
            "Revision History",
            "",
            "Date                  Description",
            "04/10/2026            Annual review. No changes.",
            "04/02/2024            Criteria created.",
        ],
    ]
    out: list[str] = []
    for k, body in enumerate(pages, start=1):
        out += [running, "", "", *body, "", "", f"Ridgeway Pharmacy Solutions   Page {k} of {len(pages)}", "\f"]
    return "\n".join(out)


_HEAD = [
    "Ridgeway Pharmacy Solutions, LLC Clinical Criteria",
    "",
    "",
    "Tezspire (tezepelumab-ekko)",
    "Criteria Number: RPS-CC-0311",
    "Effective Date: 05/01/2026",
    "Revised Date: 04/10/2026",
]


def test_a_running_header_with_a_bar_is_furniture_on_the_first_page_too() -> None:
    running = "Ridgeway Pharmacy Solutions | Tezspire (tezepelumab-ekko)"
    policy = parse_text_report(_layout_copy(running, _HEAD), "copy.txt", recover=True).policy
    assert policy.header.title == "Tezspire (tezepelumab-ekko)"
    assert policy.header.reference_number == "RPS-CC-0311"
    assert running not in render_text(policy)


def test_a_first_line_the_head_does_not_write_again_stays() -> None:
    """A first line every page repeats, its source's words nowhere in the head below: maybe the only title."""
    running = "Severe Asthma Program | Tezspire (tezepelumab-ekko)"
    head = ["Clinical Criteria", "", "", *_HEAD[3:]]
    policy = parse_text_report(_layout_copy(running, head), "copy.txt", recover=True).policy
    assert running in render_text(policy) or policy.header.title == running
