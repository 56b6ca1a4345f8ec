"""Binders: one file holding several policies is never read, filed or built as one policy.

Payers publish binders (a state plan's print of two policies, a criteria book, a web page of two related
policies).  ``parse`` refuses one at the line where the second policy starts (``--recover``: the first policy
and the rest kept unread, never merged), ``ingest`` / ``check`` / ``build`` refuse it, and ``policyvc split``
writes each policy to a file of its own that parses as the policy alone — node for node.  Detection is not
fooled by a policy naming another (``see CP.PHAR.…``), a running header, a table of contents or a revision log
naming other policies.  Everything runs through the real command line.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, POLICIES, run_cli
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from profiles import examples
from strategies import policies, policy_twins

from policyvc.parser import parse_file, parse_text
from policyvc.parser.binder import policy_starts

FILGRASTIM = POLICIES["filgrastim"]
SOMATROGON = POLICIES["somatrogon"]
DUPILUMAB = POLICIES["dupilumab"]
MEDICAL = sorted((FIXTURES / "medical").glob("*.txt"))
PAYERS = FIXTURES / "payers"


def _binder(tmp_path: Path, *parts: Path, name: str = "binder.txt", sep: str = "\n") -> tuple[Path, list[int]]:
    """The policies ``parts`` one after the other in one file, and the line each starts at."""
    texts = [p.read_text(encoding="utf-8").rstrip("\n") + "\n" for p in parts]
    starts, line = [], 1
    for text in texts:
        lead = len(text) - len(text.lstrip("\n"))  # (blank lines a fixture opens with stay above its head)
        starts.append(line + lead)
        line += text.count("\n") + sep.count("\n")
    path = tmp_path / name
    path.write_text(sep.join(texts), encoding="utf-8")
    return path, starts


def _unread_free(outline: str) -> str:
    return "".join(line for line in outline.splitlines(keepends=True) if not line.startswith("unread"))


# --- parse ----------------------------------------------------------------------------------------------------


def test_parse_refuses_a_binder_at_the_second_policy(tmp_path: Path) -> None:
    path, starts = _binder(tmp_path, FILGRASTIM, SOMATROGON)
    result = run_cli("parse", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {path}:{starts[1]}: a second policy (CP.PHAR.571, Somatrogon-ghla (Ngenla)) starts here: this file "
        "holds 2 policies; split it (policyvc split FILE writes one file per policy)"
    ]


def test_three_policies_are_counted(tmp_path: Path) -> None:
    path, starts = _binder(tmp_path, FILGRASTIM, SOMATROGON, DUPILUMAB)
    result = run_cli("parse", str(path))
    assert result.returncode == 2
    assert f"{path}:{starts[1]}: a second policy (CP.PHAR.571" in result.stderr
    assert "this file holds 3 policies" in result.stderr
    assert [s.line for s in policy_starts(path.read_text(encoding="utf-8")).starts] == starts


def test_recover_gives_the_first_policy_and_keeps_the_rest_unread(tmp_path: Path) -> None:
    path, starts = _binder(tmp_path, FILGRASTIM, SOMATROGON, DUPILUMAB)
    result = run_cli("parse", str(path), "--recover")
    assert result.returncode == 1
    alone = run_cli("parse", str(FILGRASTIM))
    # the first policy's tree is the policy's own, node for node: nothing of the others in its sections or log
    assert _unread_free(result.stdout) == alone.stdout
    tree = json.loads(run_cli("parse", str(path), "--recover", "-f", "json").stdout)
    lines = path.read_text(encoding="utf-8").split("\n")
    kept = [x.strip() for x in lines[starts[1] - 1 :] if x.strip()]
    assert [p["text"] for p in tree["unread"]] == kept  # every line kept, in order
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        f"{path}:{starts[1]}-{starts[2] - 1}: error: a second policy (CP.PHAR.571, Somatrogon-ghla (Ngenla)) starts "
        "here (policy 2 of 3): not read into the first, its lines kept unread; split the file (policyvc split FILE)",
        f"{path}:{starts[2]}-{len(lines)}: error: a further policy (CP.PHAR.336, Dupilumab (Dupixent)) starts here "
        "(policy 3 of 3): not read into the first, its lines kept unread; split the file (policyvc split FILE)",
    ]


def test_recovered_json_keeps_the_first_policys_log(tmp_path: Path) -> None:
    path, _ = _binder(tmp_path, FILGRASTIM, SOMATROGON)
    tree = json.loads(run_cli("parse", str(path), "--recover", "-f", "json").stdout)
    alone = json.loads(run_cli("parse", str(FILGRASTIM), "-f", "json").stdout)
    assert tree["revision_log"] == alone["revision_log"]
    assert tree["header"] == alone["header"]
    assert tree["unread"] and alone["unread"] == []


# --- the store never files a binder -------------------------------------------------------------------------------


@pytest.mark.parametrize("recover", [False, True])
def test_ingest_refuses_a_binder(tmp_path: Path, recover: bool) -> None:
    path, starts = _binder(tmp_path, FILGRASTIM, SOMATROGON)
    store = tmp_path / "store"
    result = run_cli("ingest", str(path), "--store", str(store), *(["--recover"] if recover else []))
    assert result.returncode == 2
    assert f"error: {path}:{starts[1]}: a second policy (CP.PHAR.571" in result.stderr
    assert "policyvc-" not in result.stderr  # (no temporary path in the message)
    assert not (store / "CP.PHAR.297").exists()


def test_check_refuses_a_binder(tmp_path: Path) -> None:
    path, starts = _binder(tmp_path, FILGRASTIM, SOMATROGON)
    result = run_cli("check", str(path), "--store", str(tmp_path / "store"))
    assert result.returncode == 2
    assert f"{path}:{starts[1]}: a second policy" in result.stderr


def test_build_refuses_a_binder_in_the_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    folder = store / "CP.PHAR.297" / "2025-08-01"
    folder.mkdir(parents=True)
    path, starts = _binder(tmp_path, FILGRASTIM, SOMATROGON)
    shutil.copy(path, folder / "policy.txt")
    result = run_cli("build", "--store", str(store), "--no-outputs")
    assert result.returncode == 2
    assert f":{starts[1]}: a second policy (CP.PHAR.571" in result.stderr


# --- split --------------------------------------------------------------------------------------------------------


def test_split_writes_each_policy_that_parses_as_alone(tmp_path: Path) -> None:
    path, starts = _binder(tmp_path, FILGRASTIM, SOMATROGON, DUPILUMAB)
    out = tmp_path / "out"
    result = run_cli("split", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    names = ["CP.PHAR.297.txt", "CP.PHAR.571.txt", "CP.PHAR.336.txt"]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert result.stdout.splitlines()[0] == (
        f"wrote  {out / names[0]}  lines 1-{starts[1] - 1}  (CP.PHAR.297, Filgrastim (Neupogen))"
    )
    for name, original in zip(names, (FILGRASTIM, SOMATROGON, DUPILUMAB), strict=True):
        assert parse_file(out / name) == parse_file(original)  # node for node
        assert (out / name).read_text(encoding="utf-8").strip() == original.read_text(encoding="utf-8").strip()
        assert run_cli("parse", str(out / name)).returncode == 0


def test_split_never_overwrites_and_writes_nothing_for_one_policy(tmp_path: Path) -> None:
    path, _ = _binder(tmp_path, FILGRASTIM, SOMATROGON)
    out = tmp_path / "out"
    out.mkdir()
    (out / "CP.PHAR.571.txt").write_text("mine", encoding="utf-8")
    result = run_cli("split", str(path), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: {out / 'CP.PHAR.571.txt'}: already exists: nothing written (--force replaces it, or choose another "
        "folder with -o)"
    ]
    assert sorted(p.name for p in out.iterdir()) == ["CP.PHAR.571.txt"]
    assert run_cli("split", str(path), "-o", str(out), "--force").returncode == 0
    assert parse_file(out / "CP.PHAR.571.txt") == parse_file(SOMATROGON)
    single = run_cli("split", str(FILGRASTIM), "-o", str(tmp_path / "none"))
    assert single.returncode == 0
    assert "one policy (CP.PHAR.297, Filgrastim (Neupogen)): nothing to split" in single.stderr
    assert not (tmp_path / "none").exists()


def test_split_names_files_by_a_checked_reference_only(tmp_path: Path) -> None:
    """A reference that is no store key (a path, dots, a slash) never names a file: ``policy-N``."""
    first = FILGRASTIM.read_text(encoding="utf-8").replace("CP.PHAR.297", "../../etc/x1")
    second = SOMATROGON.read_text(encoding="utf-8")
    path = tmp_path / "b.txt"
    path.write_text(first + "\n" + second, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("split", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["CP.PHAR.571.txt", "policy-1.txt"]
    assert not (tmp_path / "etc").exists()


def test_two_versions_of_one_policy_are_two_policies(tmp_path: Path) -> None:
    """The same policy's head again after its back matter, with other dates: another version, split apart."""
    text = FILGRASTIM.read_text(encoding="utf-8")
    older = text.replace("Effective Date: 12.01.16", "Effective Date: 12.01.15").replace(
        "Last Review Date: 08.25", "Last Review Date: 08.24"
    )
    assert older != text
    path = tmp_path / "versions.txt"
    path.write_text(text + "\n" + older, encoding="utf-8")
    assert policy_starts(path.read_text(encoding="utf-8")).count == 2
    out = tmp_path / "out"
    assert run_cli("split", str(path), "-o", str(out)).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["CP.PHAR.297.txt", "CP.PHAR.297~2.txt"]


