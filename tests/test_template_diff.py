"""Versions of documents of every template diff to their real changes and nothing else: page furniture
and extraction noise (a running header inside a sentence, ``Page N of M`` in one copy only, a word
hyphenated at a line end in one copy only, spacing) never show as a change."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from policyvc.history.diff import diff
from policyvc.parser import parse_text

UHC = FIXTURES / "payers" / "uhc-bariatric-surgery.txt"
MEDICAL = FIXTURES / "medical" / "egfr-testing.txt"
PARAGRAPH = (
    "Benefit coverage for health services is determined by the member specific benefit plan document and "
    "applicable laws that may require coverage for a specific service."
)
NOISY = (
    "Benefit coverage for health services is determined by the mem-\n"
    "ber specific benefit plan document\n\nPage 2 of 4\n\nBariatric Surgery\n"
    "and applicable laws   that may require\ncoverage for a specific  service."
)


def test_furniture_and_noise_are_no_change() -> None:
    clean = UHC.read_text(encoding="utf-8")
    assert PARAGRAPH in clean
    noisy = clean.replace(PARAGRAPH, NOISY)
    script = diff(parse_text(clean, "a.txt"), parse_text(noisy, "b.txt"))
    assert not script.changes, [c for c in script.changes]


def test_a_real_change_is_the_only_change() -> None:
    clean = MEDICAL.read_text(encoding="utf-8")
    changed = clean.replace("B. Results will be used to select", "B. Results will be used by the oncologist to select")
    changed = changed.replace("3. Advanced or metastatic NSCLC not otherwise specified, OR\n", "")
    changed = changed.replace("4. Squamous cell carcinoma", "3. Squamous cell carcinoma")
    script = diff(parse_text(clean, "a.txt"), parse_text(changed, "b.txt"))
    kinds = sorted((c.kind, c.new_id or c.old_id) for c in script.changes)
    assert len(script.changes) == 2, kinds


@pytest.mark.parametrize("template", ["centene-medical", "generic"])
def test_diff_of_two_files_with_recover_and_template(tmp_path: Path, template: str) -> None:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    text = MEDICAL.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("Age", "Age").replace("C. The member has not had", "C. The member has never had"))
    result = run_cli("diff", "--recover", "--template", template, str(old), str(new))
    assert result.returncode == 0, result.stderr
    assert "has [-not-] {+never+} had" in result.stdout


def test_a_generic_policy_is_stored_by_its_identifier_and_its_latest_dated_entry(tmp_path: Path) -> None:
    source = FIXTURES / "payers" / "cigna-spinal-cord-stimulation.txt"
    text = source.read_text(encoding="utf-8")
    newer = tmp_path / "newer.txt"
    newer.write_text(
        text.replace("at least 50% pain relief", "at least 60% pain relief").replace(
            "Annual Review\tNo clinical policy statement changes.\t3/15/2026",
            "Focused Review\tRaised the pain relief a trial must give to 60%.\t4/15/2026\n"
            "Annual Review\tNo clinical policy statement changes.\t3/15/2026",
        ),
        encoding="utf-8",
    )
    store = tmp_path / "store"
    result = run_cli("ingest", "--store", str(store), str(source), str(newer))
    assert result.returncode == 0, result.stderr
    # (the policy's own identifier, as it writes it: ``Coverage Policy Number: 0217``)
    assert sorted(p.name for p in (store / "0217").iterdir()) == ["2026-03-15", "2026-04-15"]
    meta = (store / "0217" / "2026-04-15" / "meta.json").read_text(encoding="utf-8")
    assert '"template": "generic"' in meta and '"reference": "0217"' in meta
    result = run_cli("diff", "--store", str(store), "0217")
    assert result.returncode == 0 and "at least [-50%-] {+60%+} pain relief" in result.stdout
    assert "1 change" in result.stdout.split("\n")[0]


def test_a_store_filed_under_the_earlier_keys_stays_one_history(tmp_path: Path) -> None:
    # a store made before the keys kept the identifier as written holds ``POLICY.0217``: commands find it by
    # either name, a new version joins that folder, and build calls nothing misfiled
    source = FIXTURES / "payers" / "cigna-spinal-cord-stimulation.txt"
    text = source.read_text(encoding="utf-8")
    newer = tmp_path / "newer.txt"
    newer.write_text(
        text.replace("at least 50% pain relief", "at least 60% pain relief").replace(
            "Annual Review\tNo clinical policy statement changes.\t3/15/2026",
            "Focused Review\tRaised the pain relief a trial must give to 60%.\t4/15/2026\n"
            "Annual Review\tNo clinical policy statement changes.\t3/15/2026",
        ),
        encoding="utf-8",
    )
    store = tmp_path / "store"
    assert run_cli("ingest", "--store", str(store), str(source)).returncode == 0
    (store / "0217").rename(store / "POLICY.0217")
    result = run_cli("ingest", "--store", str(store), str(newer))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in store.iterdir() if not p.name.startswith(".")) == ["POLICY.0217"]
    assert sorted(p.name for p in (store / "POLICY.0217").iterdir()) == ["2026-03-15", "2026-04-15"]
    for name in ("0217", "POLICY.0217"):
        result = run_cli("diff", "--store", str(store), name)
        assert result.returncode == 0 and "at least [-50%-] {+60%+} pain relief" in result.stdout
    result = run_cli("build", "--store", str(store), "--out", str(tmp_path / "site"))
    assert "misfiled" not in (result.stdout + result.stderr) and "filed under" not in (result.stdout + result.stderr)


def test_a_document_that_states_no_date_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(
        "Knee Arthroscopy\nPolicy Number: KN-100\n\nCoverage Criteria\nCovered when all of the following:\n"
        "1. Mechanical symptoms;\n2. Failed therapy.\n",
        encoding="utf-8",
    )
    result = run_cli("ingest", "--store", str(tmp_path / "store"), str(path))
    assert result.returncode == 2
    assert "states no dated history and no effective or review date" in result.stderr
