"""Starts that do only what the command needs: what importing the command line loads.

The start-up figures themselves live in ``benchmarks/bench_start.py``; these tests hold
the property that makes them possible — the heavy libraries are imported by the
command that uses them, never by ``import policyvc.cli``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED

HEAVY = ("lark", "pdfplumber", "pdfminer", "jinja2", "git", "pydantic", "rich", "mkdocs")


def _loaded(code: str, cache: Path | None = None) -> set[str]:
    """The top-level packages loaded after running ``code`` in a new interpreter (``cache``: its
    ``XDG_CACHE_HOME``)."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)} if cache else None
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True, env=env).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_the_command_line_loads_no_heavy_library() -> None:
    assert not _loaded("import policyvc.cli") & set(HEAVY)


@pytest.mark.parametrize(
    "module", ["policyvc.parser", "policyvc.parser.errors", "policyvc.errors", "policyvc.serialize"]
)
def test_light_modules_load_no_heavy_library(module: str) -> None:
    assert not _loaded(f"import {module}") & set(HEAVY)


def test_the_parser_loads_lark_only_to_make_its_tables_and_keeps_its_public_names(tmp_path: Path) -> None:
    code = (
        "import sys\nimport policyvc.parser as p\n"
        "assert 'lark' not in sys.modules\n"
        "for name in p.__all__: getattr(p, name)\n"
        f"p.parse_file({str(SEED)!r})\n"
    )
    assert "lark" in _loaded(code, tmp_path)  # the first parse: the tables are read out of lark's parser, kept
    assert "lark" not in _loaded(code, tmp_path)  # then read back as plain data


# --- `parse` with the driver's tables kept: no lark, unless a text is left to it -------------------------------


