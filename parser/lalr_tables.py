"""lark's LALR tables for our grammar as plain data, kept in the private cache: a start that parses never
imports lark.

:func:`tables_from` reads what :class:`~policyvc.parser.lalr_driver.Driver` needs from a lark parser
built with ``parser="lalr"``, ``lexer="basic"``, a postlexer and an embedded transformer: the lexer's
combined pattern, the ignored and newline-bearing terminals, the parse table (per state, each symbol's
action as one integer) and, per rule, how many values it takes and which it keeps.  :func:`save_tables`
writes them as text (never a pickle, never code) to ``policy-<key>.tables`` beside lark's own cache
(:mod:`policyvc.parser.cache_dir`), atomically; :func:`load_tables` reads them back.  The key covers
the grammar, lark's version (its ``__init__.py``, read without importing it), Python's version,
policyvc's version and this module's source; the file also holds the key in full and a checksum of its
body, so a stale, damaged or foreign file is refused (``None``: the caller builds the tables from lark
again and writes them anew).
"""

from __future__ import annotations

import os
import re
import sys
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from policyvc.lazy_re import lazy
from policyvc.parser.cache_dir import private_file

if TYPE_CHECKING:
    from lark import Lark

_FORMAT = "policyvc-lalr-tables 1"  # the first line of every file; bump when what is written changes

# An action: a shift (or, for a rule's name, the state to go to) is the state's number, >= 0; a reduction
# by rule ``n`` is ``~n`` (< 0).  One integer, so the driver's loop tells them apart with one comparison.
Action = int
# A rule: how many values it takes off the stack, its name (the transformer's method) and which values it
# keeps (an index from the end; ``True``: an inlined ``_rule`` whose values are spliced in).
Rule = tuple[int, str, tuple[tuple[int, bool], ...]]
# A rule's symbols as the file writes them: one character each, kept (``k``), an inlined ``_rule`` whose
# values are spliced in (``i``) or a filtered-out token (``-``)
_KEPT, _INLINED, _DROPPED = "k", "i", "-"
_NAME = lazy(r"[$\w]+")  # a terminal's or a rule's name


class Tables(NamedTuple):
    """What the driver needs of lark's parser, as plain data.  The states and rules stay in their written
    form, one line each, until the driver first meets them (:func:`state`, :func:`rule`): a parse visits a
    fraction of the table, and a start reads it in well under a millisecond."""

    pattern: str  # the basic lexer's combined pattern: one named group per terminal
    flags: int
    ignore: frozenset[str]
    newline_types: frozenset[str]
    states: tuple[str, ...]  # per state: its symbols, ``;``, their actions
    rules: tuple[str, ...]  # per rule: its name, a space, its symbols (``k``, ``i``, ``-``)
    start: int
    end: int


def state(tables: Tables, number: int) -> dict[str, Action]:
    """The actions of state ``number``, by symbol; ``ValueError`` if the line is no state of these tables."""
    if number < 0:
        raise ValueError("no such state")  # (a tuple's negative index would give one)
    symbols, _, actions = tables.states[number].partition(";")
    names, values = symbols.split(), [int(v) for v in actions.split()]
    if len(names) != len(values):
        raise ValueError("a state's symbols and actions differ in number")
    if values and (max(values) >= len(tables.states) or ~min(values) >= len(tables.rules)):
        raise ValueError("an action out of range")
    return dict(zip(map(sys.intern, names), values, strict=True))


def rule(tables: Tables, number: int) -> Rule:
    """Rule ``number``: how many values it takes, its name and which values it keeps."""
    if number < 0:
        raise ValueError("no such rule")
    name, _, symbols = tables.rules[number].partition(" ")
    return len(symbols), sys.intern(name), _kept(symbols)


@cache
def _kept(symbols: str) -> tuple[tuple[int, bool], ...]:  # (a grammar has a few dozen shapes of rule)
    if symbols.strip(_KEPT + _INLINED + _DROPPED):
        raise ValueError(f"not a rule's symbols: {symbols!r}")
    size = len(symbols)
    return tuple((k - size, c == _INLINED) for k, c in enumerate(symbols) if c != _DROPPED)


def tables_from(lark_parser: Lark) -> Tables | None:
    """The tables of ``lark_parser``, or ``None`` when it is built some way the driver does not reproduce
    (then lark's own ``parse`` is the parse)."""
    try:
        options = lark_parser.options
        if (
            options.parser != "lalr"
            or options.lexer != "basic"
            or options.postlex is None
            or options.transformer is None
            or options.propagate_positions
            or options.maybe_placeholders
            or options.start != ["start"]
            or any(isinstance(key, str) for key in lark_parser._callbacks)  # callbacks on tokens
        ):
            return None
        lexer = lark_parser.parser.lexer.lexer
        scanner = lexer.scanner  # (builds lark's combined pattern, as its first parse would)
        if lexer.callback or lexer.user_callbacks or len(scanner._mres) != 1 or lexer.re is not re:
            return None
        pattern = scanner._mres[0]
        if not isinstance(pattern.pattern, str):
            return None
        table = lark_parser.parser.parser.parser.parse_table
        from lark.parsers.lalr_analysis import Shift

        numbers = {number: k for k, number in enumerate(table.states)}
        rules: list[str] = []
        rule_index: dict[int, int] = {}  # by id() of lark's rule (a Rule hashes in Python)
        states: list[str] = []
        names: set[str] = set()
        for actions in table.states.values():
            row: dict[str, Action] = {}
            for symbol, (action, arg) in actions.items():
                if action is Shift:
                    row[str(symbol)] = numbers[arg]
                    continue
                if id(arg) not in rule_index:
                    written = _rule(arg)
                    if written is None:
                        return None
                    rule_index[id(arg)] = len(rules)
                    rules.append(written)
                    names.add(written.partition(" ")[0])
                row[str(symbol)] = ~rule_index[id(arg)]
            names.update(row)
            states.append(" ".join(row) + ";" + " ".join(map(str, row.values())))
        if not all(_NAME.fullmatch(name) for name in names):  # (the file separates them by spaces)
            return None
        return Tables(
            pattern=pattern.pattern,
            flags=pattern.flags,
            ignore=frozenset(map(str, lexer.ignore_types)),
            newline_types=frozenset(map(str, lexer.newline_types)),
            states=tuple(states),
            rules=tuple(rules),
            start=numbers[table.start_states["start"]],
            end=numbers[table.end_states["start"]],
        )
    except (AttributeError, KeyError, TypeError):  # another lark inside
        return None


