"""The ``policyvc`` command line (click; heavy modules are imported by the command that needs them).

Exit codes (like ruff and sqlfluff): 0 clean, 1 findings (drift, audit
failures, a stored version filed under the wrong name), 2 usage or input error
(a bad document, a bad option or environment value, an operating-system error
such as a permission, a full disk or a folder where a file is expected: one
line naming the path), 130 interrupted (Ctrl-C; nothing is left half-written:
every write is atomic), 3 an internal error (a bug; the message says so and
where to report it).  Never a traceback.

The store is ``--store``, else ``$POLICYVC_STORE``, else ``store`` in
``[tool.policyvc]`` of pyproject.toml, else ``policy_versions``.  Reference
numbers are case-insensitive; a FILE of ``-`` is standard input.
"""

from __future__ import annotations

import datetime
import functools
import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from policyvc import __version__
from policyvc.errors import PolicyError

if TYPE_CHECKING:
    from policyvc.parser import ParseReport
    from policyvc.parser.nodes import Policy
    from policyvc.store.ingest import IngestResult

EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

_PATH = click.Path(path_type=Path)


class _Date(click.ParamType):  # type: ignore[type-arg]  # click's generics differ between 8.1 and 8.2
    """A ``YYYY-MM-DD`` date, checked for git and the store (shown as ``DATE`` in ``--help``)."""

    name = "YYYY-MM-DD"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        from policyvc.dates import parse_date

        # a bad date is an input error like any other: one line naming the option (main() prints it)
        if param is not None and param.param_type_name == "option":
            return parse_date(str(value), source=param.opts[0])
        what = param.human_readable_name.strip("[]").upper() if param is not None else "date"
        return parse_date(str(value), source="<command line>", what=what)


DATE = _Date()


def _reference(value: str) -> str:
    """A REF argument as the store files it (:func:`policyvc.store.meta.named_reference`)."""
    from policyvc.store.meta import named_reference

    return named_reference(value)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from policyvc.atomic import write_text

    try:
        write_text(output, text)
    except OSError as exc:  # name the file the user gave, not the temporary file beside it
        raise OSError(exc.errno, exc.strerror, str(output)) from None


def _read_report(
    file: Path, *, recover: bool = False, template: str | None = None, outline: bool = False
) -> ParseReport:
    """Parse a policy file, or standard input for ``-``, with its diagnostics (``recover``: keep what can be read;
    ``template``: read it with this template, not the one it claims; ``outline``: by its outline, never a grammar)."""
    from policyvc.parser import parse_file_report

    if str(file) != "-":
        return parse_file_report(file, recover=recover, template=template, outline=outline)
    import tempfile

    from policyvc.store.source import read_stream, source_name

    data = read_stream(sys.stdin.buffer)  # never past the size limit: `yes | policyvc parse -` ends
    with tempfile.TemporaryDirectory(prefix="policyvc-") as tmp:
        path = Path(tmp) / source_name(data)
        path.write_bytes(data)
        try:
            return parse_file_report(path, recover=recover, template=template, outline=outline)
        except PolicyError as exc:
            exc.source = "<stdin>"
            raise


def _by_grammar(policy: Policy) -> bool:
    """Whether ``policy`` was read by the family pharmacy grammar (its sections typed), not by its outline."""
    return policy.template == "centene-pharmacy" and not policy.body


