"""A page's raw HTML parsed once (``policyvc.site.mkdocs_anchors``): the anchor ids MkDocs validates links against,
and the HTML, are those of MkDocs' own two parses — on every page of a site, a hostile one, and generated text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import markdown
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure import pages
from profiles import examples
from site_support import site_markdown

from policyvc.site import mkdocs_anchors
from policyvc.site.render import render_site

TODAY = dt.date(2026, 12, 1)
_ORIGINAL = pages._RawHTMLPreprocessor


def _convert(text: str, preprocessor: Any, extensions: list[Any] | None = None) -> tuple[str, set[str | None]]:
    """``text`` converted as MkDocs' ``Page.render`` does, with ``preprocessor`` collecting the anchor ids."""
    md = markdown.Markdown(
        extensions=extensions or ["attr_list", "admonition", "tables", "toc"],
        extension_configs={"toc": {"permalink": True}},
    )
    collector = preprocessor()
    collector._register(md)
    html = md.convert(text)
    return html, set(collector.present_anchor_ids)


def _same(text: str, extensions: list[Any] | None = None) -> None:
    assert _convert(text, mkdocs_anchors.RawHTMLAnchors, extensions) == _convert(text, _ORIGINAL, extensions)


@pytest.mark.parametrize("store", ["policy_versions", "hostile"])
def test_every_page_of_a_site(store: str, tmp_path: Path) -> None:
    texts = site_markdown(store, tmp_path)
    assert len(texts) > 5
    for text in texts:
        _same(text)


def test_ids_are_noted_in_one_parse_on_plain_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(mkdocs_anchors, "mkdocs_ids", lambda text: calls.append(text) or set())
    text = '<div id="a"><a name="b" href="#a">x</a></div>\n\nSome *text* &amp; &#39;\n\n<p id="c"/>\n'
    assert _convert(text, mkdocs_anchors.RawHTMLAnchors)[1] == {"a", "b", "c"}
    assert calls == []  # (MkDocs' own parse did not run)


_PIECES = st.sampled_from(
    [
        "\n", "\n\n", "  ", "text", "*em*", "`code <a id=\"k\">`", "&amp;", "&#39;", "&#x27;", "&#12", "&#x;", "&", "<",
        ">", '<div id="a">', "</div>", '<p id="b">', "</p>", '<a name="n">', '<span name="m">', "</a>", "</span>",
        "<hr>", '<hr id="h">', '<br id="r"/>', '<p id="c"/>', "<!-- c -->", '<!-- <a id="x"> -->', "<?pi?>",
        "<!DOCTYPE html>", "<![CDATA[x]]>", '<script><a id="s"></script>', "<style>a{}</style>", "<SCRIPT>",
        '<a id="cut', '<a id="q" b', '<a id=bare>', "<a id>", "</>", "</ x>", "# Head",
        "| a | b |\n|---|---|\n| c | d |", "!!! note\n    body", "{ #attr }",
        '<table><tr id="t"><td>1</td></tr></table>', "<ul>\n<li id=\"l\">x</li>\n</ul>",
    ]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=14).map("".join))
@settings(max_examples=examples(500), deadline=None)
def test_generated_text(text: str) -> None:
    _same(text)


def test_with_an_extension_that_replaces_the_block_parser() -> None:
    _same('<div markdown="1" id="a">\n*x* <span id="b">y</span>\n</div>\n', ["md_in_html", "attr_list"])


def test_block_level_names_answer_from_a_set_that_follows_every_change() -> None:
    names = mkdocs_anchors.BlockLevel(["div", "p"])
    assert "div" in names and "span" not in names
    names.append("span")
    assert "span" in names
    names.remove("span")
    assert "span" not in names
    names += ["a"]
    assert "a" in names
    names[0] = "x"
    assert "div" not in names and "x" in names
    del names[0]
    names.extend(["y"])
    names.insert(0, "z")
    assert names.pop() == "y"
    assert [n for n in ("x", "y", "z", "p", "a") if n in names] == ["z", "p", "a"] == sorted(names, reverse=True)
    names.clear()
    assert "p" not in names and names == []
    md = markdown.Markdown()
    mkdocs_anchors.RawHTMLAnchors()._register(md)
    assert type(md.block_level_elements) is mkdocs_anchors.BlockLevel
    assert md.is_block_level("DIV") and not md.is_block_level("span")


def _parsed(text: str) -> tuple[str, list[str], set[str]] | None:
    """``text`` read by the fast extractor and by Python-Markdown's parser: equal, or the fast one declined."""
    fast_md, parser_md = (markdown.Markdown(extensions=["attr_list", "admonition", "tables", "toc"]) for _ in "ab")
    for md in (fast_md, parser_md):
        md.block_level_elements = mkdocs_anchors.BlockLevel(md.block_level_elements)
    fast = mkdocs_anchors._simple_extract(fast_md, text)
    ids: set[str] = set()
    parser = mkdocs_anchors._Extractor(parser_md, ids)
    parser.feed(text)
    parser.close()
    if fast is not None:
        assert fast[0] == "".join(parser.cleandoc)
        assert fast[1] == parser_md.htmlStash.rawHtmlBlocks
        assert fast[2] == ids == mkdocs_ids(text)
    return fast


def mkdocs_ids(text: str) -> set[str]:
    return set(mkdocs_anchors.mkdocs_ids(text))


def test_the_fast_extractor_reads_every_page_of_a_site_as_the_parser(tmp_path: Path) -> None:
    files = render_site(ROOT / "policy_versions", today=TODAY, rules_root=None, jobs=1).files
    texts = [data.decode("utf-8") for rel, data in sorted(files.items()) if rel.endswith(".md")]
    assert texts and all(_parsed(text) is not None for text in texts)  # (every generated page: none declined)


def test_the_fast_extractor_declines_what_it_does_not_model() -> None:
    declined = ["a < b", "<!-- c -->", "<hr>", "<br/>", "<script>x</script>", '<a id="a" id="b">', "x &#12 y"]
    declined += ["<div>\n</div> x &amp; y", "<div>\nopen", "<a id='q'>", "<a id=bare>", '<p title="a > b">']
    declined += ['<div\xa0id="x">y</div>\n\n']  # (a no-break space is part of the tag's name for the parser)
    for text in declined:
        assert _parsed(text) is None, text
    assert _parsed('<div id="a">x</div>\n\n<p>y &amp; <a name="n" href="#a">z</a></p>\n') is not None


_PLAIN = st.sampled_from(
    [
        "\n", "\n\n", " ", "   ", "    ", "\t", "text", "*em*", "&amp;", "&#39;", "&#x27;", "&lt;", "# Head",
        '<div id="a">', '<div class="pv-tree" id="d&amp;1">', "</div>", '<p id="b">', "</p>", "<P>", "</P>",
        '<a name="n" href="x.html#a">', '<span name="m" id="s">', "</a>", "</span>", "<ul>", "</ul>", "<li>",
        "</li>", '<li id="l" class="x">', '<table class="t"><tbody><tr id="r">', "<td>1</td>", "</tr></tbody></table>",
        "<em>", "</em>", "<br>", '<del class="pv-del">', "</del>", "<details>", "</details>", "</ div>", "{ #attr }",
        '<div\nid="m">', '<div\xa0id="z">', "\xa0", "| a | b |\n|---|---|\n| c | d |", "!!! note\n    body",
    ]
)  # fmt: skip


@given(st.lists(_PLAIN, max_size=24).map("".join))
@settings(max_examples=examples(1500), deadline=None)
def test_the_fast_extractor_reads_plain_html_as_the_parser(text: str) -> None:
    _parsed(text)
    _same(text)