# --- every template -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (MEDICAL[0], MEDICAL[1]),
        (PAYERS / "bcbs-genetic-testing-prose-history.txt", PAYERS / "anthem-bone-growth-stimulators.txt"),
        (PAYERS / "aetna-varicose-veins.txt", PAYERS / "cigna-spinal-cord-stimulation.txt"),
        (PAYERS / "cms-lcd-wound-care.txt", PAYERS / "wellmark-web-sacroiliac-fusion.txt"),
        (FILGRASTIM, PAYERS / "uhc-bariatric-surgery.txt"),
    ],
    ids=lambda p: p.stem,
)
def test_every_template_detects_and_splits(tmp_path: Path, first: Path, second: Path) -> None:
    path, starts = _binder(tmp_path, first, second, sep="\n\n")
    result = run_cli("parse", str(path))
    assert result.returncode == 2
    assert f"{path}:{starts[1]}: a second policy" in result.stderr
    out = tmp_path / "out"
    split = run_cli("split", str(path), "-o", str(out))
    assert split.returncode == 0, split.stderr
    written = [Path(line.split()[1]) for line in split.stdout.splitlines()]
    assert [parse_file(p) for p in written] == [parse_file(first), parse_file(second)]


# --- what is no second policy -------------------------------------------------------------------------------------