def _like_with_like(files: list[Path], reports: list[ParseReport], *, recover: bool) -> list[ParseReport]:
    """Two copies of one policy read alike, so that their diff compares like with like: a copy read as
    ``generic`` is read again with the template the other copy of the same reference claims, and a copy the
    pharmacy grammar read is read again by its outline when the other copy's text only its outline could read
    (a web copy and a pdftotext print of one policy: every section would otherwise be deleted and re-inserted).
    Each copy read again says so (a warning)."""
    from dataclasses import replace

    from policyvc.parser.hygiene import Diagnostic

    def again(k: int, why: str, *, template: str | None, outline: bool) -> None:
        stdin = str(files[k]) == "-"  # (standard input is read once)
        if stdin:
            return
        try:
            report = _read_report(files[k], recover=recover, template=template, outline=outline)
        except PolicyError:  # (never: the outline reads any text; the first reading stands)
            return
        said = Diagnostic("warning", why)
        reports[k] = replace(report, diagnostics=(said, *report.diagnostics))

    old, new = reports[0].policy, reports[1].policy
    same = bool(old.reference_number) and old.reference_number == new.reference_number
    if same and old.template != new.template and "generic" in (old.template, new.template):
        k = 0 if old.template == "generic" else 1
        other = reports[1 - k].policy.template
        again(
            k,
            f"read with the {other} template, as the other copy of {old.reference_number} is",
            template=other,
            outline=True,  # (by its outline: a copy the family grammar did not claim is never forced into it)
        )
        old, new = reports[0].policy, reports[1].policy
    if old.template == new.template and _by_grammar(old) != _by_grammar(new):
        k = 0 if _by_grammar(old) else 1
        again(
            k,
            "read by its outline, as the other copy is (whose text the family grammar could not read): "
            "the diff compares like with like",
            template=old.template,
            outline=True,
        )
    return reports


def _read_policy(file: Path) -> Policy:
    """Parse a policy file, or standard input for ``-``."""
    return _read_report(file).policy


def _store(option: Path | None) -> Path:
    from policyvc.config import resolve_store

    return resolve_store(option)


_TEMPLATE_OPTION = click.option(
    "--template",
    "-t",
    metavar="NAME",
    default=None,
    help="Read with this template: centene-pharmacy, centene-medical or generic (default: the one it claims).",
)


class _Group(click.Group):
    """The command group; commands of other modules are imported when one of them is run.

    ``lazy`` names each with where it lives and its help's first paragraph, so that ``policyvc --help`` lists
    them without importing them (``tests/test_startup.py`` holds that paragraph equal to the command's own).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, tuple[str, str]] = {}  # name → ("module:attribute", first paragraph of its help)
        self._listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            where, summary = self.lazy[cmd_name]
            if self._listing:  # all the list shows of a command is its help's first paragraph
                return click.Command(cmd_name, help=summary)
            module, attribute = where.split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policyvc", message="%(prog)s %(version)s")
def app() -> None:
    """Versioning, diff and rules for health-plan clinical policies."""


@app.command()
@click.argument("file", type=_PATH)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["outline", "json", "text"]),
    default="outline",
    show_default=True,
    help="outline: one node per line; json: the full AST; text: canonical policy text.",
)
@click.option("--output", "-o", type=_PATH, help="Write here (atomically), not to stdout.")
@click.option(
    "--recover",
    is_flag=True,
    help="Print the tree of everything readable and one diagnostic per unread region; exit 1 if any was skipped.",
)
@_TEMPLATE_OPTION
def parse(file: Path, fmt: str, output: Path | None, recover: bool = False, template: str | None = None) -> None:
    """Parse a policy (FILE, or - for standard input) and print its outline, AST as JSON, or canonical text.

    The template (centene-pharmacy, centene-medical, generic) is the one the document claims, unless
    --template names one; a template other than centene-pharmacy shows as the outline's `header.template`."""
    from policyvc.renderer.policy import render_policy

    report = _read_report(file, recover=recover, template=template)
    label = "<stdin>" if str(file) == "-" else str(file)
    for diagnostic in report.diagnostics:  # notes and warnings (and, with --recover, what was skipped)
        click.echo(diagnostic.format(label), err=True)
    _emit(render_policy(report.policy, fmt), output)
    if report.partial:
        sys.exit(EXIT_FINDINGS)


@app.command()
@click.option("--output", "-o", type=_PATH, help="Write here (atomically), not to stdout.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of `parse --format json`."""
    import json

    from policyvc.serialize import json_schema

    _emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output)


