"""The family's vocabulary is declared once and read by the text front's passes."""

from __future__ import annotations

import ast
from pathlib import Path

from policyvc.parser import text_styles
from policyvc.parser.vocabulary import KNOWN_TABLES, REVISION_LOG, alternatives

_ROOT = Path(__file__).resolve().parent.parent


def test_only_the_revision_log_reads_dated_rows() -> None:
    assert [t for t in KNOWN_TABLES if t.revision_log] == [REVISION_LOG]
    assert REVISION_LOG.header[0].startswith("Reviews, Revisions")


def test_alternatives_are_literal() -> None:
    import re

    pattern = re.compile(rf"^{alternatives(('P&T Approval Date', 'Dose Limit/ Maximum Dose', 'a.b'))}$")
    assert pattern.match("a.b") and not pattern.match("axb") and pattern.match("P&T Approval Date")


def test_fields_and_tables_split_a_flattened_header() -> None:
    line = "Clinical Policy: Drug Reference Number: CP.PHAR.1 Effective Date: 01.01.20 Lines of Business: HIM"
    assert text_styles._HEADER_KEYS.split(line) == [
        "Clinical Policy: Drug",
        "Reference Number: CP.PHAR.1",
        "Effective Date: 01.01.20",
        "Lines of Business: HIM",
    ]


def test_no_pass_tests_a_table_by_its_header_wording() -> None:
    """What a table needs beyond its header is a field of its declaration (``revision_log``), never a
    string test on the header (``header[0].startswith("Reviews")``) in a pass."""
    for name in ("text_styles.py", "reading_order.py", "pdf_geometry.py"):
        tree = ast.parse((_ROOT / "parser" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "startswith":
                args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                assert not any(a[:1].isupper() and len(a) > 3 for a in args), (name, node.lineno, args)
