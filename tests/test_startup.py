"""Starts that do only what the command needs: what importing the command line loads.

The start-up figures themselves live in ``benchmarks/bench_start.py``; these tests hold
the property that makes them possible — the heavy libraries are imported by the
command that uses them, never by ``import policyvc.cli``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SEED

HEAVY = ("lark", "pdfplumber", "pdfminer", "jinja2", "git", "pydantic", "rich", "mkdocs")


def _loaded(code: str) -> set[str]:
    """The top-level packages loaded after running ``code`` in a new interpreter."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_the_command_line_loads_no_heavy_library() -> None:
    assert not _loaded("import policyvc.cli") & set(HEAVY)


@pytest.mark.parametrize(
    "module", ["policyvc.parser", "policyvc.parser.errors", "policyvc.errors", "policyvc.serialize"]
)
def test_light_modules_load_no_heavy_library(module: str) -> None:
    assert not _loaded(f"import {module}") & set(HEAVY)


def test_the_parser_loads_lark_on_the_first_parse_and_keeps_its_public_names() -> None:
    code = (
        "import sys\nimport policyvc.parser as p\n"
        "assert 'lark' not in sys.modules\n"
        "for name in p.__all__: getattr(p, name)\n"
        f"p.parse_file({str(SEED)!r})\n"
    )
    assert "lark" in _loaded(code)


def test_json_output_builds_no_pydantic_adapter() -> None:
    code = "from policyvc.parser import parse_file\nfrom policyvc.serialize import to_json\n"
    assert "pydantic" not in _loaded(code + f"to_json(parse_file({str(SEED)!r}))")


def test_a_family_pharmacy_policy_loads_no_outline_reader() -> None:
    """Choosing the template reads declarations only: the outline reader loads when a document is read by it."""
    code = (
        "import sys\nfrom policyvc.parser import parse_file\n"
        f"parse_file({str(SEED)!r})\n"
        "print(sorted(m for m in sys.modules if m.startswith('policyvc.parser.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    loaded = out.splitlines()[-1]
    assert "policyvc.parser.template_spec" in loaded
    for module in ("policyvc.parser.outline", "policyvc.parser.template_core", "policyvc.parser.documents"):
        assert f"'{module}'" not in loaded
