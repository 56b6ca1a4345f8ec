"""Where the per-user cache of PDF extractions lives: its folder's name alone, importable for nothing.

``policyvc build`` and the store name the folder for every run, PDFs or not; the cache itself
(:mod:`policyvc.parser.pdf_cache`, which reads extractions and so imports the PDF reader's modules) is imported
only when a PDF is read.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_CACHE_DIR", "default_cache_dir"]

ENV_CACHE_DIR = "POLICYVC_CACHE_DIR"


def default_cache_dir() -> Path:
    """``$POLICYVC_CACHE_DIR``, else ``$XDG_CACHE_HOME/policyvc/extract``, else ``~/.cache/policyvc/extract``."""
    explicit = os.environ.get(ENV_CACHE_DIR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policyvc" / "extract"
