"""Reading a held-out document as its facts are scored: the tree under ``--recover`` and its outline rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from policyvc.parser import parse_file_report
from policyvc.parser.nodes import Policy, Section, Table
from policyvc.renderer.outline import render_outline


def read_held(path: Path) -> tuple[Policy, dict[str, str]]:
    """The policy read with ``--recover`` and its outline's rows, {node id: kind}."""
    policy = parse_file_report(path, recover=True).policy
    rows = {}
    for line in render_outline(policy).splitlines():
        node, kind, *_ = [*line.split("\t"), ""]
        rows[node] = kind
    return policy, rows


def log_dates(policy: Policy) -> list[dt.date]:
    """The dates of the policy's history entries, oldest first."""
    return sorted(e.date for e in policy.revision_log if e.date is not None)


def body_tables(policy: Policy) -> list[Table]:
    """The tables of the policy's body in document order (a section's own tables, then its subsections')."""
    out: list[Table] = []
    stack = list(policy.body)
    while stack:
        s = stack.pop(0)
        out.extend(b for b in s.blocks if isinstance(b, Table))
        stack[0:0] = [b for b in s.blocks if isinstance(b, Section)]
    return out


def section_titles(policy: Policy) -> list[str]:
    """The titles of the policy's body sections at every depth, in document order (depth first)."""
    out: list[str] = []
    stack = list(reversed(policy.body))
    while stack:
        s = stack.pop()
        if s.title:
            out.append(s.title)
        stack.extend(reversed([b for b in s.blocks if isinstance(b, Section)]))
    return out


def body_texts(policy: Policy, *, titles: bool = False) -> list[str]:
    """The texts of the policy's body blocks at every depth in document order (depth first); ``titles``: each
    section's title too, before its blocks."""
    out: list[str] = []
    stack: list[object] = list(reversed(policy.body))
    while stack:
        b = stack.pop()
        if isinstance(b, Section):
            if titles:
                out.append(b.title)
            stack.extend(reversed(b.blocks))
        elif isinstance(text := getattr(b, "text", None), str):
            out.append(text)
    return out


def find_section(policy: Policy, title: str) -> Section:
    """The first body section (breadth first) with ``title``."""
    stack = list(policy.body)
    while stack:
        s = stack.pop(0)
        if s.title == title:
            return s
        stack.extend(b for b in s.blocks if isinstance(b, Section))
    raise AssertionError(f"no section {title!r}")
