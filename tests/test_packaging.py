"""One import package: only ``policyvc`` lands in site-packages."""

from __future__ import annotations

from importlib import metadata

import policyvc


def test_installed_files_live_under_policyvc() -> None:
    files = metadata.files("policyvc") or []
    top = {str(f).split("/", 1)[0] for f in files}
    top = {t for t in top if not t.endswith(".dist-info") and t not in ("..",) and not t.startswith("__")}
    assert top == {"policyvc"}, top


def test_grammar_ships_as_package_data() -> None:
    from policyvc.parser import grammar_text

    text = grammar_text()
    assert "start:" in text and "%declare INDENT _DEDENT PARA" in text


def test_console_script_is_declared() -> None:
    (script,) = [e for e in metadata.entry_points(group="console_scripts") if e.name == "policyvc"]
    assert script.value == "policyvc.cli:main"
    assert policyvc.__version__ == metadata.version("policyvc")
