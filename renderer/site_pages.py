"""The pages of the documentation site, as Markdown: one function per kind of page, jinja2 for the frame.

A page's frame (title, facts, links, headings) is a template in ``templates/site/``; what repeats per node
(the criteria tree, the diff tree, tables) is written here as raw HTML.  The templates' environment refuses
to print any value that is not explicitly escaped: every ``{{ … }}`` goes through ``h`` (raw HTML), ``heading``
(a Markdown heading), ``title`` / ``yaml`` (titles and front matter), or is :class:`~markupsafe.Markup` built
here from escaped parts — so no policy text can reach a page unescaped by omission.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from policyvc.history.audit import AuditReport, PairAudit, Tie, TieKind
from policyvc.history.blame import BlameReport, Origin
from policyvc.history.diff import Edit, EditKind
from policyvc.history.semantic import Direction
from policyvc.parser.walk import NodeKind, Visit, walk
from policyvc.renderer.audit import what_changed, words
from policyvc.renderer.diff import move_place
from policyvc.renderer.escape import heading, html, markdown, one_line, yaml_string  # noqa: F401 - (named here too)
from policyvc.renderer.outline import outline_rows
from policyvc.renderer.site_frame import (  # noqa: F401 - the frame's, named here too
    NAV_GROUP,
    PolicyRow,
    Snap,
    environment,
    family_of,
    home_page,
    mkdocs_yml,
    nav_title,
    policies_page,
    render,
)
from policyvc.renderer.site_tree import PART_TITLES, PageLinks, PolicyBody

KIND_WORDS = {
    EditKind.INSERT: "inserted", EditKind.DELETE: "deleted", EditKind.UPDATE: "reworded", EditKind.MOVE: "moved",
    EditKind.RENUMBER: "renumbered", EditKind.ROW_INSERT: "row inserted", EditKind.ROW_DELETE: "row deleted",
    EditKind.ROW_UPDATE: "row changed",
}  # fmt: skip


# --- the model of one policy's pages ----------------------------------------------------------


class SnapView:
    """One version's walk (list and by id), outline texts and page bodies (by link prefix), each made once."""

    def __init__(self, snap: Snap) -> None:
        self.snap = snap
        self.walk = list(walk(snap.policy))
        self.by_id = {v.id: v for v in self.walk}
        self.texts = {i: t for i, _, t in outline_rows(snap.policy)}
        self._bodies: dict[str, tuple[Markup, frozenset[str]]] = {}

    def body(self, prefix: str) -> tuple[Markup, frozenset[str]]:
        if prefix not in self._bodies:
            self._bodies[prefix] = _body(self.snap, prefix)
        return self._bodies[prefix]

    @property
    def ids(self) -> frozenset[str]:
        """Every anchor a page of this version defines."""
        return next(iter(self._bodies.values()))[1] if self._bodies else self.body("")[1]


@dataclass(slots=True)
class PolicyModel:
    """Everything the pages of one policy show, computed once."""

    reference: str
    snaps: tuple[Snap, ...]
    current: Snap  # in force today (the first version if none is in force yet: then ``in_force`` is False)
    report: AuditReport
    pairs: dict[tuple[dt.date, dt.date], PairAudit]
    blame: BlameReport
    rules: dict[dt.date, str] = field(default_factory=dict)  # date -> rule module's path inside the site
    in_force: bool = True
    _views: dict[dt.date, SnapView] = field(default_factory=dict)

    def view(self, snap: Snap) -> SnapView:
        """The walk, texts and rendered bodies of one version, computed once per policy."""
        if snap.date not in self._views:
            self._views[snap.date] = SnapView(snap)
        return self._views[snap.date]

    @property
    def latest(self) -> Snap:
        return self.snaps[-1]

    @property
    def drug(self) -> str:
        return self.latest.policy.header.title or self.reference

    @property
    def findings(self) -> int:
        """Open audit findings: undocumented changes, unbacked claims (consecutive steps), out-of-order dates."""
        return self.report.findings  # the audit's own count: the same as build's summary and ``check``

    def consecutive(self) -> list[tuple[Snap, Snap]]:
        return list(itertools.pairwise(self.snaps))


