"""The site's Markdown: goldens of the embedded history, determinism, escaping, and writing only what changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT, check_golden
from site_hostile import PAYLOAD

from policyvc.renderer.escape import heading, html, title, yaml_string
from policyvc.site.build import build_site
from policyvc.site.render import Project, render_site
from policyvc.site.write import write_project

TODAY = dt.date(2026, 12, 1)
STORE = ROOT / "policy_versions"


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return render_site(STORE, today=TODAY, rules_root=None, jobs=1).files


def test_policy_page_matches_golden(files: dict[str, bytes]) -> None:
    check_golden("site/policy.md", files["docs/CP.PHAR.295/index.md"].decode("utf-8"))


def test_diff_page_matches_golden(files: dict[str, bytes]) -> None:
    check_golden(
        "site/diff_2023-10-16_2024-06-05.md", files["docs/CP.PHAR.295/diff/2023-10-16_2024-06-05.md"].decode("utf-8")
    )


def test_rendering_is_deterministic(files: dict[str, bytes]) -> None:
    assert render_site(STORE, today=TODAY, rules_root=None, jobs=2).files == files


def test_pages_of_a_policy(files: dict[str, bytes]) -> None:
    ref = "docs/CP.PHAR.295"
    assert {f"{ref}/index.md", f"{ref}/timeline.md", f"{ref}/audit.md", f"{ref}/blame.md"} <= set(files)
    assert sum(1 for f in files if f.startswith(f"{ref}/versions/")) == 5
    assert sum(1 for f in files if f.startswith(f"{ref}/diff/")) == 10
    policy = files[f"{ref}/index.md"].decode("utf-8")
    for words in ("all of", "one of", "both of", "dose limit", "step therapy", 'id="I.A.4.b"', "Approval duration"):
        assert words in policy, words
    # the note qualifying I.A.4 sits under I.A.4, before its options
    assert policy.index('id="I.A.4.note1"') < policy.index('id="I.A.4.a"')
    diff = files[f"{ref}/diff/2024-06-05_2025-04-14.md"].decode("utf-8")
    assert '<del class="pv-del">' in diff and '<ins class="pv-ins">' in diff
    assert "undocumented" in diff and "pv-verdict pv-ok" in diff


def test_policy_in_force_on_the_day(files: dict[str, bytes]) -> None:
    earlier = render_site(STORE, today=dt.date(2024, 1, 1), rules_root=None, jobs=1).files
    page = earlier["docs/CP.PHAR.295/index.md"].decode("utf-8")
    assert "version 2023-10-16, in force today" in page
    before = render_site(STORE, today=dt.date(2023, 1, 1), rules_root=None, jobs=1).files
    assert "none is in force yet" in before["docs/CP.PHAR.295/index.md"].decode("utf-8")


@pytest.mark.parametrize("fn", [html, title, heading])
def test_escapes_leave_no_markup(fn: object) -> None:
    assert callable(fn)
    out = fn(PAYLOAD + "\n====\n# x")
    assert "<" not in out and ">" not in out and "\n" not in out
    assert ("{" not in out and "}" not in out) or fn is title


def test_title_has_no_character_a_template_could_unescape() -> None:
    t = title('<script>&amp;"x"</script>')
    assert not set(t) & set("<>&\"'`")
    assert yaml_string("a: b\n- c").startswith('"')


def test_heading_writes_markdown_punctuation_as_references() -> None:
    assert heading("# x *y* [z](javascript:1) | {: .c }") == (
        "&#35; x &#42;y&#42; &#91;z&#93;(javascript:1) &#124; &#123;: .c &#125;"
    )


def test_only_changed_files_are_written(tmp_path: Path, files: dict[str, bytes]) -> None:
    first = write_project(tmp_path, Project(files, {}, {}))
    assert len(first.written) == len(files) and not first.removed
    mtimes = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.md")}
    second = write_project(tmp_path, Project(files, {}, {}))
    assert not second.changed and second.unchanged == len(files)
    assert mtimes == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.md")}
    fewer = {k: v for k, v in files.items() if "/diff/" not in k}
    third = write_project(tmp_path, Project(fewer, {}, {}))
    assert len(third.removed) == 10 and not (tmp_path / "docs/CP.PHAR.295/diff").exists()
    (tmp_path / "mine.txt").write_text("kept", encoding="utf-8")
    write_project(tmp_path, Project(fewer, {}, {}))
    assert (tmp_path / "mine.txt").is_file()  # only files the renderer wrote are ever removed


def test_unchanged_policies_are_read_back_not_rendered(tmp_path: Path) -> None:
    import shutil

    store = tmp_path / "store"
    shutil.copytree(STORE, store)
    out = tmp_path / "site"
    first = build_site(store, out, build=False, today=TODAY, rules_root=None, jobs=1)
    assert first.reused == 0 and first.write.written
    second = build_site(store, out, build=False, today=TODAY, rules_root=None, jobs=1)
    assert second.reused == 1 and not second.write.changed
    page = out / "docs" / "CP.PHAR.295" / "index.md"
    page.write_text("edited by hand\n", encoding="utf-8")  # a page that differs from the manifest: rendered again
    third = build_site(store, out, build=False, today=TODAY, rules_root=None, jobs=1)
    assert third.reused == 0 and third.write.written == ("docs/CP.PHAR.295/index.md",)
    source = store / "CP.PHAR.295" / "2026-03-26" / "policy.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("250 mcg/m² IV daily.", "300 mcg/m² IV daily.", 1), encoding="utf-8"
    )
    fourth = build_site(store, out, build=False, today=TODAY, rules_root=None, jobs=1)
    assert fourth.reused == 0 and "docs/CP.PHAR.295/index.md" in fourth.write.written
    assert "300 mcg/m²" in page.read_text(encoding="utf-8")


def test_long_history_gets_consecutive_and_latest_diffs(tmp_path: Path) -> None:
    from versions import BASE_REFERENCE, day, write_version

    from policyvc.site.model import ALL_PAIRS_MAX
    from policyvc.store.ingest import ingest_files

    store = tmp_path / "store"
    store.mkdir()
    n = ALL_PAIRS_MAX + 2
    ingest_files([write_version(tmp_path / "in", day(k)) for k in range(1, n + 1)], store)
    files = render_site(store, today=TODAY, rules_root=None, jobs=1).files
    diffs = sorted(f for f in files if "/diff/" in f)
    assert len(diffs) == (n - 1) + (n - 2)  # consecutive pairs, and every older version against the newest
    timeline = files[f"docs/{BASE_REFERENCE}/timeline.md"].decode("utf-8")
    assert timeline.count('href="diff/') == len(diffs) + (n - 1)  # the grid, and one link per timeline row


def test_nav_of_hundreds_of_policies_is_cut_into_runs() -> None:
    import yaml

    from policyvc.renderer.site_frame import NAV_GROUP, PolicyRow, mkdocs_yml

    rows = [PolicyRow(f"CP.PHAR.{1000 + i}", f"Drug <b>{i}</b> & co", TODAY, TODAY, "—", 5, 0) for i in range(60)]
    config = yaml.safe_load(mkdocs_yml(rows, "Clinical policies"))
    assert config["theme"]["font"] is False and "navigation.prune" in config["theme"]["features"]
    runs = config["nav"][1]["Policies"][1:]
    assert [len(next(iter(r.values()))) for r in runs] == [NAV_GROUP, NAV_GROUP, 60 - 2 * NAV_GROUP]
    assert next(iter(runs[0])) == "CP.PHAR.1000 – CP.PHAR.1024"
    first = next(iter(runs[0].values()))[0]
    title = next(iter(first))
    assert title == "CP.PHAR.1000 · Drug ‹b›0‹/b› ＆ co" and first[title][0] == "CP.PHAR.1000/index.md"
    assert "/*/versions/*.md" in config["not_in_nav"] and "/*/diff/*.md" in config["not_in_nav"]


def test_input_key_covers_every_package_that_makes_the_pages() -> None:
    """The parser, grammar, history and the site's templates each decide what a page says: a change to any of them
    must change every policy's input key (with the editable install they are separate folders of the checkout)."""
    from policyvc.site.inputs import code_files

    files = list(code_files())
    names = {name for name, _ in files}
    for wanted in (
        "policyvc.parser/nodes.py",
        "policyvc.grammar/policy.lark",
        "policyvc.renderer/site_pages.py",
        "policyvc.renderer/templates/site/policy.md.j2",
        "policyvc.renderer/templates/site/assets/policyvc.css",
        "policyvc/history/diff.py",
    ):
        assert wanted in names
    assert len({path.resolve() for _, path in files}) == len(files)  # each file digested once
