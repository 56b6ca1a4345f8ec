"""One walk, one id, one store: every output names a node alike, and no PDF is extracted twice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import POLICIES, run_cli
from policypdf import policy_pdf
from versions import BASE_REFERENCE, day, version_text

from policyvc.cli import app
from policyvc.history.audit import audit
from policyvc.history.blame import blame
from policyvc.history.diff import diff
from policyvc.history.tree import build_tree
from policyvc.parser import parse_text
from policyvc.parser.nodes import Policy
from policyvc.parser.walk import Generator, NodeKind, Visit, node_ids, walk
from policyvc.renderer.audit import audit_to_dict
from policyvc.renderer.blame import render_blame_json
from policyvc.renderer.diff import script_to_dict
from policyvc.renderer.outline import outline_rows
from policyvc.renderer.text import render_text

_ID = re.compile(r"^[A-Za-z0-9._~-]+$")
_CRITERION_LINE = re.compile(r"^(\s*(?:\d+|[a-z]+|[ivx]+)[.)] .*?)([;.:]?\*?)$")


def _reworded(policy: Policy) -> Policy:
    """The policy with every criterion line of its canonical text reworded (a word appended)."""
    lines = []
    in_criteria = False
    for line in render_text(policy).split("\n"):
        if re.match(r"^(I|II|III)\. ", line):
            in_criteria = True
        elif re.match(r"^(IV|V|VI|VII)\. ", line):
            in_criteria = False
        m = _CRITERION_LINE.match(line) if in_criteria else None
        lines.append(f"{m.group(1)} zebra{m.group(2)}" if m else line)
    return parse_text("\n".join(lines))


@pytest.fixture(scope="module", params=["seed", "filgrastim", "dupilumab"])
def policy(request: pytest.FixtureRequest) -> Policy:
    return parse_text(POLICIES[request.param].read_text(encoding="utf-8"))


def test_walk_ids_are_unique_safe_and_in_document_order(policy: Policy) -> None:
    visits = list(walk(policy))
    ids = [v.id for v in visits]
    assert len(ids) == len(set(ids))
    assert all(_ID.match(i) for i in ids), [i for i in ids if not _ID.match(i)]
    position = {v.id: k for k, v in enumerate(visits)}
    for v in visits[1:]:  # pre-order: a parent comes before its children, depth follows the parent
        assert v.parent is not None and position[v.parent] < position[v.id]
        assert v.depth == visits[position[v.parent]].depth + 1
    for v in visits:
        if v.kind is NodeKind.NOTE:
            assert v.owner in position


def test_outline_diff_tree_blame_and_audit_name_every_node_alike(policy: Policy) -> None:
    walked = node_ids(policy)
    containers = {i for i, v in walked.items() if v.kind in (NodeKind.POLICY, NodeKind.PART)}
    outline = {i for i, _, _ in outline_rows(policy)}
    assert outline <= walked.keys()
    assert walked.keys() - containers - outline <= {"header.effective", "header.review"}  # empty dates only
    tree = build_tree(policy)
    log = {i for i, v in walked.items() if v.kind is NodeKind.REVISION} | {"log"}
    assert set(tree.ids) == walked.keys() - log

    changed = _reworded(policy)
    script = script_to_dict(diff(policy, changed))
    criteria = {i for i, v in walked.items() if v.kind is NodeKind.CRITERION}
    updated = {e["new_id"] for e in script["edits"]}
    assert updated == criteria
    assert {e["old_id"] for e in script["edits"]} == criteria

    report = audit([(policy.revision_log[0].date, policy), (policy.revision_log[-1].date, changed)])  # type: ignore[list-item]
    doc = audit_to_dict(report)
    audited = {t["edit"]["new_id"] for s in doc["steps"] for t in s["ties"]}
    audited |= {e["new_id"] for s in doc["steps"] for e in s["undocumented"]}
    assert audited == criteria

    lines = json.loads(render_blame_json(blame([(day(1), policy), (day(2), changed)])))["lines"]
    blamed = {ln["id"] for ln in lines}
    assert blamed == {i for i, v in walked.items() if v.kind in (NodeKind.SET, NodeKind.CRITERION, NodeKind.BULLET)}


def test_the_cli_outline_and_diff_json_use_the_walk_ids() -> None:
    outline = run_cli("parse", str(POLICIES["seed"]))
    assert outline.returncode == 0, outline.stderr
    walked = node_ids(parse_text(POLICIES["seed"].read_text(encoding="utf-8")))
    ids = {line.split("\t", 1)[0] for line in outline.stdout.splitlines()}
    assert ids <= walked.keys()
    assert {"I.A.duration.Commercial", "I.A.duration.Medicaid-HIM", "V.AML", "IV.E.IN", "I.E.3.b.ii.note1"} <= ids
    step = run_cli("diff", "CP.PHAR.295", "2025-04-14", "2026-03-26", "--format", "json")
    assert step.returncode == 0, step.stderr
    edits = json.loads(step.stdout)["edits"]
    assert [(e["kind"], e["new_id"]) for e in edits] == [("row-insert", "IV.E.IN")]


def test_a_generator_without_a_visit_method_for_every_kind_is_refused() -> None:
    with pytest.raises(TypeError, match="no visit method for node kind"):

        class Partial(Generator):
            def visit_criterion(self, v: Visit) -> None:
                pass


# --- one store: no PDF extracted twice ---------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three PDF versions of one policy, built once so their policy.json and meta.json are current."""
    root = tmp_path_factory.mktemp("pdfstore")
    store = root / "store"
    for n in (1, 2, 3):
        folder = store / BASE_REFERENCE / day(n).isoformat()
        folder.mkdir(parents=True)
        text = version_text(day(n), f"Change {n}: added state TX to Appendix E.")
        policy_pdf(text, folder / "policy.pdf")
    built = run_cli("build", "--store", str(store), "--no-cache")
    assert built.returncode in (0, 1), built.stderr
    return store


class _Counting:
    def __init__(self, real: object) -> None:
        self.real, self.calls = real, 0

    def __call__(self, path: Path) -> object:
        self.calls += 1
        return self.real(path)  # type: ignore[operator]


@pytest.mark.slow
@pytest.mark.parametrize("command", [["diff"], ["audit"], ["blame"], ["show", "--as-of", "2030-01-01"]])
def test_history_commands_extract_no_pdf_when_policy_json_is_current(
    pdf_store: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import policyvc.parser.pdf_guard as guard

    counter = _Counting(guard.extract_pdf)
    monkeypatch.setattr(guard, "extract_pdf", counter)
    result = CliRunner().invoke(app, [command[0], BASE_REFERENCE, *command[1:], "--store", str(pdf_store)])
    assert result.exit_code in (0, 1), result.output
    assert counter.calls == 0


@pytest.mark.slow
def test_a_stale_policy_json_is_reparsed_through_the_extraction_cache(
    pdf_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import policyvc.parser.pdf_guard as guard
    from policyvc.store import Store

    store = tmp_path / "store"
    shutil.copytree(pdf_store, store)
    for meta in store.glob("*/*/meta.json"):
        meta.unlink()  # policy.json is no longer known to be current
    counter = _Counting(guard.extract_pdf)
    monkeypatch.setattr(guard, "extract_pdf", counter)
    cache = tmp_path / "cache"
    assert len(Store(store, cache_dir=cache).history(BASE_REFERENCE)) == 3
    assert counter.calls == 3
    again = Store(store, cache_dir=cache)
    assert len(again.history(BASE_REFERENCE)) == 3 and counter.calls == 3  # the cache answers
