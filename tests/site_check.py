"""Checks of a built site: safety scan of its HTML, and every internal link and anchor resolving."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

THEME_SCRIPTS = ("__md_scope=", "var palette=", "var target=")  # mkdocs-material's own inline scripts


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.tags: set[str] = set()
        self._script: dict[str, str | None] | None = None
        self._body: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        for k, v in attrs:
            if k.lower().startswith("on"):
                self.handlers.append(f"<{tag} {k}={v!r}>")
            if k in ("href", "src", "action", "formaction", "data") and v:
                self.urls.append(v)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(str(a["name"]))
        if tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))
        if tag == "script":
            self._script, self._body = a, []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._body)))
            self._script = None


def parse_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def unsafe(built: Path) -> list[str]:
    """Every ``<script>`` that is not the theme's own, every ``on*=`` handler, every ``javascript:`` URL and
    every URL to another host, in every built page; also raw markup in the search index."""
    problems = []
    for path in sorted(built.rglob("*.html")):
        rel = path.relative_to(built)
        page = parse_page(path)
        for attrs, body in page.scripts:
            src = attrs.get("src") or ""
            ok = (
                re.fullmatch(r"(/|(\.\./)*)assets/javascripts/[\w./-]+\.js", src) is not None
                or (attrs.get("id") == "__config" and attrs.get("type") == "application/json")
                or (not src and body.startswith(THEME_SCRIPTS))
            )
            if not ok:
                problems.append(f"{rel}: script {attrs} {body[:60]!r}")
        problems.extend(f"{rel}: handler {h}" for h in page.handlers)
        for url in page.urls:
            scheme = urlsplit(url.strip()).scheme.lower()
            if scheme in ("javascript", "data", "vbscript") or urlsplit(url).netloc:
                problems.append(f"{rel}: url {url!r}")
    index = built / "search" / "search_index.json"
    if index.is_file():  # the search UI shows these fields as HTML
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            page = _Page()
            page.feed(doc["title"] + " " + doc["text"])
            page.close()
            if page.scripts or page.handlers or page.tags & {"img", "iframe", "object", "embed", "svg"}:
                problems.append(f"search index: markup in {doc['location']}")
    return problems


def broken_links(built: Path) -> list[str]:
    """Internal links whose file or anchor does not exist."""
    pages: dict[Path, _Page] = {p.resolve(): parse_page(p) for p in built.rglob("*.html")}
    problems = []
    for path, page in pages.items():
        if path.name == "404.html":  # the theme's error page links from the site root (no site_url)
            continue
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{path.relative_to(built.resolve())}: {href} (no file)")
                continue
            frag = unquote(parts.fragment)
            if frag and target.suffix == ".html" and frag not in pages[target].ids:
                problems.append(f"{path.relative_to(built.resolve())}: {href} (no anchor)")
    return problems
