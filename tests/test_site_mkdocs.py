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


def _read_config(path: Path, *, fast: bool) -> str:
    """The settings MkDocs reads from ``path`` (before validation), by its own reading or libyaml's, as text (an
    object, as MkDocs' ``!relative`` placeholder, by its class and fields but the configuration it points back to)."""
    import json

    from mkdocs.config.defaults import MkDocsConfig

    from policyvc.site.mkdocs_run import fast_config_yaml

    undo = fast_config_yaml() if fast else (lambda: None)
    try:
        config = MkDocsConfig(config_file_path=str(path))
        with path.open("rb") as f:
            config.load_file(f)
        fields = {k: v for k, v in config.data.items() if k != "config_file_path"}

        def plain(o: object) -> str:
            return f"{type(o).__name__} {sorted((k, repr(v)) for k, v in vars(o).items() if k != 'config')}"

        return json.dumps(fields, default=lambda o: str(o) if type(o).__module__ == "datetime" else plain(o))
    finally:
        undo()


def test_libyaml_reads_the_same_settings_as_mkdocs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # mkdocs_run reads mkdocs.yml with libyaml's parser: the settings of the projects policyvc writes (a hostile
    # policy's titles in the navigation), of MkDocs' own tags, and of YAML's odd corners are MkDocs' own
    from site_hostile import write_hostile_store

    store = write_hostile_store(tmp_path / "h")
    out = tmp_path / "site"
    build_site(store, out, build=False, today=dt.date(2026, 12, 1), rules_root=None, jobs=1)
    monkeypatch.setenv("POLICYVC_T", "from the environment")
    odd = tmp_path / "odd.yml"
    odd.write_text(
        "site_name: !ENV [POLICYVC_T, x]\nsite_url: !ENV [POLICYVC_UNSET_T, 'fallback: yes']\n"
        "docs_dir: !relative $config_dir\nextra:\n  a: &x [1, 0o17, 0x1F, 1_000, 1e3, .inf, ~, yes, 2026-12-01]\n"
        "  b: *x\n  c: {<<: {k: v}, z: 'it''s'}\n  d: \"\\u00e9\\t\\U0001F600 \\\"q\\\"\"\n  e: |\n    kept\n"
        "     lines\n  f: >-\n    folded\n    text\n  g: '‹script› & \"x\" `y`'\n",
        encoding="utf-8",
    )
    for path in (out / "mkdocs.yml", odd):
        assert _read_config(path, fast=True) == _read_config(path, fast=False)


def test_a_broken_mkdocs_yml_reports_mkdocs_own_error(tmp_path: Path) -> None:
    from mkdocs.exceptions import ConfigurationError

    broken = tmp_path / "mkdocs.yml"
    broken.write_text("site_name: t\nnav:\n  - a: [b\n  - c\n", encoding="utf-8")
    errors = []
    for fast in (True, False):
        with pytest.raises(ConfigurationError) as caught:
            _read_config(broken, fast=fast)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
