"""lark's LALR tables, lexer pattern and our transformer, driven by one short loop — without lark.

lark's ``Lark.parse`` is general: its lexer makes a call and a line counter update per token, its
parser looks each token up through a chain of wrappers (child filters, a ``Tree`` for every inlined
``_rule``, the rule's name compared as a lark ``Token``), and the postlexer sits behind two
generators.  For our grammar (LALR, the basic lexer, a postlexer, the transformer embedded) that
machinery cost about as much as the transformer's own work.  :class:`Driver` does the same steps
from the same data — the lexer's pattern, the parse table and the rules' shapes, read out of lark's
parser as plain data (:mod:`policyvc.parser.lalr_tables`, kept in the private cache so a start that
parses never imports lark) — with the transformer's methods and the postlexer, in two plain loops, so a
parse gives the very tokens, reductions and nodes lark's would (``tests/test_lalr_driver.py`` holds the
two equal).

Anything it does not meet in a well-formed text (a character no terminal matches, a token the table
has no action for, an error from the postlexer or a transformer method) makes it hand the text to
lark's ``parse`` from the start (``fallback``), so every error is lark's own, raised where lark raises it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from policyvc.parser.lalr_tables import Action, Rule, Tables, rule, state
from policyvc.parser.tokens import Token

_new_str = str.__new__


class _Unread(Exception):
    """The fast loop met something it leaves to lark (a character no terminal matches …)."""


# A rule's reduction: how many values it takes off the stack, the name of the state it goes to,
# which of its values it keeps (an index from the end; ``True``: an inlined ``_rule`` whose values are
# spliced in) and what makes its value (a transformer method; ``None``: an inlined rule, a plain list).
_Reduction = tuple[int, str, tuple[tuple[int, bool], ...], Callable[[list[Any]], Any] | None]


class Driver:
    """Parses like lark's ``parse`` for a parser built with ``parser="lalr"``, ``lexer="basic"``, a postlexer
    and an embedded transformer, from that parser's :class:`~policyvc.parser.lalr_tables.Tables`."""

    def __init__(self, tables: Tables, transformer: Any, postlex: Any, fallback: Callable[[str], Any]) -> None:
        self._fallback = fallback  # lark's own parse (lark is imported only when it is called)
        # (a match of the pattern always has its terminal's group: ``lastgroup`` is a str)
        self._match: Callable[[str, int], Any] = re.compile(tables.pattern, tables.flags).match
        self._ignore = tables.ignore
        self._newline_types = tables.newline_types
        self._postlex = postlex
        self._transformer = transformer
        self._states = _States(tables)
        self._start = tables.start
        self._end = tables.end
        self._reductions = _Reductions(self, tables)

    def parse(self, text: str, reset: Callable[[], None]) -> Any:
        """What lark's ``parse(text)`` returns; ``reset()`` clears the transformer's per-parse state
        before each try (lark's parse runs again when this loop leaves the text to it)."""
        reset()
        try:
            return self._parse(self._postlex.process(iter(self._lex(text))))
        except Exception:  # any failure: lark parses again, and raises its own error where it meets one
            reset()
            return self._fallback(text)

    def _lex(self, text: str) -> list[Token]:
        """The tokens of lark's basic lexer (type, value, start and end positions), ignored ones left out."""
        match, ignore, newline_types = self._match, self._ignore, self._newline_types
        out: list[Token] = []
        append = out.append
        pos, line, line_start, size = 0, 1, 0, len(text)
        while pos < size:
            m = match(text, pos)
            if m is None:
                raise _Unread(pos)
            kind = m.lastgroup
            end = m.end()
            if kind in ignore:
                if kind in newline_types and "\n" in (value := m.group()):
                    line += value.count("\n")
                    line_start = pos + value.rindex("\n") + 1
                pos = end
                continue
            value = m.group()
            # a Token is a str with slots: made here with its fields set as lark's lexer sets them, without
            # the two calls of its constructor (a fifth of the lexer's time)
            tok = _new_str(Token, value)
            tok.type = kind
            tok.value = value
            tok.start_pos = pos
            tok.line = line
            tok.column = pos - line_start + 1
            if kind in newline_types and "\n" in value:
                line += value.count("\n")
                line_start = pos + value.rindex("\n") + 1
            tok.end_line = line
            tok.end_column = end - line_start + 1
            tok.end_pos = end
            append(tok)
            pos = end
        return out

    def _reduction(self, rule: Rule) -> _Reduction:
        """A rule's reduction with the transformer method that makes its value (as lark's parse-tree builder
        chooses it)."""
        size, name, keep = rule
        method = getattr(self._transformer, name, None)
        callback: Callable[[list[Any]], Any] | None = method
        if method is not None and getattr(method, "visit_wrapper", None) is not None:

            def callback(children: list[Any]) -> Any:
                raise _Unread(name)  # a shape this grammar does not use: lark handles it

        elif method is None and not name.startswith("_"):
            default = self._transformer.__default__

            def callback(children: list[Any], name: str = name) -> Any:
                return default(name, children, None)

        return size, name, keep, callback

    def _parse(self, tokens: Iterator[Token]) -> Any:
        states, reductions = self._states, self._reductions
        state_stack = [self._start]
        values: list[Any] = []
        last: Token | None = None
        for tok in tokens:
            last = tok
            kind = tok.type
            while True:
                arg = states[state_stack[-1]][kind]
                if arg >= 0:  # shift
                    state_stack.append(arg)
                    values.append(tok)
                    break
                size, name, keep, callback = reductions[~arg]
                # (the reduction written out here, not called: it runs once for every token or so)
                children: list[Any] = []
                if size:
                    for k, inline in keep:
                        if inline:
                            children += values[k]
                        else:
                            children.append(values[k])
                    del state_stack[-size:]
                    del values[-size:]
                state_stack.append(states[state_stack[-1]][name])
                values.append(callback(children) if callback is not None else children)
        if last is None:
            raise _Unread("no tokens")
        while True:  # the end of the input: reduce until the start rule is complete
            arg = states[state_stack[-1]]["$END"]
            if arg >= 0:
                raise _Unread("$END shifted")
            self._reduce(arg, state_stack, values)
            if state_stack[-1] == self._end:
                return values[-1]

    def _reduce(self, arg: int, state_stack: list[int], values: list[Any]) -> None:
        """One reduction (action ``arg``) on the stacks, as the token loop writes it out (that loop inlines it:
        it runs once for every token or so; this, a few times at the input's end)."""
        size, name, keep, callback = self._reductions[~arg]
        children: list[Any] = []
        if size:
            for k, inline in keep:
                if inline:
                    children += values[k]
                else:
                    children.append(values[k])
            del state_stack[-size:]
            del values[-size:]
        state_stack.append(self._states[state_stack[-1]][name])
        values.append(callback(children) if callback is not None else children)


class _States(dict[int, dict[str, Action]]):
    """The parse table's states by number, each read from the tables when the loop first meets it."""

    def __init__(self, tables: Tables) -> None:
        super().__init__()
        self._tables = tables

    def __missing__(self, number: int) -> dict[str, Action]:
        self[number] = row = state(self._tables, number)
        return row


class _Reductions(dict[int, _Reduction]):
    """The rules' reductions by number (``~action``), each made when the loop first reduces by it."""

    def __init__(self, driver: Driver, tables: Tables) -> None:
        super().__init__()
        self._driver = driver
        self._tables = tables

    def __missing__(self, number: int) -> _Reduction:
        self[number] = reduction = self._driver._reduction(rule(self._tables, number))
        return reduction