_STORE_HELP = "The version store (default: $POLICYVC_STORE, [tool.policyvc] store, else policy_versions)."
_STORE_OPTION = click.option("--store", type=_PATH, default=None, help=_STORE_HELP)


@app.command()
@_STORE_OPTION
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Parse on this many processes (default: all cores).",
)
@click.option("--no-cache", is_flag=True, help="Extract every PDF again; do not read or write the cache.")
@click.option(
    "--cache-dir",
    type=_PATH,
    default=None,
    help="Extraction cache (default: $POLICYVC_CACHE_DIR, else $XDG_CACHE_HOME/policyvc/extract).",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: tables; json: one document with every version, timeline, audit and error.",
)
@click.option("--fail-fast", is_flag=True, help="Stop at the first version that cannot be read.")
@click.option(
    "--rules",
    "rules_out",
    type=_PATH,
    default=None,
    help="Write the rule modules here (default: [tool.policyvc] rules, else rules/ by the store).",
)
@click.option(
    "--site",
    "site_out",
    type=_PATH,
    default=None,
    help="Build the site here (default: [tool.policyvc] site, else site/ by the store).",
)
@click.option(
    "--out",
    "out",
    type=_PATH,
    default=None,
    help="Write the rule modules to OUT/rules and the site to OUT/site (--rules / --site still pick one).",
)
@click.option("--no-outputs", is_flag=True, help="Only parse, sync and report: no rule modules, no site.")
@click.option(
    "--no-html", is_flag=True, help="Render the site's pages but not its HTML (MkDocs rebuilds a whole site)."
)
def build(
    store: Path | None,
    jobs: int | None,
    no_cache: bool,
    cache_dir: Path | None,
    fmt: str,
    fail_fast: bool,
    rules_out: Path | None,
    site_out: Path | None,
    no_outputs: bool,
    out: Path | None = None,
    no_html: bool = False,
) -> None:
    """Parse every stored version, print a summary per policy, then regenerate the rule modules and the site.

    A version or folder that cannot be read is reported on one line and the rest is still built (the rule
    modules and the site then wait); the exit code is then 2 (else 1 for findings, 0 when clean).
    """
    from policyvc.build import build_store
    from policyvc.config import resolve_folder
    from policyvc.report.build import reporter
    from policyvc.report.progress import TerminalProgress
    from policyvc.user_cache import default_cache_dir

    root = _store(store)
    beside = root.parent
    if out is not None:  # one output folder, like every other command's --out
        rules_out, site_out = rules_out or out / "rules", site_out or out / "site"
    rules = None if no_outputs else resolve_folder(rules_out, "rules", beside / "rules")
    site = None if no_outputs else resolve_folder(site_out, "site", beside / "site")
    result = build_store(
        root,
        jobs=jobs,
        cache_dir=None if no_cache else cache_dir or default_cache_dir(),
        fail_fast=fail_fast,
        rules_out=rules,
        site_out=site,
        progress=TerminalProgress(steps=fmt == "text"),
        html=not no_html,
        audits=fmt == "json",
    )
    reporter(fmt).report(result)
    if result.errors:
        sys.exit(EXIT_INPUT)
    if result.findings:
        sys.exit(EXIT_FINDINGS)


@app.command("list")
@_STORE_OPTION
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_cmd(store: Path | None, fmt: str) -> None:
    """List the policies of the store: reference, versions, first and newest version."""
    from policyvc.store import Store

    the_store = Store(_store(store))
    rows = []
    for ref in the_store.references():
        versions = the_store.versions(ref)
        rows.append(
            (
                ref,
                len(versions),
                versions[0].date.isoformat() if versions else "—",
                versions[-1].date.isoformat() if versions else "—",
            )
        )
    if fmt == "json":
        import json

        doc = [{"reference": r, "versions": n, "first": a, "newest": b} for r, n, a, b in rows]
        _emit(json.dumps(doc, indent=2) + "\n", None)
        return
    width = max([len("policy"), *(len(r[0]) for r in rows)])
    lines = [f"{'policy':<{width}}  versions  first       newest"]
    lines += [f"{r:<{width}}  {n:>8}  {a:<10}  {b}" for r, n, a, b in rows]
    _emit("\n".join(lines) + "\n", None)


