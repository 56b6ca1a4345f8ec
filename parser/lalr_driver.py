"""lark's own LALR tables, lexer pattern and our transformer, driven by one short loop.

lark's ``Lark.parse`` is general: its lexer makes a call and a line counter update per token, its
parser looks each token up through a chain of wrappers (child filters, a ``Tree`` for every inlined
``_rule``, the rule's name compared as a lark ``Token``), and the postlexer sits behind two
generators.  For our grammar (LALR, the basic lexer, a postlexer, the transformer embedded) that
machinery cost about as much as the transformer's own work.  :class:`Driver` does the same steps
with the same objects — the lexer's compiled pattern, the parse table, the transformer's methods,
the postlexer — in two plain loops, so a parse gives the very tokens, reductions and nodes lark's
would (``tests/test_lalr_driver.py`` holds the two equal).

Anything it does not meet in a well-formed text (a character no terminal matches, a token the table
has no action for, an error from the postlexer or a transformer method) makes it hand the text to
lark's ``parse`` from the start, so every error is lark's own, raised where lark raises it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from lark import Token

if TYPE_CHECKING:
    from lark import Lark


_new_str = str.__new__


class _Unread(Exception):
    """The fast loop met something it leaves to lark (a character no terminal matches …)."""


# A rule's reduction: how many values it takes off the stack, the name of the state it goes to,
# which of its values it keeps (an index from the end; ``True``: an inlined ``_rule`` whose values are
# spliced in) and what makes its value (a transformer method; ``None``: an inlined rule, a plain list).
_Reduction = tuple[int, str, tuple[tuple[int, bool], ...], Callable[[list[Any]], Any] | None]


class Driver:
    """Parses like ``lark_parser.parse`` for a parser built with ``parser="lalr"``, ``lexer="basic"``,
    a postlexer and an embedded transformer (see :func:`driver_for`)."""

    def __init__(self, lark_parser: Lark, pattern: Any, ignore: frozenset[str], newline_types: frozenset[str]) -> None:
        frontend = lark_parser.parser
        table = frontend.parser.parser.parse_table
        self._lark = lark_parser
        self._match = pattern.match
        self._ignore = ignore
        self._newline_types = newline_types
        self._postlex: Any = lark_parser.options.postlex  # (both checked present by driver_for)
        self._transformer: Any = lark_parser.options.transformer
        self._states: dict[int, dict[str, tuple[Any, Any]]] = table.states
        self._start: int = table.start_states["start"]
        self._end: int = table.end_states["start"]
        from lark.parsers.lalr_analysis import Shift

        self._shift = Shift
        self._reductions: dict[int, _Reduction] = {}  # by id() of lark's rule (a Rule hashes in Python)

    def parse(self, text: str, reset: Callable[[], None]) -> Any:
        """What ``lark_parser.parse(text)`` returns; ``reset()`` clears the transformer's per-parse state
        before each try (lark's parse runs again when this loop leaves the text to it)."""
        reset()
        try:
            return self._parse(self._postlex.process(iter(self._lex(text))))
        except Exception:  # any failure: lark parses again, and raises its own error where it meets one
            reset()
            return self._lark.parse(text)

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

    def _reduction(self, rule: Any) -> _Reduction:
        """How lark's parse-tree builder treats ``rule`` (its child filter, then the callback), as data."""
        options = rule.options
        if options.keep_all_tokens or options.expand1 or rule.alias or options.template_source:
            raise _Unread(rule)  # shapes this grammar does not use: lark handles them
        expansion = rule.expansion
        size = len(expansion)
        keep = tuple(
            (k - size, not sym.is_term and sym.name.startswith("_"))
            for k, sym in enumerate(expansion)
            if not (sym.is_term and sym.filter_out)
        )
        name = str(rule.origin.name)
        method = getattr(self._transformer, name, None)
        if method is not None and getattr(method, "visit_wrapper", None) is not None:
            raise _Unread(rule)
        callback: Callable[[list[Any]], Any] | None = method
        if method is None and not name.startswith("_"):
            default = self._transformer.__default__

            def callback(children: list[Any], name: str = name) -> Any:
                return default(name, children, None)

        reduction = (size, name, keep, callback)
        self._reductions[id(rule)] = reduction
        return reduction

    def _parse(self, tokens: Iterator[Token]) -> Any:
        states, shift, reductions = self._states, self._shift, self._reductions
        state_stack = [self._start]
        values: list[Any] = []
        last: Token | None = None
        for tok in tokens:
            last = tok
            kind = tok.type
            while True:
                action, arg = states[state_stack[-1]][kind]
                if action is shift:
                    state_stack.append(arg)
                    values.append(tok)
                    break
                size, name, keep, callback = reductions.get(id(arg)) or self._reduction(arg)
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
                state_stack.append(states[state_stack[-1]][name][1])
                values.append(callback(children) if callback is not None else children)
        if last is None:
            raise _Unread("no tokens")
        while True:  # the end of the input: reduce until the start rule is complete
            action, arg = states[state_stack[-1]]["$END"]
            if action is shift:
                raise _Unread("$END shifted")
            self._reduce(arg, state_stack, values)
            if state_stack[-1] == self._end:
                return values[-1]

    def _reduce(self, rule: Any, state_stack: list[Any], values: list[Any]) -> None:
        """One reduction by ``rule`` on the stacks, as the token loop writes it out (that loop inlines it: it
        runs once for every token or so; this, a few times at the input's end)."""
        size, name, keep, callback = self._reductions.get(id(rule)) or self._reduction(rule)
        children: list[Any] = []
        if size:
            for k, inline in keep:
                if inline:
                    children += values[k]
                else:
                    children.append(values[k])
            del state_stack[-size:]
            del values[-size:]
        state_stack.append(self._states[state_stack[-1]][name][1])
        values.append(callback(children) if callback is not None else children)


def driver_for(lark_parser: Lark) -> Driver | None:
    """A :class:`Driver` for ``lark_parser``, or ``None`` when it is built some way the loop does not
    reproduce (then ``lark_parser.parse`` is the parse)."""
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
        if lexer.callback or lexer.user_callbacks or len(scanner._mres) != 1:
            return None
        return Driver(lark_parser, scanner._mres[0], frozenset(lexer.ignore_types), frozenset(lexer.newline_types))
    except AttributeError:  # another lark inside
        return None