def _one(text: str) -> None:
    binder = policy_starts(text)
    assert binder.count == 1, binder.starts
    assert not binder.doubts


def test_a_policy_naming_another_is_one_policy() -> None:
    text = FILGRASTIM.read_text(encoding="utf-8")
    # in a criterion, in the references, in the log: another policy's number and title, never a head
    text = text.replace(
        "Dose does not exceed 10 mcg/kg SC daily.",
        "Dose does not exceed 10 mcg/kg SC daily (see CP.PHAR.571 Somatrogon-ghla (Ngenla), Reference Number "
        "CP.PHAR.571, Effective Date: 09.01.23).",
    )
    text = text.replace(
        "Reviews, Revisions, and Approvals\tDate\tP&T Approval Date\n",
        "Reviews, Revisions, and Approvals\tDate\tP&T Approval Date\n"
        "Criteria for Ngenla moved to CP.PHAR.571 (Clinical Policy: Somatrogon-ghla).\t01.02.25\t\n",
        1,
    )
    _one(text)
    assert parse_text(text).header.reference_number == "CP.PHAR.297"


def test_a_running_header_and_a_table_of_contents_are_no_policy() -> None:
    lines = FILGRASTIM.read_text(encoding="utf-8").split("\n")
    running = ["", "Clinical Policy: Filgrastim (Neupogen)", "Reference Number: CP.PHAR.297", ""]
    paged: list[str] = []
    for k, line in enumerate(lines):
        paged.append(line)
        if k and k % 40 == 0:  # a page's running header, the log and the reminder's pages too
            paged += running
    toc = [
        "Table of Contents",
        "Clinical Policy: Filgrastim (Neupogen) .......... 1",
        "Reference Number: CP.PHAR.297 .......... 1",
        "Policy/Criteria .......... 2",
        "Reviews, Revisions, and Approvals .......... 9",
        "",
    ]
    _one("\n".join(toc + paged + running))


