"""Small MkDocs projects for the site's tests: a config and pages written out, and a built tree read back."""

from __future__ import annotations

from pathlib import Path


def write_project(root: Path, config: str, pages: dict[str, str]) -> Path:
    """``mkdocs.yml`` with ``config`` and each page under ``docs/`` (folders made as needed); returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def file_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its relative path, with its bytes: two builds compare as dictionaries."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def site_markdown(store: str, tmp_path: Path) -> list[str]:
    """The Markdown of every page the site renders of ``store`` (``policy_versions``: the embedded example; else
    the hostile store, written under ``tmp_path``), in the order of their paths."""
    import datetime as dt

    from conftest import ROOT
    from site_hostile import write_hostile_store

    from policyvc.site.render import render_site

    root = ROOT / "policy_versions" if store == "policy_versions" else write_hostile_store(tmp_path)
    files = render_site(root, today=dt.date(2026, 12, 1), rules_root=None, jobs=1).files
    return [data.decode("utf-8") for rel, data in sorted(files.items()) if rel.endswith(".md")]
