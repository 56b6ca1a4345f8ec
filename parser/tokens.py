"""The grammar's tokens, without lark: a ``str`` with lark's ``Token`` fields.

The warm parse (:mod:`policyvc.parser.lalr_driver`, from tables kept as plain data) never imports lark,
so its lexer makes these.  lark's own parse — the fallback for any text the driver leaves to it, so
that every error is lark's — makes lark's ``Token``; :func:`accept_lark_tokens` registers that class
as a virtual subclass of this one, so ``isinstance(tok, Token)`` in the transformer holds for both,
and the nesting pass makes new tokens of the class of the token it has (``type(tok)``).
"""

from __future__ import annotations

from abc import ABCMeta
from typing import Any


class Token(str, metaclass=ABCMeta):
    """A token: its text (the ``str``), ``type`` (the terminal's name) and positions, as lark's ``Token``."""

    __slots__ = ("column", "end_column", "end_line", "end_pos", "line", "start_pos", "type", "value")

    type: str
    start_pos: int | None
    value: Any
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    end_pos: int | None

    def __new__(
        cls,
        type: str,  # (lark's name for it)
        value: Any,
        start_pos: int | None = None,
        line: int | None = None,
        column: int | None = None,
        end_line: int | None = None,
        end_column: int | None = None,
        end_pos: int | None = None,
    ) -> Token:
        inst = str.__new__(cls, value)
        inst.type = type
        inst.start_pos = start_pos
        inst.value = value
        inst.line = line
        inst.column = column
        inst.end_line = end_line
        inst.end_column = end_column
        inst.end_pos = end_pos
        return inst

    @classmethod
    def new_borrow_pos(cls, type_: str, value: Any, borrow_t: Token) -> Token:
        """A token of ``type_`` and ``value`` at the position of ``borrow_t`` (lark's method of that name)."""
        return cls(
            type_,
            value,
            borrow_t.start_pos,
            borrow_t.line,
            borrow_t.column,
            borrow_t.end_line,
            borrow_t.end_column,
            borrow_t.end_pos,
        )

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.type, self.value, self.start_pos, self.line, self.column))

    def __eq__(self, other: object) -> bool:  # (as lark's: two tokens of different types differ)
        if isinstance(other, Token) and self.type != other.type:
            return False
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def accept_lark_tokens() -> None:
    """Count lark's ``Token`` as a :class:`Token` (called where lark's parser is made: lark is loaded there)."""
    from lark import Token as LarkToken

    Token.register(LarkToken)
