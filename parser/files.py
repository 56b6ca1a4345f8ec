"""Reading a policy file's bytes with errors for people (shared by the parser and the store)."""

from __future__ import annotations

from pathlib import Path

from policyvc.parser.errors import PolicyError


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a policy file, or a :class:`PolicyError` naming it and saying what is wrong."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise PolicyError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise PolicyError("is a directory, expected a policy file", source=str(path)) from None
    except OSError as exc:
        raise PolicyError(f"cannot read the file ({exc.strerror})", source=str(path)) from None
