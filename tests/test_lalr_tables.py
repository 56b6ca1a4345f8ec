"""lark's LALR tables kept as plain data (``parser/lalr_tables.py``): read back as they were written, and a
stale, damaged or foreign file refused (the caller then builds them from lark again)."""

from __future__ import annotations

from pathlib import Path

import pytest

import policyvc.parser as parser_module
from policyvc.parser import grammar_text
from policyvc.parser.lalr_tables import (
    Tables,
    _key,
    dumps,
    load_tables,
    loads,
    rule,
    save_tables,
    state,
    tables_from,
)


@pytest.fixture(scope="module")
def tables() -> Tables:
    made = tables_from(parser_module._parser())
    assert made is not None, "lark's parser is built some way the driver does not reproduce"
    return made


def test_the_grammar_has_tables(tables: Tables) -> None:
    assert len(tables.states) > 100 and len(tables.rules) > 100
    assert "_NL" in tables.newline_types and tables.ignore


def test_the_file_reads_back_as_written(tables: Tables) -> None:
    key = _key(grammar_text())
    assert loads(dumps(tables, key), key) == tables


def test_a_pattern_with_any_character_survives_the_file(tables: Tables) -> None:
    key = "k"
    for pattern in ["a\nb", "\\\\n", "–\u2028\x00é\U0001f600", "(?P<A>x)|(?P<B>\\\\)"]:
        odd = Tables(pattern, tables.flags, tables.ignore, tables.newline_types, tables.states, tables.rules, 0, 1)
        assert loads(dumps(odd, key), key).pattern == pattern


def _damaged(text: str) -> list[str]:
    return [
        "",
        "garbage",
        text[: len(text) // 2],  # cut short
        text[:-1] + ("1" if text[-1] == "0" else "0"),  # a changed byte: the checksum differs
        text.replace("policyvc-lalr-tables 1", "policyvc-lalr-tables 0", 1),  # another format
    ]


def test_a_damaged_file_is_refused(tables: Tables) -> None:
    key = _key(grammar_text())
    for text in _damaged(dumps(tables, key)):
        with pytest.raises((ValueError, IndexError)):
            loads(text, key)


def test_tables_of_another_grammar_or_version_are_refused(tables: Tables) -> None:
    key = _key(grammar_text())
    with pytest.raises(ValueError, match="another grammar"):
        loads(dumps(tables, key), key.replace("policyvc=", "policyvc=9"))
    assert _key(grammar_text() + "\n// an edit\n") != key


def test_a_state_or_rule_out_of_range_is_refused_when_read(tables: Tables) -> None:
    """(the driver hands any such error to lark's parse)"""
    key = "k"
    bad = Tables(tables.pattern, tables.flags, tables.ignore, tables.newline_types, ("X;1000000", "Y;-5"), (), 0, 0)
    read = loads(dumps(bad, key), key)
    for number in (0, 1, -1):
        with pytest.raises(ValueError):
            state(read, number)
    with pytest.raises(ValueError):
        rule(read, -1)
    with pytest.raises(IndexError):
        rule(read, 0)


def test_every_state_and_rule_reads(tables: Tables) -> None:
    rows = [state(tables, k) for k in range(len(tables.states))]
    assert sum(map(len, rows)) > 1000 and all(rows[tables.start].values())
    shapes = [rule(tables, k) for k in range(len(tables.rules))]
    assert all(size >= len(keep) and all(-size <= k < 0 for k, _ in keep) for size, _, keep in shapes)


def test_kept_tables_are_found_again_and_a_damaged_file_is_none(
    tables: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    grammar = grammar_text()
    assert load_tables(grammar) is None  # nothing kept yet
    save_tables(grammar, tables)
    assert load_tables(grammar) == tables
    (kept,) = (tmp_path / "policyvc" / "lark").glob("*.tables")
    assert kept.stat().st_mode & 0o077 == 0  # (made by mkstemp: this user's only)
    for text in _damaged(kept.read_text(encoding="utf-8")):
        kept.write_text(text, encoding="utf-8")
        assert load_tables(grammar) is None
    kept.write_bytes(b"\xff\xfe not text")
    assert load_tables(grammar) is None


def test_a_tables_file_others_can_write_is_not_read(
    tables: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    grammar = grammar_text()
    save_tables(grammar, tables)
    (kept,) = (tmp_path / "policyvc" / "lark").glob("*.tables")
    kept.chmod(0o666)
    assert load_tables(grammar) is None
    kept.chmod(0o600)
    assert load_tables(grammar) == tables
    kept.parent.chmod(0o777)  # another user could swap the file
    try:
        assert load_tables(grammar) is None
    finally:
        kept.parent.chmod(0o700)
