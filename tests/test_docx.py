"""Word documents: list labels computed from Word's numbering definitions, header and footer dropped, the zip
guarded; a DOCX parses to the tree of the clean text it was made of, through the library and the CLI.

The DOCX files are made here by python-docx (``tests/docgen.py``) with real numbering definitions — no label is
typed into the text — in the three ways Word's users number a policy (``DOCX_NUMBERING``: one multi-level list,
lists restarted by ``w:startOverride``, numbering carried by paragraph styles).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import PRINTED, SEED, run_cli
from docgen import DOCX_NUMBERING, docx_file

from policyvc.parser import PolicyError, parse_file, parse_file_report
from policyvc.parser.docx import Numbering, format_number, read_docx
from policyvc.serialize import to_dict

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def deep_policy(tmp_path: Path) -> Path:
    """The seed with criteria nested six deep: the ladder's ``1)`` ``a)`` ``i)`` and ``(1)`` levels."""
    from policyvc.renderer.text import render_text

    text = render_text(parse_file(SEED))
    old = "ii. Isotretinoin*;\n"
    assert old in text
    deep = (
        "ii. One of the following (1 or 2):\n1) Isotretinoin*;\n2) All of the following (a and b):\n"
        "a) Age ≥ 2 years;\nb) One of the following (i or ii):\ni) Weight ≥ 10 kg;\n"
        "ii) Documentation of one of the following (1 or 2):\n(1) Weight < 10 kg;\n(2) Height < 80 cm;\n"
    )
    path = tmp_path / "deep.txt"
    path.write_text(text.replace(old, deep, 1), encoding="utf-8")
    return path


_NAMES = ["seed", "tocilizumab", "referral-firazyr", "flattened-nplate", "envolve-signifor"]


@pytest.mark.parametrize("numbering", DOCX_NUMBERING)
@pytest.mark.parametrize("name", _NAMES)
def test_a_docx_parses_to_the_clean_texts_tree(name: str, numbering: str, tmp_path: Path) -> None:
    path = docx_file(PRINTED[name], tmp_path / f"{name}.docx", numbering)
    assert parse_file(path) == parse_file(PRINTED[name])


@pytest.mark.parametrize("numbering", DOCX_NUMBERING)
def test_six_levels_deep_with_every_punctuation(numbering: str, tmp_path: Path) -> None:
    clean = deep_policy(tmp_path)
    path = docx_file(clean, tmp_path / "deep.docx", numbering)
    text = read_docx(path).text
    assert "\n1) Isotretinoin*;" in text and "\na) Age" in text and "\n(2) Height" in text
    assert parse_file(path) == parse_file(clean)


def test_no_label_is_typed_and_the_furniture_is_not_read(tmp_path: Path) -> None:
    path = docx_file(SEED, tmp_path / "seed.docx", "styled")
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        header = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))
        footer = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert "1. Diagnosis of AML" not in body and "Initial Approval Criteria" in body
    assert "I. Initial Approval Criteria" not in body  # the section numerals come from a numbered style
    assert "CLINICAL POLICY" in header and "NUMPAGES" in footer and "fldChar" in footer
    text = read_docx(path).text
    assert "CLINICAL POLICY" not in text and "Page 1 of" not in text
    assert "\nI. Initial Approval Criteria\n" in text and "\nVII. References\n" in text
    assert "\n1. Diagnosis of AML;\n" in text


# --- the numbering engine, on hand-written definitions -----------------------------------------------------------


def _numbering(abstract: str, nums: str, styles: str = "") -> Numbering:
    from docx.oxml import parse_xml

    numbering = parse_xml(f'<w:numbering xmlns:w="{W}">{abstract}{nums}</w:numbering>')
    style_el = parse_xml(f'<w:styles xmlns:w="{W}">{styles}</w:styles>')
    return Numbering(numbering, style_el)


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def _ppr(num: str | None = None, ilvl: int | None = None, style: str | None = None) -> object:
    from docx.oxml import parse_xml

    inner = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None or ilvl is not None:
        inner += "<w:numPr>"
        inner += f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        inner += f'<w:numId w:val="{num}"/>' if num is not None else ""
        inner += "</w:numPr>"
    return parse_xml(f'<w:pPr xmlns:w="{W}">{inner}</w:pPr>')


