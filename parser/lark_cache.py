"""Where lark may keep its compiled LALR tables: a private, per-user file, or nowhere.

lark's ``cache=True`` writes a pickle to a predictable, world-readable path in
``/tmp`` and unpickles it on the next start, so another local user who plants
that file runs code as whoever parses.  The tables are kept instead in
``$XDG_CACHE_HOME/policyvc/lark/`` (``~/.cache/…``), a folder of mode 0700, and
the file is used only when the folder and the file belong to this user and no
one else can write them.  Anything else — another owner, loose modes, a
symlink, no home — means no cache: the grammar is compiled on every start, which takes
0.7–1 s of CPU (loading the cached tables, 30–45 ms; ``tests/test_lark_cache.py``
checks that a second start reuses the file).

lark rebuilds its rules and table from that file object by object (30–45 ms);
:func:`load_parser` instead unpickles the whole parser built last time from a
second file in the same folder (``*.parser``, same checks), and only its
callbacks — closures over the transformer, which cannot be pickled — are made
again.  The file's name hashes the grammar, lark's options, lark's and Python's
versions and the postlexer's source; anything wrong with it means the ordinary path.

Both files are read only when the driver's tables, kept as plain data in the same folder
(:mod:`policyvc.parser.lalr_tables`), are missing or stale, or when a text is left to lark's parse.
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import importlib
import io
import os
import pickle
import sys
import tempfile
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyvc.parser.cache_dir import private_file

if TYPE_CHECKING:
    from lark import Lark

_FORMAT = "1"  # bump when what is pickled changes


def private_cache_file(grammar: str, *, suffix: str = ".lark", extra: bytes = b"") -> str | None:
    """A cache file for ``grammar`` that only this user can have written, or ``None`` for no cache."""
    import lark

    tag = f"{lark.__version__}:{sys.version_info[:2]}:{grammar}".encode() + extra
    return private_file(f"policy-{hashlib.sha256(tag).hexdigest()[:24]}{suffix}")


def _parser_file(grammar: str, options: dict[str, Any]) -> str | None:
    from policyvc.parser import nesting

    source = Path(nesting.__file__).read_bytes()  # the postlexer is pickled with the parser
    tag = f":{_FORMAT}:{sorted(options.items())!r}:".encode()
    return private_cache_file(grammar, suffix=".parser", extra=tag + source)


def _module_global(obj: Any) -> tuple[Any, tuple[Any, ...]]:
    return getattr, (importlib.import_module(type(obj).__module__), obj.name)


def _module(module: types.ModuleType) -> tuple[Any, tuple[str]]:
    return importlib.import_module, (module.__name__,)


def _dumps(parser: Lark) -> bytes:
    # lark tells shift from reduce by identity (``action is Shift``): the pickle must give back the
    # module's own two objects, not copies; and the lexer keeps a reference to the ``re`` module.
    # A private dispatch table: pickling elsewhere in the process is left as it was.
    from lark.parsers.lalr_analysis import Action

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, Action: _module_global, types.ModuleType: _module}
    pickler.dump(parser)
    return buffer.getvalue()


def _callback_slots(parser: Lark) -> list[tuple[Any, str]]:
    """Where a parser keeps its callbacks (and what they are made from): none of it can be pickled."""
    inner = parser.parser.parser
    return [
        (parser, "_callbacks"),
        (parser, "_parse_tree_builder"),
        (parser.parser.parser_conf, "callbacks"),
        (inner.parser, "callbacks"),
        (parser.options, "transformer"),
    ]


def save_parser(parser: Lark, grammar: str, options: dict[str, Any]) -> None:
    """Keep ``parser``, built from ``grammar`` with lark ``options`` (without its callbacks), for
    :func:`load_parser`; nothing happens when there is no cache."""
    path = _parser_file(grammar, options)
    if path is None:
        return
    slots = _callback_slots(parser)
    saved = [getattr(obj, name, None) for obj, name in slots]
    try:
        for obj, name in slots:
            setattr(obj, name, None)
        data = _dumps(parser)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    finally:
        for (obj, name), value in zip(slots, saved, strict=True):
            setattr(obj, name, value)
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".parser-")
    except OSError:  # a read-only or full cache: no file, the next start builds the parser again
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def load_parser(grammar: str, options: dict[str, Any], transformer: Any) -> Lark | None:
    """The parser :func:`save_parser` kept for ``grammar`` and ``options``, its callbacks made for
    ``transformer`` (an embedded transformer: an object with a method per rule, as lark calls it); or ``None``."""
    path = _parser_file(grammar, options)
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    try:
        parser: Lark = pickle.loads(data)
        parser.options.transformer = transformer
        parser._prepare_callbacks()
        parser.parser.parser_conf.callbacks = parser._callbacks
        parser.parser.parser.parser.callbacks = parser._callbacks
    except Exception:  # a damaged or foreign file: build the parser the ordinary way
        return None
    return parser
