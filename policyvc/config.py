"""Settings from the environment and ``[tool.policyvc]`` in pyproject.toml, checked once, at start.

The store is, in this order: ``--store``, ``$POLICYVC_STORE``, ``store`` in the
``[tool.policyvc]`` table of the nearest ``pyproject.toml`` (from the working
folder up; a relative path is relative to that file), else ``policy_versions``.
Output folders (``rules``, ``site``) are read the same way, without a variable.
Environment values the parser and the PDF sandbox read (``$POLICYVC_PDF_TIMEOUT``,
``$POLICYVC_PDF_PAGE_TIMEOUT``, ``$POLICYVC_PDF_MEMORY_MB``, ``$POLICYVC_MAX_TEXT_MB``,
``$POLICYVC_MAX_PAGES``) are checked here too, so a bad one is one line naming it, not a
failure deep inside an extraction.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from policyvc.errors import PolicyError

ENV_STORE = "POLICYVC_STORE"
DEFAULT_STORE = Path("policy_versions")
MAX_PDF_TIMEOUT = 86_400.0  # a day: beyond it the timer of the sandbox overflows
MAX_PDF_MEMORY_MB = 1 << 20  # a terabyte
MAX_TEXT_MB = 100_000.0  # far beyond any policy; an int of it still fits every size computation
MAX_PAGES = 100_000.0


def _pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def project_settings(start: Path | None = None) -> tuple[dict[str, object], Path | None]:
    """The ``[tool.policyvc]`` table of the nearest pyproject.toml and that file (empty and None without one)."""
    path = _pyproject((start or Path.cwd()).resolve())
    if path is None:
        return {}, None
    import tomllib  # (here: every start checks the environment; only the store's commands read settings)

    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"not valid TOML ({exc})", source=str(path)) from None
    table = doc.get("tool", {}).get("policyvc", {})
    if not isinstance(table, dict):
        raise PolicyError("[tool.policyvc] must be a table", source=str(path))
    return table, path


def resolve_folder(option: Path | None, key: str, default: Path) -> Path:
    """A folder setting: the option, else ``key`` in ``[tool.policyvc]`` (relative to that file), else ``default``."""
    if option is not None:
        return option
    table, path = project_settings()
    value = table.get(key)
    if value is None or path is None:
        return default
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(f"[tool.policyvc] {key} must be a path (a string)", source=str(path))
    folder = Path(value)
    return folder if folder.is_absolute() else path.parent / folder


def resolve_store(option: Path | None) -> Path:
    """The version store to use (see the module docstring)."""
    if option is not None:
        return option
    env = os.environ.get(ENV_STORE, "").strip()
    if env:
        return Path(env)
    return resolve_folder(None, "store", DEFAULT_STORE)


def check_environment() -> None:
    """Refuse environment values the tools would choke on, naming the variable (the sandbox's own wording).

    Every number must be finite and within its range: ``inf``, ``1e400`` or ``nan`` is one line and exit 2,
    never an overflow deep inside a parse.
    """
    _number("POLICYVC_PDF_TIMEOUT", "seconds > 0", 0.0, MAX_PDF_TIMEOUT, whole=False)
    _number("POLICYVC_PDF_PAGE_TIMEOUT", "seconds > 0", 0.0, MAX_PDF_TIMEOUT, whole=False)
    _number("POLICYVC_PDF_MEMORY_MB", "a whole number of megabytes >= 16", 15.0, MAX_PDF_MEMORY_MB, whole=True)
    _number("POLICYVC_MAX_TEXT_MB", "megabytes > 0", 0.0, MAX_TEXT_MB, whole=False)
    _number("POLICYVC_MAX_PAGES", "a number of pages > 0", 0.0, MAX_PAGES, whole=False)
    _number("POLICYVC_MAX_DOCX_MB", "megabytes > 0", 0.0, MAX_TEXT_MB, whole=False)
    if os.environ.get(ENV_STORE, "x").strip() == "":
        raise PolicyError("is set but empty: unset it or give the store's folder", source=f"${ENV_STORE}")


def _number(name: str, what: str, above: float, high: float, *, whole: bool) -> None:
    """``$name``, when set, must be a finite number over ``above`` and at most ``high`` (a whole one if ``whole``)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return
    try:
        value = float(int(raw)) if whole else float(raw)
    except (ValueError, OverflowError):
        value = math.nan
    if not (math.isfinite(value) and value > above):
        raise PolicyError(f"expected {what}, got {raw[:40]!r}", source=f"${name}")
    if value > high:
        raise PolicyError(f"expected {what} and at most {high:g}, got {raw[:40]!r}", source=f"${name}")
