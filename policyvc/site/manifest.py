"""The manifest ``<out>/.policyvc-site``: what the last render wrote, and from which inputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MANIFEST = ".policyvc-site"
MANIFEST_FORMAT = 1


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of the last render into ``out``; empty when there is none or it is of another format."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT else {}
