"""``policyvc impact`` on the embedded history: the flips the revision log predicts, none for renumbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import run_cli
from rules_support import DECISIONS

NOES_2023 = {"I.B.1.a": False, "I.B.1.b": False, "I.C.1.a": False, "I.C.1.b": False, "I.C.1.c": False, "I.D.1": False}
BASE: dict[str, Any] = {
    "date": "2023-09-01", "request": "initial",
    "member": {"age": 6, "weight_kg": 20, "height_cm": 115, "state": "TX", "line_of_business": "Medicaid"},
    "prescriber": {"specialty": "oncologist"}, "therapies": {"Zarxio": "contraindicated"}, "concurrent": [],
    "dose": {"amount": 250, "unit": "mcg/m2", "route": "SC", "frequency": "daily", "doses": 5},
}  # fmt: skip


def _cases(tmp: Path, cases: dict[str, dict[str, Any]]) -> Path:
    folder = tmp / "cases"
    folder.mkdir()
    for name, request in cases.items():
        (folder / f"{name}.json").write_text(json.dumps({"request": request}), encoding="utf-8")
    return folder


def _impact(*args: str) -> tuple[int, list[dict[str, Any]]]:
    result = run_cli("impact", "CP.PHAR.295", *args, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def test_neuroblastoma_set_flips_and_a_renumber_does_not(tmp_path: Path) -> None:
    """10.16.23 added neuroblastoma (I.E); Other diagnoses moved from I.E to I.F: a renumber."""
    folder = _cases(
        tmp_path,
        {
            "neuroblastoma": {
                **BASE,
                "diagnoses": ["relapsed high-risk neuroblastoma"],
                "attestations": {**NOES_2023, "I.E.2.b": True},
            },
            "other-renumbered": {
                **BASE,
                "diagnoses": ["aplastic anemia"],
                "criteria_set": "I.E",
                "attestations": {"I.E.2.b": True},
            },
        },
    )
    code, rows = _impact("2023-04-18", "2023-10-16", "--cases", str(folder))
    assert code == 1
    by = {r["case"]: r for r in rows}
    nb = by["neuroblastoma"]
    assert nb["before"]["outcome"] == "referred" and nb["before"]["set"] == "I.E"
    assert nb["after"]["outcome"] == "needs-review"
    # "Prescribed in combination with Danyelza", and the timing of each dose ("prior to day 1 of Danyelza …")
    assert nb["after"]["missing"] == ["attestations.I.E.3", "attestations.I.E.4.a", "attestations.I.E.4.b"]
    assert {
        "id": "I.E",
        "old_id": None,
        "before": None,
        "after": None,
        "edit": "insert",
        "text": "Neuroblastoma",
    } in nb["causes"]
    renumbered = by["other-renumbered"]
    assert renumbered["changed"] == []
    assert renumbered["before"]["set"] == "I.E" and renumbered["after"]["set"] == "I.F"
    assert renumbered["carried"] == {"I.E.2.b": "I.F.2.b"}
    assert renumbered["after"]["outcome"] == "referred"


def test_only_renumbers_means_exit_0(tmp_path: Path) -> None:
    folder = _cases(
        tmp_path,
        {
            "other": {
                **BASE,
                "diagnoses": ["aplastic anemia"],
                "criteria_set": "I.F",
                "date": "2024-01-10",
                "attestations": {"I.F.2.b": True},
            }
        },
    )
    result = run_cli("impact", "CP.PHAR.295", "2023-10-16", "2024-06-05", "--cases", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    first = result.stdout.split("\n", 1)[0]
    assert first == "1 cases replayed against CP.PHAR.295@2023-10-16 and CP.PHAR.295@2024-06-05: 0 changed"


def test_appendix_e_states_flip_the_cases_the_log_names() -> None:
    """06.05.24 "Updated Appendix E to include Mississippi"; 03.26.26 "For Appendix E, added state IN"."""
    code, rows = _impact("2023-10-16", "2024-06-05", "--cases", str(DECISIONS))
    assert code == 1
    flipped = {r["case"] for r in rows if r["changed"]}
    assert {"23-aml-state-ms-2024-01", "24-aml-state-ms-2024-07"} <= flipped
    ms = next(r for r in rows if r["case"] == "23-aml-state-ms-2024-01")
    assert [c["id"] for c in ms["causes"]] == ["I.A.4", "I.A.4.a", "IV.E.MS"]
    code, rows = _impact("2025-04-14", "2026-03-26", "--cases", str(DECISIONS))
    assert code == 1
    assert {r["case"] for r in rows if r["changed"]} == {"21-aml-state-in-2026", "22-aml-state-in-2025"}
    assert all(r["skipped"] for r in rows if not r["before"])


def test_reworded_criterion_needs_re_review() -> None:
    """04.14.25: "clarified combination with Danyelza should also include temozolomide and irinotecan"."""
    code, rows = _impact("2024-06-05", "2025-04-14", "--cases", str(DECISIONS))
    assert code == 1
    nb = next(r for r in rows if r["case"] == "54-nb-danyelza-alone-2026")
    assert nb["rereview"] == ["I.E.3.a"]
    assert nb["after"]["outcome"] == "needs-review" and "attestations.I.E.3.a" in nb["after"]["missing"]
    flipped = {r["case"] for r in rows if r["changed"]}
    assert "25-aml-il-him-bypass" in flipped  # "added step therapy bypass for IL HIM per IL HB 5395"


def test_text_report(tmp_path: Path) -> None:
    result = run_cli("impact", "CP.PHAR.295", "2025-04-14", "2026-03-26", "--cases", str(DECISIONS))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "changed by row-insert IV.E.IN: Yes | For advanced, metastatic cancer and associated conditions" in lines
    assert "  CHANGED  21-aml-state-in-2026: denied: I.A fails at I.A.4  →  approved by I.A until 2026-10-01" in lines
    assert "      I.A.4.a: false → true" in lines
    bad = run_cli("impact", "CP.PHAR.295", "2025-04-14", "2026-03-26", "--cases", str(tmp_path / "none"))
    assert bad.returncode == 2 and bad.stderr.startswith("error:")


NB_2026 = {  # "3Q 2025 annual review: per NCCN Compendium for neuroblastoma removed requirement for relapse or
    # refractory disease, clarified combination with Danyelza should also include temozolomide and irinotecan"
    "date": "2025-06-01", "request": "initial", "criteria_set": "I.E",
    "member": {"age": 5, "weight_kg": 20, "height_cm": 110, "state": "TX", "line_of_business": "Medicaid"},
    "dose": {"amount": 250, "unit": "mcg/m2", "route": "SC", "frequency": "daily", "doses": 5},
    "therapies": {"Zarxio": "failed"}, "concurrent": [], "prescriber": {"specialty": "pediatric oncology"},
}  # fmt: skip


def test_a_reworded_attestation_alone_is_listed_apart_not_as_changed(tmp_path: Path) -> None:
    """The case is decided alike before and after 04.14.25; only I.E.3.a's wording changed."""
    folder = _cases(
        tmp_path,
        {
            "relapsed": {
                **NB_2026,
                "diagnoses": ["high-risk neuroblastoma, relapsed"],
                "attestations": {"I.E.3.a": True},
            }
        },
    )
    code, rows = _impact("2024-06-05", "2025-04-14", "--cases", str(folder))
    (row,) = rows
    assert row["changed"] == [] and row["rereview"] == ["I.E.3.a"]
    assert row["reattested"]["outcome"] == row["before"]["outcome"]
    assert row["reattested"]["failed"] == row["before"]["failed"]
    assert code == 1  # a reviewer has something to do
    text = run_cli("impact", "CP.PHAR.295", "2024-06-05", "2025-04-14", "--cases", str(folder)).stdout
    assert text.splitlines() == [
        "1 cases replayed against CP.PHAR.295@2024-06-05 and CP.PHAR.295@2025-04-14: 0 changed, 1 need re-attestation",
        "",
        "need re-attestation (the criterion was reworded: its attestation was not carried over):",
        "  I.E.3.a: relapsed",
    ]


