"""Pages kept out of MkDocs' build, and a cold build's pages built in bounded passes (used by
:mod:`policyvc.site.mkdocs_hooks` and :mod:`policyvc.site.mkdocs_run`).

MkDocs makes a ``Page`` for every page of the site before it writes the first one, and holds them all to the end
(their titles, anchors, links): its memory grew with the site, about 19 pages a policy.  Most of them are the
version and diff pages, which are out of the navigation (``not_in_nav``) and out of the search index
(``search: exclude``).  Here such a page is left out of MkDocs' pages (its ``File`` stays, marked excluded, so
that links to it still find it and get its URL) when

- it is *kept*: its skip record (:mod:`policyvc.site.mkdocs_skip`) says it is what it was when it was last
  written — the same source, the same lookups of its links, its written file untouched — drawn in the navigation
  this build draws, with no entries in the search index; its file, its caches' entries and its record are kept;
- or it is *deferred*: a cold build (or one after the navigation changed) draws at most :data:`BATCH` such pages
  a pass, and the pages after them wait for the next pass (``python -m policyvc.site.mkdocs_run OUT --from
  PAGE``; :func:`policyvc.site.mkdocs.mkdocs_build` runs passes until none is left).  The pages in the navigation
  are drawn in the first pass and passed over in the others (their records).

What a kept page contributes to the site is checked from its record: a link to one of its anchors is validated
against the record's anchor ids, and in the last pass its own links to anchors against their targets' (the page
drawn in this pass, or another record) — the warnings MkDocs' validation gives, at its level.  The search index
(kept pages have no entries in it) and the sitemap (written only with ``site_url``; otherwise nothing is kept out)
are the ones a single build writes, and the site folder is byte for byte the same
(``tests/test_site_mkdocs_keep.py``).  Only where pages are passed over at all (mkdocs-material's theme, its own
plugins and these hooks).
"""

from __future__ import annotations

import logging
import os
from collections import OrderedDict
from typing import Any

from policyvc.site import mkdocs_cache
from policyvc.site.mkdocs_cache import _seen, entry_name
from policyvc.site.mkdocs_packed import unpacked_anchors, unpacked_links

BATCH = 1000  # pages out of the navigation drawn in one pass (POLICYVC_MKDOCS_BATCH: another number)
MORE = "policyvc-mkdocs-more: "  # what a pass prints (stdout) when pages are left for the next: then the first of them

log = logging.getLogger("mkdocs.structure.pages")  # (where MkDocs' own anchor warnings come from)