def _labels(n: Numbering, paragraphs: list[object]) -> list[str]:
    out = []
    for ppr in paragraphs:
        where = n.numbered(ppr)
        out.append("" if where is None else n.label(*where)[0])
    return out


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "decimal", "1"), (12, "decimal", "12"), (4, "lowerRoman", "iv"), (9, "upperRoman", "IX"),
        (14, "lowerRoman", "xiv"), (1, "upperLetter", "A"), (26, "lowerLetter", "z"), (27, "lowerLetter", "aa"),
        (28, "upperLetter", "BB"), (3, "decimalZero", "03"), (5, "ordinalText", "5"),
    ],
)  # fmt: skip
def test_word_number_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown


def test_levels_count_restart_under_their_parent_and_take_their_level_text() -> None:
    abstract = (
        f'<w:abstractNum w:abstractNumId="1">{_lvl(0, "upperLetter", "%1.")}{_lvl(1, "decimal", "%2)")}'
        f"{_lvl(2, 'lowerLetter', '(%3)')}</w:abstractNum>"
    )
    n = _numbering(abstract, '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    seq = [_ppr("5", 0), _ppr("5", 1), _ppr("5", 2), _ppr("5", 2), _ppr("5", 1), _ppr("5", 0), _ppr("5", 1)]
    assert _labels(n, seq) == ["A.", "1)", "(a)", "(b)", "2)", "B.", "1)"]


def test_lvl_restart_zero_never_restarts_and_legal_numbering_is_decimal() -> None:
    never = '<w:lvlRestart w:val="0"/><w:isLgl/>'
    abstract = (
        f'<w:abstractNum w:abstractNumId="1">{_lvl(0, "upperRoman", "%1.")}'
        f"{_lvl(1, 'lowerLetter', '%1.%2', extra=never)}</w:abstractNum>"
    )
    n = _numbering(abstract, '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    seq = [_ppr("5", 0), _ppr("5", 1), _ppr("5", 0), _ppr("5", 1)]
    assert _labels(n, seq) == ["I.", "1.1", "II.", "2.2"]


def test_instances_of_one_definition_are_one_list_restarted_where_an_override_is_first_used() -> None:
    abstract = f'<w:abstractNum w:abstractNumId="1">{_lvl(0, "decimal", "%1.", start=3)}</w:abstractNum>'
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    n = _numbering(abstract, nums)
    seq = [_ppr("1", 0), _ppr("1", 0), _ppr("2", 0), _ppr("3", 0), _ppr("3", 0), _ppr("1", 0)]
    assert _labels(n, seq) == ["3.", "4.", "5.", "1.", "2.", "3."]


def test_one_instance_per_paragraph_as_libreoffice_writes_lists() -> None:
    """LibreOffice writes a list as one w:num per paragraph, all of one definition, with a w:startOverride on
    the list's first paragraph only (and on a nested level's first, a deeper override)."""
    abstract = (
        f'<w:abstractNum w:abstractNumId="9">{_lvl(0, "decimal", "%1.")}{_lvl(1, "lowerLetter", "%2.")}</w:abstractNum>'
    )
    override = '<w:lvlOverride w:ilvl="{}"><w:startOverride w:val="1"/></w:lvlOverride>'
    nums = "".join(
        f'<w:num w:numId="{k}"><w:abstractNumId w:val="9"/>{override.format(0) if k in (1, 6) else ""}</w:num>'
        for k in range(1, 9)
    )
    n = _numbering(abstract, nums)
    seq = [_ppr("1", 0), _ppr("2", 0), _ppr("3", 1), _ppr("4", 1), _ppr("5", 0), _ppr("6", 0), _ppr("7", 1)]
    assert _labels(n, seq) == ["1.", "2.", "a.", "b.", "3.", "1.", "a."]


def test_numbering_from_the_paragraph_style_its_base_and_num_id_zero() -> None:
    abstract = (
        f'<w:abstractNum w:abstractNumId="1">{_lvl(0, "upperLetter", "%1.")}{_lvl(1, "decimal", "%2.")}</w:abstractNum>'
    )
    styles = (
        '<w:style w:type="paragraph" w:styleId="Set"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/>'
        "</w:numPr></w:pPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Item"><w:basedOn w:val="Set"/><w:pPr><w:numPr>'
        '<w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    nums = (
        '<w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="8"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'
    )
    n = _numbering(abstract, nums, styles)
    seq = [
        _ppr(style="Set"), _ppr(style="Item"), _ppr(style="Item"), _ppr("0", style="Item"),
        _ppr("8", style="Set"), _ppr("8", style="Item"), _ppr(),
    ]  # fmt: skip
    assert _labels(n, seq) == ["A.", "1.", "2.", "", "C.", "1.", ""]


def test_heading_styles_linked_to_levels_of_one_list() -> None:
    """Word's heading numbering: each heading style names the list, each level names its style."""
    h1, h2 = '<w:pStyle w:val="Heading1"/>', '<w:pStyle w:val="Heading2"/>'
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        f"{_lvl(0, 'upperRoman', '%1.', extra=h1)}{_lvl(1, 'upperLetter', '%2.', extra=h2)}</w:abstractNum>"
    )
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{k}"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr>'
        "</w:pPr></w:style>"
        for k in (1, 2)
    )
    n = _numbering(abstract, '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>', styles)
    seq = [_ppr(style="Heading1"), _ppr(style="Heading2"), _ppr(style="Heading2"), _ppr(style="Heading1")]
    assert _labels(n, seq) == ["I.", "A.", "B.", "II."]