# --- history: diff, audit, blame ---------------------------------------------------


def _is_file_arg(value: str | None) -> bool:
    return value is not None and (value == "-" or Path(value).is_file())


def _looks_like_date(value: str) -> bool:
    import re

    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()) is not None


def _say_in_force(asked: datetime.date | None, version: datetime.date) -> None:
    """A date that is not a version's: say which version was in force on it (on stderr, not silently)."""
    if asked is not None and asked != version:
        click.echo(
            f"note: {asked.isoformat()} is not a version date: the version in force then is {version.isoformat()}",
            err=True,
        )


@app.command("diff")
@click.argument("reference", metavar="REFERENCE|FILE")
@click.argument("from_date", metavar="[FROM|FILE]", required=False)
@click.argument("to_date", metavar="[TO]", required=False, type=DATE)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: readable listing; json: the edit script; markdown: CriticMarkup.",
)
@_STORE_OPTION
@click.option("--recover", is_flag=True, help="Two files: read what each has that can be read (see `parse --recover`).")
@_TEMPLATE_OPTION
def diff_cmd(
    reference: str,
    from_date: str | None,
    to_date: datetime.date | None,
    fmt: str,
    store: Path | None,
    recover: bool = False,
    template: str | None = None,
) -> None:
    """Criterion-level diff of two stored versions (default: the two newest; dates pick the version in force),
    or of two policy files of any template: `policyvc diff OLD.txt NEW.txt` (no store needed; - is standard input)."""
    from policyvc.history.diff import diff
    from policyvc.renderer.diff import render_json, render_markdown, render_text

    if _is_file_arg(reference) and _is_file_arg(from_date) and to_date is None:
        assert from_date is not None
        files = [Path(reference), Path(from_date)]
        reports = [_read_report(f, recover=recover, template=template) for f in files]
        if template is None:  # (a template the user names is theirs)
            reports = _like_with_like(files, reports, recover=recover)
        for f, report in zip((reference, from_date), reports, strict=True):
            for diagnostic in report.diagnostics:
                if diagnostic.severity != "note":
                    click.echo(diagnostic.format(f), err=True)
        old_p, new_p = reports[0].policy, reports[1].policy
        old_name, new_name, ref = reference, from_date, new_p.reference_number
    else:
        from policyvc.history.select import select_pair
        from policyvc.store import Store

        if _is_file_arg(reference):
            if from_date is not None and to_date is None and not _looks_like_date(from_date):
                raise PolicyError("no such file", source=from_date)  # `diff draft.txt missing.txt`
            raise click.UsageError("give two policy files (OLD NEW), or a reference number and dates")
        if Path(reference).suffix.lower() in (".txt", ".pdf", ".docx"):  # a file name, not a reference number
            raise PolicyError("no such file", source=reference)
        old_d = DATE.convert(from_date, None, None) if from_date else None
        ref = _reference(reference)
        old, new = select_pair(Store(_store(store)).history(ref), old_d, to_date)
        _say_in_force(old_d, old.date)
        _say_in_force(to_date, new.date)
        old_p, new_p, old_name, new_name = old.policy, new.policy, old.date.isoformat(), new.date.isoformat()
    script = diff(old_p, new_p)
    title = f"{ref} {old_name} → {new_name}"
    if fmt == "json":
        text = render_json(script, reference=ref, old=old_name, new=new_name)
    elif fmt == "markdown":
        text = render_markdown(script, title)
    else:
        text = render_text(script, title)
    _emit(text, None)


