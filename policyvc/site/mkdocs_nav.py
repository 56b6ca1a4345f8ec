"""The site's navigation drawn once per folder for the pages out of it (used by :mod:`policyvc.site.mkdocs_hooks`).

mkdocs-material draws the whole navigation (``partials/nav.html``) into every page, and with ``navigation.prune``
it walks every section to draw it pruned: the one part of a page's drawing that grows with the store (one section
per :data:`~policyvc.renderer.site_pages.NAV_GROUP` policies).  A version or diff page is not in the navigation
(``not_in_nav``): no entry is its own or its parent, none is active, so what the partial draws for it depends on
the page only through the links, each made relative to the page's folder (MkDocs' ``url`` filter,
``get_relative_url``).  Every such page of one folder — a policy's versions, its diffs — gets the same text, so the
partial's text is drawn for the first and reused for the others of its folder, in this process (and in the drawing
workers forked from it, :mod:`policyvc.site.mkdocs_draw`).  A page in the navigation is drawn as it always is.

Installed only where :mod:`policyvc.site.mkdocs_theme_cache` knows the templates (mkdocs-material's own, its own
plugins and these hooks), for one navigation, while it is the environment's; a drawing that logged anything is not
kept (as the theme's cache does not keep one).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

from policyvc.site.mkdocs_cache import Listener

NAV_TEMPLATE = "partials/nav.html"


class NavDrawing:
    """The partial's text by the folder its links are relative to, for the pages out of the navigation."""

    def __init__(self, nav: Any) -> None:
        self.in_nav = frozenset(id(p) for p in nav.pages)
        self.texts: dict[tuple[str, str], str] = {}
        self.hits = 0
        self.misses = 0

    def key(self, context: Any) -> tuple[str, str] | None:
        """Where the partial's text for this page is kept; None for a page it must be drawn for."""
        page = context.get("page")
        if page is None or id(page) in self.in_nav or getattr(page, "parent", True) is not None:
            return None
        if str(getattr(getattr(page, "file", None), "inclusion", "")) != "InclusionLevel.NOT_IN_NAV":
            return None
        url = page.url
        if not isinstance(url, str):
            return None
        folder, _, name = url.rpartition("/")  # (the folder MkDocs' links are made relative to)
        base = context.get("base_url")
        return (folder if "." in name else url, base if isinstance(base, str) else posixpath.sep)

    def wrap(self, render: Callable[[Any], Iterator[str]]) -> Callable[[Any], Iterator[str]]:
        def drawn(context: Any) -> Iterator[str]:
            key = self.key(context)
            if key is None:
                yield from render(context)
                return
            text = self.texts.get(key)
            if text is None:
                self.misses += 1
                with Listener() as listener:
                    text = "".join(render(context))
                if not listener.said:
                    self.texts[key] = text
            else:
                self.hits += 1
            yield text

        return drawn


def install(env: Any, nav: Any) -> NavDrawing | None:
    """Draw ``env``'s navigation partial through a :class:`NavDrawing` of ``nav`` (None: the theme has none)."""
    from jinja2 import TemplateNotFound

    try:
        template = env.get_template(NAV_TEMPLATE)
    except TemplateNotFound:
        return None
    drawing = NavDrawing(nav)
    original = getattr(template, "_policyvc_render", template.root_render_func)
    template._policyvc_render = original
    template.root_render_func = drawing.wrap(original)
    return drawing
