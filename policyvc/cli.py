"""The ``policyvc`` command line (click; heavy modules are imported by the command that needs them).

Exit codes (like ruff and sqlfluff): 0 clean, 1 findings (drift, audit
failures, a stored version filed under the wrong name), 2 usage or input error,
3 an internal error (a bug; the message says so).  Never a traceback.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from policyvc import __version__
from policyvc.parser.errors import PolicyError

if TYPE_CHECKING:
    from policyvc.parser.nodes import Policy
    from policyvc.store.ingest import IngestResult

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


def _render(policy: Policy, fmt: str) -> str:
    """A policy as ``outline``, ``json`` (the AST) or ``text`` (canonical policy text)."""
    if fmt == "outline":
        from policyvc.renderer.outline import render_outline

        return render_outline(policy)
    if fmt == "json":
        from policyvc.serialize import to_json

        return to_json(policy)
    from policyvc.renderer.text import render_text

    return render_text(policy)


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
@click.option(
    "--recover", is_flag=True,
    help="Print the tree of everything readable and one diagnostic per unread region; exit 1 if any was skipped.",
)  # fmt: skip
def parse(file: Path, fmt: str, output: Path | None, recover: bool = False) -> None:
    """Parse a policy and print its outline, its AST as JSON, or its canonical text."""
    from policyvc.parser import parse_file_report

    try:
        report = parse_file_report(file, recover=recover)
    except PolicyError as exc:
        _fail(exc)
    for diagnostic in report.diagnostics:  # notes and warnings (and, with --recover, what was skipped)
        click.echo(diagnostic.format(str(file)), err=True)
    _emit(_render(report.policy, fmt), output)
    if report.partial:
        sys.exit(EXIT_FINDINGS)


@app.command()
@click.option("--output", "-o", type=_PATH, help="Write here (atomically), not to stdout.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of `parse --format json`."""
    import json

    from policyvc.serialize import json_schema

    _emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output)


@app.command()
@click.option("--store", type=_PATH, default=Path("policy_versions"), show_default=True, help="The version store.")
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None,
    help="Parse on this many processes (default: all cores).",
)  # fmt: skip
@click.option("--no-cache", is_flag=True, help="Extract every PDF again; do not read or write the cache.")
@click.option(
    "--cache-dir", type=_PATH, default=None,
    help="Extraction cache (default: $POLICYVC_CACHE_DIR, else $XDG_CACHE_HOME/policyvc/extract).",
)  # fmt: skip
def build(store: Path, jobs: int | None, no_cache: bool, cache_dir: Path | None) -> None:
    """Parse every stored version and print a summary per policy."""
    from policyvc.build import build_store
    from policyvc.parser.pdf_cache import default_cache_dir

    try:
        findings = build_store(store, jobs=jobs, cache_dir=None if no_cache else cache_dir or default_cache_dir())
    except PolicyError as exc:
        _fail(exc)
    if findings:
        sys.exit(EXIT_FINDINGS)

# --- history: diff, audit, blame ---------------------------------------------------

_STORE_OPTION = click.option(
    "--store", type=_PATH, default=Path("policy_versions"), show_default=True, help="The version store."
)


def _date_arg(value: str | None, what: str) -> datetime.date | None:
    from policyvc.dates import parse_date

    return parse_date(value, source="<command line>", what=what) if value else None


@app.command("diff")
@click.argument("reference")
@click.argument("from_date", metavar="[FROM]", required=False)
@click.argument("to_date", metavar="[TO]", required=False)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="text: readable listing; json: the edit script; markdown: CriticMarkup.")
@_STORE_OPTION
def diff_cmd(reference: str, from_date: str | None, to_date: str | None, fmt: str, store: Path) -> None:
    """Criterion-level diff of two versions (default: the two newest; dates pick the version in force)."""
    from policyvc.history.diff import diff
    from policyvc.history.select import load_history, select_pair
    from policyvc.renderer.diff import render_json, render_markdown, render_text

    try:
        old_d, new_d = _date_arg(from_date, "FROM"), _date_arg(to_date, "TO")
        history = load_history(store, reference)
        old, new = select_pair(history, old_d, new_d, source=f"{store}/{reference}")
    except PolicyError as exc:
        _fail(exc)
    script = diff(old.policy, new.policy)
    title = f"{reference} {old.date.isoformat()} → {new.date.isoformat()}"
    if fmt == "json":
        text = render_json(script, reference=reference, old=old.date.isoformat(), new=new.date.isoformat())
    elif fmt == "markdown":
        text = render_markdown(script, title)
    else:
        text = render_text(script, title)
    _emit(text, None)


@app.command("audit")
@click.argument("reference")
@click.argument("from_date", metavar="[FROM]", required=False)
@click.argument("to_date", metavar="[TO]", required=False)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_STORE_OPTION
def audit_cmd(reference: str, from_date: str | None, to_date: str | None, fmt: str, store: Path) -> None:
    """Check the revision log against the changes between consecutive versions (exit 1 if anything is unexplained)."""
    from policyvc.history.audit import audit
    from policyvc.history.select import load_history, select_range
    from policyvc.renderer.audit import render_audit_json, render_audit_text

    try:
        old_d, new_d = _date_arg(from_date, "FROM"), _date_arg(to_date, "TO")
        history = load_history(store, reference)
        versions = select_range(history, old_d, new_d, source=f"{store}/{reference}")
        if len(versions) < 2:
            raise PolicyError(
                f"{len(versions)} version(s) in this range: an audit needs at least two", source=f"{store}/{reference}"
            )
    except PolicyError as exc:
        _fail(exc)
    report = audit([(v.date, v.policy) for v in versions])
    _emit(render_audit_json(report, reference) if fmt == "json" else render_audit_text(report, reference), None)
    if not report.clean:
        sys.exit(EXIT_FINDINGS)


