"""Policy text made inert for the documentation site: shown as text, never read as markup.

Policy text reaches a MkDocs page in three kinds of places, each with its own rule:

* **raw HTML blocks** (the criteria tree, paragraphs, tables, redlines): Python-Markdown copies a raw HTML block
  verbatim, so :func:`html` escapes ``& < > " '`` and also ``{ }`` (so no Markdown extension that reads braces,
  such as attr_list or CriticMarkup, can ever see them);
* **Markdown headings** (they feed the table of contents): :func:`heading` — a title (below) whose Markdown
  punctuation is written as numeric character references, so ``#``, ``*``, ``[x](…)``, ``{: …}``, a setext
  ``====`` or ``|`` stays text; **Markdown table cells**: :func:`markdown`, the exact text with every markup
  character (``|`` and ``<`` included) a character reference;
* **titles** (nav entries, page titles, front matter): MkDocs' theme templates do not autoescape, and
  mkdocs-material writes ``page.title | striptags`` into ``<title>`` — ``striptags`` *unescapes* entities, so an
  escaped ``&lt;/title&gt;`` would come back as markup.  :func:`title` therefore leaves no ``<``, ``>``, ``&``,
  quote or backtick at all: they become look-alikes (``‹ › ＆ ＂ ’ ˋ``), which are text in every template.

Every function also folds the text onto one line (a newline could start a setext underline, a list or a
heading) and drops control characters.
"""

from __future__ import annotations

import json
import re

# control (Cc) and format (Cf) characters, private-use and non-characters: invisible, or bidi overrides that
# would make shown text differ from the text
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\ue000-\uf8ff\ufeff\ufff0-\uffff\U000e0000-\U000e007f]"
)
# characters that mean something to Python-Markdown or one of its extensions (attr_list, tables, critic,
# caret/tilde/mark, emphasis, links, headings, html)
_MD_SPECIAL = frozenset("\\`*_{}[]<>#+!|~^=&$")
_LOOKALIKE = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "＂", "'": "’", "`": "ˋ"})
_HTML = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "{": "&#123;", "}": "&#125;"}
)
_MD = str.maketrans({ch: f"&#{ord(ch)};" for ch in _MD_SPECIAL})
_MD_ALL = str.maketrans({ch: f"&#{ord(ch)};" for ch in _MD_SPECIAL | set("<>\"'")})


def one_line(text: str) -> str:
    """``text`` on one line: runs of whitespace become one space, control and format characters go."""
    if not (text.isascii() and text.isprintable()):  # (printable ASCII holds none: most text, not searched)
        text = _CONTROL.sub("", text)
    return " ".join(text.split())  # (``str.split`` and the regex ``\s`` know the same whitespace: a test holds it)


def html(text: str) -> str:
    """``text`` for a raw HTML block or attribute: every markup character escaped, on one line."""
    return one_line(text).translate(_HTML)


def title(text: str) -> str:
    """``text`` as a title for nav entries, ``<title>`` and front matter: no character a template could misread."""
    return one_line(text).translate(_LOOKALIKE)


def heading(text: str) -> str:
    """``text`` for a Markdown heading: a :func:`title` with Markdown punctuation as character references."""
    return title(text).translate(_MD)


def markdown(text: str) -> str:
    """``text`` for Markdown (a table cell): exact text, every markup character a character reference."""
    return one_line(text).translate(_MD_ALL)


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are YAML) of a :func:`title`."""
    return json.dumps(title(text), ensure_ascii=False)
