"""The documentation: the manual (``docs/``, a MkDocs project) builds with ``--strict``, every page of it is in
its nav, and the README's links and anchors lead somewhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

DOCS = ROOT / "docs"
MANUAL = DOCS / "manual"
README = ROOT / "README.md"


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_pages(item)]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_pages(value)]
    return []


def _config() -> dict[str, object]:
    data = yaml.safe_load((DOCS / "mkdocs.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_manual_page_is_in_the_nav() -> None:
    listed = _nav_pages(_config()["nav"])
    pages = sorted(p.relative_to(MANUAL).as_posix() for p in MANUAL.rglob("*.md"))
    missing = [p for p in pages if p not in listed]
    assert not missing, f"add these pages to the nav of docs/mkdocs.yml: {missing}"
    assert not [p for p in listed if p not in pages], "the nav lists pages that do not exist"


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub and MkDocs' toc make it (lower case, punctuation dropped, spaces to -)."""
    text = re.sub(r"`|\*\*|\[|\]\([^)]*\)", "", heading.strip()).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _links(markdown: str) -> list[str]:
    body = re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", markdown, flags=re.S))
    return re.findall(r"\]\(([^)\s]+)\)", body)


def test_the_readme_links_lead_somewhere() -> None:
    text = README.read_text(encoding="utf-8")
    anchors = {_slug(m) for m in re.findall(r"^#+ (.+)$", re.sub(r"```.*?```", "", text, flags=re.S), re.M)}
    bad = []
    for link in _links(text):
        if link.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = link.partition("#")
        if not path:
            if anchor not in anchors:
                bad.append(link)
        elif not (ROOT / path).exists():
            bad.append(link)
    assert not bad, bad


@pytest.mark.slow
def test_the_manual_builds_strict(tmp_path: Path) -> None:
    out = tmp_path / "manual"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",  # (not --quiet: it hides the warnings from strict mode, which then passes a broken link)
            "-f",
            str(DOCS / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert (out / "index.html").is_file() and (out / "search" / "search_index.json").is_file()
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page


# --- the README's worked example, run ------------------------------------------------------------------------------


def _worked_example() -> list[tuple[str, list[str]]]:
    """The commands of the README's worked example, each with the lines it is shown to print."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## A worked example", 1)[1]
    block = section.split("```console\n", 1)[1].split("\n```", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for line in block.split("\n"):
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line.rstrip())
    return steps


def _shown(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` shows ``expected``: its runs of lines between ``…`` in order, each run contiguous;
    the first run at the start and the last at the end unless ``…`` stands there."""
    runs: list[list[str]] = [[]]
    for line in expected:
        if line == "…":
            runs.append([])
        else:
            runs[-1].append(line)
    at = 0
    for k, run in enumerate(runs):
        if not run:
            continue
        starts = [i for i in range(at, len(actual) - len(run) + 1) if actual[i : i + len(run)] == run]
        if not starts or (k == 0 and starts[0] != 0):
            return False
        at = starts[0] + len(run)
    return not runs[-1] or at == len(actual)


def _kentucky(draft: Path) -> None:
    """The edit the example makes in an editor: a row of Appendix E and a row of the revision log."""
    lines = draft.read_text(encoding="utf-8").split("\n")
    k = next(i for i, line in enumerate(lines) if line.startswith("IN\tYes\t"))
    lines.insert(k + 1, "KY\tYes\tFor stage 4 advanced, metastatic cancer and associated conditions")
    k = next(i for i, line in enumerate(lines) if line.startswith("For Appendix E, added state IN."))
    lines.insert(k + 1, "Updated Appendix E to include Kentucky.\t04.15.26\t")
    draft.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.slow
def test_the_readme_worked_example_prints_what_it_shows(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    env.pop("POLICYVC_STORE", None)
    cwd = ROOT
    for command, expected in _worked_example():
        if command.startswith("$EDITOR "):
            _kentucky(cwd / command.split()[1])
            continue
        if command.endswith("site --serve"):  # it serves until Ctrl-C: on a free port, stopped once it listens
            proc = subprocess.Popen(
                ["bash", "-c", f"exec {command} --port 0"], cwd=cwd, env=env, stdout=subprocess.PIPE, text=True
            )
            assert proc.stdout is not None
            actual = []
            for line in proc.stdout:
                actual.append(re.sub(r"127\.0\.0\.1:\d+/", "127.0.0.1:8000/", line.rstrip()))
                if line.startswith("serving "):
                    break
            proc.send_signal(2)
            assert proc.wait(timeout=30) == 130
        else:
            script = f'{command}\nrc=$?\npwd > "{tmp_path}/cwd"\nexit $rc'
            done = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
            assert done.returncode == (1 if command.startswith("diff ") else 0), (command, done.stderr)
            cwd = Path((tmp_path / "cwd").read_text(encoding="utf-8").strip())
            actual = [line.rstrip() for line in done.stdout.rstrip("\n").split("\n")] if done.stdout else []
        assert _shown(expected, actual), (command, "\n".join(actual))
