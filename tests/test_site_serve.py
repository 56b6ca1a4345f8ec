"""``policyvc site --serve``: the built site on a local HTTP server, searched in a real browser as a user would.

The server is the real command run as a subprocess (``--port 0``: a free port, the URL read from its output);
Debian's chromium, driven by playwright, opens the home page, types a criterion's words into the search box and
follows the result.  Ctrl-C (SIGINT) stops it with exit 130 and no traceback.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli

pytestmark = pytest.mark.slow

_URL = re.compile(r"at (http://127\.0\.0\.1:\d+/) ")


def _start(store: Path, out: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    exe = Path(sys.executable).parent / "policyvc"
    proc = subprocess.Popen(
        [str(exe), "site", "--serve", "--port", "0", "--store", str(store), "--out", str(out), "-j1", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            raise AssertionError(f"policyvc site --serve exited {proc.returncode}: {proc.stderr.read()}")  # type: ignore[union-attr]
        m = _URL.search(line)
        if m:
            return proc, m.group(1)
    proc.kill()
    raise AssertionError("policyvc site --serve printed no URL")


def _stop(proc: subprocess.Popen[str]) -> tuple[int, str]:
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    return proc.returncode, err


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    out = tmp_path_factory.mktemp("serve") / "site"
    proc, url = _start(ROOT / "policy_versions", out)
    try:
        yield url, out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serves_the_site_and_its_search_index_on_loopback(served: tuple[str, Path]) -> None:
    url, out = served
    with urllib.request.urlopen(url + "index.html", timeout=30) as r:
        assert r.status == 200 and b"<html" in r.read().lower()
    with urllib.request.urlopen(url + "search/search_index.json", timeout=30) as r:
        assert r.status == 200 and b"Danyelza" in r.read()
    assert (out / "_build" / "index.html").is_file()


def test_ctrl_c_stops_it_with_130_and_no_traceback(tmp_path: Path, served: tuple[str, Path]) -> None:
    _, out = served  # built already: this server starts at once
    proc, url = _start(ROOT / "policy_versions", out)
    with urllib.request.urlopen(url + "index.html", timeout=30) as r:
        assert r.status == 200
    code, err = _stop(proc)
    assert code == 130
    assert "Traceback" not in err and err.strip().endswith("stopped")


def test_a_port_in_use_is_one_line_and_exit_2(served: tuple[str, Path]) -> None:
    url, out = served
    port = url.rsplit(":", 1)[1].strip("/")
    result = run_cli(
        "site", "--serve", "--port", port, "--store", str(ROOT / "policy_versions"), "--out", str(out), "-j1"
    )
    assert result.returncode == 2
    assert f"cannot serve on 127.0.0.1:{port} (it is in use): choose another with --port" in result.stderr
    assert "Traceback" not in result.stderr


# --- in the browser ------------------------------------------------------------------------------------------------

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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _search(browser: Any, start: str, words: str) -> tuple[list[str], Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(start)
    page.locator("input.md-search__input").click()
    page.keyboard.type(words, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15000)
    return results.all_inner_texts(), page


@pytest.mark.browser
def test_a_user_searches_the_served_site_for_a_criterion(browser: Any, served: tuple[str, Path]) -> None:
    url, _ = served
    texts, page = _search(browser, url + "index.html", "Danyelza temozolomide")
    assert any("Danyelza" in t for t in texts)
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(url) and "/CP.PHAR.295/" in page.url
    assert "Danyelza" in page.locator("article").inner_text()
    page.context.close()


@pytest.mark.browser
def test_the_site_opened_from_disk_searches_too(browser: Any, served: tuple[str, Path]) -> None:
    """mkdocs-material's offline plugin puts the search index into the pages' scripts: no request from file://."""
    _, out = served
    texts, page = _search(browser, (out / "_build" / "index.html").as_uri(), "Danyelza temozolomide")
    assert any("Danyelza" in t for t in texts)
    page.context.close()
