"""The strict MkDocs build of a written project, and the versions of the toolchain that does it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from policyvc.parser.errors import PolicyError

STAMP = ".policyvc-build"  # in the build folder: the digest of the project it was built from


def toolchain() -> str:
    """The versions of what turns the project into HTML: a new theme is a reason to build again."""
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions"):
        try:
            out.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}=none")
    return ",".join(out)


def release_free_memory() -> None:
    """Give the memory this process has freed back to the system before it waits on MkDocs' process (which holds
    the most of a build's): the cyclic collector run, then glibc's ``malloc_trim`` — the heap's free pages are
    otherwise kept by the process, counted in its resident memory while it only waits.  Nothing elsewhere."""
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    if sys.platform != "linux":
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # (not glibc: musl has no malloc_trim)
        return
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    trim(0)


def mkdocs_build(out: Path, jobs: int | None = None) -> float:
    """``mkdocs build --strict`` of ``<out>/mkdocs.yml`` into ``<out>/_build`` (:mod:`policyvc.site.mkdocs_run`, in
    a process of its own, its pages' Markdown converted on ``jobs`` processes, default all cores); seconds taken.
    Pages out of the navigation are drawn a bounded number a pass, each pass a process (the unchanged ones kept
    out of MkDocs' pages: :mod:`policyvc.site.mkdocs_keep`), until none is left.
    A failed build is a :class:`PolicyError` carrying MkDocs' own warnings."""
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    from policyvc.site.mkdocs_keep import MORE, batch_size

    t0 = time.perf_counter()
    release_free_memory()
    command = [sys.executable, "-m", "policyvc.site.mkdocs_run", str(out.resolve()), "--jobs", str(max(1, jobs))]
    keep = ["--batch", str(batch_size())]
    starts: set[str] = set()
    while True:  # (a pass draws a bounded number of pages out of the navigation: the next starts where it stopped)
        proc = subprocess.run(
            command + keep,
            capture_output=True,
            text=True,
            cwd=out,
            check=False,
            env={**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"},  # mkdocs-material's banner on MkDocs 2
        )
        if proc.returncode != 0:
            lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
            message = "mkdocs build --strict failed: " + " | ".join(lines[-12:])
            raise PolicyError(message, source=str(out / "mkdocs.yml"))
        left = [ln[len(MORE) :] for ln in proc.stdout.splitlines() if ln.startswith(MORE)]
        if not left or not keep:
            return time.perf_counter() - t0
        if left[-1] in starts:  # (no progress: should not happen; one pass of every page then)
            keep = []
            continue
        starts.add(left[-1])
        keep = ["--batch", str(batch_size()), "--from", left[-1]]
