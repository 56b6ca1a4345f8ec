"""``policyvc impact`` across versions of a page whose criteria list lost its markers (an inferred set).

``tests/fixtures/lost_markers/versions``: five Chromium prints of one policy page (*Spinal Cord Stimulation*, a
``<ul>`` with a one-of ``<ul>`` inside it, read by ``pdftotext`` without ``-layout``), each version one edit its
revision log names.  A set's own attestations — ``.statement`` (the request is for the service the statement
names) and ``.structure`` (the nesting shown is the policy's) — are no node of the diff: they follow the set's
match.  The statement's carries unless the statement was reworded; the structure's only while the set's items
read alike (none added, removed, reworded or moved, the same nesting), else the case needs re-attestation.
Expectations are written from the pages' text and their revision logs, through the real CLI.

The set's id is positional (``<section path>.c<n>``): text edited before it that does not touch it keeps it
(10/01/2026 adds a *Background* section, which moves the page break into the set's one-of list); a heading
added above its own moves it to that heading's path (``Background.Coverage-Determination.c1``), and a set
inserted before it in its section renumbers it (``….c2``, 11/01/2026).  Neither can be avoided with ids read
from positions; both are the diff's matches, so its attestations follow, as a renumbered criterion's do.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, run_cli

VERSIONS = FIXTURES / "lost_markers" / "versions"
REF = "POLICY.70412"
# ``Coverage Determination`` is read under ``Description`` (a title-like line under the known heading above it)
SET = "Description.Coverage-Determination.c1"
STATEMENT, STRUCTURE = f"{SET}.statement", f"{SET}.structure"
V1, V2, V3, V4, V5 = "2025-01-15", "2025-07-01", "2026-01-01", "2026-06-01", "2026-09-01"
V6, V7 = "2026-10-01", "2026-11-01"


def _answers(**items: bool) -> dict[str, bool]:
    """Attestations by item (``_2_3``: ``<set>.2.3``), the statement and the structure attested true."""
    answers = {f"{SET}.{k.strip('_').replace('_', '.')}": v for k, v in items.items()}
    return {STATEMENT: True, STRUCTURE: True, **answers}


# Decision tables from the page's text: *all of* chronic neuropathic pain (1), *one of* three conditions (2.1–2.3),
# a trial with at least 50% relief (3); from 09/01/2026 also a psychological evaluation (4).
CASES: dict[str, dict[str, Any]] = {
    # painful diabetic neuropathy (2.3), a trial that relieved the pain: approved by the set
    "met": {"date": "2025-03-01", "criteria_set": SET, "attestations": _answers(_1=True, _2_1=False, _2_2=False,
                                                                                _2_3=True, _3=True)},
    # failed back surgery (2.1), a trial that did not relieve the pain: denied at 3
    "no-relief": {"date": "2025-03-01", "criteria_set": SET, "attestations": _answers(_1=True, _2_1=True, _3=False)},
    # every item met, the nesting not reviewed: needs-review whatever the version
    "unreviewed": {
        "date": "2025-03-01",
        "criteria_set": SET,
        "attestations": {STATEMENT: True, f"{SET}.1": True, f"{SET}.2.1": True, f"{SET}.3": True},
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("store")
    pages = sorted(str(p) for p in VERSIONS.glob("*.chromium.pdftotext.txt"))
    result = run_cli("ingest", *pages, "--store", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cases")
    for name, request in CASES.items():
        (folder / f"{name}.json").write_text(json.dumps({"request": request}), encoding="utf-8")
    return folder


def _impact(store: Path, cases: Path, old: str, new: str) -> tuple[int, dict[str, dict[str, Any]], str]:
    args = ("impact", REF, old, new, "--cases", str(cases), "--store", str(store))
    result = run_cli(*args, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    text = run_cli(*args)
    assert text.returncode == result.returncode
    return result.returncode, {r["case"]: r for r in json.loads(result.stdout)}, text.stdout


def test_the_set_is_inferred_and_decides_as_written_once_attested(store: Path, cases: Path) -> None:
    _, rows, _ = _impact(store, cases, V1, V1)
    assert rows["met"]["before"]["outcome"] == "approved" and rows["met"]["before"]["set"] == SET
    assert rows["no-relief"]["before"]["outcome"] == "denied"
    assert rows["no-relief"]["before"]["failed"] == {SET: f"{SET}.3"}
    assert rows["unreviewed"]["before"]["outcome"] == "needs-review"
    assert rows["unreviewed"]["before"]["missing"] == [f"attestations.{STRUCTURE}"]


def test_text_before_the_set_changed_carries_its_statement_and_structure(store: Path, cases: Path) -> None:
    """07/01/2025: the description expanded (two paragraphs above the set), no change to criteria."""
    code, rows, text = _impact(store, cases, V1, V2)
    assert code == 0, text
    for name, row in rows.items():
        assert row["changed"] == [] and row["rereview"] == [], name
        assert row["after"] == row["before"], name
    assert text.splitlines()[0].endswith(": 0 changed")


def test_a_reworded_statement_needs_re_attestation_of_the_statement_alone(store: Path, cases: Path) -> None:
    """01/01/2026: the coverage statement reworded; the items are as they were, so the nesting's answer carries."""
    code, rows, text = _impact(store, cases, V2, V3)
    assert code == 1
    met = rows["met"]
    assert met["rereview"] == [STATEMENT] and met["changed"] == []
    assert met["after"]["outcome"] == "needs-review" and met["after"]["missing"] == [f"attestations.{STATEMENT}"]
    assert met["reattested"]["outcome"] == "approved"
    assert rows["no-relief"]["rereview"] == [STATEMENT] and rows["no-relief"]["reattested"]["outcome"] == "denied"
    assert "need re-attestation (the criterion was reworded: its attestation was not carried over):" in text
    assert f"  {STATEMENT}: met, no-relief, unreviewed" in text.splitlines()


