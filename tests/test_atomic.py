"""Atomic writes (``policyvc/atomic.py``): a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyvc.atomic import write_bytes, write_text_if_changed


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_the_same_text_is_not_written_again(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    assert write_text_if_changed(target, ["<p>", "one", "</p>"])
    os.utime(target, (1, 1))
    assert not write_text_if_changed(target, ["<p>one", "</p>"], buffer=2)  # (chunked otherwise: same bytes)
    assert target.stat().st_mtime == 1 and target.read_text() == "<p>one</p>" and not _leftovers(tmp_path)
    assert write_text_if_changed(target, ["<p>two</p>"])
    assert target.read_text() == "<p>two</p>" and not _leftovers(tmp_path)


@given(st.lists(st.text(max_size=40), max_size=12), st.integers(min_value=1, max_value=64))
def test_what_is_written_is_the_chunks_joined(chunks: list[str], buffer: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out.txt"
        assert write_text_if_changed(target, chunks, buffer=buffer)
        assert target.read_bytes() == "".join(chunks).encode("utf-8")
        assert not write_text_if_changed(target, chunks, buffer=buffer) and not _leftovers(Path(tmp))


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "manifest.json"
    write_bytes(target, b"old")
    target.chmod(0o640)

    def chunks() -> Iterator[str]:
        yield "x" * 100
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_text_if_changed(target, chunks(), buffer=10)
    assert target.read_bytes() == b"old" and not _leftovers(tmp_path)
    write_bytes(target, b"new")  # (the mode of the file it replaces is kept)
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o640