@app.command("audit")
@click.argument("reference")
@click.argument("from_date", metavar="[FROM]", required=False, type=DATE)
@click.argument("to_date", metavar="[TO]", required=False, type=DATE)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="Under each unexplained change or claim, the closest candidate and why.")
@_STORE_OPTION
def audit_cmd(
    reference: str,
    from_date: datetime.date | None,
    to_date: datetime.date | None,
    fmt: str,
    explain: bool,
    store: Path | None,
) -> None:
    """Check the revision log against the changes between consecutive versions (exit 1 if anything is unexplained).

    Every change is tied to the log clause with specific evidence for it (a state, an appendix, another drug, a
    number that changed, a line of business, a concept such as approval duration); each tie shows its evidence.
    """
    from policyvc.history.audit import audit
    from policyvc.history.select import select_range
    from policyvc.renderer.audit import render_audit_json, render_audit_text
    from policyvc.store import Store

    where = _store(store)
    ref = _reference(reference)
    versions = select_range(Store(where).history(ref), from_date, to_date)
    if len(versions) < 2:
        raise PolicyError(
            f"{len(versions)} version(s) in this range: an audit needs at least two", source=f"{where}/{ref}"
        )
    if versions:
        _say_in_force(from_date, versions[0].date)
        _say_in_force(to_date, versions[-1].date)
    report = audit([(v.date, v.policy) for v in versions], {v.date: v.unread for v in versions})
    render = render_audit_json if fmt == "json" else functools.partial(render_audit_text, explain=explain)
    _emit(render(report, ref), None)
    if not report.clean:
        sys.exit(EXIT_FINDINGS)


@app.command("blame")
@click.argument("reference")
@click.option("--as-of", "as_of", type=DATE, help="Blame the version in force on this date; default the newest.")
@click.option("--at", "at_alias", type=DATE, hidden=True)  # the option's old name
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_STORE_OPTION
def blame_cmd(
    reference: str, as_of: datetime.date | None, at_alias: datetime.date | None, fmt: str, store: Path | None
) -> None:
    """Each criterion and list item of a version with the version that introduced it and the one that last
    reworded it."""
    from policyvc.history.blame import blame
    from policyvc.renderer.blame import render_blame_json, render_blame_text
    from policyvc.store import Store

    at = as_of or at_alias

    history = Store(_store(store)).history(_reference(reference))
    if at is not None:
        _say_in_force(at, history.at(at).date)
    report = blame(history.dated(), at)
    _emit(render_blame_json(report) if fmt == "json" else render_blame_text(report), None)


def _print_results(results: list[IngestResult] | tuple[IngestResult, ...]) -> None:
    for r in results:
        for w in r.warnings:
            click.echo(f"warning: {w}", err=True)
        line = f"{r.status:<9} {r.reference} @ {r.date.isoformat()}  {r.folder}"
        if r.commit:
            line += f"  commit {r.commit[:12]}"
        if r.partial:
            line += f"  partial: {len(r.partial)} region(s) could not be read"
        click.echo(line)
        for skipped in r.partial:
            click.echo(f"  {skipped}", err=True)