def test_a_reworded_item_needs_re_attestation_of_the_item_and_the_nesting(store: Path, cases: Path) -> None:
    """06/01/2026: *Diabetic peripheral neuropathy* became *Painful diabetic peripheral neuropathy of the lower
    limbs*: an item of the set reworded, so the reviewer's answer that its nesting is the policy's is stale."""
    code, rows, text = _impact(store, cases, V3, V4)
    assert code == 1
    met = rows["met"]
    assert met["rereview"] == [f"{SET}.2.3", STRUCTURE] and met["changed"] == []
    assert met["after"]["outcome"] == "needs-review"
    assert met["after"]["missing"] == [f"attestations.{SET}.2.3", f"attestations.{STRUCTURE}"]
    assert met["reattested"]["outcome"] == "approved"
    # a case that never attested the reworded item still needs the nesting re-attested
    assert rows["no-relief"]["rereview"] == [STRUCTURE] and rows["no-relief"]["changed"] == []
    assert rows["unreviewed"]["rereview"] == [] and rows["unreviewed"]["changed"] == []
    lines = text.splitlines()
    head = "need re-attestation (the set's items changed: its nesting or group attestation was not carried over):"
    assert lines[lines.index(head) + 1] == f"  {STRUCTURE}: met, no-relief"


def test_an_added_item_changes_the_case_and_needs_the_nesting_re_attested(store: Path, cases: Path) -> None:
    """09/01/2026: a psychological evaluation added: an item the old case never attested, so it changes."""
    code, rows, text = _impact(store, cases, V4, V5)
    assert code == 1
    met = rows["met"]
    assert met["rereview"] == [STRUCTURE] and met["changed"] == ["outcome", "set"]
    assert met["reattested"]["missing"] == [f"attestations.{SET}.4"]
    assert f"changed by insert {SET}.4: The member has had a psychological evaluation before implantation" in text
    assert f"      also needs re-attestation of {STRUCTURE} (shown as re-attested)" in text.splitlines()
    # denied at 3 in both, whatever the new item: no change, but the nesting's answer must be given again
    assert rows["no-relief"]["changed"] == [] and rows["no-relief"]["rereview"] == [STRUCTURE]
    assert rows["no-relief"]["reattested"]["failed"] == {SET: f"{SET}.3"}


def test_across_every_version_each_stale_answer_is_named(store: Path, cases: Path) -> None:
    _, rows, _ = _impact(store, cases, V1, V5)
    assert rows["met"]["rereview"] == [f"{SET}.2.3", STATEMENT, STRUCTURE]
    assert rows["no-relief"]["rereview"] == [STATEMENT, STRUCTURE]


MOVED = "Background.Coverage-Determination.c1"  # (the section path under the Background heading added above it)


def _all_met(set_id: str, date: str) -> dict[str, Any]:
    items = ("1", "2.1", "2.2", "2.3", "3", "4")
    answers = {f"{set_id}.{k}": k != "2.1" and k != "2.2" for k in items}
    return {"date": date, "criteria_set": set_id, "attestations": {**answers, f"{set_id}.statement": True,
                                                                     f"{set_id}.structure": True}}  # fmt: skip