def diff_name(a: dt.date, b: dt.date) -> str:
    return f"{a.isoformat()}_{b.isoformat()}"


def _log_entries(snap: Snap, previous: Snap | None) -> list[tuple[str, str]]:
    """The revision-log entries a version added (its own-dated entries for the first stored version)."""
    seen = set()
    if previous is not None:
        seen = {(e.date, one_line(e.description)) for e in previous.policy.revision_log}
    out = []
    for e in snap.policy.revision_log:
        key = (e.date, one_line(e.description))
        if key in seen or (previous is None and e.date != snap.date):
            continue
        out.append((e.date.isoformat() if e.date else "undated", e.description))
    return out


# --- pages --------------------------------------------------------------------------------------


def _facts(model: PolicyModel, snap: Snap) -> Markup:
    h = snap.policy.header
    rows = [
        ("Reference", html(model.reference)),
        ("Drug", html(h.title)),
        ("Effective date", h.effective_date.isoformat() if h.effective_date else "—"),
        ("Last review", html(str(h.last_review)) if h.last_review else "—"),
        ("Lines of business", html(", ".join(h.lines_of_business)) or "—"),
        (
            "Version",
            f'{snap.date.isoformat()} <span class="pv-muted">(latest revision-log date; '
            f"source {html(snap.source_name or 'policy')})</span>",
        ),
    ]
    ids = {
        "Reference": "header.reference",
        "Drug": "header.title",
        "Effective date": "header.effective",
        "Last review": "header.review",
        "Lines of business": "header.lob",
    }
    body = "".join(
        f'<tr id="{ids[k]}"><th>{k}</th><td>{v}</td></tr>' if k in ids else f"<tr><th>{k}</th><td>{v}</td></tr>"
        for k, v in rows
    )
    return Markup(f'<table class="pv-facts"><tbody>{body}</tbody></table>')


def _body(snap: Snap, pdf_prefix: str) -> tuple[Markup, frozenset[str]]:
    links = PageLinks(pdf=pdf_prefix + snap.pdf if snap.pdf else None)
    gen = PolicyBody(snap.policy, links)
    gen.run(snap.policy)
    text = gen.result()
    ids = gen.ids | {"header.reference", "header.title", "header.effective", "header.review", "header.lob"}
    return Markup(text), ids


def policy_page(model: PolicyModel) -> str:
    snap = model.current
    body, _ = model.view(snap).body("")
    in_force = model.in_force
    idx = model.snaps.index(snap)
    latest_diff = diff_name(model.snaps[idx - 1].date, snap.date) if idx > 0 else None
    return render(
        "policy.md.j2",
        model=model,
        snap=snap,
        facts=_facts(model, snap),
        body=body,
        in_force=in_force,
        latest_diff=latest_diff,
        rule=model.rules.get(snap.date),
        versions=len(model.snaps),
    )


def version_page(model: PolicyModel, k: int) -> str:
    snap = model.snaps[k]
    body, _ = model.view(snap).body("../")
    nxt = model.snaps[k + 1] if k + 1 < len(model.snaps) else None
    prev = model.snaps[k - 1] if k > 0 else None
    cur = model.snaps.index(model.current) if model.in_force else -1
    status = "superseded" if k < cur else "in force today" if k == cur else "not yet in force"
    return render(
        "version.md.j2",
        model=model,
        snap=snap,
        prev=prev,
        next=nxt,
        status=status,
        facts=_facts(model, snap),
        body=body,
        diff_prev=diff_name(prev.date, snap.date) if prev else None,
        diff_next=diff_name(snap.date, nxt.date) if nxt else None,
        rule=model.rules.get(snap.date),
    )


