"""``policyvc site``: render the version store as a MkDocs documentation site (and build it with ``--build``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from policyvc.errors import PolicyError

_PATH = click.Path(path_type=Path)


def _old_name(ctx: click.Context, name: str, value: object) -> object:
    """An option's old, hidden name: its value goes to the new one's parameter."""
    if value is not None:
        ctx.params[name] = value
    return value


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
    "--as-of",
    "today",
    metavar="YYYY-MM-DD",
    default=None,
    is_eager=True,  # read before the hidden --today, which may then replace it
    help="Show the versions in force on this date (default: today).",
)
@click.option("--today", hidden=True, expose_value=False, callback=lambda ctx, _p, v: _old_name(ctx, "today", v))
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, help="Render on this many processes (default: all cores)."
)
@click.option(
    "--serve",
    is_flag=True,
    help="Then serve the built site on http://127.0.0.1:PORT/ (search works there); Ctrl-C stops.",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port of --serve (0: any free)."
)
def site_cmd(
    store: Path | None, out: Path | None, do_build: bool, today: str | None, jobs: int | None, serve: bool, port: int
) -> None:
    """Render every policy, version, diff, audit and blame as a MkDocs site for mkdocs-material."""
    do_build = do_build or serve
    from policyvc.config import resolve_folder, resolve_store
    from policyvc.dates import parse_date
    from policyvc.report.site import report
    from policyvc.site.build import build_site

    try:
        store = resolve_store(store)
        out = resolve_folder(out, "site", Path("site"))
        day = parse_date(today, source="<command line>", what="--as-of") if today else None
        result = build_site(store, out, build=do_build, today=day, jobs=jobs, log=lambda m: click.echo(m, err=True))
    except PolicyError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    report(result, asked_build=do_build and not serve, store=store)
    if serve:
        from policyvc.serve import serve_site

        try:
            serve_site(
                out / "_build", port, lambda url: click.echo(f"serving {out / '_build'} at {url} (Ctrl-C stops)")
            )
        except PolicyError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:  # Ctrl-C is how a server is stopped: no more to say than that
            click.echo("stopped", err=True)
            sys.exit(130)
