"""Never lose a version: --replace keeps the replaced one and `log` lists it; a dateless new row, a year far
ahead and a draft whose log did not change are input errors with the fix in words (never advice to --replace)."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import git
import pytest
from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples
from versions import BASE_REFERENCE, day, version_text, write_version

from policyvc.store.source import sha256


def _files(store: Path) -> dict[str, bytes]:
    return {str(p.relative_to(store)): p.read_bytes() for p in sorted(store.rglob("*")) if p.is_file()}


def _ingest(*args: str) -> tuple[int, str, str]:
    result = run_cli("ingest", *args)
    return result.returncode, result.stdout, result.stderr


def test_replace_keeps_the_replaced_version_and_log_lists_it(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = write_version(tmp_path / "a", day(2), "Published wording.")
    second = write_version(tmp_path / "b", day(2), "Corrected wording.")
    third = write_version(tmp_path / "c", day(2), "Corrected again.")
    assert _ingest(str(first), "--store", str(store))[0] == 0
    for path in (second, third):
        code, out, err = _ingest(str(path), "--store", str(store), "--replace")
        assert code == 0, err
        assert out.startswith(f"replaced  {BASE_REFERENCE} @ {day(2).isoformat()}")
    folder = store / BASE_REFERENCE / day(2).isoformat()
    assert (folder / "policy.txt").read_bytes() == third.read_bytes()
    for path in (first, second):  # every version ever filed is still in the store, byte for byte
        kept = folder / ".replaced" / sha256(path.read_bytes())[:12] / "policy.txt"
        assert kept.read_bytes() == path.read_bytes()
    log = run_cli("log", BASE_REFERENCE, "--store", str(store))
    assert log.returncode == 0, log.stderr
    replaced = [line for line in log.stdout.splitlines() if line.startswith("    replaced: ")]
    assert [line.split()[2].rstrip(",") for line in replaced] == [
        sha256(first.read_bytes())[:12],
        sha256(second.read_bytes())[:12],
    ]
    assert all(", kept as " in line and ", filed " in line for line in replaced)
    doc = json.loads(run_cli("log", BASE_REFERENCE, "--store", str(store), "-f", "json").stdout)
    assert [Path(r["path"]).read_bytes() for r in doc[0]["replaced"]] == [first.read_bytes(), second.read_bytes()]
    assert doc[0]["replaced"][0]["origin"] == str(first)
    only = run_cli("log", BASE_REFERENCE, "--store", str(store), "--replaced")
    assert [line.split()[5] for line in only.stdout.splitlines()] == [
        sha256(first.read_bytes())[:12],
        sha256(second.read_bytes())[:12],
    ]
    assert only.stdout.splitlines()[0].startswith(f"{BASE_REFERENCE} @ {day(2).isoformat()}  replaced  sha256 ")
    rows = json.loads(run_cli("log", BASE_REFERENCE, "--store", str(store), "--replaced", "-f", "json").stdout)
    assert [(r["date"], Path(r["path"]).read_bytes()) for r in rows] == [
        (day(2).isoformat(), first.read_bytes()),
        (day(2).isoformat(), second.read_bytes()),
    ]
    # the kept copies are not versions: the store still has one version, and it builds from its current source
    listed = run_cli("list", "--store", str(store))
    assert f"{BASE_REFERENCE}         1" in listed.stdout


@pytest.mark.slow
def test_replace_in_a_git_store_keeps_it_too_and_the_tree_stays_clean(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = write_version(tmp_path / "a", day(2), "Published wording.")
    second = write_version(tmp_path / "b", day(2), "Corrected wording.")
    assert _ingest(str(first), "--store", str(store), "--commit")[0] == 0
    assert _ingest(str(second), "--store", str(store), "--commit", "--replace")[0] == 0
    kept = store / BASE_REFERENCE / day(2).isoformat() / ".replaced" / sha256(first.read_bytes())[:12]
    assert (kept / "policy.txt").read_bytes() == first.read_bytes()
    assert not git.Repo(store).is_dirty(untracked_files=True)


def test_a_dateless_new_row_is_refused_naming_it(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert _ingest(str(write_version(tmp_path, day(1), "Updated Appendix B.")), "--store", str(store))[0] == 0
    before = _files(store)
    text = version_text(day(1), "Updated Appendix B.")
    cut = text.index("\nImportant Reminder")
    text = text[:cut].rstrip("\n") + "\nUpdated Appendix C to include the new strength.\t\t\n" + text[cut:]
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    line = text.split("\n").index("Updated Appendix C to include the new strength.\t\t") + 1
    code, out, err = _ingest(str(draft), "--store", str(store))
    assert code == 2 and out == ""
    assert err.splitlines()[0] == (
        f"error: {draft}:{line}: revision-log row 'Updated Appendix C to include the new strength.' has no date: "
        "give it its date (MM.DD.YY) in the Date column — a row without one would be read as the end of the row above"
    )
    assert _files(store) == before


def test_the_rest_of_a_row_is_still_joined_to_it(tmp_path: Path) -> None:
    """A row with no date that reads as the rest of the row above (split by a page break) is no new entry."""
    for rest in ("and irinotecan; references reviewed and updated.", "References reviewed and updated."):
        text = version_text(day(1), "Clarified the combination with temozolomide")  # no final period
        cut = text.index("\nImportant Reminder")
        text = text[:cut].rstrip("\n") + f"\n{rest}\t\t\n" + text[cut:]
        path = tmp_path / "split.txt"
        path.write_text(text, encoding="utf-8")
        parsed = run_cli("parse", str(path), "-f", "json")
        assert parsed.returncode == 0, parsed.stderr
        (last,) = json.loads(parsed.stdout)["revision_log"][-1:]
        assert last["description"] == f"Clarified the combination with temozolomide {rest}"


def test_a_year_far_ahead_is_refused_with_the_fix(tmp_path: Path) -> None:
    store = tmp_path / "store"
    far = dt.date.today().year + 2 - 2000
    written = f"06.15.{far:02d}"
    path = write_version(tmp_path, written, "Updated Appendix E to include Kentucky.")
    line = (
        version_text(written, "Updated Appendix E to include Kentucky.")
        .split("\n")
        .index(f"Updated Appendix E to include Kentucky.\t{written}\t")
    )
    code, out, err = _ingest(str(path), "--store", str(store))
    assert code == 2 and out == ""
    assert err.splitlines()[0] == (
        f"error: {path}:{line + 1}: revision-log date 20{far:02d}-06-15 is more than a year after today "
        f"({dt.date.today().isoformat()}): a typo in the year? correct the date of the row "
        "'Updated Appendix E to include Kentucky.' in the revision log (MM.DD.YY)"
    )
    assert not (store / BASE_REFERENCE).exists()


def test_a_draft_whose_log_did_not_change_is_refused_without_advising_replace(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert _ingest(str(write_version(tmp_path / "a", day(2), "Published.")), "--store", str(store))[0] == 0
    before = _files(store)
    edited = tmp_path / "edited.txt"
    edited.write_text(version_text(day(2), "Published.") + "\n", "utf-8")  # another document, the same log
    code, _, err = _ingest(str(edited), "--store", str(store))
    assert code == 2
    first = err.splitlines()[0]
    assert "this file's revision log is the stored version's (no new row): a new revision needs a new row" in first
    assert "--replace" not in err
    assert _files(store) == before


def _word_draft_without_a_date(tmp_path: Path) -> Path:
    """A Word draft whose new revision-log row's date cell was left empty (python-docx, Word's numbering)."""
    import docx
    from conftest import SEED
    from docgen import docx_file

    text = SEED.read_text(encoding="utf-8")
    last = "For Appendix E, added state IN.\t03.26.26\t\n"
    source = tmp_path / "draft.txt"
    source.write_text(text.replace(last, last + "Updated Appendix E to include Kentucky.\t11.20.26\t\n", 1), "utf-8")
    word = docx_file(source, tmp_path / "draft.docx")
    document = docx.Document(str(word))
    rows = [
        r
        for t in document.tables
        for r in t.rows
        if r.cells[0].text.startswith("Updated Appendix E to include Kentucky")
    ]
    assert len(rows) == 1
    for paragraph in rows[0].cells[1].paragraphs:
        for run in paragraph.runs:
            run.text = ""
    document.save(str(word))
    return word


def test_a_dateless_row_in_a_word_draft_is_refused(tmp_path: Path) -> None:
    word = _word_draft_without_a_date(tmp_path)
    store = tmp_path / "store"
    code, out, err = _ingest(str(word), "--store", str(store))
    assert code == 2 and out == ""
    assert err.startswith(f"error: {word}:") and err.splitlines()[0].endswith(
        ": revision-log row 'Updated Appendix E to include Kentucky.' has no date: give it its date (MM.DD.YY) in "
        "the Date column — a row without one would be read as the end of the row above"
    )
    assert not (store / "CP.PHAR.295").exists()


@pytest.mark.producers
def test_a_dateless_row_in_its_libreoffice_pdf_is_refused_naming_it(tmp_path: Path) -> None:
    from docgen import libreoffice_pdf, need

    need("soffice")
    pdf = libreoffice_pdf(_word_draft_without_a_date(tmp_path), tmp_path / "pdf")
    code, out, err = _ingest(str(pdf), "--store", str(tmp_path / "store"))
    assert code == 2 and out == ""
    assert err.splitlines()[0].startswith(f"error: {pdf}:page ")
    assert err.splitlines()[0].endswith(
        ": revision-log row 'Updated Appendix E to include Kentucky.' has no date: give it its date (MM.DD.YY) in "
        "the Date column — a row without one would be read as the end of the row above"
    )


@settings(max_examples=examples(30))
@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=6))
def test_no_document_ever_filed_under_a_key_is_lost(order: list[int]) -> None:
    """Whatever sequence of documents is filed (and replaced) under one key, every one of them is still in the
    store: the current source or a kept copy, byte for byte, and log lists each kept copy once."""
    from policyvc.store import Store
    from policyvc.store.ingest import ingest
    from policyvc.store.log import version_log

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = root / "store"
        docs = [write_version(root / f"v{k}", day(2), f"Wording number {k}.") for k in range(4)]
        for k in order:
            ingest(docs[k], store, replace=True)
        (line,) = version_log(Store(store, cache_dir=False), BASE_REFERENCE)
        current = (store / BASE_REFERENCE / day(2).isoformat() / "policy.txt").read_bytes()
        kept = [r.path.read_bytes() for r in line.replaced]
        assert len(kept) == len(set(kept))  # each kept once
        filed = {docs[k].read_bytes() for k in order}
        assert filed == {current, *kept}  # none lost, nothing else kept
        assert current == docs[order[-1]].read_bytes()
