"""The site built by MkDocs (``mkdocs build --strict``, link and anchor validation on): the embedded history and
a hostile policy, scanned for anything executable and for links that do not resolve."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import DERIVED, ROOT, run_cli
from site_check import broken_links, parse_page, unsafe
from site_hostile import SCRIPT, write_hostile_store

from policyvc.site.build import build_site

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "policy_versions", out, build=True, today=TODAY, rules_root=None, jobs=1)
    assert result.built
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    store = write_hostile_store(root)
    out = root / "site"
    build_site(store, out, build=True, today=TODAY, rules_root=None, jobs=1)
    return out


pytestmark = pytest.mark.slow  # mkdocs build --strict of real sites


def test_strict_build_of_the_embedded_history(built: Path) -> None:
    site = built / "_build"
    assert (site / "index.html").is_file()
    assert (site / "CP.PHAR.295" / "index.html").is_file()
    assert len(list((site / "CP.PHAR.295" / "diff").glob("*.html"))) == 10  # every pair of 5 versions
    assert len(list((site / "CP.PHAR.295" / "versions").glob("*.html"))) == 5


def test_every_internal_link_and_anchor_resolves(built: Path) -> None:
    assert broken_links(built / "_build") == []


def test_criterion_anchor_is_its_walk_id(built: Path) -> None:
    page = parse_page(built / "_build" / "CP.PHAR.295" / "index.html")
    assert {"I.A.4.b", "I.E.4.a.ii", "I.A.duration.Commercial", "IV.E.IN", "I.A.4.b.note1"} <= page.ids


def test_no_request_to_another_host(built: Path) -> None:
    config = (built / "mkdocs.yml").read_text(encoding="utf-8")
    assert "font: false" in config
    for path in (built / "_build").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
    assert unsafe(built / "_build") == []


def test_version_and_diff_pages_stay_out_of_the_nav(built: Path) -> None:
    page = (built / "_build" / "CP.PHAR.295" / "index.html").read_text(encoding="utf-8")
    nav = page[page.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "versions/" not in nav and "diff/" not in nav
    assert "Timeline" in nav


def test_hostile_policy_shows_as_text_everywhere(hostile: Path) -> None:
    site = hostile / "_build"
    assert unsafe(site) == []
    assert broken_links(site) == []
    ref = next(p.name for p in (hostile / "docs").iterdir() if p.name.startswith("CP."))
    page = (site / ref / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page  # the body shows the text
    title = page[page.index("<title>") : page.index("</title>")]
    assert "<script" not in title and "&lt;script" not in title and "‹script›" in title
    assert "‹script›" in (hostile / "mkdocs.yml").read_text(encoding="utf-8")  # nav entry
    assert SCRIPT not in page


def test_site_command(tmp_path: Path) -> None:
    out = tmp_path / "site"
    r = run_cli("site", "--out", str(out), "--today", "2026-12-01")
    assert r.returncode == 0, r.stderr
    assert "pages" in r.stdout and (out / "mkdocs.yml").is_file()
    again = run_cli("site", "--out", str(out), "--today", "2026-12-01")
    assert " 0 file(s) written" in again.stdout
    bad = run_cli("site", "--store", str(tmp_path / "missing"), "--out", str(out))
    assert bad.returncode == 2 and bad.stderr.startswith("error: ")


def test_pdf_version_links_its_pages(tmp_path: Path) -> None:
    from policyvc.store.ingest import ingest_files

    store = tmp_path / "store"
    store.mkdir()
    ingest_files([ROOT / "tests" / "fixtures" / "pdf" / "somatrogon-B-row-break.pdf"], store)
    out = tmp_path / "site"
    build_site(store, out, build=True, today=TODAY, rules_root=None, jobs=1)
    ref = next(p.name for p in (out / "docs").iterdir() if p.name.startswith("CP."))
    page = (out / "docs" / ref / "index.md").read_text(encoding="utf-8")
    assert 'class="pv-page" href="sources/' in page and "#page=" in page
    assert list((out / "_build" / ref / "sources").glob("*.pdf"))
    assert broken_links(out / "_build") == []


def test_rule_module_is_linked_when_it_exists(tmp_path: Path) -> None:
    rules = tmp_path / "rules" / "CP.PHAR.295"
    rules.mkdir(parents=True)
    (rules / "v2026-03-26.py").write_text("# generated rule module\n", encoding="utf-8")
    out = tmp_path / "site"
    build_site(ROOT / "policy_versions", out, build=True, today=TODAY, rules_root=tmp_path / "rules", jobs=1)
    page = (out / "docs" / "CP.PHAR.295" / "index.md").read_text(encoding="utf-8")
    assert "[Rule module](rules/v2026-03-26.py)" in page
    assert (out / "docs" / "CP.PHAR.295" / "rules" / "v2026-03-26.py").is_file()
    older = (out / "docs" / "CP.PHAR.295" / "versions" / "2025-04-14.md").read_text(encoding="utf-8")
    assert "Rule module" not in older
    assert "Rule module for this version" in (out / "docs/CP.PHAR.295/versions/2026-03-26.md").read_text("utf-8")
    assert broken_links(out / "_build") == []


def test_streamed_pages_are_the_rendered_project(tmp_path: Path) -> None:
    """build_site writes each policy's pages as they come (never the whole site in memory): the folder holds
    exactly the project render_site gives in one piece, and a second run checks the pages without rewriting."""
    from policyvc.site.render import render_site

    store, rules = ROOT / "policy_versions", tmp_path / "no-rules"
    out = tmp_path / "site"
    first = build_site(store, out, build=False, today=TODAY, rules_root=rules, jobs=2)
    project = render_site(store, today=TODAY, rules_root=rules, jobs=1)
    on_disk = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    on_disk.pop(".policyvc-site")
    assert on_disk == project.files and len(first.write.written) == len(project.files)
    again = build_site(store, out, build=False, today=TODAY, rules_root=rules, jobs=2)
    assert again.reused == 1 and not again.write.changed and again.write.unchanged == len(project.files)
    page = out / "docs" / "CP.PHAR.295" / "audit.md"  # edited by hand: rendered again, not trusted
    page.write_bytes(page.read_bytes() + b"\nmine\n")
    third = build_site(store, out, build=False, today=TODAY, rules_root=rules, jobs=2)
    assert third.reused == 0 and third.write.written == ("docs/CP.PHAR.295/audit.md",)
    assert page.read_bytes() == project.files["docs/CP.PHAR.295/audit.md"]


def test_build_no_html_renders_the_pages_only(tmp_path: Path) -> None:
    import shutil

    store = tmp_path / "store"
    shutil.copytree(ROOT / "policy_versions", store, ignore=DERIVED)
    done = run_cli("build", "--store", str(store), "--out", str(tmp_path / "out"), "--no-html")
    assert done.returncode in (0, 1), done.stderr
    out = done.stdout
    site = tmp_path / "out" / "site"
    assert (site / "docs" / "index.md").is_file() and not (site / "_build").exists()
    line = next(ln for ln in out.splitlines() if ln.startswith("site:"))
    assert line.startswith("site: ") and "pages rendered in" in line and "site --build" in line
