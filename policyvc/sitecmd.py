"""``policyvc site``: render the version store as a MkDocs documentation site (and build it with ``--build``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from policyvc.parser.errors import PolicyError

_PATH = click.Path(path_type=Path)


@click.command("site")
@click.option(
    "--store",
    type=_PATH,
    default=None,
    help="The version store (default: $POLICYVC_STORE, [tool.policyvc] store, else policy_versions).",
)
@click.option(
    "--out", type=_PATH, default=None, help="The MkDocs project to write (default: [tool.policyvc] site, else site)."
)
@click.option(
    "--build",
    "do_build",
    is_flag=True,
    help="Then run `mkdocs build --strict` into <out>/_build (skipped when nothing changed).",
)
@click.option(
    "--today", metavar="YYYY-MM-DD", default=None, help="Show the versions in force on this date (default: today)."
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, help="Render on this many processes (default: all cores)."
)
def site_cmd(store: Path | None, out: Path | None, do_build: bool, today: str | None, jobs: int | None) -> None:
    """Render every policy, version, diff, audit and blame as a MkDocs site for mkdocs-material."""
    from policyvc.config import resolve_folder, resolve_store
    from policyvc.dates import parse_date
    from policyvc.report.site import report
    from policyvc.site.build import build_site

    try:
        store = resolve_store(store)
        out = resolve_folder(out, "site", Path("site"))
        day = parse_date(today, source="<command line>", what="--today") if today else None
        result = build_site(store, out, build=do_build, today=day, jobs=jobs, log=lambda m: click.echo(m, err=True))
    except PolicyError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    report(result, asked_build=do_build)