@app.command()
@click.argument("files", nargs=-1, required=True, type=_PATH)
@_STORE_OPTION
@click.option("--commit", is_flag=True, help="Record each version as a git commit in the store's repository.")
@click.option(
    "--replace",
    is_flag=True,
    help="Correct a stored version: a different document under the same key takes its place (the replaced one is "
    "kept in the store: log --replaced).",
)
@click.option("--fail-fast", is_flag=True, help="Stop at the first file that cannot be read or filed.")
@click.option(
    "--recover",
    is_flag=True,
    help="File what can be read of a damaged document as a partial version; exit 1 if any is partial.",
)
@click.option("--ref", default=None, help="The reference to file one document under when it states no identifier.")
@click.option(
    "--date", "date_", default=None, help="The date (YYYY-MM-DD) to file one document under when it states none."
)
def ingest(
    files: tuple[Path, ...],
    store: Path | None,
    commit: bool,
    replace: bool,
    fail_fast: bool,
    recover: bool,
    ref: str | None,
    date_: str | None,
) -> None:
    """Parse policies (text, PDF or DOCX; - is standard input) and store them as STORE/<REFERENCE>/<latest log date>/.

    A file that cannot be read, parsed or filed is reported on one line and the others are still filed; the exit
    code is then 2.
    """
    from policyvc.store.ingest import ingest_each

    report = ingest_each(
        list(files),
        _store(store),
        commit=commit,
        replace=replace,
        fail_fast=fail_fast,
        recover=recover,
        ref=ref,
        date=date_,
    )
    _print_results(report.results)
    for exc in report.errors:
        click.echo(f"error: {exc}".split("\n", 1)[0], err=True)
    if report.errors:
        click.echo(f"error: {len(report.errors)} of {len(files)} file(s) not filed (listed above)", err=True)
        sys.exit(EXIT_INPUT)
    if any(r.partial for r in report.results):
        sys.exit(EXIT_FINDINGS)


@app.command("check")
@click.argument("draft", metavar="DRAFT", type=_PATH)
@_STORE_OPTION
@click.option(
    "--cases",
    type=_PATH,
    default=None,
    help="Replay these request cases on the newest version and the draft (default: [tool.policyvc] cases, if set).",
)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check_cmd(draft: Path, store: Path | None, cases: Path | None, fmt: str) -> None:
    """Check a draft before filing it: what `ingest` would do, its diff and audit against the newest stored
    version (and the decisions that change, with cases); writes nothing. Exit 1 if anything needs fixing.
    """
    from policyvc.check import check_draft
    from policyvc.report.check import render_json, render_text

    if cases is None:
        from policyvc.config import project_settings, resolve_folder

        if project_settings()[0].get("cases") is not None:
            cases = resolve_folder(None, "cases", Path("cases"))
    if str(draft) == "-":
        from policyvc.store.ingest import stdin_bytes

        report = check_draft(Path("<stdin>"), _store(store), cases=cases, data=stdin_bytes())
    else:
        if not draft.is_file() and not draft.exists():
            raise PolicyError("no such file", source=str(draft))
        report = check_draft(draft, _store(store), cases=cases)
    _emit(render_json(report) if fmt == "json" else render_text(report), None)
    if report.findings:
        sys.exit(EXIT_FINDINGS)


@app.command("import-history")
@click.argument("repo", type=_PATH)
@click.argument("path")
@_STORE_OPTION
@click.option("--commit", is_flag=True, help="Record each version as a git commit in the store's repository.")
@click.option("--replace", is_flag=True, help="Replace different documents already stored under the same keys.")
def import_history_cmd(repo: Path, path: str, store: Path, commit: bool, replace: bool) -> None:
    """Ingest every distinct version of PATH in the git history of REPO."""
    from policyvc.store.importer import import_history

    result = import_history(repo, path, _store(store), commit=commit, replace=replace)
    _print_results(list(result.results))
    superseded = f", {result.superseded} superseded by a later commit with the same date" if result.superseded else ""
    click.echo(
        f"{result.commits} commit(s), {result.distinct} distinct version(s){superseded}: "
        f"{result.count('stored')} stored, {result.count('unchanged')} unchanged, {result.count('replaced')} replaced."
    )


