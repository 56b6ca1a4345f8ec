"""A cache of the theme's rendering of each page, kept between builds (used by :mod:`policyvc.site.mkdocs_hooks`).

Once its Markdown is converted, a page's HTML file is the theme's template rendered with the page and the site's
navigation, and that rendering (the navigation drawn in every page, the header, the footer's previous and next
links) is most of what a build has left when the Markdown stage comes from :mod:`policyvc.site.mkdocs_cache`.
mkdocs-material's templates read the configuration, the navigation (titles, URLs, the active page's place in it)
and the page's own fields (URL, title, meta, table of contents, content, its links to edit and canonical URL);
the rendered page is kept in ``<project>/.policyvc-mkdocs-cache/html/`` under a key of all of them — the
configuration as ``mkdocs.yml``'s text, the whole navigation, the toolchain's versions, the page's fields and
its content after every plugin's ``page_context`` — and reused when a later build has the same key.

Only mkdocs-material's own templates are cached, with its own plugins and these hooks (its templates print no
build date; ``custom_dir`` overrides, other plugins and configurations that read the environment are not cached);
a rendering that logged anything is not kept; the plugins' ``page_context`` and ``post_page`` events and the
writing of the page run as they always do.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from policyvc.site.mkdocs_cache import Listener, entry_name, prune, store_bytes, toolchain_key
from policyvc.site.mkdocs_search_cache import content_digest, toc_text


def site_key(config: Any, nav: Any) -> str | None:
    """What every page's rendering shares: the toolchain, ``mkdocs.yml``'s text and the navigation (the list of
    every page, which MkDocs offers the templates as ``pages``, mkdocs-material's do not read: a page added out of
    the navigation leaves the others' renderings as they are);
    None when that does not fix the rendering (another theme, templates of one's own, a configuration that reads
    the environment or another file): then nothing is cached."""
    if config.theme.name != "material" or config.theme.custom_dir or not all(map(known, config.plugins.values())):
        return None
    try:
        text = Path(config.config_file_path).read_text(encoding="utf-8")
    except (OSError, TypeError, ValueError):
        return None
    if "!ENV" in text or "INHERIT" in text or "!relative" in text:
        return None
    shared = json.dumps([toolchain_key(), text, [_nav_item(i) for i in nav.items]], default=repr)
    return None if " at 0x" in shared else hashlib.sha256(shared.encode("utf-8", "surrogatepass")).hexdigest()


def known(plugin: Any) -> bool:
    """Whether a plugin is one whose effect on a page's context is known: mkdocs-material's own (search, offline
    …: they change no page's context) or these hooks (which put the page's HTML back, and the key hashes it).  A
    plugin of another kind may put anything in the context, so with one nothing is cached."""
    hooks = Path(__file__).with_name("mkdocs_hooks.py")
    if getattr(plugin, "__file__", None) is not None:
        return Path(plugin.__file__).resolve() == hooks.resolve()
    return type(plugin).__module__.startswith("material.plugins.")


def _nav_item(item: Any) -> list[Any]:
    """A navigation entry as the templates draw it (a page's title is known once every page is converted)."""
    kind = type(item).__name__
    children = [_nav_item(c) for c in (getattr(item, "children", None) or ())]
    file = getattr(item, "file", None)
    meta = getattr(item, "meta", None)
    return [kind, item.title, getattr(item, "url", None), file and file.src_uri, meta, children]


def page_key(site: str, name: str, page: Any) -> str | None:
    """The key of one page's rendering with template ``name``: None when a field has no stable text."""
    fields = [
        site,
        name,
        page.file.src_uri,
        page.url,
        str(page.file.inclusion),
        page.title,
        page.meta,
        page.is_homepage,
        page.edit_url,
        page.canonical_url,
    ]
    text = json.dumps(fields, sort_keys=True, default=repr) + "\0" + toc_text(page.toc)
    if " at 0x" in text:
        return None
    h = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
    h.update(b"\0" + content_digest(page.content).encode("ascii"))
    return h.hexdigest()


def theme_page_key(site: str, name: str, pages: Any) -> str | None:
    """The key of the rendering of the theme's own page ``name`` (no page of the site's): what it may read of
    every page (``pages``: their files, as MkDocs gives them)."""
    try:
        listed = [
            [f.src_uri, f.url, f.page.is_link, f.page.abs_url, f.page.canonical_url, f.page.update_date] for f in pages
        ]
    except AttributeError:  # (a page not made yet, or not a file)
        return None
    text = json.dumps([site, name, listed], default=repr)
    return None if " at 0x" in text else hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ThemeCache:
    """The cache of one build's page renderings: :meth:`wrap` gives MkDocs an environment whose page templates
    go through it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.site: str | None = None
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def wrap(self, env: Any, config: Any, nav: Any) -> Any:
        self.site = site_key(config, nav)
        if self.site is None:
            return env
        if getattr(env, "bytecode_cache", False) is None:  # (the templates compiled once, not in every build)
            from jinja2 import FileSystemBytecodeCache

            (self.folder / "jinja").mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(self.folder / "jinja"))
        return _Env(env, self)

    def render(self, template: Any, name: str, context: Any) -> str:
        page = context.get("page")
        if self.site is None:
            key = None
        elif page is None:  # (a page of the theme's own, 404.html, sitemap.xml: it may list every page)
            key = theme_page_key(self.site, name, context.get("pages"))
        else:
            key = page_key(self.site, name, page)
        if key is None:
            return str(template.render(context))
        file_name = entry_name(page.file.src_uri if page is not None else "\0" + name, ".html")
        self.used.add(file_name)
        path = self.folder / file_name
        head = (key + "\n").encode("ascii")
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        if data.startswith(head):
            try:
                out = data[len(head) :].decode("utf-8", "surrogatepass")
            except UnicodeDecodeError:
                out = None
            if out is not None:
                self.hits += 1
                return out
        self.misses += 1
        with Listener() as listener:
            out = str(template.render(context))
        if listener.said:
            path.unlink(missing_ok=True)
        else:
            store_bytes(path, head + out.encode("utf-8", "surrogatepass"))
        return out

    def prune(self) -> None:
        """Remove the entries of pages this build did not draw, and note its navigation's key (what
        :func:`policyvc.site.mkdocs_draw.to_draw` compares with)."""
        from policyvc.site.mkdocs_draw import SITE_FILE

        if self.site is not None:
            store_bytes(self.folder / SITE_FILE, self.site.encode("ascii"))
        prune(self.folder, self.used)


class _Template:
    """A theme template whose rendering of a page goes through the cache."""

    def __init__(self, template: Any, name: str, cache: ThemeCache) -> None:
        self._template, self._name, self._cache = template, name, cache

    def render(self, *args: Any, **kwargs: Any) -> str:
        if len(args) == 1 and not kwargs and isinstance(args[0], dict):
            return self._cache.render(self._template, self._name, args[0])
        return str(self._template.render(*args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


class _Env:
    """MkDocs' Jinja environment, its templates given through :class:`_Template`."""

    def __init__(self, env: Any, cache: ThemeCache) -> None:
        self._env, self._cache = env, cache

    def get_template(self, name: Any, *args: Any, **kwargs: Any) -> Any:
        template = self._env.get_template(name, *args, **kwargs)
        return _Template(template, str(name), self._cache) if isinstance(name, str) else template

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)
