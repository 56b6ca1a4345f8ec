"""A text's inline Markdown worked out once per process (``policyvc.site.mkdocs_inline``): every page converted with
the recorded working-out is the HTML Python-Markdown makes on its own — on every page of two sites in turn, on
generated texts repeated across pages in any order, and where a record must not be used."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples
from site_support import site_markdown

from policyvc.site import mkdocs_inline

TODAY = dt.date(2026, 12, 1)
EXTENSIONS = ["attr_list", "admonition", "tables", "toc"]


def _convert(text: str, recorded: bool, extensions: list[Any] | None = None) -> str:
    md = markdown.Markdown(extensions=extensions or EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    if recorded:
        mkdocs_inline.attach(md)
        assert type(md.treeprocessors["inline"]) is mkdocs_inline.RecordedInline
    return str(md.convert(text))


def _same_in_turn(texts: list[str], extensions: list[Any] | None = None) -> None:
    """Each text converted after the others (so its texts are replayed from records made on other pages) is the
    text converted by Python-Markdown alone."""
    mkdocs_inline._RECORDS.clear()
    for text in texts:
        assert _convert(text, True, extensions) == _convert(text, False, extensions)
    for text in reversed(texts):  # (every record made: each text now replayed at other counters)
        assert _convert(text, True, extensions) == _convert(text, False, extensions)


@pytest.mark.parametrize("store", ["policy_versions", "hostile"])
def test_every_page_of_a_site(store: str, tmp_path: Path) -> None:
    texts = site_markdown(store, tmp_path)
    assert len(texts) > 5
    _same_in_turn(texts)
    assert mkdocs_inline._RECORDS  # (the pages' texts were recorded and replayed)


_PIECES = st.sampled_from(
    [
        "plain words",
        "[I.A.6](#I.A.6)",
        "[a link](../index.md#x 'title')",
        "![img](a.png)",
        "*em*",
        "**strong**",
        "***both***",
        "_under_",
        "__dunder__",
        "**a _b_ c**",
        "*open",
        "close*",
        "`code *x*`",
        "&#42;",
        "&#160;",
        "&amp;",
        "&",
        "<span class='x'>raw</span>",
        "<br/>",
        "<http://example.com>",
        "<a@b.org>",
        "\\*",
        "\\[",
        "[ref][r1]",
        "[r1]",
        "{ #anchor }",
        "  \n",
        " ",
        "|",
    ]
)
_LINE = st.lists(_PIECES, min_size=1, max_size=8).map(" ".join)
_BLOCK = st.one_of(
    _LINE,
    _LINE.map(lambda line: "- " + line),
    _LINE.map(lambda line: "## " + line),
    st.lists(_LINE, min_size=1, max_size=3).map(
        lambda cells: (
            "| a | b |\n|---|---|\n" + "\n".join("| " + cell.replace("|", "&#124;") + " | x |" for cell in cells)
        )
    ),
    st.just("[r1]: http://example.com/r1 'Ref'"),
    st.just('!!! note "Title *x*"\n    ' + "body [I.A](#I.A) **b**"),
)
_PAGE = st.lists(_BLOCK, min_size=1, max_size=6).map("\n\n".join)


@given(st.lists(_PAGE, min_size=1, max_size=4))
@settings(max_examples=examples(300), deadline=None)
def test_generated_pages_in_turn(pages: list[str]) -> None:
    _same_in_turn(pages + pages[:1])


def test_a_page_with_reference_links_is_not_given_another_pages_links() -> None:
    with_ref = "[x][r1]\n\n[r1]: http://one.example/"
    other = "[x][r1]\n\n[r1]: http://two.example/"
    _same_in_turn([with_ref, other, "[x][r1]"])


def test_a_pattern_not_python_markdowns_own_takes_its_own_path() -> None:
    from markdown.extensions import Extension
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    class Del(SimpleTagInlineProcessor):  # type: ignore[misc]
        pass

    Del.__module__ = "somebody.else"

    class Strike(Extension):  # type: ignore[misc]
        def extendMarkdown(self, md: Any) -> None:
            md.inlinePatterns.register(Del(r"(~~)(.+?)~~", "del"), "del", 175)

    mkdocs_inline._RECORDS.clear()
    _same_in_turn(["~~gone~~ and *kept*"] * 2, [*EXTENSIONS, Strike()])
    assert not mkdocs_inline._RECORDS


def test_records_renumber_placeholders_to_the_pages_counters() -> None:
    mkdocs_inline._RECORDS.clear()
    first = "Some &#42; *em* [l](#a)\n\n| c |\n|---|\n| **b** &#160; |"
    later = "<span>raw</span> &#39; *x* `c`\n\n" + first  # (the same texts at other counters)
    assert _convert(first, True) == _convert(first, False)
    assert mkdocs_inline._RECORDS
    assert _convert(later, True) == _convert(later, False)
