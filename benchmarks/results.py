"""One file of benchmark figures: ``benchmarks/results.json``, which the speed tables are made from.

Each ``bench_*.py`` records its figures here under its own name (``record``), with when
and under what load they were measured; ``benchmarks/report.py`` renders the speed
tables of ``README.md`` and ``docs/manual/speed.md`` from this file, and the tests hold
those tables equal to it (as goldens are), so a figure in the documentation is always
one a benchmark printed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results.json"


def load(path: Path = RESULTS) -> dict[str, Any]:
    """Every recorded benchmark: name → {"measured": …, "figures": …}."""
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def record(name: str, figures: dict[str, Any], path: Path = RESULTS) -> None:
    """Store ``figures`` as benchmark ``name``'s latest results (the file is rewritten atomically)."""
    data = load(path)
    data[name] = {
        "measured": {
            "date": dt.date.today().isoformat(),
            "cpus": os.cpu_count(),
            "load_average": round(os.getloadavg()[0], 2),
        },
        "figures": figures,
    }
    text = json.dumps(dict(sorted(data.items())), indent=2, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".results-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
