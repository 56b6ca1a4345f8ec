"""A decision for people: its outcome and why, then the trace as an indented tree (rich)."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from policyvc.rules.runtime import Decision

_MARK = {True: "[green]✓[/green]", False: "[red]✗[/red]", None: "[yellow]?[/yellow]"}


def _facts(reads: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in reads.items())


def print_decision(decision: Decision, console: Console | None = None) -> None:
    if console is None:
        console = Console(highlight=False, width=None if sys.stdout.isatty() else 10_000)
    out = console.print
    out(f"{escape(decision['policy'])}@{decision['version']} on {decision['date']}: [bold]{decision['outcome']}[/bold]")
    if decision["set"]:
        out(f"  set: {escape(decision['set'])} {escape(decision['set_title'] or '')}")
    d = decision.get("duration")
    if d:
        end = d["end"] or "unknown (needs " + ", ".join(d["missing"]) + ")"
        out(f"  duration ({escape(str(d['line_of_business']))}): {escape(str(d['text']))}: {d['start']} to {end}")
    r = decision.get("referral")
    if r:
        out(f"  referred to {escape(str(r['policy']))} ({escape(r['line_of_business'])}, by {escape(r['criterion'])})")
    for set_id, crit in decision["failed"].items():
        out(f"  {escape(set_id)} failed at {escape(crit)}")
    if decision["missing"]:
        out("  needs: " + escape(", ".join(decision["missing"])))
    if decision.get("reason"):
        out("  why: " + escape(decision.get("reason", "")))
    for c in decision.get("conflicts", ()):
        out(f"  conflict: {escape(c['criterion'])} computed {c['computed']}, attested {c['attested']}")
    unknown = decision.get("unknown_attestations")
    if unknown:
        said = escape(", ".join(unknown))
        out(f"  unknown attestations (not criteria of this version; decided without them): {said}")
    aside = decision.get("unknown_measures")
    if aside:
        out(f"  unknown measures (not compared by this version; set aside): {escape(', '.join(aside))}")
    trees: dict[str, Tree] = {}
    roots: list[Tree] = []
    for row in decision.get("trace", ()):
        label = f"{_MARK[row['value']]} {escape(row['id'])}  {escape(row['text'])}"
        where = f"line {row['line']}" + (f", page {row['page']}" if row["page"] else "")
        label += f"  [dim]({where}{'; ' + escape(_facts(row['reads'])) if row['reads'] else ''})[/dim]"
        parent = trees.get(row["parent"]) if row["parent"] else None
        node = parent.add(label) if parent is not None else Tree(label)
        if parent is None:
            roots.append(node)
        trees[row["id"]] = node
    for tree in roots:
        out(tree)