def timeline_page(model: PolicyModel) -> str:
    rows = []
    for k, snap in enumerate(model.snaps):
        prev = model.snaps[k - 1] if k else None
        pair = model.pairs.get((prev.date, snap.date)) if prev else None
        entries = "".join(f"<li><strong>{d}</strong> {html(text)}</li>" for d, text in _log_entries(snap, prev))
        if pair is None:
            changes = "first stored version"
        else:
            findings = len(pair.undocumented) + len(pair.unbacked)
            verdict = (
                f'<span class="pv-verdict pv-bad">{findings} unexplained</span>'
                if findings
                else '<span class="pv-verdict pv-ok">explained</span>'
            )
            changes = (
                (
                    f'<a href="diff/{diff_name(prev.date, snap.date)}.html">{len(pair.script.changes)} change(s), '
                    f"{len(pair.script.renumbers)} renumber(s)</a> {verdict}"
                )
                if prev
                else ""
            )
        badge = (
            ' <span class="pv-tag pv-tag--current">in force today</span>'
            if snap is model.current and model.in_force
            else ""
        )
        if snap.partial:
            badge += f' <span class="pv-tag" title="{len(snap.partial)} region(s) could not be read">partial</span>'
        rows.append(
            Markup(
                f'<tr id="v{snap.date.isoformat()}"><td><a href="versions/{snap.date.isoformat()}.html">'
                f'{snap.date.isoformat()}</a>{badge}</td><td><ul class="pv-log">{entries}</ul></td>'
                f"<td>{changes}</td></tr>"
            )
        )
    return render("timeline.md.j2", model=model, rows=rows, matrix=_matrix(model))


