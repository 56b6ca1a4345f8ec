"""Print a :class:`~policyvc.site.build.SiteResult`: one summary line, and where to open a built site."""

from __future__ import annotations

from pathlib import Path

from policyvc.site.build import SiteResult


def summary_line(result: SiteResult) -> str:
    """Pages, what was written, whether MkDocs ran, and where the time went."""
    w = result.write
    state = "built" if result.built else "build skipped (unchanged)" if w.unchanged and not w.changed else "rendered"
    times = ", ".join(f"{k} {v:.2f}s" for k, v in result.seconds.items()) + "; * summed over render workers"
    reused = f"{result.reused} polic{'y' if result.reused == 1 else 'ies'}"
    return (
        f"site: {result.pages} pages ({reused} unchanged since the last render), "
        f"{len(w.written)} file(s) written, {w.unchanged} unchanged, {len(w.removed)} removed; {state} "
        f"({times}) → {result.out}"
    )


def report(result: SiteResult, *, asked_build: bool, store: Path) -> None:
    """What ``policyvc site`` prints on stdout (``asked_build``: ``--build`` was given)."""
    print(summary_line(result))
    if asked_build:
        out = result.out
        from policyvc.report.command import program

        print(f"open {out / '_build' / 'index.html'} or run: {program()} site --serve --store {store} --out {out}")
