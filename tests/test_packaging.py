"""One import package, ``policyvc``, and the checkout is what runs (an editable install)."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import policyvc

ROOT = Path(__file__).resolve().parent.parent


def test_the_checkout_is_what_runs() -> None:
    """Every module of the package, imported from outside the checkout, is a file of the checkout."""
    package_dir = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    probe = (
        "import importlib, json, sys\n"
        f"names = {sorted(package_dir)!r}\n"
        "print(json.dumps({n: importlib.import_module(n).__file__ for n in names}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd="/", check=True)
    files = json.loads(out.stdout)
    for name, folder in package_dir.items():
        assert Path(files[name]) == ROOT / folder / "__init__.py", (name, files[name])


def test_python_m_and_the_script_run_the_checkout() -> None:
    """``python -m policyvc`` and ``.venv/bin/policyvc`` resolve ``policyvc.parser`` into the checkout too."""
    script = Path(sys.executable).parent / "policyvc"
    assert script.is_file()
    text = script.read_text()
    assert "policyvc.__main__" in text  # Ctrl-C handled before the CLI is imported
    out = subprocess.run(
        [sys.executable, "-c", "import policyvc.cli, policyvc.parser.nodes as n; print(n.__file__)"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert Path(out.stdout.strip()) == ROOT / "parser" / "nodes.py"


def test_only_policyvc_is_importable_from_the_distribution() -> None:
    """The top-level folders are mapped under ``policyvc``; nothing named ``parser`` or ``renderer`` leaks."""
    top = set((metadata.distribution("policyvc").read_text("top_level.txt") or "policyvc").split())
    assert top <= {"policyvc"}, top


def test_grammar_ships_as_package_data() -> None:
    from policyvc.parser import grammar_text

    text = grammar_text()
    assert "start:" in text and "%declare INDENT _DEDENT PARA" in text


def test_console_script_is_declared() -> None:
    (script,) = [e for e in metadata.entry_points(group="console_scripts") if e.name == "policyvc"]
    assert script.value == "policyvc.__main__:run"
    assert policyvc.__version__ == metadata.version("policyvc")
