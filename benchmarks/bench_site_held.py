"""What a pass of MkDocs' step holds at its end, by owner, on the stub project of N policies × 5 versions.

The project is ``bench_site_passes``'s (shaped as ``policyvc site`` writes one, stub text).  It is built in passes as
:func:`policyvc.site.mkdocs.mkdocs_build` builds it, then one more pass runs with nothing changed (every page kept
out or passed over: the state of a cold build's later passes for the navigation's pages) and, at its
``post_build`` event, counts every live object reached from each owner — the navigation's ``Page``s by attribute,
the ``File``s and stand-ins, the output's written paths, the skipping's and the caches' sets, the kept pages'
list — each object once, in that order.  Run it at two sizes to see what grows with N.  Nothing is recorded in
``results.json`` and nothing is asserted.

    python benchmarks/bench_site_held.py --policies 100
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def deep(roots: list[Any], seen: set[int], stop: tuple[type, ...]) -> int:
    """Bytes of the objects reached from ``roots`` (not through ``stop``'s kinds), each once across calls."""
    total, stack = 0, list(roots)
    while stack:
        o = stack.pop()
        if id(o) in seen or isinstance(o, stop):
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        stack.extend(gc.get_referents(o))
    return total


def census() -> list[str]:
    """The held memory by owner, as lines (called in MkDocs' process at the end of the pass)."""
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation, Section
    from mkdocs.structure.pages import Page

    stop = (types.ModuleType, type, types.FunctionType, types.MethodType, types.CodeType, types.FrameType)
    stop += (Page, File, Files, Section, Navigation)
    hooks = next(m for m in list(sys.modules.values()) if hasattr(m, "_spilled") and hasattr(m, "_keep"))
    gc.unfreeze()  # (the workers' fork froze them: they are live all the same)
    objects = gc.get_objects()
    seen: set[int] = set()
    lines = []
    for kind in (Page, File):
        owned = [o for o in objects if isinstance(o, kind)]
        per: dict[str, int] = {}
        for o in owned:
            d = getattr(o, "__dict__", None) or {}
            per["(object, dict)"] = per.get("(object, dict)", 0) + sys.getsizeof(o) + (sys.getsizeof(d) if d else 0)
            seen.add(id(d))
            for name, value in d.items():
                per[name] = per.get(name, 0) + deep([value], seen, stop)
        lines.append(f"{kind.__name__}: {len(owned)}, {sum(per.values()) / 1e3:.1f} KB")
        lines += [f"  {v / 1e3:9.1f} KB  {k}" for k, v in sorted(per.items(), key=lambda kv: -kv[1])[:8]]
    from policyvc.site.mkdocs_cache import KEPT_ENTRIES

    skip, keep = hooks._skip[0], hooks._keep[0] if hooks._keep else None
    caches = [*hooks._cache, *hooks._theme, *hooks._search]
    names = len(skip.used) + len(KEPT_ENTRIES) + sum(len(c.used) for c in caches)
    owners = [
        ("output's written paths", [o.produced for o in hooks._output]),
        ("skipping's sets (pages passed over, lookups)", [skip.passed, skip._found]),
        ("skipping's pages held (keys, places)", [skip.keys, skip.places]),
        ("kept pages' list", [keep.kept] if keep else []),
        (f"names of the cache entries used ({names})", [skip.used, KEPT_ENTRIES, *(c.used for c in caches)]),
    ]
    for name, roots in owners:
        lines.append(f"{deep(roots, seen, stop) / 1e3:9.1f} KB  {name}")
    with open("/proc/self/status", encoding="ascii") as f:
        lines += [line.strip() for line in f if line.startswith(("VmRSS", "VmHWM"))]
    return lines


def child(project: str) -> int:
    """One pass of ``mkdocs_run`` over ``project``, printing :func:`census` before its ``post_build`` work."""
    from policyvc.site import mkdocs_draw, mkdocs_run

    stop, done = mkdocs_draw.stop, []

    def counted() -> None:
        if not done:
            done.append(True)
            print("\n".join(census()), file=sys.stderr, flush=True)
        stop()

    mkdocs_draw.stop = counted  # (the first thing the hooks' post_build does)
    os.chdir(project)
    return mkdocs_run.main([project, "--jobs", "1", "--batch", "1000"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--policies", type=int, default=100)
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:  # (the policyvc of the Python that runs this: another install's, for a before/after)
        raise SystemExit(child(args.child))
    sys.path.insert(0, str(ROOT))  # (the stub project's templates)
    from bench_site_passes import make_project, passes

    work = Path(tempfile.mkdtemp(prefix="policyvc-bench-held-"))
    try:
        make_project(work, args.policies)
        passes(sys.executable, work, 2, 1000)
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(work)], capture_output=True, text=True, cwd=work, check=False
        )
        if proc.returncode != 0:
            raise SystemExit(f"mkdocs_run failed: {proc.stderr}")
        print(f"{args.policies} policies, a pass with nothing changed:")
        print("\n".join(line for line in proc.stderr.splitlines() if not line.startswith(("INFO", "WARNING"))))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