def _cli(cache: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """``python -m policyvc ARGS`` with ``XDG_CACHE_HOME=cache``: the run, and the top-level packages it imported."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "policyvc", *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    done.stderr = "".join(line + "\n" for line in done.stderr.splitlines() if not line.startswith("import time:"))
    return done, imported


def _tables_file(cache: Path) -> Path:
    (path,) = (cache / "policyvc" / "lark").glob("*.tables")
    return path


def test_parse_json_with_the_tables_kept_never_imports_lark(tmp_path: Path) -> None:
    first, first_imported = _cli(tmp_path, "parse", str(SEED), "--format", "json")
    assert first.returncode == 0, first.stderr
    assert "lark" in first_imported  # (no tables yet: made from lark's parser)
    again, imported = _cli(tmp_path, "parse", str(SEED), "--format", "json")
    assert (again.returncode, again.stdout, again.stderr) == (0, first.stdout, "")
    assert "lark" not in imported


def test_a_damaged_or_stale_tables_file_is_made_again(tmp_path: Path) -> None:
    from policyvc.parser import grammar_text
    from policyvc.parser.lalr_tables import _key, dumps, loads

    good, _ = _cli(tmp_path, "parse", str(SEED), "--format", "json")
    path = _tables_file(tmp_path)
    text = path.read_text(encoding="utf-8")
    key = _key(grammar_text())
    stale = dumps(loads(text, key), key.replace("policyvc=", "policyvc=0.0.0-"))  # whole and checked, but stale
    changed = text[:-1] + ("1" if text[-1] == "0" else "0")  # one byte: its checksum differs
    for bad in ["garbage", text[: len(text) // 2], changed, stale]:
        path.write_text(bad, encoding="utf-8")
        done, imported = _cli(tmp_path, "parse", str(SEED), "--format", "json")
        assert (done.returncode, done.stdout, done.stderr) == (0, good.stdout, "")
        assert "lark" in imported  # refused: made again from lark's parser …
        loads(_tables_file(tmp_path).read_text(encoding="utf-8"), key)  # … and kept anew
        assert "lark" not in _cli(tmp_path, "parse", str(SEED), "--format", "json")[1]


@pytest.mark.parametrize(
    "edit",
    [
        ("A. ", "C. "),  # a transformer's error (on lark's tokens)
        ("Description\n", "Description\nI. Initial Approval Criteria\n"),  # a token the table has no action for
    ],
)
def test_an_error_is_lark_s_own_with_the_tables_kept(tmp_path: Path, edit: tuple[str, str]) -> None:
    """A text the driver cannot read goes to lark's parse from the start: lark is loaded then, and the error
    (exit 2, no traceback) is the one a start without tables gives."""
    broken = tmp_path / "broken.txt"
    broken.write_text(SEED.read_text(encoding="utf-8").replace(*edit, 1), encoding="utf-8")
    cold, _ = _cli(tmp_path / "cold", "parse", str(broken))
    _cli(tmp_path / "warm", "parse", str(SEED))
    warm, imported = _cli(tmp_path / "warm", "parse", str(broken))
    assert cold.returncode == warm.returncode == 2
    assert warm.stderr == cold.stderr and warm.stderr.startswith("error: ") and "Traceback" not in warm.stderr
    assert "lark" in imported


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


# --- what a start compiles: regular expressions when first used, dataclass methods never -------------------------

ON_311 = pytest.mark.skipif(
    sys.version_info[:2] != (3, 11), reason="parser/dataclass_methods.py holds CPython 3.11's method texts"
)


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout


def test_a_lazy_pattern_compiles_on_first_use_and_answers_as_the_compiled_one() -> None:
    import re

    from policyvc.lazy_re import lazy

    source = r"(?P<n>\d+)\s*(mg|mcg)"
    pattern, compiled = lazy(source, re.I), re.compile(source, re.I)
    assert pattern.pattern == source and "compiled" not in vars(pattern)  # the source is known without compiling
    text = "Take 250 MCG, then 5 mg"
    assert pattern.search(text).groupdict() == compiled.search(text).groupdict()  # type: ignore[union-attr]
    assert pattern.sub("#", text) == compiled.sub("#", text)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert (pattern.flags, pattern.groups, pattern.groupindex) == (compiled.flags, compiled.groups, compiled.groupindex)
    assert lazy(b"^%PDF").match(b"%PDF-1.7")


def test_importing_the_text_front_compiles_no_regular_expression() -> None:
    """Module-level patterns are lazy: a command pays only for those its path uses."""
    modules = ["text_styles", "outline", "space_tables", "written_history", "classify", "connective", "normalize"]
    code = (
        "import re, sys\nseen = []\n_compile = re._compile\n"
        "def spy(pattern, flags):\n"
        "    if sys._getframe(1).f_globals.get('__name__', '').startswith('policyvc'): seen.append(pattern)\n"
        "    return _compile(pattern, flags)\n"
        "re._compile = spy\n" + "".join(f"import policyvc.parser.{m}\n" for m in modules) + "print(len(seen))"
    )
    assert _run(code).splitlines()[-1] == "0"


@ON_311
def test_the_generated_dataclass_methods_are_up_to_date() -> None:
    tool = ROOT / "tools" / "gen_dataclass_methods.py"
    done = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@ON_311
def test_a_parse_compiles_no_dataclass_method() -> None:
    code = (
        f"from policyvc.parser import parse_file\nparse_file({str(SEED)!r})\n"
        "from policyvc.parser import prebuilt\nprint(len(prebuilt.missed))"
    )
    assert _run(code).splitlines()[-1] == "0"


_DESCRIBE_CLASSES = """
import dataclasses, inspect, json, sys
{prelude}
import policyvc.parser.nodes as nodes, policyvc.parser.transform, policyvc.parser.text_styles
out = {{}}
for module in [m for name, m in sorted(sys.modules.items()) if name.startswith("policyvc.parser")]:
    for name, cls in sorted(vars(module).items()):
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__):
            continue
        methods = {{}}
        for attr, fn in sorted(vars(cls).items()):
            code = getattr(fn, "__code__", None) or getattr(getattr(fn, "__wrapped__", None), "__code__", None)
            if code is not None and attr.startswith("__"):
                methods[attr] = [code.co_code.hex(), code.co_names, code.co_varnames, code.co_freevars,
                                 getattr(fn, "__qualname__", ""), getattr(fn, "__module__", "")]
        out[cls.__module__ + "." + name] = [cls.__doc__, repr(cls.__dataclass_params__), str(inspect.signature(cls)),
            [f.name for f in dataclasses.fields(cls)], getattr(cls, "__match_args__", None),
            getattr(cls, "__slots__", None), methods]