@app.command()
@click.argument("reference")
@_STORE_OPTION
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--replaced", "only_replaced", is_flag=True, help="Only the sources --replace replaced (kept in the store)."
)
def log(reference: str, store: Path, fmt: str, only_replaced: bool = False) -> None:
    """List the stored versions of a policy, newest first, with their new revision-log entries and any earlier
    source a --replace replaced (kept in the store)."""
    from policyvc.store import Store
    from policyvc.store.log import version_log

    entries = version_log(Store(_store(store)), _reference(reference))
    if only_replaced:
        kept = [(e, r) for e in entries for r in e.replaced]
        if fmt == "json":
            import json

            rows = [{"reference": e.reference, "date": e.date.isoformat(), **r.to_dict()} for e, r in kept]
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for e, r in kept:
            filed = f"  filed {r.ingested_at}" if r.ingested_at else ""
            click.echo(f"{e.reference} @ {e.date.isoformat()}  replaced  sha256 {r.sha256[:12]}{filed}  {r.path}")
        if not kept:
            click.echo(f"no version of {_reference(reference)} was ever replaced", err=True)
        return
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
        if e.partial:
            click.echo(f"    partial: {len(e.partial)} region(s) could not be read (stored with --recover)")
        for r in e.replaced:  # what --replace replaced: kept in the store, never lost
            filed = f", filed {r.ingested_at}" if r.ingested_at else ""
            click.echo(f"    replaced: sha256 {r.sha256[:12]}{filed}, kept as {r.path}")


@app.command()
@click.argument("reference")
@click.option("--as-of", "as_of", type=DATE, default=None, help="The date the version was in force (default: today).")
@_STORE_OPTION
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "outline", "json"]),
    default="text",
    show_default=True,
    help="text: canonical policy text; outline: one node per line; json: the full AST.",
)
def show(reference: str, as_of: datetime.date | None, store: Path | None, fmt: str) -> None:
    """Print the version of a policy in force on a date (the latest version dated on or before it)."""
    from policyvc.renderer.policy import render_policy
    from policyvc.store import Store

    date = as_of or datetime.date.today()
    the_store = Store(_store(store))
    version = the_store.in_force(_reference(reference), date)
    text = the_store.stored_json(version) if fmt == "json" else None  # the stored AST, as is
    if text is None:
        text = render_policy(the_store.load(version), fmt)
    click.echo(f"{version.reference} @ {version.date.isoformat()} (in force on {date.isoformat()})", err=True)
    sys.stdout.write(text)


@app.command()
@click.argument("file", type=_PATH)
@click.option("--output", "-o", type=_PATH, help="Write here (atomically), not to stdout.")
@click.option(
    "--origins", is_flag=True, help="Prefix each line with the page it came from (`-` for synthesised lines)."
)
def extract(file: Path, output: Path | None, origins: bool) -> None:
    """Print the normalised text of a policy PDF or DOCX: exactly what the grammar reads (for debugging extraction).

    It is the grammar's text form, not a reading copy: a line with a backslash in front (`\\Second paragraph …`)
    is text that goes on with the list item above it, whatever it starts with: the backslash says so."""
    from policyvc.parser import extract_pdf, is_pdf_file, read_text
    from policyvc.parser.files import is_docx_file
    from policyvc.parser.normalize import normalize

    if is_pdf_file(file):
        extraction = extract_pdf(file)
        raw, where = extraction.text, extraction.origins
    elif is_docx_file(file):  # a Word document: its text with the list labels its numbering gives
        from policyvc.parser.docx import read_docx

        raw, where = read_docx(file).text, ()
    else:
        raw, where = read_text(file), ()
    norm = normalize(raw)
    lines = norm.text.split("\n")[:-1]
    if origins:
        out = []
        for line, (src, _) in zip(lines, norm.origin, strict=True):
            origin = where[src - 1] if 0 < src <= len(where) else None
            out.append(f"{origin.page if origin else '-'}\t{line}")
        lines = out
    _emit("\n".join(lines) + "\n" if lines else "", output)


