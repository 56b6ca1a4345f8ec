"""The ``policyvc`` command line (click; heavy modules are imported by the command that needs them).

Exit codes (like ruff and sqlfluff): 0 clean, 1 findings (drift, audit
failures, a stored version filed under the wrong name), 2 usage or input error,
3 an internal error (a bug; the message says so).  Never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from policyvc import __version__
from policyvc.parser.errors import PolicyError

EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3

_PATH = click.Path(path_type=Path)


def _fail(exc: PolicyError) -> NoReturn:
    click.echo(f"error: {exc}", err=True)
    sys.exit(EXIT_INPUT)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from policyvc.atomic import write_text

    write_text(output, text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policyvc", message="%(prog)s %(version)s")
def app() -> None:
    """Versioning, diff and rules for health-plan clinical policies."""


@app.command()
@click.argument("file", type=_PATH)
@click.option(
    "--format", "-f", "fmt", type=click.Choice(["outline", "json", "text"]), default="outline", show_default=True,
    help="outline: one node per line; json: the full AST; text: canonical policy text.",
)  # fmt: skip
@click.option("--output", "-o", type=_PATH, help="Write here (atomically), not to stdout.")
def parse(file: Path, fmt: str, output: Path | None) -> None:
    """Parse a policy and print its outline, its AST as JSON, or its canonical text."""
    from policyvc.parser import parse_file

    try:
        policy = parse_file(file)
    except PolicyError as exc:
        _fail(exc)
    if fmt == "outline":
        from policyvc.renderer.outline import render_outline

        text = render_outline(policy)
    elif fmt == "json":
        from policyvc.serialize import to_json

        text = to_json(policy)
    else:
        from policyvc.renderer.text import render_text

        text = render_text(policy)
    _emit(text, output)


@app.command()
@click.option("--output", "-o", type=_PATH, help="Write here (atomically), not to stdout.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of `parse --format json`."""
    import json

    from policyvc.serialize import json_schema

    _emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output)


@app.command()
@click.option("--store", type=_PATH, default=Path("policy_versions"), show_default=True, help="The version store.")
def build(store: Path) -> None:
    """Parse every stored version and print a summary per policy."""
    from policyvc.build import build_store

    try:
        findings = build_store(store)
    except PolicyError as exc:
        _fail(exc)
    if findings:
        sys.exit(EXIT_FINDINGS)


@app.command()
@click.argument("file", type=_PATH)
@click.option("--output", "-o", type=_PATH, help="Write here (atomically), not to stdout.")
@click.option(
    "--origins", is_flag=True, help="Prefix each line with the page it came from (`-` for synthesised lines)."
)
def extract(file: Path, output: Path | None, origins: bool) -> None:
    """Print the normalised text of a policy PDF: exactly what the grammar reads (for debugging extraction)."""
    from policyvc.parser import _read_bytes, extract_pdf, read_text
    from policyvc.parser.normalize import normalize

    try:
        if _read_bytes(file).startswith(b"%PDF"):
            extraction = extract_pdf(file)
            raw, where = extraction.text, extraction.origins
        else:
            raw, where = read_text(file), ()
    except PolicyError as exc:
        _fail(exc)
    norm = normalize(raw)
    lines = norm.text.split("\n")[:-1]
    if origins:
        out = []
        for line, (src, _) in zip(lines, norm.origin, strict=True):
            origin = where[src - 1] if 0 < src <= len(where) else None
            out.append(f"{origin.page if origin else '-'}\t{line}")
        lines = out
    _emit("\n".join(lines) + "\n" if lines else "", output)


def main() -> None:
    """Entry point of the ``policyvc`` script and ``python -m policyvc``."""
    try:
        app(prog_name="policyvc")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: say so in one line, never a traceback
        click.echo(f"internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        sys.exit(EXIT_INTERNAL)