def test_a_numbering_style_link_takes_the_linked_lists_levels() -> None:
    abstracts = (
        '<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="PolicyList"/>'
        f"{_lvl(0, 'lowerRoman', '%1.')}</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="PolicyList"/></w:abstractNum>'
    )
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
    )
    styles = (
        '<w:style w:type="numbering" w:styleId="PolicyList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
        "</w:pPr></w:style>"
    )
    n = _numbering(abstracts, nums, styles)
    assert _labels(n, [_ppr("2", 0), _ppr("2", 0)]) == ["i.", "ii."]


# --- what a reader sees: tracked changes, hidden text --------------------------------------------------------------


def test_tracked_changes_are_read_as_accepted_with_a_warning(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    path = docx_file(SEED, tmp_path / "seed.docx")
    document = docx.Document(str(path))
    target = next(p for p in document.paragraphs if p.text == "Diagnosis of AML;")
    target._p.append(
        parse_xml(f'<w:del xmlns:w="{W}" w:id="1" w:author="a"><w:r><w:delText> (deleted)</w:delText></w:r></w:del>')
    )
    target._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:rPr><w:vanish/></w:rPr><w:t> (hidden)</w:t></w:r>'))
    inserted = next(p for p in document.paragraphs if p.text.startswith("Prescribed for use following induction"))
    for r in inserted.runs:
        r.text = r.text.replace("induction therapy", "induction")
    inserted._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W}" w:id="2" w:author="a"><w:r><w:t xml:space="preserve"> (new)</w:t></w:r></w:ins>'
        )
    )
    # a whole criterion deleted with its paragraph mark: the ones after it move up (4. is 3. …)
    gone = next(p for p in document.paragraphs if p.text == "Age ≥ 55 years;")
    for r in gone.runs:
        r._r.getparent().remove(r._r)
    gone._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W}" w:id="3" w:author="a"><w:r><w:delText>Age ≥ 55 years;</w:delText></w:r></w:del>'
        )
    )
    gone._p.get_or_add_pPr().append(
        parse_xml(f'<w:rPr xmlns:w="{W}"><w:del w:id="4" w:author="a" w:date="2026-01-01T00:00:00Z"/></w:rPr>')
    )
    document.save(str(path))
    assert "\n3. Member meets one of the following (a or b):*\n" in read_docx(path).text
    report = parse_file_report(path)
    first = report.policy.sections[0].sets[0].criteria
    assert first[0].text == "Diagnosis of AML;"
    assert first[1].text.endswith("for AML; (new)")
    assert [c.marker for c in first][:3] == ["1", "2", "3"] and first[2].text.startswith("Member meets")
    assert any("tracked changes" in d.message and d.severity == "warning" for d in report.diagnostics)


