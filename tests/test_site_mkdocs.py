"""The site's MkDocs build (:mod:`policyvc.site.mkdocs_run`): strict for real, and its memory-saving hooks
(:mod:`policyvc.site.mkdocs_hooks`) change no byte of what MkDocs writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_alone

from policyvc.errors import PolicyError
from policyvc.site.build import build_site
from policyvc.site.mkdocs import mkdocs_build


def _project(root: Path, link: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: t\ndocs_dir: docs\nsite_dir: _build\n", encoding="utf-8")
    (root / "docs" / "index.md").write_text(f"# Home\n\n[the other page]({link})\n", encoding="utf-8")
    (root / "docs" / "other.md").write_text("# Other\n", encoding="utf-8")
    return root


def test_a_broken_link_fails_the_strict_build(tmp_path: Path) -> None:
    # (``mkdocs build --strict --quiet`` built this with exit 0: --quiet hid the warning from strict mode)
    with pytest.raises(PolicyError, match=r"mkdocs build --strict failed: .*missing\.md"):
        mkdocs_build(_project(tmp_path, "missing.md"))


def test_a_sound_project_builds(tmp_path: Path) -> None:
    out = _project(tmp_path, "other.md")
    mkdocs_build(out)
    assert (out / "_build" / "index.html").is_file() and (out / "_build" / "other" / "index.html").is_file()


@pytest.mark.slow
def test_the_hooks_change_no_byte_of_the_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(ROOT / "policy_versions", out, build=True, today=dt.date(2026, 12, 1), rules_root=None, jobs=1)
    plain = tmp_path / "plain"
    mkdocs_alone(out, plain)
    hooked = out / "_build"

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    built, reference = files(hooked), files(plain)
    built.pop(".policyvc-build")  # (the stamp of the project it was built from)
    assert sorted(built) == sorted(reference)
    assert built == reference


def test_memory_is_given_back_before_mkdocs_runs() -> None:
    # the build's process gives its freed heap back to the system before it waits on MkDocs (glibc's malloc_trim);
    # elsewhere it does nothing, and either way it may be called at any time, any number of times
    from policyvc.site.mkdocs import release_free_memory

    held = [bytes(2000) for _ in range(2000)]
    del held
    release_free_memory()
    release_free_memory()
