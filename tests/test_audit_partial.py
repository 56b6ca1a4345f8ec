"""A version read in part (filed with ``--recover``: a region its template's grammar could not read, the whole text
then read by its outline) is another shape of the document than the next version's grammar read: the audit says the
step was read in part — one finding — and sets aside what that reading may have made, never a flood of changes."""

from __future__ import annotations

import json
from pathlib import Path

from audit_support import LOG_END, PHARMACY
from conftest import run_cli

STRAY = "2Q 2025 ad hoc review: for asthma clarified the exacerbation count\t(see minutes)\n"


def test_a_step_with_a_version_read_in_part_is_one_finding_not_a_flood(tmp_path: Path) -> None:
    """The old version's log has a row the grammar cannot read (its date cell holds no date): filed with
    ``--recover``, the grammar reads the rest and keeps the row as an unread region.  The audit says so once — the
    step read in part, the region set aside — and exits 1: the step is not clean."""
    old = PHARMACY.replace(LOG_END, LOG_END + STRAY)
    new = old.replace("Last Review Date: 02.25", "Last Review Date: 02.26").replace(STRAY, "")
    new = new.replace(LOG_END, LOG_END + "1Q 2026 annual review: references reviewed and updated.\t02.26\t02.26\n")
    changed = new.replace("Age ≥ 18 years;", "Age ≥ 16 years;", 1)
    assert changed != new
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(changed, encoding="utf-8")
    assert run_cli("ingest", "old.txt", "--store", "s", cwd=tmp_path).returncode == 2  # (the strict read fails)
    assert run_cli("ingest", "old.txt", "--store", "s", "--recover", cwd=tmp_path).returncode in (0, 1)
    assert run_cli("ingest", "new.txt", "--store", "s", cwd=tmp_path).returncode == 0
    done = run_cli("audit", "CP.PHAR.990", "--store", "s", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    (step,) = json.loads(done.stdout)["steps"]
    assert step["read_in_part"]["unread"]  # (the region named)
    # (the grammar read the rest of the old version as the new one's: only the region is set aside, no flood)
    assert [e["old_id"] for e in step["read_in_part"]["set_aside"]] == ["unread1"]
    assert all(e["kind"] in ("update", "row-update") for e in step["undocumented"])  # (only updates are judged)
    assert step["unbacked"] == []
    text = run_cli("audit", "CP.PHAR.990", "--store", "s", cwd=tmp_path).stdout
    assert "READ IN PART" in text and "1 step(s) with a version read in part" in text