def test_a_changed_denial_reason_is_a_change(tmp_path: Path) -> None:
    """Denied before (not relapsed: I.E.1) and after (not an oncologist: I.E.2): the reason moved."""
    case = {
        **NB_2026,
        "prescriber": {"specialty": "family medicine"},
        "diagnoses": ["high-risk neuroblastoma"],
        "attestations": {"I.E.3.a": True},
    }
    folder = _cases(tmp_path, {"not-oncologist": case})
    code, rows = _impact("2024-06-05", "2025-04-14", "--cases", str(folder))
    (row,) = rows
    assert code == 1
    assert row["changed"] == ["reason"]
    assert (row["before"]["failed"], row["reattested"]["failed"]) == ({"I.E": "I.E.1"}, {"I.E": "I.E.2"})
    text = run_cli("impact", "CP.PHAR.295", "2024-06-05", "2025-04-14", "--cases", str(folder)).stdout
    assert "changed by update I.E.1: Diagnosis of high-risk neuroblastoma;" in text
    assert (
        "  CHANGED  not-oncologist: denied: I.E fails at I.E.1  →  denied: I.E fails at I.E.2  (reason changed)" in text
    )


def test_changed_cases_are_grouped_and_no_line_repeats_a_value() -> None:
    result = run_cli("impact", "CP.PHAR.295", "2024-06-05", "2025-04-14", "--cases", str(DECISIONS))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    groups = [line for line in lines if line.startswith("changed by ")]
    # the IL HIM bypass notes (I.A.4's; I.G.1's, beside which 2025-04-14 wraps the referrals of *Other diagnoses* in
    # one group: read as top-level ones, 57's neuroblastoma — listed by then — leaves the requested-use referral the
    # reviewer's until 2a is answered), and I.E.1's rewording
    assert len(groups) == len(set(groups)) == 3
    criteria = [line.strip() for line in lines if line.startswith("      ") and " → " in line]
    assert criteria and all(c.split(": ", 1)[1].split(" → ")[0] != c.split(" → ")[1] for c in criteria)
    assert " - " not in result.stdout and "- -" not in result.stdout
    apart = lines[
        lines.index("need re-attestation (the criterion was reworded: its attestation was not carried over):") + 1
    ]
    assert apart.startswith("  I.E.3.a: ")