def test_a_page_break_inside_the_set_and_a_heading_above_it_keep_its_criteria(store: Path, tmp_path: Path) -> None:
    """10/01/2026: a *Background* section added above the set: the print's page break now falls inside its
    one-of list (``Complex regional pain syndrome`` / the page's footer and header / ``Painful diabetic …``),
    and its heading is read under *Background*.  The criteria read as before; every answer carries."""
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "met.json").write_text(json.dumps({"request": _all_met(SET, "2026-09-15")}), encoding="utf-8")
    code, rows, text = _impact(store, folder, V5, V6)
    assert code == 0, text
    met = rows["met"]
    assert met["changed"] == [] and met["rereview"] == []
    assert met["before"]["outcome"] == met["after"]["outcome"] == "approved" and met["after"]["set"] == MOVED
    assert met["carried"][STATEMENT] == f"{MOVED}.statement" and met["carried"][STRUCTURE] == f"{MOVED}.structure"
    page = (VERSIONS / f"spinal-stim.{V6}.chromium.pdftotext.txt").read_text(encoding="utf-8").splitlines()
    footer = next(n for n, line in enumerate(page) if line.startswith("file:///"))
    assert page[footer - 1] == "Complex regional pain syndrome"  # (the break the test is about)
    result = run_cli("diff", REF, V5, V6, "--store", str(store))
    assert " criterion " not in result.stdout and " set " not in result.stdout, result.stdout


def test_a_set_inserted_before_it_renumbers_it_and_its_answers_follow(store: Path, tmp_path: Path) -> None:
    """11/01/2026: the trial alone gets a statement of its own, above the set, with no blank line between its
    last item and the set's statement (a print sets none after a ``</ul>``): the set is the section's second
    (``c2``), not an item of the first, and its answers carry."""
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "met.json").write_text(json.dumps({"request": _all_met(MOVED, "2026-10-15")}), encoding="utf-8")
    code, rows, text = _impact(store, folder, V6, V7)
    assert code == 0, text
    met = rows["met"]
    renumbered = "Background.Coverage-Determination.c2"
    assert met["after"]["outcome"] == "approved" and met["after"]["set"] == renumbered
    assert met["carried"][f"{MOVED}.structure"] == f"{renumbered}.structure"
    assert met["carried"][f"{MOVED}.2.3"] == f"{renumbered}.2.3"
    result = run_cli("diff", REF, V6, V7, "--store", str(store))
    assert f"insert     set        {MOVED}: A temporary spinal cord stimulator trial" in result.stdout
    assert " criterion " not in result.stdout, result.stdout


_ONE_OF = """Widget Therapy
Medical Policy Number: 88001
Effective Date: {date}

Coverage Determination
Widget therapy is considered medically necessary when one of the following criteria is met:
- The member has a diagnosis of widget syndrome
- The member has a diagnosis of gadget disease
{extra}
Policy History
01/01/2026 New policy.
{log}"""


def test_a_one_of_sets_group_answer_carries_while_its_items_read_alike(tmp_path: Path) -> None:
    """A one-of set's criteria are a group (``<set>.criteria``) a reviewer may settle as a whole: the answer is
    about its items, so it carries as the nesting's does — not once an item is added (03/01/2026)."""
    versions = {
        "v1.txt": _ONE_OF.format(date="01/01/2026", extra="", log=""),
        "v2.txt": _ONE_OF.format(date="03/01/2026", extra="", log="")
        .replace("Widget therapy is", "Widget therapy is also")
        .replace("01/01/2026 New policy.", "01/01/2026 New policy.\n03/01/2026 Statement clarified."),
        "v3.txt": _ONE_OF.format(
            date="06/01/2026",
            extra="- The member has a diagnosis of sprocket disorder\n",
            log="03/01/2026 Statement clarified.\n06/01/2026 Sprocket disorder added.\n",
        ).replace("Widget therapy is", "Widget therapy is also"),
    }
    for name, text in versions.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    filed = run_cli("ingest", *(str(tmp_path / n) for n in versions), "--store", str(store))
    assert filed.returncode == 0, filed.stdout + filed.stderr
    group = "Coverage-Determination.c1"
    folder = tmp_path / "cases"
    folder.mkdir()
    request = {
        "date": "2026-02-01",
        "criteria_set": group,
        "attestations": {f"{group}.statement": True, f"{group}.criteria": True},
    }
    (folder / "either.json").write_text(json.dumps({"request": request}), encoding="utf-8")
    args = ("impact", "POLICY.88001", "--cases", str(folder), "--store", str(store), "--format", "json")
    # the statement reworded (``is also``): its answer needs re-attestation, the group's carries
    result = run_cli(*args[:2], "2026-01-01", "2026-03-01", *args[2:])
    (row,) = json.loads(result.stdout)
    assert row["before"]["outcome"] == "approved" and row["rereview"] == [f"{group}.statement"]
    # an item added: the group's answer is stale
    result = run_cli(*args[:2], "2026-03-01", "2026-06-01", *args[2:])
    (row,) = json.loads(result.stdout)
    assert row["rereview"] == [f"{group}.criteria"] and row["changed"] == []
    assert row["after"]["outcome"] == "needs-review" and row["reattested"]["outcome"] == "approved"
