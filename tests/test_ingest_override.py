"""``ingest --ref REF --date YYYY-MM-DD``: the key of a document that states no identifier or no date, validated
as the store's own, recorded in meta.json and honoured by build and sync (through the real entry point)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

pytestmark = pytest.mark.slow  # real stores through the CLI, a second or more each

# a payer's guideline that names neither an identifier nor a date
BARE = (
    "Knee Arthroscopy Guideline\n\nBackground\nArthroscopy is a common procedure.\n\n"
    "Coverage Criteria\nCovered when all of the following:\n1. Mechanical symptoms;\n2. Failed therapy.\n"
)


def _bare(tmp_path: Path, text: str = BARE) -> Path:
    path = tmp_path / "knee.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_document_stating_no_key_is_refused_with_the_options_named(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = run_cli("ingest", str(_bare(tmp_path)), "--store", str(store))
    assert result.returncode == 2
    assert "states no identifier" in result.stderr and "--ref REF" in result.stderr
    result = run_cli("ingest", str(_bare(tmp_path)), "--store", str(store), "--ref", "KNEE.7")
    assert result.returncode == 2
    assert "--date YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr and not list(store.glob("*/20*"))


def test_overrides_are_validated_whole(tmp_path: Path) -> None:
    store = tmp_path / "store"
    path = str(_bare(tmp_path))
    for args, said in (
        (["--ref", "KNEE.7/../../x", "--date", "2026-02-03"], "cannot name a policy"),
        (["--ref", "knee 7", "--date", "2026-02-03"], "cannot name a policy"),
        (["--ref", "GL--7", "--date", "2026-02-03"], "cannot name a policy"),
        (["--ref", "-7", "--date", "2026-02-03"], "cannot name a policy"),
        (["--ref", "7.", "--date", "2026-02-03"], "cannot name a policy"),
        (["--ref", "KNEE.7", "--date", "2026-02-30"], "expected a real day written YYYY-MM-DD"),
        (["--ref", "KNEE.7", "--date", "2026-02-03x"], "expected a real day written YYYY-MM-DD"),
        (["--ref", "KNEE.7", "--date", "3/2/2026"], "expected a real day written YYYY-MM-DD"),
    ):
        result = run_cli("ingest", path, "--store", str(store), *args)
        assert result.returncode == 2, args
        assert said in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 2  # the error and the count, no traceback
    assert not list(store.glob("*/20*"))


@pytest.mark.parametrize(("given", "filed"), [("152", "152"), ("gl-162045", "GL-162045"), ("2.04.83", "2.04.83")])
def test_another_payers_identifier_is_filed_as_the_documents_own_would_be(
    tmp_path: Path, given: str, filed: str
) -> None:
    store = tmp_path / "store"
    result = run_cli("ingest", str(_bare(tmp_path)), "--store", str(store), "--ref", given, "--date", "2026-02-03")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"stored    {filed} @ 2026-02-03")
    assert (store / filed / "2026-02-03" / "meta.json").is_file()


def test_an_override_is_recorded_and_honoured_by_build(tmp_path: Path) -> None:
    store = tmp_path / "store"
    path = str(_bare(tmp_path))
    filed = run_cli("ingest", path, "--store", str(store), "--ref", "KNEE.7", "--date", "2026-02-03")
    assert filed.returncode == 0, filed.stderr
    assert filed.stdout.startswith("stored    KNEE.7 @ 2026-02-03")
    folder = store / "KNEE.7" / "2026-02-03"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["reference"] == "KNEE.7" and meta["date"] == "2026-02-03"
    assert meta["overridden"] == ["reference", "date"]
    again = run_cli("ingest", path, "--store", str(store), "--ref", "KNEE.7", "--date", "2026-02-03")
    assert again.returncode == 0 and again.stdout.startswith("unchanged")
    (folder / "policy.json").unlink()  # sync rewrites the derived files: the key given at ingest is kept
    built = run_cli("build", "--store", str(store), "--format", "json", cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "filed under" not in built.stdout
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["overridden"] == ["reference", "date"] and (folder / "policy.json").is_file()


def test_an_override_that_contradicts_the_document_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "store"
    stated = BARE.replace("Knee Arthroscopy Guideline\n", "Knee Arthroscopy Guideline\nPolicy Number: KN-100\n")
    stated = stated.replace("\nBackground", "Effective Date: 01/15/2026\n\nBackground")
    path = str(_bare(tmp_path, stated))
    result = run_cli("ingest", path, "--store", str(store), "--ref", "KNEE.7")
    assert result.returncode == 2 and "contradicts the document" in result.stderr
    result = run_cli("ingest", path, "--store", str(store), "--date", "2026-02-03")
    assert result.returncode == 2 and "contradicts the document" in result.stderr
    same = run_cli("ingest", path, "--store", str(store), "--date", "2026-01-15")
    assert same.returncode == 0, same.stderr  # agreeing with the document: filed under its own key, nothing recorded
    meta = json.loads(next(store.glob("*/2026-01-15/meta.json")).read_text(encoding="utf-8"))
    assert "overridden" not in meta


def test_overrides_name_one_document(tmp_path: Path) -> None:
    path = str(_bare(tmp_path))
    result = run_cli("ingest", path, path, "--store", str(tmp_path / "s"), "--ref", "KNEE.7", "--date", "2026-02-03")
    assert result.returncode == 2 and "exactly one file" in result.stderr


def test_a_date_the_document_states_may_key_it(tmp_path: Path) -> None:
    """A document with no revision log that states two dates (its effective date and its last review) is filed
    under the later by default; ``--date`` may name the other one it states, never a date it does not state."""
    store = tmp_path / "store"
    stated = BARE.replace("Knee Arthroscopy Guideline\n", "Knee Arthroscopy Guideline\nPolicy Number: KN-100\n")
    stated = stated.replace("\nBackground", "Effective Date: 01/15/2026\nLast Review Date: 12/01/2025\n\nBackground")
    path = str(_bare(tmp_path, stated))
    result = run_cli("ingest", path, "--store", str(store), "--date", "2026-02-03")
    assert result.returncode == 2 and "contradicts the document" in result.stderr
    result = run_cli("ingest", path, "--store", str(store), "--date", "2025-12-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("stored    KN-100 @ 2025-12-01")
