"""The built site in a real browser: Debian's chromium driven by playwright, the site served on localhost.

Home → policy page → diff page; the redline's insertion and deletion are visible (computed style and a box,
not just present in the DOM); a criterion anchor scrolls into view below the fixed header; search finds a
criterion's words; a hostile policy runs nothing; no request leaves 127.0.0.1.  Screenshots go to
``tests/artifacts/`` (git-ignored).
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import ROOT
from site_hostile import write_hostile_store

from policyvc.site.build import build_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
TODAY = dt.date(2026, 12, 1)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    root = tmp_path_factory.mktemp("browser")
    build_site(ROOT / "policy_versions", root / "site", build=True, today=TODAY, rules_root=None, jobs=1)
    store = write_hostile_store(root / "hostile")
    build_site(store, root / "hostile" / "site", build=True, today=TODAY, rules_root=None, jobs=1)
    servers = [_serve(root / "site" / "_build"), _serve(root / "hostile" / "site" / "_build")]
    yield {"site": servers[0][1], "hostile": servers[1][1]}
    for server, _ in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
    pg = context.new_page()
    pg.requests = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requests.append(r.url))  # type: ignore[attr-defined]
    yield pg
    hosts = {urlsplit(u).hostname for u in pg.requests if not u.startswith(("data:", "blob:"))}  # type: ignore[attr-defined]
    context.close()
    assert hosts <= {"127.0.0.1"}, hosts


def _shot(pg: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / name))


def _visible_style(locator: Any, prop: str) -> str:
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0
    assert locator.is_visible()
    return str(locator.evaluate(f"e => getComputedStyle(e).{prop}"))


def test_home_to_policy_to_diff_shows_the_redline(page: Any, sites: dict[str, str]) -> None:
    page.goto(sites["site"] + "/index.html")
    assert page.locator("article h1").inner_text().startswith("Clinical policies")
    _shot(page, "home.png")
    page.locator("article a", has_text="CP.PHAR.295").first.click()
    page.wait_for_url("**/CP.PHAR.295/index.html")
    assert "Sargramostim" in page.locator("article h1").inner_text()
    assert page.locator("#I\\.A\\.4\\.b .pv-tag", has_text="step therapy").is_visible()
    page.locator("article a", has_text="Changes in this version").click()
    page.wait_for_url("**/diff/2025-04-14_2026-03-26.html")
    page.locator("article a", has_text="Previous step").click()
    page.wait_for_url("**/diff/2024-06-05_2025-04-14.html")
    ins = page.locator("article ins.pv-ins").first
    dele = page.locator("article del.pv-del").first
    assert "underline" in _visible_style(ins, "textDecorationLine")
    assert "line-through" in _visible_style(dele, "textDecorationLine")
    assert page.locator("article .pv-verdict.pv-bad", has_text="undocumented").count() >= 1
    assert page.locator("article .pv-label").count() >= 1
    assert page.locator("li#new\\.I\\.E\\.3\\.a del.pv-del").count() == 1
    page.evaluate("document.getElementById('new.I.E.1').scrollIntoView()")
    page.evaluate("window.scrollBy(0, -330)")
    page.wait_for_timeout(200)
    _shot(page, "diff.png")


def test_criterion_anchor_scrolls_into_view(page: Any, sites: dict[str, str]) -> None:
    page.goto(sites["site"] + "/CP.PHAR.295/index.html#I.E.4.a.ii")
    page.wait_for_timeout(300)
    target = page.locator("#I\\.E\\.4\\.a\\.ii")
    box = target.bounding_box()
    header = page.locator("header.md-header").bounding_box()
    height = page.evaluate("window.innerHeight")
    assert box is not None and header is not None
    assert header["height"] <= box["y"] < height, (box, header)
    assert page.evaluate("window.scrollY") > 500
    _shot(page, "anchor.png")
    page.evaluate("document.getElementById('I.E').scrollIntoView()")  # the set around it, the target still marked
    page.wait_for_timeout(200)
    _shot(page, "policy.png")


def test_search_finds_a_criterion(page: Any, sites: dict[str, str]) -> None:
    page.goto(sites["site"] + "/index.html")
    page.wait_for_timeout(300)
    page.locator("input.md-search__input").click()
    page.keyboard.type("Danyelza administration", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15000)
    text = " ".join(results.all_inner_texts())
    assert "Danyelza" in text
    _shot(page, "search.png")
    hrefs = [str(a.get_attribute("href")) for a in page.locator(".md-search-result__item a").all()]
    assert any("/CP.PHAR.295/index.html" in h and h.endswith("#I.E") for h in hrefs), hrefs  # the set of I.E.4.a.i
    results.first.locator("a").first.click()
    page.wait_for_load_state()
    assert "/CP.PHAR.295/index.html" in page.url


def test_hostile_policy_runs_nothing(page: Any, sites: dict[str, str]) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (
        "/index.html",
        "/CP.PHAR.295/index.html",
        "/CP.PHAR.295/diff/2025-04-14_2026-03-26.html",
        "/CP.PHAR.295/timeline.html",
        "/CP.PHAR.295/blame.html",
        "/CP.PHAR.295/audit.html",
    ):
        page.goto(sites["hostile"] + path)
        page.wait_for_timeout(150)
        page.evaluate("""() => document.querySelectorAll("article *").forEach(e => {
            for (const t of ["mouseover", "mouseenter", "focus", "click"]) {
                if (t !== "click" || e.tagName !== "A") e.dispatchEvent(new Event(t, {bubbles: true}));
            }
        })""")  # any inline handler that got through would fire now
        assert page.evaluate("window.__pwned === undefined"), path
    assert dialogs == []
    page.goto(sites["hostile"] + "/CP.PHAR.295/index.html")
    assert "<script>window.__pwned=1</script>" in page.locator("#description\\.p1").inner_text()
    _shot(page, "hostile.png")
