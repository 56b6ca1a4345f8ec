"""``python -m policyvc.site.mkdocs_run OUT [--jobs N]``: the strict MkDocs build of ``OUT/mkdocs.yml``, in its own
process.

It does what ``mkdocs build --strict --clean --quiet`` did, with two differences: the hooks of
:mod:`policyvc.site.mkdocs_hooks` (a page's HTML is not held for the whole build), given to MkDocs here rather
than written into ``mkdocs.yml``; and a strict mode that is strict — MkDocs' ``--quiet`` raises its logger's level
above warnings, so ``--strict`` never counted one (a broken link built with exit 0).  Warnings and errors go to
stderr, nothing else; exit 1 when the build is aborted.  With ``--jobs N`` (N > 1), N - 1 workers convert pages'
Markdown into the page cache while MkDocs' loop converts the others (:mod:`policyvc.site.mkdocs_prefill`), and
then draw pages with the theme into its cache while MkDocs' loop draws the others (:mod:`policyvc.site.mkdocs_draw`).
``mkdocs.yml`` is read with libyaml's parser where PyYAML has it (:func:`fast_config_yaml`): the same settings.
With ``--batch N``, pages out of the navigation that are unchanged are kept out of MkDocs' pages, and at most N
others are drawn (from the page ``--from`` names on); the pages left are named on stdout for the next pass
(:mod:`policyvc.site.mkdocs_keep`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any


def fast_config_yaml() -> Callable[[], None]:
    """Make MkDocs read ``mkdocs.yml`` with libyaml's parser (PyYAML's ``CLoader``) in this process; returns the
    function that undoes it.

    MkDocs reads its configuration with PyYAML's ``Loader``, whose parser is Python: with the site's navigation (every
    policy's pages, grouped) that is 0.054 s of CPU at 200 policies (0.007 s here), growing with the policies, in
    every build MkDocs runs, after one edit too.
    ``CLoader`` is the same loader with the C parser — the same constructors (MkDocs' ``!ENV`` and ``!relative``
    added to it as to the other) and the same resolver — so the settings are the same; a file it refuses is read
    again by MkDocs' own loader, whose error is the one reported.  Without libyaml nothing changes."""
    import importlib

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    yaml: Any = importlib.import_module("yaml")  # (MkDocs' own dependency; no type stubs installed)
    original = MkDocsConfig.load_file
    if not getattr(yaml, "__with_libyaml__", False):
        return lambda: None

    def load_file(self: MkDocsConfig, config_file: IO[Any]) -> None:
        try:
            start = config_file.tell()
        except (OSError, ValueError):  # (not a file that can be read again)
            original(self, config_file)
            return
        try:
            data = yaml_load(config_file, get_yaml_loader(yaml.CLoader, config=self))
        except ConfigurationError:
            config_file.seek(start)  # (MkDocs' own reading: its result, or its error)
            original(self, config_file)
            return
        self.load_dict(data)

    MkDocsConfig.load_file = load_file  # type: ignore[method-assign]

    def undo() -> None:
        MkDocsConfig.load_file = original  # type: ignore[method-assign]

    return undo


def main(argv: list[str]) -> int:
    from mkdocs import utils
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from policyvc.site import mkdocs_keep
    from policyvc.site.mkdocs_draw import drawing
    from policyvc.site.mkdocs_prefill import prefilled

    jobs, rest, keep = 1, argv[1:], mkdocs_keep.Pass
    keep.whole, keep.start, keep.batch = True, None, mkdocs_keep.BATCH
    while rest:
        if rest[0] == "--jobs" and len(rest) > 1 and rest[1].isdigit():
            jobs, rest = int(rest[1]), rest[2:]
        elif rest[0] == "--batch" and len(rest) > 1 and rest[1].isdigit() and int(rest[1]) > 0:
            keep.whole, keep.batch, rest = False, int(rest[1]), rest[2:]
        elif rest[0] == "--from" and len(rest) > 1:
            keep.start, rest = rest[1], rest[2:]
        else:
            break
    if len(argv) < 1 or rest:
        print("usage: python -m policyvc.site.mkdocs_run OUT [--jobs N] [--batch N [--from PAGE]]", file=sys.stderr)
        return 2
    argv = argv[:1]
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)  # what --quiet means, without hiding warnings from strict mode
    logger.addHandler(handler)
    logger.propagate = False
    build.log.addFilter(utils.DuplicateFilter())  # (as MkDocs' command does)
    hooks = str(Path(__file__).with_name("mkdocs_hooks.py"))
    fast_config_yaml()
    try:
        config = load_config(str(Path(argv[0]) / "mkdocs.yml"), strict=True, hooks=[hooks])
        config.plugins.on_startup(command="build", dirty=False)
        try:
            with prefilled(config, jobs), drawing(jobs):
                build.build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        print(f"ERROR - {exc}", file=sys.stderr)
        return 1
    if keep.left is not None:
        print(mkdocs_keep.MORE + keep.left, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