class Keeper:
    """One pass's keeping out of pages (:meth:`files` at the ``files`` event, :meth:`site` at ``env``,
    :meth:`validate` after the pages are drawn)."""

    def __init__(self, skipper: Any, cursor: str | None, batch: int) -> None:
        self.skipper = skipper
        self.cursor = cursor  # the first page not drawn in an earlier pass (None: the first pass)
        self.batch = max(1, batch)
        self.kept: list[tuple[Any, str, int]] = []  # (file, the site its record was drawn in, position)
        self.more: tuple[int, str] | None = None  # the first page left for the next pass, by position
        self.deferred = 0
        self._anchors: OrderedDict[str, Any] = OrderedDict()  # a few kept pages' anchors, as last read
        self._files: Any = None  # the build's files

    def files(self, files: Any, config: Any, guess: str | None) -> None:
        """Leave out of ``files``' pages those kept (their records drawn in the site ``guess``, the last build's)
        and those deferred to a later pass."""
        from mkdocs.structure.files import InclusionLevel

        skipper = self.skipper
        if not skipper.enabled or config.site_url:
            return
        self._files = files
        find = skipper._find(files)
        reached = self.cursor is None
        drawn = 0
        out: list[Any] = []  # the pages left out of this pass
        for position, file in enumerate(files.documentation_pages(inclusion=InclusionLevel.is_included)):
            if not reached and file.src_uri == self.cursor:
                reached = True
            if file.inclusion != InclusionLevel.NOT_IN_NAV:
                continue
            site = self._keeps(file, find, guess)
            if site is not None:
                self.kept.append((file, site, position))
            elif not reached:
                continue  # (before the cursor: its pass is over; drawn here as any page)
            elif drawn < self.batch:
                drawn += 1
                continue
            else:
                self.deferred += 1
                if self.more is None:
                    self.more = (position, file.src_uri)
            out.append(file)
        self._stand_in(files, out)

    def _keeps(self, file: Any, find: Any, guess: str | None) -> str | None:
        """The site ``file``'s record was drawn in, when it is kept; None otherwise."""
        skipper = self.skipper
        if guess is None:
            return None
        record = skipper._load(file.src_uri)
        if record is None or record.get("site") != guess or record.get("search"):
            return None
        found = skipper.key(_Page(file), record.get("source"))
        if found is None or found[0] != record.get("key"):
            return None
        try:
            for path, seen in record["lookups"].items():
                if _seen(find(path)) != seen:
                    return None
            if _stat(file.abs_dest_path) != record["out"]:
                return None
        except (KeyError, TypeError, AttributeError, ValueError):
            return None
        return guess

    def _stand_in(self, files: Any, out: list[Any]) -> None:
        """Each page of ``out`` left out of this pass, its ``File`` replaced in ``files`` by a light stand-in."""
        if not out:
            return
        stand_in = standing_class(out[0])
        held = files.src_uris
        light: dict[str, Any] = {}
        for file in out:
            self._leave_out(file)
            light[file.src_uri] = stand_in(file.src_uri)
        if isinstance(held, dict):  # (in place: the files' order is MkDocs' own)
            for src_uri, file in light.items():
                held[src_uri] = file
        else:  # (not MkDocs 1.6's mapping: through its methods)
            for file in out:
                files.remove(file)
                files.append(light[file.src_uri])
        self.kept = [(light[file.src_uri], site, position) for file, site, position in self.kept]
        self.skipper._found.clear()  # (the paths looked up found the files replaced)

    def _leave_out(self, file: Any) -> None:
        skipper = self.skipper
        mkdocs_cache.STANDING.add(file.src_uri)  # (its links still find it as a page of the site)
        mkdocs_cache.KEPT_ENTRIES.add(entry_name(file.src_uri, ""))  # (its record and caches' entries kept)
        if skipper.output is not None:
            skipper.output.produced_file(file.abs_dest_path)

    def site(self, site: str | None) -> None:
        """Every page is converted and the site's key is ``site``: kept pages drawn in another are left for the
        next pass."""
        for file, drawn_in, position in self.kept:
            if (site is None or drawn_in != site) and (self.more is None or position < self.more[0]):
                self.more = (position, file.src_uri)

    def validate(self, config: Any) -> None:
        """The anchors of links into kept pages, from their records; and in the last pass, the kept pages' own
        links to anchors."""
        from mkdocs.structure.files import InclusionLevel

        files = self._files
        if files is None:
            return
        level = config.validation.links.anchors
        kept = {file.src_uri for file, _, _ in self.kept}
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            links = file.page.links_to_anchors if file.page is not None else None
            for to_file, held in (links or {}).items():
                if to_file.src_uri in kept:
                    self._check(file.src_uri, to_file, held.items(), self._kept_anchors(to_file.src_uri), level)
        if self.more is not None:
            return  # (a kept page's own links are checked in the last pass, when every page is drawn or kept)
        for file, _, _ in self.kept:
            record = self.skipper._load(file.src_uri)
            recorded = None if record is None else record.get("links")
            for to_src, held in (recorded or {}).items():
                to_file = files.get_file_from_path(to_src)
                if to_file is None:
                    continue
                if to_src in kept:
                    anchors = self._kept_anchors(to_src)
                elif to_file.page is not None and to_file.page.present_anchor_ids is not None:
                    anchors = to_file.page.present_anchor_ids
                else:
                    continue
                items = unpacked_links(held).items() if isinstance(held, str) else dict(held).items()
                self._check(file.src_uri, to_file, items, anchors, level)

    def _kept_anchors(self, src_uri: str) -> Any:
        try:
            self._anchors.move_to_end(src_uri)
            return self._anchors[src_uri]
        except KeyError:
            pass
        record = self.skipper._load(src_uri)
        held = None if record is None else record.get("anchors")
        anchors = unpacked_anchors(held) if isinstance(held, str) else set(held or ())
        self._anchors[src_uri] = anchors
        if len(self._anchors) > 64:
            self._anchors.popitem(last=False)
        return anchors

    @staticmethod
    def _check(src_uri: str, to_file: Any, links: Any, anchors: Any, level: int) -> None:
        for anchor, original in links:
            if anchor in anchors:
                continue
            if to_file.src_uri == src_uri:
                problem = "there is no such anchor on this page"
                if anchor.startswith("fnref:"):
                    problem += ". This seems to be a footnote that is never referenced"
            else:
                problem = f"the doc '{to_file.src_uri}' does not contain an anchor '#{anchor}'"
            log.log(level, f"Doc file '{src_uri}' contains a link '{original}', but {problem}.")