@app.command()
@click.argument("file", type=_PATH)
@click.option("--output", "-o", type=_PATH, default=None, help="The folder to write into (default: FILE's folder).")
@click.option("--force", is_flag=True, help="Replace files of the same names (else nothing is written).")
def split(file: Path, output: Path | None, force: bool) -> None:
    """Split a file holding several policies (a binder) into one text file per policy, named by its reference.

    A PDF or DOCX is split in the normalised text `policyvc extract` gives; each file written parses as its
    policy would alone. With one policy in FILE nothing is written."""
    from policyvc.split import split_file

    if not file.is_file():
        raise PolicyError("no such file", source=str(file))
    result = split_file(file, output, force=force)
    if len(result.parts) < 2:
        part = result.parts[0]
        named = ", ".join(x for x in (part.reference, part.title) if x) or "no identifier or title stated"
        click.echo(f"{file}: one policy ({named}): nothing to split, nothing written", err=True)
        return
    for part in result.parts:
        named = ", ".join(x for x in (part.reference, part.title) if x) or "no identifier or title stated"
        click.echo(f"wrote  {part.path}  lines {part.first_line}-{part.last_line}  ({named})")


def _interrupts_raise() -> None:
    """From here on Ctrl-C is a KeyboardInterrupt that :func:`main` turns into exit 130 (``policyvc.__main__``
    handled it during start-up, before this module was imported)."""
    import _signal  # type: ignore[import-not-found]  # (`signal.py` takes a millisecond to import: its enums)
    import threading

    if threading.current_thread() is threading.main_thread():
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)


def _exit_interrupted() -> None:
    """Exit 130 now, whatever CPython recorded about the interrupt.

    When the KeyboardInterrupt was raised inside code run from a string (``exec``/``eval``: dataclasses and
    namedtuples build their methods so, during an import the command triggers), CPython records it as
    unhandled even though :func:`main` caught it, and at exit kills the process with SIGINT (exit -2) over
    our code. Every write is already finished or rolled back (the interrupt unwound through them), so the
    streams are flushed and the process ends here with exactly 130.
    """
    import contextlib
    import os

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed or broken stream: nothing more to say
            stream.flush()
    os._exit(EXIT_INTERRUPTED)


def main() -> None:
    """Entry point of the ``policyvc`` script and ``python -m policyvc``: every failure is one line and a code."""
    try:
        _interrupts_raise()
        from policyvc.config import check_environment

        check_environment()
        code = app(prog_name="policyvc", standalone_mode=False)  # --help, --version: their exit code
        sys.exit(code if isinstance(code, int) else 0)
    except click.ClickException as exc:  # a usage error: click's message on one line
        cmd = exc.ctx.command_path if isinstance(exc, click.UsageError) and exc.ctx else "policyvc"
        click.echo(f"error: {exc.format_message()} (see `{cmd} --help`)", err=True)
        sys.exit(EXIT_INPUT)
    except (click.exceptions.Abort, KeyboardInterrupt):  # Ctrl-C (click turns it into Abort)
        click.echo("interrupted (nothing is left half-written: every write is atomic)", err=True)
        _exit_interrupted()
    except PolicyError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    except BrokenPipeError:  # `policyvc … | head`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except OSError as exc:
        from policyvc.errors import describe_os_error

        click.echo(f"error: {describe_os_error(exc)}", err=True)
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # a bug: say so in one line, never a traceback
        click.echo(
            f"internal error: {type(exc).__name__}: {exc} — this is a bug in policyvc {__version__}; please report "
            "it with the command you ran",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


# --- commands of other modules: name each with ONE entry below (where it lives, its help's first paragraph) -----
assert isinstance(app, _Group)
app.lazy.update(
    {
        "rules": (
            "policyvc.rules.cli:rules_cmd",
            "Render every stored policy version into a Python module that decides requests (and a registry per "
            "policy).",
        ),
        "evaluate": (
            "policyvc.rules.cli:evaluate_cmd",
            "Decide a request by the version of REFERENCE in force: the decision, then its trace.",
        ),
        "impact": (
            "policyvc.rules.cli:impact_cmd",
            "Replay request cases against versions FROM and TO; exit 1 if any decision changes or needs "
            "re-attestation.",
        ),
        "site": (
            "policyvc.sitecmd:site_cmd",
            "Render every policy, version, diff, audit and blame as a MkDocs site for mkdocs-material.",
        ),
    }
)