@app.command("blame")
@click.argument("reference")
@click.option("--at", "at", help="Blame the version in force on this date (YYYY-MM-DD); default the newest.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_STORE_OPTION
def blame_cmd(reference: str, at: str | None, fmt: str, store: Path) -> None:
    """Each criterion of a version with the version that introduced it and the one that last reworded it."""
    from policyvc.dates import in_force
    from policyvc.history.blame import blame
    from policyvc.history.select import load_history
    from policyvc.renderer.audit import render_blame_json, render_blame_text

    try:
        at_d = _date_arg(at, "--at")
        history = load_history(store, reference)
        if at_d is not None:
            in_force(history, at_d, source=f"{store}/{reference}")
    except PolicyError as exc:
        _fail(exc)
    report = blame([(v.date, v.policy) for v in history], at_d)
    _emit(render_blame_json(report) if fmt == "json" else render_blame_text(report), None)


_STORE = click.option(
    "--store", type=_PATH, default=Path("policy_versions"), show_default=True, help="The version store."
)


def _print_results(results: list[IngestResult]) -> None:
    for r in results:
        line = f"{r.status:<9} {r.reference} @ {r.date.isoformat()}  {r.folder}"
        if r.commit:
            line += f"  commit {r.commit[:12]}"
        click.echo(line)


@app.command()
@click.argument("files", nargs=-1, required=True, type=_PATH)
@_STORE
@click.option("--commit", is_flag=True, help="Record each version as a git commit in the store's repository.")
@click.option("--replace", is_flag=True, help="Replace a different document already stored under the same key.")
def ingest(files: tuple[Path, ...], store: Path, commit: bool, replace: bool) -> None:
    """Parse policies (text or PDF) and store them as STORE/<REFERENCE>/<latest revision-log date>/."""
    from policyvc.store.ingest import ingest_files

    try:
        results = ingest_files(list(files), store, commit=commit, replace=replace)
    except PolicyError as exc:
        _fail(exc)
    _print_results(results)


@app.command("import-history")
@click.argument("repo", type=_PATH)
@click.argument("path")
@_STORE
@click.option("--commit", is_flag=True, help="Record each version as a git commit in the store's repository.")
@click.option("--replace", is_flag=True, help="Replace different documents already stored under the same keys.")
def import_history_cmd(repo: Path, path: str, store: Path, commit: bool, replace: bool) -> None:
    """Ingest every distinct version of PATH in the git history of REPO."""
    from policyvc.store.importer import import_history

    try:
        result = import_history(repo, path, store, commit=commit, replace=replace)
    except PolicyError as exc:
        _fail(exc)
    _print_results(list(result.results))
    superseded = f", {result.superseded} superseded by a later commit with the same date" if result.superseded else ""
    click.echo(
        f"{result.commits} commit(s), {result.distinct} distinct version(s){superseded}: "
        f"{result.count('stored')} stored, {result.count('unchanged')} unchanged, {result.count('replaced')} replaced."
    )


@app.command()
@click.argument("reference")
@_STORE
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def log(reference: str, store: Path, fmt: str) -> None:
    """List the stored versions of a policy, newest first, with their new revision-log entries."""
    from policyvc.store.log import history

    try:
        entries = history(store, reference)
    except PolicyError as exc:
        _fail(exc)
    if fmt == "json":
        import json

        click.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        return
    for e in entries:
        commit = f"  commit {e.commit[:12]}" if e.commit else ""
        click.echo(f"{e.reference} @ {e.date.isoformat()}  {e.source}  sha256 {e.sha256[:12]}{commit}")
        for entry in e.new_entries:
            when = entry.date.isoformat() if entry.date else "undated"
            click.echo(f"    {when}  {entry.description}")
        if not e.new_entries:
            click.echo("    (no new revision-log entries)")


@app.command()
@click.argument("reference")
@click.option("--as-of", "as_of", required=True, help="The date (YYYY-MM-DD) the version was in force.")
@_STORE
@click.option(
    "--format", "-f", "fmt", type=click.Choice(["text", "outline", "json"]), default="text", show_default=True,
    help="text: canonical policy text; outline: one node per line; json: the full AST.",
)  # fmt: skip
def show(reference: str, as_of: str, store: Path, fmt: str) -> None:
    """Print the version of a policy in force on a date (the latest version dated on or before it)."""
    from policyvc.dates import parse_date
    from policyvc.store.versions import cached_json, load_version, version_in_force

    try:
        date = parse_date(as_of, source="--as-of")
        version = version_in_force(store, reference, date)
        # one version in a fresh process: parsing (~30 ms) beats loading pydantic for policy.json (~150 ms)
        text = cached_json(version) if fmt == "json" else None
        policy = load_version(version, use_json=False) if text is None else None
    except PolicyError as exc:
        _fail(exc)
    click.echo(f"{version.reference} @ {version.date.isoformat()} (in force on {date.isoformat()})", err=True)
    if policy is not None:
        text = _render(policy, fmt)
    assert text is not None  # otherwise the stored policy.json, as is
    sys.stdout.write(text)


@app.command()
@click.argument("file", type=_PATH)
@click.option("--output", "-o", type=_PATH, help="Write here (atomically), not to stdout.")
@click.option(
    "--origins", is_flag=True, help="Prefix each line with the page it came from (`-` for synthesised lines)."
)
def extract(file: Path, output: Path | None, origins: bool) -> None:
    """Print the normalised text of a policy PDF: exactly what the grammar reads (for debugging extraction)."""
    from policyvc.parser import extract_pdf, is_pdf_file, read_text
    from policyvc.parser.normalize import normalize

    try:
        if is_pdf_file(file):
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
