"""Pages' YAML front matter read once per distinct text (used by :mod:`policyvc.site.mkdocs_hooks`).

MkDocs reads each page's front matter with PyYAML's pure-Python loader, and a site's pages mostly share a few
(every version and diff page of a policy site says ``search: exclude: true``): at 3,800 pages that was a tenth of
a build with every page cached.  Here the loader MkDocs' ``mkdocs.utils.meta`` calls is given the result it made
for the same text before, as a deep copy (a page's meta is its own to change), for this build's process only.
"""

from __future__ import annotations

import copy
from typing import Any

_ORIGINAL: list[Any] = []  # the module MkDocs' meta reader calls ``load`` on


class _Yaml:
    """PyYAML as ``mkdocs.utils.meta`` sees it, its ``load`` remembered by (text, loader)."""

    def __init__(self, yaml: Any) -> None:
        self._yaml = yaml
        self._seen: dict[tuple[str, Any], Any] = {}

    def load(self, text: Any, loader: Any) -> Any:
        if not isinstance(text, str) or len(self._seen) > 1000:  # (a site of many different ones: as it was)
            return self._yaml.load(text, loader)
        key = (text, loader)
        if key not in self._seen:
            self._seen[key] = self._yaml.load(text, loader)  # (an error is raised, and not remembered)
        return copy.deepcopy(self._seen[key])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._yaml, name)


def install() -> None:
    """Make MkDocs' meta reader remember what each front matter's text read as, in this process."""
    from mkdocs.utils import meta

    if not _ORIGINAL:
        _ORIGINAL.append(vars(meta)["yaml"])
        setattr(meta, "yaml", _Yaml(_ORIGINAL[0]))  # noqa: B010 (a module attribute MkDocs does not export)


def uninstall() -> None:
    """Give MkDocs' meta reader PyYAML back."""
    from mkdocs.utils import meta

    if _ORIGINAL:
        setattr(meta, "yaml", _ORIGINAL.pop())  # noqa: B010
