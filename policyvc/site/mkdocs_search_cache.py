"""A cache of each page's entries in mkdocs-material's search index, kept between builds (used by
:mod:`policyvc.site.mkdocs_hooks`).

The search plugin reads every indexed page's HTML again with Python's ``HTMLParser`` to cut it into sections, and
once the Markdown and the theme come from the caches that is most of a build.  A page's entries are made from its
HTML, table of contents, URL, title and meta and the plugin's configuration, nothing else; they are kept in
``<project>/.policyvc-mkdocs-cache/search/`` under a key of those and the toolchain's versions, and appended to
the index as the plugin would append them.  The plugin still writes the index, from the same entries in the same
order.  When the plugin is not mkdocs-material's, or its index no longer has the method this wraps, nothing is
cached.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from policyvc.site.mkdocs_cache import Listener, entry_name, prune, store_bytes, toc_tokens, toolchain_key


class SearchCache:
    """The cache of one build's search entries: :meth:`attach` wraps the search plugin's indexing of a page."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def attach(self, config: Any) -> None:
        """Put the cache between mkdocs-material's search plugin and its index (after the plugin's ``config``)."""
        for plugin in config.plugins.values():
            if type(plugin).__module__ != "material.plugins.search.plugin":
                continue
            index = getattr(plugin, "search_index", None)
            original = getattr(index, "add_entry_from_context", None)
            entries = getattr(index, "entries", None)
            if index is None or original is None or not isinstance(entries, list):
                continue
            settings = json.dumps([toolchain_key(), dict(plugin.config)], sort_keys=True, default=repr)
            if " at 0x" in settings:
                continue

            def add(page: Any, index: Any = index, original: Any = original, settings: str = settings) -> None:
                self.add(index, original, settings, page)

            index.add_entry_from_context = add  # (an instance attribute: this build's index only)

    def add(self, index: Any, original: Any, settings: str, page: Any) -> None:
        """Append ``page``'s entries to ``index``: the kept ones when the key holds, else ``original``'s."""
        text = json.dumps(
            [settings, page.file.src_uri, page.url, page.title, page.meta, toc_tokens(page.toc)],
            sort_keys=True,
            default=repr,
        )
        if " at 0x" in text:
            original(page)
            return
        h = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
        h.update(b"\0" + (page.content or "").encode("utf-8", "surrogatepass"))
        key = h.hexdigest()
        name = entry_name(page.file.src_uri, ".json")
        self.used.add(name)
        path = self.folder / name
        kept = _load(path)
        if kept is not None and kept.get("key") == key and isinstance(kept.get("entries"), list):
            self.hits += 1
            index.entries.extend(kept["entries"])
            return
        self.misses += 1
        start = len(index.entries)
        with Listener() as listener:
            original(page)
        new = index.entries[start:]
        try:  # (kept only when the entries read back as they are: the index is written from the same values)
            data = json.dumps({"key": key, "entries": new}, ensure_ascii=False, separators=(",", ":"))
            whole = json.loads(data)["entries"] == new
        except (TypeError, ValueError):
            whole = False
        if listener.said or not whole or not new:  # (a page left out of the index costs nothing to index again)
            path.unlink(missing_ok=True)
            return
        store_bytes(path, data.encode("utf-8", "surrogatepass"))

    def prune(self) -> None:
        prune(self.folder, self.used)


def _load(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
