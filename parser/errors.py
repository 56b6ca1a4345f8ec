"""Errors for people: one message naming the file, the line and what was expected."""

from __future__ import annotations


class PolicyError(Exception):
    """Bad input.  ``str()`` gives ``FILE:LINE:COL: message`` plus the offending line."""

    def __init__(
        self,
        message: str,
        *,
        source: str = "<text>",
        line: int | None = None,
        column: int | None = None,
        context: str | None = None,
        page: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        self.context = context
        self.page = page

    def __str__(self) -> str:
        where = self.source
        if self.page is not None:
            where += f":page {self.page}"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.context:
            text += f"\n    {self.context}"
            if self.column is not None and self.column > 0:
                text += "\n    " + " " * (self.column - 1) + "^"
        return text
