"""Shared paths and helpers for the test-suite."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import profiles  # noqa: F401  (registers and loads the hypothesis profile: HYPOTHESIS_PROFILE=ci|dev)
import pytest

# The suite runs on shared machines: a page starved of the CPU for ten seconds (the default) is no looping PDF.
# Tests of the limits set their own values; the commands the tests run inherit this one.
os.environ.setdefault("POLICYVC_PDF_PAGE_TIMEOUT", "60")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "policy_versions" / "CP.PHAR.295" / "2026-03-26" / "policy.txt"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_a82a0c098536c2e2.txt"
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
POLICIES = {
    "seed": SEED,
    "filgrastim": FIXTURES / "policies" / "filgrastim.txt",
    "dupilumab": FIXTURES / "policies" / "dupilumab.txt",
    "somatrogon": FIXTURES / "policies" / "somatrogon.txt",
}
# the policies written in the other styles and family variants (issue 12): Envolve ERX.*, flattened,
# scraped, referral-only sets
STYLED = {p.stem: p for p in sorted((FIXTURES / "input").glob("*.txt"))}
FAMILY = {**POLICIES, **STYLED}  # every fixture policy: what documents from real producers are made of
# and three more, written to be printed by real producers (unknown table headers, a two-page policy, long
# cells of several paragraphs, rows split by page breaks)
PRINTED = {**FAMILY, **{p.stem: p for p in sorted((FIXTURES / "printed").glob("*.txt"))}}
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
# what a build writes beside the embedded example's sources (git-ignored): a test that copies the example
# as a fresh store leaves it out, so its outcome never depends on whether `make run` ran in the checkout
DERIVED = shutil.ignore_patterns(
    "policy.json", "meta.json", ".history.json", ".pairs", ".build-table.json", ".policyvc.lock"
)


def check_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with ``tests/golden/<name>``; ``UPDATE_GOLDEN=1`` rewrites it."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path} (run with UPDATE_GOLDEN=1)"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file"


def mkdocs_alone(site: Path, dest: Path, *, quiet: bool = False) -> None:
    """Build the MkDocs project ``site`` into ``dest`` with MkDocs alone (``mkdocs build --strict``, none of
    our hooks' caches read): what a site built through them must equal byte for byte."""
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", *(["-q"] if quiet else []), "-f", "mkdocs.yml"]
    proc = subprocess.run(
        [*args, "-d", str(dest)],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stderr


def run_cli(
    *args: str, cwd: Path | None = None, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``policyvc`` entry point as a user would (``env``: extra environment variables)."""
    exe = Path(sys.executable).parent / "policyvc"
    full_env = {**os.environ, **env} if env else None
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, cwd=cwd or ROOT, input=stdin, timeout=120, env=full_env
    )


@pytest.fixture(scope="session")
def seed_policy():  # type: ignore[no-untyped-def]
    from policyvc.parser import parse_file

    return parse_file(SEED)
