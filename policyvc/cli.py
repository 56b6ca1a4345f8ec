"""The ``policyvc`` command line.

Exit codes (like ruff and sqlfluff): 0 clean, 1 findings (drift, audit
failures, a stored version filed under the wrong name), 2 usage or input error,
3 an internal error (a bug; the message says so).  Never a traceback.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from policyvc import __version__
from policyvc.parser.errors import PolicyError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Versioning, diff and rules for health-plan clinical policies.",
)

EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


class ParseFormat(StrEnum):
    outline = "outline"
    json = "json"
    text = "text"


def _fail(exc: PolicyError) -> NoReturn:
    print(f"error: {exc}", file=sys.stderr)
    raise typer.Exit(EXIT_INPUT)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from policyvc.atomic import write_text

    write_text(output, text)


def _version(value: bool) -> None:
    if value:
        print(f"policyvc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Versioning, diff and rules for health-plan clinical policies."""


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A policy (UTF-8 text export).")],
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f", help="outline, json or text.")] = ParseFormat.outline,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here (atomically), not stdout.")] = None,
) -> None:
    """Parse a policy and print its outline, its AST as JSON, or its canonical text."""
    from policyvc.parser import parse_file

    try:
        policy = parse_file(file)
    except PolicyError as exc:
        _fail(exc)
    if fmt is ParseFormat.outline:
        from policyvc.renderer.outline import render_outline

        text = render_outline(policy)
    elif fmt is ParseFormat.json:
        from policyvc.serialize import to_json

        text = to_json(policy)
    else:
        from policyvc.renderer.text import render_text

        text = render_text(policy)
    _emit(text, output)


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here (atomically), not stdout.")] = None,
) -> None:
    """Print the JSON Schema of `parse --format json`."""
    import json

    from policyvc.serialize import json_schema

    _emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output)


@app.command()
def build(
    store: Annotated[Path, typer.Option("--store", help="The version store.")] = Path("policy_versions"),
) -> None:
    """Parse every stored version and print a summary per policy."""
    from policyvc.build import build_store

    try:
        findings = build_store(store)
    except PolicyError as exc:
        _fail(exc)
    if findings:
        raise typer.Exit(EXIT_FINDINGS)


def main() -> None:
    """Entry point of the ``policyvc`` script and ``python -m policyvc``."""
    try:
        app()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug: say so in one line, never a traceback
        print(f"internal error: {type(exc).__name__}: {exc} (please report this)", file=sys.stderr)
        sys.exit(EXIT_INTERNAL)