print(json.dumps(out, sort_keys=True))
"""


@ON_311
def test_the_prebuilt_classes_are_those_dataclasses_makes() -> None:
    """With the table and with an empty one (every method compiled by ``dataclasses`` itself): the same classes."""
    stand_in = (
        "import types\nempty = types.ModuleType('policyvc.parser.dataclass_methods')\n"
        "empty.FACTORIES = {}\nsys.modules[empty.__name__] = empty"
    )
    prebuilt = json.loads(_run(_DESCRIBE_CLASSES.format(prelude="")).splitlines()[-1])
    compiled = json.loads(_run(_DESCRIBE_CLASSES.format(prelude=stand_in)).splitlines()[-1])
    assert len(prebuilt) > 40
    assert prebuilt == compiled


# --- the command line: commands of other modules load when run --------------------------------------------------


def test_help_lists_every_command_without_importing_those_of_other_modules() -> None:
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom policyvc.cli import app\n"
        "out = CliRunner().invoke(app, ['--help']).output\n"
        "print(sorted(m for m in sys.modules if m in ('policyvc.rules.cli', 'policyvc.sitecmd', 'json')))\n"
        "print(all(f'  {name} ' in out for name in app.list_commands(None)))"
    )
    assert _run(code).splitlines()[-2:] == ["[]", "True"]


@pytest.mark.parametrize("limit", [40, 61, 200])
def test_a_lazy_command_is_listed_with_its_own_help(limit: int) -> None:
    import importlib

    import click

    from policyvc.cli import app

    lazy = app.lazy
    assert {"rules", "evaluate", "impact", "site"} <= set(lazy)
    for name, (where, summary) in lazy.items():
        module, attribute = where.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert command.name == name
        assert click.Command(name, help=summary).get_short_help_str(limit) == command.get_short_help_str(limit)
        assert app.get_command(click.Context(app), name) is command


def test_the_json_plan_read_from_annotations_is_the_evaluated_one() -> None:
    """``--format json`` evaluates the type hints only of classes whose annotations might ask for a float."""
    import dataclasses
    import typing

    from policyvc.parser import nodes
    from policyvc.serialize import _converter, _plain, _plain_by_text

    classes = [c for c in vars(nodes).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]
    assert len(classes) > 30
    for cls in classes:
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            if _plain_by_text(cls, f.type):  # never plain by its text where the evaluated hint says otherwise
                assert _converter(hints[f.name]) is _plain, (cls.__name__, f.name)
    assert not _plain_by_text(nodes.Span, "tuple[float, float, float, float] | None")
    assert not _plain_by_text(nodes.Dose, "float")
    assert _plain_by_text(nodes.Criterion, "tuple[Fact, ...]")  # an alias of classes only


def test_json_output_imports_no_json_package() -> None:
    """``to_json`` writes its own indented text with json's C string encoder: the package stays unloaded."""
    code = "import sys\nfrom policyvc.parser import parse_file\nfrom policyvc.serialize import to_json\n"
    assert _run(code + f"to_json(parse_file({str(SEED)!r}))\nprint('json' in sys.modules)").splitlines()[-1] == "False"


def test_the_extraction_cache_s_folder_is_named_without_importing_the_pdf_reader(tmp_path: Path) -> None:
    """``build`` names the per-user extraction cache on every run, PDFs or not: naming it imports neither the cache
    nor the PDF reader's modules (they load when a PDF is read), and the cache's names are those."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "policyvc", "build", "--store", str(tmp_path / "no-store")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 2, done.stderr  # (a store that is not there: after the command's imports)
    imported = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "policyvc.build" in imported
    assert not {m for m in imported if m.startswith(("policyvc.parser.pdf", "pdfplumber", "pdfminer"))}
    import policyvc.parser.pdf_cache as cache
    import policyvc.user_cache as user

    assert (cache.default_cache_dir, cache.ENV_CACHE_DIR) == (user.default_cache_dir, user.ENV_CACHE_DIR)
