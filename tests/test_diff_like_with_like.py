"""Two copies of one policy are diffed like with like (`policyvc diff OLD NEW --recover`).

A print of a family pharmacy policy whose coding table came out column by column (``HCPCS Codes`` / ``J2820`` /
``Description`` / ``…``, as a browser's PDF read by pdftotext prints it) is one the family grammar cannot read:
it is read by its outline.  The web copy of the same policy, which the grammar reads, is then read by its outline
too, so that the diff reports what changed in the text, never every section deleted and re-inserted.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, run_cli

_WEB = ROOT / "policy_versions" / "CP.PHAR.295" / "2026-03-26" / "policy.txt"
_TABLE = "HCPCS Codes\tDescription\nJ2820\tInjection, sargramostim (GM-CSF), 50 mcg\n"
_CELLS = "HCPCS Codes\nJ2820\n\nDescription\nInjection, sargramostim (GM-CSF), 50 mcg\n"


def _diff(tmp_path: Path, old: str, new: str) -> tuple[dict[str, object], str]:
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    done = run_cli("diff", "old.txt", "new.txt", "--recover", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


def test_a_copy_only_the_outline_reads_is_diffed_against_the_other_copy_read_by_its_outline(tmp_path: Path) -> None:
    web = _WEB.read_text(encoding="utf-8")
    assert _TABLE in web
    printed = web.replace(_TABLE, _CELLS)
    result, said = _diff(tmp_path, web, printed)
    # (recovery keeps the family's typed tree of the printed copy and sets the cells it cannot read aside as a
    # region of their own — so both copies are read alike by the grammar, the region named, no outline fallback)
    assert "new.txt:" in said and "unread1" in said and "read by its outline" not in said
    edits = result["edits"]
    assert isinstance(edits, list)
    kinds = {(e["kind"], e["node"]) for e in edits}
    # (no part or section of the grammar's reading deleted against headings of the outline's)
    assert ("delete", "part") not in kinds and ("delete", "section") not in kinds
    assert ("update", "criterion") not in kinds and ("delete", "criterion") not in kinds


def test_a_real_change_between_the_copies_is_still_reported(tmp_path: Path) -> None:
    web = _WEB.read_text(encoding="utf-8")
    printed = web.replace(_TABLE, _CELLS).replace("J2820", "J2821")
    result, _ = _diff(tmp_path, web, printed)
    assert "J2821" in json.dumps(result["edits"])


def test_two_copies_the_grammar_reads_are_read_by_it(tmp_path: Path) -> None:
    web = _WEB.read_text(encoding="utf-8")
    result, said = _diff(tmp_path, web, web)
    assert result["edits"] == [] and "read by its outline" not in said