def test_a_policy_index_and_related_policies_are_no_policy() -> None:
    text = (PAYERS / "uhc-bariatric-surgery.txt").read_text(encoding="utf-8")
    text += (
        "\nRelated Policies\n"
        "Title: Obesity Medications\tPolicy Number: 2026T0101A\n"
        "Title: Gastric Pacing\tPolicy Number: 2026T0202B\n"
    )
    binder = policy_starts(text)
    assert binder.count == 1


def test_a_head_naming_nothing_in_common_is_a_warning(tmp_path: Path) -> None:
    """After the back matter, a head whose fields name nothing the first head names (a title where it had only
    a number): no sure start — a warning, and the file read as before."""
    text = (PAYERS / "aetna-varicose-veins.txt").read_text(encoding="utf-8").rstrip("\n")
    text += "\n\nTitle: Obesity Surgery Programs\nEffective Date: 01/01/2026\n\nSome closing words here.\n"
    binder = policy_starts(text)
    assert binder.count == 1
    assert [d.title for d in binder.doubts] == ["Obesity Surgery Programs"]
    path = tmp_path / "doubt.txt"
    path.write_text(text, encoding="utf-8")
    result = run_cli("parse", str(path))
    assert result.returncode == 0
    assert "warning: a policy's head (Obesity Surgery Programs) stands here after the back matter" in result.stderr


# --- properties ---------------------------------------------------------------------------------------------------


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(policies(), min_size=1, max_size=3), st.sampled_from(["\n", "\n\n", "\n\f"]))
def test_k_generated_policies_are_k_policies(generated: list[object], sep: str) -> None:
    references = [g.model.reference for g in generated]  # type: ignore[attr-defined]
    assume(len(set(references)) == len(references))
    text = sep.join(g.text for g in generated)  # type: ignore[attr-defined]
    binder = policy_starts(text)
    assert [s.reference for s in binder.starts] == references
    for part, g in zip(binder.parts(text), generated, strict=True):
        assert parse_text(part) == parse_text(g.text)  # type: ignore[attr-defined]


@settings(max_examples=examples(100), suppress_health_check=[HealthCheck.too_slow])
@given(policy_twins())
def test_a_generated_policy_is_never_a_binder(twins: object) -> None:
    for text in (twins.clean, twins.exported):  # type: ignore[attr-defined]
        assert policy_starts(text).count == 1


_WORDS = st.sampled_from(["Knee", "Spinal", "Cardiac", "Sleep", "Vein", "Bone", "Nerve", "Hearing", "Imaging"])