def test_symbols_capitals_text_boxes_and_controlled_rows_are_read_as_printed(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    path = docx_file(SEED, tmp_path / "seed.docx")
    document = docx.Document(str(path))
    age = next(p for p in document.paragraphs if p.text == "Age ≥ 55 years;")
    for r in age.runs:
        r.text = r.text.replace("≥ ", "")
    age.runs[0].text = "Age "
    age._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:sym w:font="Symbol" w:char="F0B3"/></w:r>'))
    age._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:t xml:space="preserve"> 55 years;</w:t></w:r>'))
    # a paragraph in capitals by its run property, and a text box anchored in an empty paragraph
    document.add_paragraph().add_run("appendix note").font.all_caps = True
    box = document.add_paragraph()
    box._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
            "<w:txbxContent><w:p><w:r><w:t>Boxed text</w:t></w:r></w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></w:r>"
        )
    )
    # a table whose second row is inside a content control
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Code", "Meaning"
    row = parse_xml(
        f'<w:sdt xmlns:w="{W}"><w:sdtContent><w:tr><w:tc><w:p><w:r><w:t>X1</w:t></w:r></w:p></w:tc>'
        "<w:tc><w:p><w:r><w:t>Controlled row</w:t></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt>"
    )
    table._tbl.append(row)
    document.save(str(path))
    result = read_docx(path)
    assert "\n3. Age ≥ 55 years;\n" in result.text
    assert "\nAPPENDIX NOTE\n" in result.text and "\nBoxed text\n" in result.text
    assert "\nCode\tMeaning\nX1\tControlled row\n" in result.text
    assert any("text box" in d.message for d in result.diagnostics)