def standing_class(like: Any) -> Any:
    """The class of the stand-ins for pages left out of a pass, whose other files are like ``like``'s.

    MkDocs' ``File`` of a page keeps about 0.8 KB (its instance dictionary, its URL, destination and both absolute
    paths, each computed once and kept): for a page left out of the pass that is all MkDocs holds of it, and there
    are about 19 such pages a policy.  A stand-in is a ``File`` — links to it find it, ``url_relative_to`` and
    ``isinstance`` take it — that holds its source path and nothing else: the folders and the URL style are its
    class's, and the rest is worked out, the same way, each time it is asked for (a link to it, a few times a
    pass).  It is excluded (``InclusionLevel.EXCLUDED``): MkDocs makes no ``Page`` of it and writes nothing for
    it."""
    from mkdocs.structure.files import File, InclusionLevel

    class Standing(File):
        __slots__ = ("src_uri",)
        src_dir = like.src_dir
        dest_dir = like.dest_dir
        use_directory_urls = like.use_directory_urls
        inclusion = InclusionLevel.EXCLUDED

        def __init__(self, src_uri: str) -> None:
            self.src_uri = src_uri

        # (MkDocs' own code for each, uncached)
        name = property(File._get_stem)
        dest_uri = property(File._get_dest_path)
        url = property(File._get_url)
        abs_src_path = property(vars(File)["abs_src_path"].func)
        abs_dest_path = property(vars(File)["abs_dest_path"].func)

    return Standing


class _Page:
    """What :meth:`policyvc.site.mkdocs_skip.Skipper.key` reads of a page: its file."""

    __slots__ = ("file",)

    def __init__(self, file: Any) -> None:
        self.file = file


def _stat(path: str) -> list[int] | None:
    try:
        st = os.lstat(path)
    except (OSError, TypeError):
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def batch_size() -> int:
    """Pages out of the navigation drawn in one pass: :data:`BATCH`, or ``POLICYVC_MKDOCS_BATCH``."""
    text = os.environ.get("POLICYVC_MKDOCS_BATCH", "")
    return int(text) if text.isdigit() and int(text) > 0 else BATCH


class Pass:
    """This process's pass of the build: where it starts, how many pages out of the navigation it draws, whether
    pages are kept out at all (set by :mod:`policyvc.site.mkdocs_run`); and what it left for the next."""

    start: str | None = None
    batch: int = BATCH
    whole: bool = True  # (MkDocs run otherwise than by mkdocs_run: nothing kept out)
    left: str | None = None  # the first page left for the next pass
