"""A web page's own lines above a policy copied from it: the site's menu and its cookie banner.

A copy of a policy's web page starts with what the site puts above every page: its menu of audiences or
parts, set apart by runs of spaces (``Members  Employers  Brokers  Pharmacists``), and a cookie banner with
its buttons (``This site uses cookies to improve your experience. Accept  Decline``).  Neither is the
policy's: the menu is no title, and the banner's sentence, which ends on no full stop, would join the
title below it.  Only the head is looked at (the first lines, before the body's text), and only those
shapes:

* a menu: three or more parts set apart by two spaces or more (one set apart by bars the outline keeps as a
  paragraph of links), each a name of one to three
  words written with capitals, with no digit, no colon and no sentence's stop; neither line next to it
  (blank lines aside) splits so into two parts or more — else it is a table's header over its rows (a
  ``-layout`` print: ``Date  Version  Changes``);
* a cookie banner: a line that speaks of cookies and ends in the banner's buttons (two or more:
  ``Accept``, ``Decline``, ``Reject all``, ``Manage preferences`` …), or its buttons alone on the line
  right under such a sentence.

What must not go: a heading or a title (one part), a layout table's header or a header grid's labels (their
values below them split into parts too), a line that speaks of cookies without the buttons.
"""

from __future__ import annotations

import re

from policyvc.lazy_re import lazy

__all__ = ["site_chrome"]

_HEAD = 15  # the lines of the head (not blank) where a site's menu and banner stand
_PARTS = lazy(r"\s{2,}")  # (a menu set apart by bars is the outline's: a paragraph of links, kept)
_NAME = lazy(r"^[A-Z][\w'’&-]*(?: (?:[A-Z][\w'’&-]*|&|of|and|the|a|an|for|to|us)){0,2}$")
_BUTTON = (
    r"(?:Accept(?: All(?: Cookies)?)?|Decline(?: All)?|Reject(?: All)?|Deny|Allow(?: All)?|OK|Got It|Close|Dismiss"
    r"|Agree|I Agree|(?:Manage|Customi[sz]e) (?:Preferences|Settings|Cookies)|Cookie (?:Settings|Preferences))"
)
_BUTTONS = lazy(rf"(?:^|\s{{2,}}|\.\s+){_BUTTON}(?:\s{{2,}}{_BUTTON})+\s*$", re.I)
_BUTTONS_ONLY = lazy(rf"^{_BUTTON}(?:\s{{2,}}{_BUTTON})+$", re.I)
_COOKIES = lazy(r"\bcookies?\b", re.I)


def _parts(line: str) -> list[str]:
    return [p for p in _PARTS.split(line.strip()) if p]


def _menu(line: str) -> bool:
    """Whether ``line`` is a site's menu (see the module doc), its neighbours aside."""
    parts = _parts(line)
    return len(parts) >= 3 and all(_NAME.match(p) for p in parts)


def _banner(line: str) -> bool:
    """Whether ``line`` speaks of cookies and ends in two or more of the banner's buttons."""
    return bool(_COOKIES.search(line)) and bool(_BUTTONS.search(line.strip()))


def site_chrome(lines: list[str]) -> list[int]:
    """The (0-based) lines of ``lines``' head that are its site's menu or cookie banner (see the module doc)."""
    head = [k for k, line in enumerate(lines) if line.strip() and "\t" not in line][:_HEAD]
    out: list[int] = []
    for i, k in enumerate(head):
        text = lines[k].strip()
        near = [
            lines[j] for j in (head[i - 1] if i else None, head[i + 1] if i + 1 < len(head) else None) if j is not None
        ]
        menu = _menu(text) and not any(len(_parts(n)) >= 2 and not _banner(n) for n in near)
        if _BUTTONS_ONLY.match(text) and i and _COOKIES.search(lines[head[i - 1]]):
            out.extend((head[i - 1], k))  # (the banner's sentence above its buttons)
        elif menu or _banner(text):
            out.append(k)
    return sorted(set(out))
