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
from conftest import ROOT, SEED

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
