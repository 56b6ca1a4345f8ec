"""A DOCX parses to the same tree as the PDF LibreOffice makes of it.

Every fixture policy (and one nested six deep) is written as a DOCX with Word's automatic numbering in each of
``DOCX_NUMBERING``'s ways (one multi-level list, lists restarted by ``w:startOverride``, numbering carried by
paragraph styles with complex ``PAGE`` / ``NUMPAGES`` fields in the footer); LibreOffice prints each, computing
the labels itself.  The DOCX read directly (labels computed by :mod:`policyvc.parser.docx`) and the PDF must
give one tree: a label counted differently (a restart missed, a level's format or text misread) differs.
Each DOCX is also saved again by LibreOffice — a DOCX another program wrote, with numbering definitions of
its own — and must still give the same tree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PRINTED
from docgen import DOCX_NUMBERING, docx_file, libreoffice_pdfs
from test_docx import deep_policy

from policyvc.parser import parse_file

pytestmark = [pytest.mark.producers, pytest.mark.slow]

_CASES = [(name, numbering) for name in [*sorted(PRINTED), "deep"] for numbering in DOCX_NUMBERING]


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, Path]]:
    """Each case's DOCX and its LibreOffice PDF (one LibreOffice run for them all)."""
    folder = tmp_path_factory.mktemp("docx")
    sources = {**PRINTED, "deep": deep_policy(folder)}
    docs = {(name, n): docx_file(sources[name], folder / f"{name}-{n}.docx", n) for name, n in _CASES}
    pdfs = libreoffice_pdfs(list(docs.values()), folder)
    return {key: (doc, pdf) for (key, doc), pdf in zip(docs.items(), pdfs, strict=True)}


@pytest.fixture(scope="module")
def rewritten(
    documents: dict[tuple[str, str], tuple[Path, Path]], tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], Path]:
    """Each case's DOCX saved again by LibreOffice: another program's numbering (one list instance per
    paragraph, a w:startOverride on the first of a list) and table layout (tables that touch become one)."""
    folder = tmp_path_factory.mktemp("rewritten")
    keys = list(documents)
    out = libreoffice_pdfs([documents[k][0] for k in keys], folder, target="docx")
    return dict(zip(keys, out, strict=True))


@pytest.mark.parametrize(("name", "numbering"), _CASES)
def test_the_docx_and_its_libreoffice_pdf_parse_to_one_tree(
    name: str, numbering: str, documents: dict[tuple[str, str], tuple[Path, Path]]
) -> None:
    docx_path, pdf = documents[name, numbering]
    assert parse_file(docx_path) == parse_file(pdf)


@pytest.mark.parametrize(("name", "numbering"), _CASES)
def test_a_docx_libreoffice_wrote_parses_to_the_same_tree(
    name: str,
    numbering: str,
    documents: dict[tuple[str, str], tuple[Path, Path]],
    rewritten: dict[tuple[str, str], Path],
) -> None:
    assert parse_file(rewritten[name, numbering]) == parse_file(documents[name, numbering][0])
