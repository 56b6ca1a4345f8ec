"""Print a :class:`~policyvc.build.BuildResult`: tables for people (text) or one JSON document for tools.

Both reporters print the same lines on stderr, in the same order: what could not be read, the PDF cache count,
a failed rule or site step, warnings, findings, and last the count of errors.  The text reporter puts the
tables and one-line summaries on stdout between them; the JSON reporter one document.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any, Protocol

from rich.console import Console

from policyvc.build import BuildResult, HistoryRecord, Output, OutputKind
from policyvc.parser.errors import PolicyError
from policyvc.renderer.build import BuildRow, build_table
from policyvc.renderer.summary import timeline_rich


class BuildReporter(Protocol):
    def report(self, result: BuildResult) -> None: ...


def reporter(fmt: str, console: Console | None = None) -> BuildReporter:
    """The reporter for ``--format`` ``text`` or ``json``."""
    return JsonReporter() if fmt == "json" else TextReporter(console)


def _err(line: str) -> None:
    print(line, file=sys.stderr)


def one_line(e: PolicyError) -> str:
    return str(e).split("\n", 1)[0]


def rows(result: BuildResult) -> list[BuildRow]:
    out = []
    for b in result.versions:
        v, s = b.version, b.summary
        out.append(
            BuildRow(
                v.reference,
                v.date,
                b.title,
                s.sets,
                s.numbered,
                s.criteria,
                s.dose_limits,
                s.durations,
                s.log_entries,
                s.states,
                partial=b.partial,
            )
        )
    return out


def output_line(o: Output, store: Path) -> str:
    if o.kind is OutputKind.RULES:
        return f"rules: {o.count} file(s) current in {o.folder}"
    from policyvc.report.command import program

    if not o.built:
        html = f"{program()} site --build --store {store} --out {o.folder}"
        return f"site: {o.count} pages rendered in {o.folder} (HTML: `{html}`)"
    serve = f"{program()} site --serve --store {store} --out {o.folder}"
    where = f"open {o.folder / '_build' / 'index.html'} or `{serve}`"
    return f"site: {o.count} pages built: {where}"


def _pdf_line(result: BuildResult) -> None:
    if result.pdfs is not None:
        _err(f"PDFs: {result.pdfs.extracted} extracted, {result.pdfs.cached} from the cache")


def _closing_lines(result: BuildResult) -> None:
    for w in result.warnings:
        _err(f"warning: {w}")
    for f in result.findings:
        _err(f"finding: {f}")


def _error_count(result: BuildResult) -> None:
    if result.errors:
        _err(f"error: {len(result.errors)} version(s) or folder(s) could not be read (listed above)")


TABLE_FILE = ".build-table.json"  # in the store: the version table as last printed to a log, and of which rows
LOG_WIDTH = 160  # the text report's width when stdout is no terminal (logs and CI), unless it has more columns


def _log_console(file: Any) -> Console:
    return Console(file=file, width=LOG_WIDTH, color_system=None, force_terminal=False, highlight=False)


def printed(record: HistoryRecord) -> str:
    """A policy's timeline exactly as the text report prints it to a log (:data:`LOG_WIDTH`, no colour).

    A build keeps it with the history: measuring rich's tables is most of a big report's time, and a build with
    nothing changed would otherwise spend it on every policy again.
    """
    buffer = io.StringIO()
    _log_console(buffer).print(timeline_rich(record.reference, record.rows, record.verdict, record.findings))
    return buffer.getvalue()


class TextReporter:
    """Tables and one-line summaries on stdout (rich; at least 160 columns when stdout is no terminal)."""

    def __init__(self, console: Console | None = None) -> None:
        self.out = console or Console(highlight=False)
        if not self.out.is_terminal:
            self.out.width = max(self.out.width, LOG_WIDTH)  # logs and CI: do not squeeze the tables to 80 columns
        # a log as :func:`printed` writes it: each policy's kept timeline is printed as it was kept
        out = self.out
        self.as_kept = (
            not out.is_terminal and out.width == LOG_WIDTH and out.color_system is None and out.encoding == "utf-8"
        )

    def _versions(self, result: BuildResult) -> None:
        """The table of every version; printed to a log, the text is kept in the store (:data:`TABLE_FILE`) and
        printed again as it is while the rows are the same (measuring a table of thousands of rows takes rich
        seconds)."""
        title, table_rows = f"policy_versions: {result.store}", rows(result)
        if not (self.as_kept and result.kept):
            self.out.print(build_table(table_rows, title=title))
            return
        import hashlib

        from policyvc.history.cache import read_cache, write_cache
        from policyvc.store.fingerprint import code_fingerprint

        made = json.dumps([title, LOG_WIDTH, code_fingerprint(), [r.to_dict() for r in table_rows]])
        key = hashlib.sha256(made.encode("utf-8")).hexdigest()
        path = result.store / TABLE_FILE
        body = read_cache(path, key)
        text = body.get("text") if body is not None else None
        if not isinstance(text, str):
            buffer = io.StringIO()
            _log_console(buffer).print(build_table(table_rows, title=title))
            text = buffer.getvalue()
            write_cache(path, key, {"text": text})
        self.out.file.write(text)

    def report(self, result: BuildResult) -> None:
        out = self.out
        for e in result.unreadable:
            _err(f"error: {one_line(e)}")
        self._versions(result)
        unread = len(result.unreadable)
        out.print(
            f"{len(result.versions)} version(s) of {result.policies} policy(ies) parsed"
            + (f", {unread} could not be read." if unread else ".")
        )
        _pdf_line(result)
        if result.synced is None:
            out.print("store: derived files not updated until every version can be read")
        else:
            s = result.synced
            out.print(f"store: {s.versions} version(s) current, {s.written} AST/metadata file(s) written.")
        for h in result.histories:
            if h.summary is None:
                out.print(f"{h.reference}: history skipped until its versions are filed under the right names.")
            elif self.as_kept and h.summary.printed:
                out.print()
                out.file.write(h.summary.printed)
            else:
                out.print()
                kept = h.summary
                out.print(timeline_rich(kept.reference, kept.rows, kept.verdict, kept.findings))
        for e in result.output_errors:
            _err(f"error: {one_line(e)}")
        for o in result.outputs:
            out.print(output_line(o, result.store), markup=False)
        _closing_lines(result)
        _error_count(result)


class JsonReporter:
    """One JSON document on stdout; the same lines as the text reporter on stderr."""

    def report(self, result: BuildResult) -> None:
        for e in result.unreadable:
            _err(f"error: {one_line(e)}")
        _pdf_line(result)
        for e in result.output_errors:
            _err(f"error: {one_line(e)}")
        _closing_lines(result)
        sys.stdout.write(json.dumps(document(result), indent=2, ensure_ascii=False) + "\n")
        _error_count(result)


def document(result: BuildResult) -> dict[str, Any]:
    """The JSON report: every version, timeline, audit, finding, warning, error and output."""
    return {
        "store": str(result.store),
        "versions": [r.to_dict() for r in rows(result)],
        "histories": [h.summary.json for h in result.histories if h.summary is not None],
        "findings": [str(f) for f in result.findings],
        "warnings": [str(w) for w in result.warnings],
        "errors": [one_line(e) for e in result.errors],
        "outputs": {o.kind.value: output_line(o, result.store) for o in result.outputs},
    }
