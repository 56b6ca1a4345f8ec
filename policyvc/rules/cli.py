"""The ``rules``, ``evaluate`` and ``impact`` commands (registered in ``policyvc/cli.py``; heavy imports inside)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from policyvc.errors import PolicyError

_PATH = click.Path(path_type=Path)


def _fail(exc: PolicyError) -> NoReturn:
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


def _store(store: Path | None) -> Path:
    from policyvc.config import resolve_store

    return resolve_store(store)


def _out(out: Path | None) -> Path:
    from policyvc.config import resolve_folder

    return resolve_folder(out, "rules", Path("rules"))


@click.command("rules")
@click.option("--store", type=_PATH, help="The version store (default policy_versions/, or [tool.policyvc] store).")
@click.option("--out", type=_PATH, help="Where the modules go (default rules/, or [tool.policyvc] rules).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 with a diff if the modules are not current.")
@click.option("--schema", "schema_ref", metavar="REF", help="Print the JSON Schema of REF's requests instead.")
@click.option(
    "--coverage",
    "coverage_ref",
    metavar="[REF]",
    is_flag=False,
    flag_value="",
    default=None,
    help="Print, per stored version (of REF), each leaf criterion: computed, or a judgment and the words not read.",
)
@click.option("--json", "as_json", is_flag=True, help="With --coverage: JSON instead of text.")
def rules_cmd(
    store: Path | None, out: Path | None, check: bool, schema_ref: str | None, coverage_ref: str | None, as_json: bool
) -> None:
    """Render every stored policy version into a Python module that decides requests (and a registry per policy)."""
    store, out = _store(store), _out(out)
    try:
        if coverage_ref is not None:
            from policyvc.rules.coverage import coverage, render_json, render_text
            from policyvc.rules.versions import load_versions

            reports = [coverage(v.policy, v.date) for v in load_versions(store, coverage_ref or None)]
            if as_json:
                click.echo(json.dumps(render_json(reports), indent=2, ensure_ascii=False))
            else:
                sys.stdout.write(render_text(reports))
            return
        if schema_ref is not None:
            from policyvc.rules.request import schema
            from policyvc.rules.versions import load_versions
            from policyvc.store.meta import named_reference

            versions = load_versions(store, schema_ref)
            request_schema = schema(named_reference(schema_ref), [v.policy for v in versions])
            click.echo(json.dumps(request_schema, indent=2, ensure_ascii=False))
            return
        if check:
            from policyvc.rules.check import check_rules

            drifts = check_rules(store, out)
            for d in drifts:
                click.echo(f"{(out / d.path).as_posix()}: {d.kind}", err=True)
            for d in drifts:
                sys.stdout.write(d.diff)
            if drifts:
                click.echo(f"{len(drifts)} generated file(s) not current: run `policyvc rules`", err=True)
                sys.exit(1)
            click.echo(f"{out.as_posix()}: current")
            return
        from policyvc.rules.generate import write_rules

        written = write_rules(store, out)
        click.echo(f"{out.as_posix()}: {len(written)} files")
    except PolicyError as exc:
        _fail(exc)


def _in_force(store: Path, reference: str, on: Any) -> Any:
    from policyvc.dates import in_force
    from policyvc.rules.versions import load_versions
    from policyvc.store.meta import named_reference

    return in_force(load_versions(store, reference), on, what=f"version of {named_reference(reference)}")


@click.command("evaluate")
@click.argument("reference")
@click.argument("request_file", metavar="REQUEST.json", type=_PATH)
@click.option("--as-of", "as_of", metavar="DATE", help="Use the version in force on DATE (default: the request date).")
@click.option("--store", type=_PATH, help="The version store (default policy_versions/).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def evaluate_cmd(reference: str, request_file: Path, as_of: str | None, store: Path | None, fmt: str) -> None:
    """Decide a request by the version of REFERENCE in force: the decision, then its trace."""
    from policyvc.dates import parse_date
    from policyvc.rules import runtime as rt
    from policyvc.rules.generate import render_module
    from policyvc.rules.load import load_module
    from policyvc.rules.request import check_request, read_request

    try:
        request = read_request(request_file)
        facts = check_request(request, str(request_file))
        on = parse_date(as_of, what="--as-of") if as_of else facts.date
        version = _in_force(_store(store), reference, on)
        module = load_module(
            render_module(version.policy, version.date, version.sha256, version.reference, version.unread),
            str(version.path),
        )
        try:
            decision = module.evaluate(request, trace=True)
        except rt.RequestError as exc:
            raise PolicyError(str(exc), source=str(request_file)) from None
    except PolicyError as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps(decision, indent=2, ensure_ascii=False))
        return
    from policyvc.rules.show import print_decision

    print_decision(decision)


@click.command("impact")
@click.argument("reference")
@click.argument("from_date", metavar="FROM")
@click.argument("to_date", metavar="TO")
@click.option("--cases", type=_PATH, required=True, help="A folder of request (or decision-table) JSON files.")
@click.option("--store", type=_PATH, help="The version store (default policy_versions/).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def impact_cmd(reference: str, from_date: str, to_date: str, cases: Path, store: Path | None, fmt: str) -> None:
    """Replay request cases against versions FROM and TO; exit 1 if any decision changes or needs re-attestation."""
    from policyvc.dates import parse_date
    from policyvc.rules.impact import Impact, impact_cases, read_cases, render_json, render_text

    try:
        root = _store(store)
        old = _in_force(root, reference, parse_date(from_date, what="FROM"))
        new = _in_force(root, reference, parse_date(to_date, what="TO"))
        imp = Impact(old.policy, old.date, new.policy, new.date, (old.unread, new.unread))
        results = impact_cases(imp, read_cases(cases))
    except PolicyError as exc:
        _fail(exc)
    if fmt == "json":
        sys.stdout.write(render_json(results))
    else:
        sys.stdout.write(render_text(results, f"{reference}@{old.date}", f"{reference}@{new.date}"))
    if any(r.flipped or (r.rereview and not r.skipped) for r in results):
        sys.exit(1)