@st.composite
def generic_policies(draw: st.DrawFn) -> tuple[str, str]:
    """Another payer's policy as its web page or print gives it: a title, labelled fields in one of the shapes
    payers write, sections, a criteria list, references and a dated history."""
    title = f"{draw(_WORDS)} {draw(_WORDS)} {draw(st.sampled_from(['Surgery', 'Testing', 'Devices']))}"
    number = f"{draw(st.sampled_from(['MP', 'CG-SURG', 'PA']))}-{draw(st.integers(1, 999))}"
    day = draw(st.dates(dt.date(2015, 1, 1), dt.date(2026, 12, 31)))
    shape = draw(st.integers(0, 3))
    if shape == 0:
        head = [title, f"Policy Number: {number}", f"Effective Date: {day:%m/%d/%Y}"]
    elif shape == 1:
        head = [draw(st.sampled_from(["Lakeshore Health", "Medical Policy"])), title,
                f"Policy Number: {number}    Effective Date: {day:%m/%d/%Y}"]  # fmt: skip
    elif shape == 2:
        head = [f"Title: {title}", f"Policy #: {number}", f"Last Review Date: {day:%B %d, %Y}"]
    else:
        head = [title, "", f"Guideline Number: {number}", "", f"Publish Date: {day:%m/%d/%Y}"]
    items = draw(st.integers(1, 4))
    body = [
        "",
        "Description",
        f"This policy addresses {title.lower()}.",
        "",
        "Policy",
        f"{title} is considered medically necessary when all of the following criteria are met:",
        *(f"{k}. The member meets requirement number {k} of the list;" for k in range(1, items + 1)),
        "",
        "References",
        *(f"{k}. Author A, Author B. A study of outcomes. J Med. {2000 + k}; {k}(2): 1-9." for k in range(1, 3)),
        "",
        "Policy History",
        "Date\tAction",
        f"{day:%m/%d/%Y}\tAnnual review; no changes.",
    ]
    return number, "\n".join([*head, *body]) + "\n"


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(generic_policies(), min_size=1, max_size=3), st.sampled_from(["\n", "\n\n", "\n\f"]))
def test_k_generated_generic_policies_are_k_policies(generated: list[tuple[str, str]], sep: str) -> None:
    numbers = [n for n, _ in generated]
    assume(len(set(numbers)) == len(numbers))
    text = sep.join(t for _, t in generated)
    binder = policy_starts(text)
    assert [s.reference for s in binder.starts] == numbers
    for part, (_, alone) in zip(binder.parts(text), generated, strict=True):
        assert parse_text(part) == parse_text(alone)
    for _, alone in generated:
        assert policy_starts(alone).count == 1


# --- a PDF of two policies ----------------------------------------------------------------------------------------


@pytest.mark.producers
@pytest.mark.slow
def test_a_libreoffice_pdf_of_two_policies(tmp_path: Path) -> None:
    """Two policies printed by LibreOffice (each with its running header and page footer) in one PDF: refused at
    the second's first line, split in the text ``extract`` gives, each part the policy's tree alone."""
    from docgen import docx_file, have, libreoffice_pdfs

    if have("pdfunite") is None:
        pytest.skip("poppler's pdfunite is not installed")
    docs = [docx_file(p, tmp_path / f"{p.stem}.docx") for p in (FILGRASTIM, SOMATROGON)]
    pdfs = libreoffice_pdfs(docs, tmp_path)
    binder = tmp_path / "binder.pdf"
    subprocess.run(["pdfunite", *map(str, pdfs), str(binder)], check=True, capture_output=True)
    result = run_cli("parse", str(binder))
    assert result.returncode == 2
    assert "a second policy (CP.PHAR.571, Somatrogon-ghla (Ngenla)) starts here: this file holds 2 policies" in (
        result.stderr
    )
    assert result.stderr.count("\n") == 1
    out = tmp_path / "out"
    split = run_cli("split", str(binder), "-o", str(out))
    assert split.returncode == 0, split.stderr
    for name, original in (("CP.PHAR.297.txt", FILGRASTIM), ("CP.PHAR.571.txt", SOMATROGON)):
        assert parse_file(out / name) == parse_file(original)