def test_raised_digits_equations_and_footnotes(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    p = document.add_paragraph("Dose does not exceed 250 mcg/m")
    p.add_run("2").font.superscript = True
    p.add_run(" IV daily")
    p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:footnoteReference w:id="1"/></w:r>'))
    m = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    eq = document.add_paragraph("BSA in m")
    eq._p.append(
        parse_xml(
            f'<m:oMath xmlns:m="{m}"><m:sSup><m:e><m:r><m:t>m</m:t></m:r></m:e>'
            "<m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath>"
        )
    )
    path = tmp_path / "raised.docx"
    document.save(str(path))
    result = read_docx(path)
    assert result.text == "Dose does not exceed 250 mcg/m² IV daily\n\nBSA in mm²\n"
    assert any("1 footnote(s) or endnote(s) not read" in d.message for d in result.diagnostics)


def test_a_symbol_with_no_reading_is_shown_and_warned_never_dropped(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    p = document.add_paragraph("Weight ")
    p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'))
    path = tmp_path / "sym.docx"
    document.save(str(path))
    result = read_docx(path)
    assert result.text == "Weight \ufffd\n"
    assert any("Wingdings F0FC" in d.message and d.severity == "warning" for d in result.diagnostics)


def test_tables_that_touch_are_told_apart_by_their_rows_shape(tmp_path: Path) -> None:
    """Word and LibreOffice join two tables with nothing between them into one: a row of another number of
    cells starts the next table again."""
    import docx

    document = docx.Document()
    document.add_paragraph("Coding Implications")
    table = document.add_table(rows=2, cols=2)
    for row, texts in zip(table.rows, [("HCPCS Codes", "Description"), ("J2820", "Injection, 50 mcg")], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    log = document.add_table(rows=2, cols=3)
    rows = [("Reviews, Revisions, and Approvals", "Date", "P&T Approval Date"), ("Policy created", "08.03.21", "")]
    for row, texts in zip(log.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    table._tbl.extend(log._tbl.findall(f"{{{W}}}tr"))  # one table now, as a joining editor leaves it
    log._tbl.getparent().remove(log._tbl)
    path = tmp_path / "joined.docx"
    document.save(str(path))
    assert read_docx(path).text == (
        "Coding Implications\n\nHCPCS Codes\tDescription\nJ2820\tInjection, 50 mcg\n\n"
        "Reviews, Revisions, and Approvals\tDate\tP&T Approval Date\nPolicy created\t08.03.21\n"
    )


def test_a_paragraph_whose_mark_was_deleted_runs_on_into_the_next(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    first = document.add_paragraph("Diagnosis of")
    first._p.get_or_add_pPr().append(
        parse_xml(f'<w:rPr xmlns:w="{W}"><w:del w:id="1" w:author="a" w:date="2026-01-01T00:00:00Z"/></w:rPr>')
    )
    document.add_paragraph("AML;")
    path = tmp_path / "joined.docx"
    document.save(str(path))
    assert read_docx(path).text == "Diagnosis of AML;\n"


def _header_in_a_table(tmp_path: Path, *, borders: bool) -> Path:
    """The seed as a DOCX whose header fields sit in a two-column table beside the links (Coding
    Implications, Revision Log): how Word lays text out in columns, with or without the table's borders."""
    import docx

    document = docx.Document(str(docx_file(SEED, tmp_path / "seed.docx")))
    fields = [p for p in document.paragraphs[:12] if p.text.split(":")[0] in _FIELDS]
    links = [p for p in document.paragraphs[:14] if p.text in ("Coding Implications", "Revision Log")]
    table = document.add_table(rows=len(fields), cols=2)
    if borders:
        table.style = "Table Grid"
    for row, field in zip(table.rows, fields, strict=True):
        row.cells[0].text = field.text
    for row, link in zip(table.rows, links, strict=False):
        row.cells[1].text = link.text
    fields[0]._p.addprevious(table._tbl)
    for p in fields + links:
        p._p.getparent().remove(p._p)
    path = tmp_path / ("ruled.docx" if borders else "laid-out.docx")
    document.save(str(path))
    return path


_FIELDS = ("Reference Number", "Effective Date", "Last Review Date", "Line of Business")


@pytest.mark.parametrize("borders", [False, True])
def test_header_fields_in_a_table_beside_their_links_read_as_the_fields(tmp_path: Path, borders: bool) -> None:
    # (the family's header box: each field a cell, its link the cell beside it — with borders or without, the
    # field is read whole and the links after the fields, as the seed has them)
    path = _header_in_a_table(tmp_path, borders=borders)
    assert "Effective Date: 12.01.16\tRevision Log" in read_docx(path).text  # (the box read as a table)
    assert parse_file_report(path).policy == parse_file(SEED)


# --- the archive guard -------------------------------------------------------------------------------------------


def _error(path: Path) -> str:
    with pytest.raises(PolicyError) as info:
        parse_file(path)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_damaged_and_foreign_archives_are_refused_in_one_line(tmp_path: Path) -> None:
    good = docx_file(SEED, tmp_path / "seed.docx")
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good.read_bytes()[:5000])
    assert "zip archive, and this one is damaged" in _error(cut)
    other = tmp_path / "sheet.docx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert "not a Word document (it has no word/document.xml)" in _error(other)
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "old binary Word document" in _error(old)


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYVC_MAX_DOCX_MB", "1")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/zeros.bin", b"\0" * 3_000_000)
    assert bomb.stat().st_size < 20_000
    assert "inflates to 3.0 MB, over the 1 MB limit" in _error(bomb)
    many = tmp_path / "many.docx"
    with zipfile.ZipFile(many, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        for k in range(2001):
            z.writestr(f"x/{k}", "")
    assert "2002 entries" in _error(many)
    monkeypatch.setenv("POLICYVC_MAX_DOCX_MB", "lots")
    assert _error(bomb) == "$POLICYVC_MAX_DOCX_MB: expected megabytes > 0, got 'lots'"


# --- through the CLI -----------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_cli_parse_extract_ingest_and_build_a_docx(tmp_path: Path) -> None:
    docx_path = docx_file(SEED, tmp_path / "draft.docx", "restarted")
    parsed = run_cli("parse", str(docx_path), "-f", "text")
    assert parsed.returncode == 0, parsed.stderr
    assert parsed.stdout == run_cli("parse", str(SEED), "-f", "text").stdout
    extracted = run_cli("extract", str(docx_path))
    assert extracted.returncode == 0 and "\nA. Acute Myelogenous Leukemia (must meet all):\n" in extracted.stdout
    store = tmp_path / "store"
    ingested = run_cli("ingest", "--store", str(store), str(docx_path))
    assert ingested.returncode == 0, ingested.stderr
    folder = store / "CP.PHAR.295" / "2026-03-26"
    assert (folder / "policy.docx").read_bytes() == docx_path.read_bytes()  # the author's file, as it was
    built = run_cli(
        "build", "--store", str(store), "--rules", str(tmp_path / "rules"), "--site", str(tmp_path / "site"), "-j1"
    )
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "rules").is_dir() and any((tmp_path / "site").rglob("index.html"))


def test_cli_a_bad_docx_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "draft.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    for args in (["parse", str(bad)], ["ingest", "--store", str(tmp_path / "s"), str(bad)]):
        result = run_cli(*args)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert "draft.docx: not a Word document" in result.stderr


def test_cli_a_docx_on_standard_input(tmp_path: Path) -> None:
    import subprocess
    import sys

    docx_path = docx_file(SEED, tmp_path / "draft.docx")
    exe = str(Path(sys.executable).parent / "policyvc")
    data = docx_path.read_bytes()
    parsed = subprocess.run([exe, "parse", "-", "-f", "text"], input=data, capture_output=True, timeout=120)
    assert parsed.returncode == 0, parsed.stderr
    assert parsed.stdout.decode() == run_cli("parse", str(SEED), "-f", "text").stdout
    store = tmp_path / "store"
    filed = subprocess.run([exe, "ingest", "--store", str(store), "-"], input=data, capture_output=True, timeout=120)
    assert filed.returncode == 0, filed.stderr
    assert (store / "CP.PHAR.295" / "2026-03-26" / "policy.docx").read_bytes() == data


def test_cli_check_a_word_draft_against_the_store(tmp_path: Path) -> None:
    """The author's draft in Word: Kentucky added to Appendix E, with its revision-log row."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    k = next(i for i, line in enumerate(lines) if line.startswith("IN\tYes\t"))
    lines.insert(k + 1, "KY\tYes\tFor stage 4 advanced, metastatic cancer and associated conditions")
    k = next(i for i, line in enumerate(lines) if line.startswith("For Appendix E, added state IN."))
    lines.insert(k + 1, "Updated Appendix E to include Kentucky.\t04.15.26\t")
    text = tmp_path / "draft.txt"
    text.write_text("\n".join(lines), encoding="utf-8")
    draft = docx_file(text, tmp_path / "draft.docx", "styled")
    result = run_cli("check", "--store", str(SEED.parent.parent.parent), str(draft))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "CP.PHAR.295 @ 2026-04-15 would be filed as a new version" in result.stdout
    assert "state added: KY" in result.stdout and "Updated Appendix E to include Kentucky." in result.stdout


def _continued_list(tmp_path: Path, *, style: bool) -> Path:
    """A criteria list as an author writes one in Word: numbered items (numbering.xml, hanging indent), a paragraph
    without a number indented to an item's text (its second paragraph) after item 2 and after the last item —
    by its own ``w:ind`` or, with ``style``, by Word's ``List Paragraph`` style — then a paragraph at the margin."""
    import docx
    from docgen import _numbered, _Numbering
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("Continuous Glucose Monitors", level=1)
    document.add_paragraph("Policy Number: MP-TEST-1")
    document.add_paragraph("Effective Date: 07/01/2026")
    document.add_heading("Policy", level=2)
    document.add_paragraph("A CGM is covered when the member meets all of the following criteria:")
    lists = _Numbering(document)
    num = lists.new([("1", ".")])

    def continuation(text: str) -> None:
        if style:
            document.add_paragraph(text, style="List Paragraph")
        else:
            p = document.add_paragraph(text)
            p._p.get_or_add_pPr().append(parse_xml(f'<w:ind xmlns:w="{W}" w:left="720"/>'))

    for n, text in enumerate(["The member has diabetes mellitus;", "The member uses insulin;",
                              "The member is seen by the practitioner every 6 months."], 1):  # fmt: skip
        _numbered(document.add_paragraph(text), num, 0)
        if n > 1:
            continuation(f"Second paragraph of item {n}: the practitioner documents the sensor wear.")
    document.add_paragraph("Supplies bought through the pharmacy benefit are not subject to this policy.")
    path = tmp_path / f"continued-{style}.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("style", [False, True], ids=["own-indent", "list-paragraph-style"])
def test_a_paragraph_indented_to_an_items_text_is_that_items(style: bool, tmp_path: Path) -> None:
    """A paragraph Word indents to a list item's text, with no number, is the item's second paragraph: after the
    list's last item it is more of that item, never a paragraph after the list; between two items it is a note
    on the item above, as before (and as the document's print reads); a paragraph at the margin ends the list."""
    path = _continued_list(tmp_path, style=style)
    text = read_docx(path).text
    assert "3. The member is seen by the practitioner every 6 months.\n\\Second paragraph of item 3" in text
    assert "2. The member uses insulin;\n\nSecond paragraph of item 2" in text  # (the list goes on below it)
    assert "\n\nSupplies bought through" in text
    found: dict[str, dict[str, Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str) and "id" in node:
                found[node["text"]] = node
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(to_dict(parse_file(path)))
    last = found["The member is seen by the practitioner every 6 months. Second paragraph of item 3: the practitioner"
                 " documents the sensor wear."]  # fmt: skip
    assert last["notes"] == []
    second = found["The member uses insulin;"]
    note = "Second paragraph of item 2: the practitioner documents the sensor wear."
    assert [n["text"] for n in second["notes"]] == [note]
    assert not any("Supplies bought" in t for t in found)  # (a paragraph after the list: no item's)
