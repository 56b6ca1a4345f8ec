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