def _rule(lark_rule: Any) -> str | None:
    """How lark's parse-tree builder treats ``lark_rule`` (its child filter), written as a line of the file;
    ``None`` for shapes this grammar does not use (lark handles them)."""
    options = lark_rule.options
    if options.keep_all_tokens or options.expand1 or lark_rule.alias or options.template_source:
        return None
    symbols = "".join(
        _DROPPED
        if sym.is_term and sym.filter_out
        else _INLINED
        if not sym.is_term and sym.name.startswith("_")
        else _KEPT
        for sym in lark_rule.expansion
    )
    return f"{lark_rule.origin.name} {symbols}"


# --- the file ---------------------------------------------------------------------------------------------------
# Line 1 the format, line 2 the checksum (CRC-32) of the rest, then: the key; flags, start and end; the pattern
# (escaped onto one line); the ignored terminals; the newline-bearing terminals; the number of rules and
# one line per rule; then one line per state.


def _key(grammar: str) -> str:
    """Everything the tables depend on, in one line (compared in full when a file is read)."""
    from policyvc import __version__

    lark_init = _lark_init()
    own = Path(__file__).read_bytes()
    grammar_bytes = grammar.encode("utf-8")
    return " ".join(
        [
            f"policyvc={__version__}",
            f"python={sys.version_info[0]}.{sys.version_info[1]}",
            f"lark={zlib.crc32(lark_init):08x}:{len(lark_init)}",
            f"tables={zlib.crc32(own):08x}:{len(own)}",
            f"grammar={zlib.crc32(grammar_bytes):08x}:{zlib.adler32(grammar_bytes):08x}:{len(grammar_bytes)}",
        ]
    )


def _lark_init() -> bytes:
    """lark's ``__init__.py`` (it names lark's version), found and read without importing lark."""
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec("lark")
    if spec is None or spec.origin is None:
        raise OSError("lark is not installed")
    return Path(spec.origin).read_bytes()


def _path(key: str) -> str | None:
    data = key.encode("utf-8")
    return private_file(f"policy-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.tables")


def dumps(tables: Tables, key: str) -> str:
    """``tables`` as the file's text."""
    lines = [
        key,
        f"{tables.flags} {tables.start} {tables.end}",
        tables.pattern.encode("unicode_escape").decode("ascii"),
        " ".join(sorted(tables.ignore)),
        " ".join(sorted(tables.newline_types)),
        str(len(tables.rules)),
        *tables.rules,
        *tables.states,
    ]
    body = "\n".join(lines)
    return f"{_FORMAT}\n{zlib.crc32(body.encode('utf-8')):08x}\n{body}"


def loads(text: str, key: str) -> Tables:
    """The tables in a file's ``text``, written with ``key``; ``ValueError`` if it is anything else (a state or
    rule line is checked when it is first read: :func:`state`, :func:`rule`)."""
    head, check, body = text.split("\n", 2)
    if head != _FORMAT or check != f"{zlib.crc32(body.encode('utf-8')):08x}":
        raise ValueError("not a tables file of this version, or a damaged one")
    lines = body.split("\n")
    if lines[0] != key:
        raise ValueError("tables of another grammar or version")
    flags, start, end = map(int, lines[1].split(" "))
    n_rules = int(lines[5])
    states = tuple(lines[6 + n_rules :])
    if not (0 <= start < len(states) and 0 <= end < len(states)) or n_rules < 0:
        raise ValueError("the start or end state is out of range")
    return Tables(
        pattern=lines[2].encode("ascii").decode("unicode_escape"),
        flags=flags,
        ignore=frozenset(lines[3].split()),
        newline_types=frozenset(lines[4].split()),
        states=states,
        rules=tuple(lines[6 : 6 + n_rules]),
        start=start,
        end=end,
    )


def load_tables(grammar: str) -> Tables | None:
    """The tables kept for ``grammar`` by :func:`save_tables`, or ``None`` (none kept, or not usable)."""
    try:
        key = _key(grammar)
        path = _path(key)
        if path is None:
            return None
        with open(path, encoding="utf-8") as f:
            text = f.read()
        return loads(text, key)
    except (OSError, ValueError, UnicodeError, IndexError):
        return None


def save_tables(grammar: str, tables: Tables) -> None:
    """Keep ``tables`` (made from ``grammar``) for :func:`load_tables`; nothing happens when there is no cache."""
    try:
        key = _key(grammar)
        path = _path(key)
    except OSError:
        return
    if path is None:
        return
    import contextlib
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tables-")
    except OSError:  # a read-only or full cache: no file, the next start reads lark's cache again
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(dumps(tables, key))
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