def _matrix(model: PolicyModel) -> Markup:
    """Compare any two versions: a from × to grid linking every diff page there is."""
    dates = [s.date for s in model.snaps]
    if len(dates) < 2:
        return Markup("")
    head = "".join(f"<th>{d.isoformat()}</th>" for d in dates[1:])
    rows = []
    for a in dates[:-1]:
        cells = []
        for b in dates[1:]:
            if (a, b) in model.pairs:
                n = len(model.pairs[(a, b)].script.changes)
                cells.append(f'<td><a href="diff/{diff_name(a, b)}.html" title="{a} → {b}">{n} change(s)</a></td>')
            else:
                cells.append('<td class="pv-muted">—</td>' if b <= a else '<td class="pv-muted">·</td>')
        rows.append(f"<tr><th>{a.isoformat()}</th>{''.join(cells)}</tr>")
    return Markup(
        f'<div class="pv-matrix"><table><thead><tr><th>from \\ to</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _labels(e: Edit) -> str:
    out = []
    for lb in e.labels:
        cls = {Direction.MORE: "more", Direction.LESS: "less"}.get(lb.direction, "neutral")
        out.append(f'<span class="pv-label pv-label--{cls}">{html(str(lb))}</span>')
    return " ".join(out)


def verdict(tie: Tie | None) -> str:
    """The audit's verdict beside a change: the clause that explains it, or undocumented."""
    if tie is None:
        return '<span class="pv-verdict pv-bad">undocumented</span>'
    if tie.how is TieKind.ADMINISTRATIVE:
        why = "review date of the new log entry"
    elif tie.how is TieKind.COSMETIC:
        why = "punctuation only"
    elif tie.claim is not None:
        date = tie.claim.date.isoformat() if tie.claim.date else "undated"
        how = " (with its parent or child change)" if tie.how is TieKind.INHERITED else ""
        why = f"{date}: “{html(tie.claim.clause)}”{how}"
    else:  # pragma: no cover - a terms tie always has its claim
        why = "explained"
    said = words(tie.matches, tie.shared)
    shared = f' title="evidence: {html(said)}"' if said else ""
    return f'<span class="pv-verdict pv-ok"{shared}>{why}</span>'


def _redline(e: Edit) -> str:
    parts = []
    for op, text in e.redline:
        if op == "=":
            parts.append(html(text))
        elif op == "-":
            parts.append(f'<del class="pv-del">{html(text)}</del>')
        else:
            parts.append(f'<ins class="pv-ins">{html(text)}</ins>')
    return " ".join(parts)


class _Lists:
    """Nested ``<ul>``/``<li>`` written from pre-ordered (depth, line) items."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tags: list[tuple[str, int]] = []

    def item(self, depth: int, line: str, attrs: str = "") -> None:
        while self.tags:
            tag, d = self.tags[-1]
            if (tag == "li" and d >= depth) or (tag == "ul" and d > depth):
                self.lines.append(f"</{tag}>")
                self.tags.pop()
            else:
                break
        if not self.tags or self.tags[-1] != ("ul", depth):
            self.lines.append("<ul>")
            self.tags.append(("ul", depth))
        self.tags.append(("li", depth))
        self.lines.append(f"<li{attrs}>{line}")

    def close(self) -> list[str]:
        while self.tags:
            self.lines.append(f"</{self.tags.pop()[0]}>")
        out, self.lines = self.lines, []
        return out


def _change_line(
    e: Edit, tie: Tie | None, old_ids: frozenset[str], new_ids: frozenset[str], old_page: str, new_page: str
) -> str:
    kind = f'<span class="pv-kind pv-kind--{e.kind.value}">{KIND_WORDS[e.kind]}</span>'
    marker = e.new_marker if e.new_id else e.old_marker
    mark = f"<b>{html(marker)}.</b> " if marker and e.node is NodeKind.CRITERION else ""
    if e.kind.is_insert:
        text = f'<ins class="pv-ins">{html(e.new_text or "")}</ins>'
    elif e.kind.is_delete:
        text = f'<del class="pv-del">{html(e.old_text or "")}</del>'
    elif e.redline:
        text = _redline(e)
    else:
        text = html(e.new_text or "")
    extra = []
    if e.kind is EditKind.MOVE:
        extra.append(f'<span class="pv-muted">{html(move_place(e))}</span>')
    if e.old_marker != e.new_marker and e.old_marker and e.new_marker:
        extra.append(f'<span class="pv-muted">{html(e.old_marker)} → {html(e.new_marker)}</span>')
    links = []
    if e.old_id and e.old_id in old_ids and e.old_id != e.new_id:
        links.append(f'<a class="pv-id" href="{old_page}#{e.old_id}" title="In the old version">{e.old_id}</a>')
    if e.new_id and e.new_id in new_ids:
        links.append(f'<a class="pv-id" href="{new_page}#{e.new_id}" title="In the new version">{e.new_id}</a>')
    if e.kind.is_row and e.key:
        mark = f"<b>{html(e.key)}</b> "
    parts = [kind, f"{mark}{text}", *extra, _labels(e)]
    line = " ".join(p for p in parts if p)
    content = ""
    if e.content:
        tag = "ins" if e.kind.is_insert else "del"
        items = "".join(f'<li><{tag} class="pv-{tag}">{html(c)}</{tag}></li>' for c in e.content)
        content = f'<ul class="pv-content">{items}</ul>'
    if e.is_renumber:
        return f'<div class="pv-line">{line} {" ".join(links)}</div>{content}'
    return f'<div class="pv-line">{line} {" ".join(links)}</div><div class="pv-why">{verdict(tie)}</div>{content}'


def _context_line(v: Visit, text: str) -> str:
    if v.kind is NodeKind.SET or v.kind is NodeKind.APPENDIX:
        prefix = f"{html(v.marker)}. " if v.marker else ""
        return f'<div class="pv-line pv-context"><strong>{prefix}{html(text)}</strong></div>'
    marker = f"<b>{html(v.marker)}.</b> " if v.marker and v.kind is NodeKind.CRITERION else ""
    return f'<div class="pv-line pv-context">{marker}{html(text)}</div>'


def _top_title(v: Visit, text: str) -> str:
    if v.kind is NodeKind.SECTION:
        return f"{v.id}. {text}"
    return PART_TITLES.get(v.id, v.id)


def diff_tree(pair: PairAudit, old: SnapView, new: SnapView, old_page: str, new_page: str) -> Markup:
    """The changes in the new version's tree: changed nodes with their ancestors as context, deletions placed
    under the new partner of their old parent, every change with its labels and the audit's verdict."""
    ties = {id(t.edit): t for t in pair.ties}
    new_walk, by_id, old_by_id, texts = new.walk, new.by_id, old.by_id, new.texts
    old_ids, new_ids = old.ids, new.ids
    partner = dict(pair.script.matches)
    at: dict[str, list[Edit]] = defaultdict(list)  # new id -> edits shown on that node
    under: dict[str, list[Edit]] = defaultdict(list)  # new id -> deletions shown as its children
    orphans: list[Edit] = []
    for e in pair.script.edits:
        if e.new_id and e.new_id in by_id:
            at[e.new_id].append(e)
            continue
        parent = partner.get(e.old_parent or "")
        if parent is None and e.old_id in old_by_id:  # the old parent went too: climb to a kept ancestor
            p = old_by_id[e.old_id].parent
            while p is not None and p not in partner:
                p = old_by_id[p].parent if p in old_by_id else None
            parent = partner.get(p or "")
        if parent is not None and parent in by_id and parent != "policy":
            under[parent].append(e)
        else:
            orphans.append(e)
    shown: set[str] = set()
    for node_id in [*at, *under]:
        cur: str | None = node_id
        while cur is not None and cur not in shown:
            shown.add(cur)
            cur = by_id[cur].parent if cur in by_id else None
    out: list[str] = []
    lists = _Lists()
    block_open = False

    def flush() -> None:
        nonlocal block_open
        if block_open:
            out.extend([*lists.close(), "</div>", ""])
            block_open = False

    for v in new_walk:
        if v.id not in shown or v.kind is NodeKind.POLICY:
            continue
        if v.depth == 1:
            flush()
            out.extend(["", f"## {heading(_top_title(v, texts.get(v.id, '')))} {{ #new.{v.id} }}", ""])
        else:
            if not block_open:
                out.append('<div class="pv-tree pv-diff">')
                block_open = True
            edits = at.get(v.id, [])
            if edits:
                for e in edits:
                    cls = f"pv-ch pv-ch--{e.kind.value}"
                    lists.item(
                        v.depth - 2,
                        _change_line(e, ties.get(id(e)), old_ids, new_ids, old_page, new_page),
                        f' class="{cls}" id="new.{v.id}"',
                    )
            else:
                lists.item(v.depth - 2, _context_line(v, texts.get(v.id, v.id)))
        for e in under.get(v.id, []):
            if not block_open:
                out.append('<div class="pv-tree pv-diff">')
                block_open = True
            lists.item(
                max(v.depth - 1, 0),
                _change_line(e, ties.get(id(e)), old_ids, new_ids, old_page, new_page),
                f' class="pv-ch pv-ch--{e.kind.value}" id="old.{e.old_id}"',
            )
    flush()
    if orphans:
        out.extend(["", "## Elsewhere { #elsewhere }", "", '<div class="pv-tree pv-diff">'])
        for e in orphans:
            lists.item(
                0,
                _change_line(e, ties.get(id(e)), old_ids, new_ids, old_page, new_page),
                f' class="pv-ch pv-ch--{e.kind.value}" id="old.{e.old_id}"',
            )
        out.extend([*lists.close(), "</div>", ""])
    return Markup("\n".join(out))


def diff_page(model: PolicyModel, a: Snap, b: Snap) -> str:
    pair = model.pairs[(a.date, b.date)]
    old_page, new_page = f"../versions/{a.date.isoformat()}.html", f"../versions/{b.date.isoformat()}.html"
    tree = diff_tree(pair, model.view(a), model.view(b), old_page, new_page)
    counts = pair.script.counts()
    summary = [(KIND_WORDS[EditKind(k)], n) for k, n in counts.items() if n]
    log = [
        Markup(f"<li><strong>{e.date.isoformat() if e.date else 'undated'}</strong> {html(e.description)}</li>")
        for e in pair.script.log_added
    ]
    unbacked = [
        Markup(f"<li>{c.date.isoformat() if c.date else 'undated'}: “{html(c.clause)}”</li>") for c in pair.unbacked
    ]
    rereads = [  # one text read in two shapes: no change, listed so that nothing is hidden
        Markup(
            f'<li>{html(" / ".join(x.old_lines))} <span class="pv-reread">→ read as</span> '
            f"{html(' / '.join(x.new_lines))}</li>"
        )
        for x in pair.script.rereads
    ]
    dates = [s.date for s in model.snaps]
    k = dates.index(b.date)
    consecutive = k > 0 and dates[k - 1] == a.date
    prev_pair = next_pair = None
    if consecutive:
        if k > 1:
            prev_pair = diff_name(dates[k - 2], dates[k - 1])
        if k + 1 < len(dates):
            next_pair = diff_name(dates[k], dates[k + 1])
    return render(
        "diff.md.j2",
        model=model,
        a=a,
        b=b,
        pair=pair,
        tree=tree,
        summary=summary,
        log=log,
        unbacked=unbacked,
        rereads=rereads,
        undocumented=len(pair.undocumented),
        prev_pair=prev_pair,
        next_pair=next_pair,
    )


def audit_page(model: PolicyModel) -> str:
    steps = []
    for p in model.report.pairs:
        name = diff_name(p.old, p.new)
        undoc = [
            Markup(
                f'<li><a href="diff/{name}.html#{_change_anchor(e)}">{KIND_WORDS[e.kind]} '
                f"{html(e.new_id or e.old_id or '?')}</a>: {html(what_changed(e))}</li>"
            )
            for e in p.undocumented
        ]
        unbacked = [
            Markup(f"<li>{c.date.isoformat() if c.date else 'undated'}: “{html(c.clause)}”</li>") for c in p.unbacked
        ]
        steps.append(
            {
                "old": p.old,
                "new": p.new,
                "name": name,
                "changes": len(p.script.changes),
                "ties": len(p.ties),
                "undoc": undoc,
                "unbacked": unbacked,
                "clean": p.clean,
            }
        )
    order = [
        Markup(f"<li>{o.date.isoformat()} listed after {o.after.isoformat()}: {html(_short(o.entry))}</li>")
        for o in model.report.out_of_order
    ]
    return render("audit.md.j2", model=model, steps=steps, order=order)


def _change_anchor(e: Edit) -> str:
    return f"new.{e.new_id}" if e.new_id else f"old.{e.old_id}"


def _short(text: str, n: int = 110) -> str:
    t = one_line(text)
    return t if len(t) <= n else t[: n - 1] + "…"


def _origin(o: Origin) -> str:
    """A Markdown table cell: the version (linked) and the log entry that explains the change."""
    if o.undocumented:  # the audit's verdict: no log entry explains this change
        entry = "**undocumented** (no revision-log entry explains it)"
    else:
        entry = markdown(_short(o.entry, 90)) if o.entry else "first stored version"
    return f"[{o.date.isoformat()}](versions/{o.date.isoformat()}.md) — {entry}"


def blame_page(model: PolicyModel, present: frozenset[str]) -> str:
    """A Markdown table (not raw HTML: MkDocs parses every raw tag twice), one row per set and criterion."""
    rows = []
    for ln in model.blame.lines:
        indent = "&#160;" * (3 * ln.depth)
        marker = f"{markdown(ln.marker)}. " if ln.marker else ""
        ref = f"[{ln.id}](index.md#{ln.id})" if ln.id in present else ln.id
        changed = _origin(ln.changed) if ln.changed != ln.introduced else "never reworded"
        rows.append(
            Markup(
                f"| {ref} {{ #{ln.id} }} | {indent}{marker}{markdown(_short(ln.text, 160))} | "
                f"{_origin(ln.introduced)} | {changed} |"
            )
        )
    return render("blame.md.j2", model=model, rows=rows, version=model.blame.version)


def policy_ids(model: PolicyModel) -> frozenset[str]:
    return model.view(model.current).ids
