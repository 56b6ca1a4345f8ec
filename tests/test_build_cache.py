"""``build`` in parallel and the extraction cache: real PDFs, real worker processes, real files."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from badpdfs import mediabox_loop
from conftest import POLICIES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policypdf import policy_pdf
from profiles import examples

from policyvc.build import latest_log_date
from policyvc.parser import parse_text
from policyvc.parser.pdf import Extraction, LineOrigin
from policyvc.parser.pdf_cache import ExtractionCache, cached_extract, default_cache_dir
from policyvc.parser.pdf_guard import extract_pdf

pytestmark = pytest.mark.slow


class Counting:
    """The real sandboxed extractor, counted."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path: Path) -> Extraction:
        self.calls += 1
        return extract_pdf(path)


@pytest.fixture(scope="module")
def pdf_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of three policies as PDFs, filed under their reference number and latest log date."""
    store = tmp_path_factory.mktemp("store")
    for name in ("filgrastim", "somatrogon", "dupilumab"):
        text = POLICIES[name].read_text(encoding="utf-8")
        policy = parse_text(text)
        folder = store / policy.reference_number / str(latest_log_date(policy))
        folder.mkdir(parents=True)
        policy_pdf(text, folder / "policy.pdf")
    return store


@pytest.fixture(scope="module")
def one_pdf(pdf_store: Path) -> Path:
    return sorted(pdf_store.glob("*/*/policy.pdf"))[0]


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "policyvc"
    environ = {**os.environ, **env}
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=ROOT, env=environ, timeout=120)


def test_an_unchanged_pdf_is_extracted_once(one_pdf: Path, tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    extract = Counting()
    first, hit1 = cached_extract(one_pdf, cache, extract)
    second, hit2 = cached_extract(one_pdf, cache, extract)
    assert extract.calls == 1 and (hit1, hit2) == (False, True)
    assert second == first  # the JSON round trip keeps text, origins and page count exactly
    copy = tmp_path / "renamed.pdf"
    copy.write_bytes(one_pdf.read_bytes())
    assert cached_extract(copy, cache, extract) == (first, True)  # keyed by content, not by name
    assert extract.calls == 1
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(one_pdf.read_bytes() + b"\n% one more comment\n")
    cached_extract(changed, cache, extract)
    assert extract.calls == 2
    assert cached_extract(one_pdf, None, extract)[1] is False and extract.calls == 3  # no cache: always extract


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"{not json",
        b"\xff\xfe binary",
        json.dumps({"format": 1, "text": 5, "origins": [], "pages": 1}).encode(),
        json.dumps({"format": 1, "text": "x\n", "origins": [[1, "a", 0, 0, 0]], "pages": 1}).encode(),
        json.dumps({"format": 99, "text": "x\n", "origins": [None], "pages": 1}).encode(),
    ],
)
def test_a_corrupt_entry_is_ignored_and_rewritten(garbage: bytes, one_pdf: Path, tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    key = cache.key(one_pdf.read_bytes())
    cache.path(key).parent.mkdir(parents=True)
    cache.path(key).write_bytes(garbage)
    extract = Counting()
    extraction, hit = cached_extract(one_pdf, cache, extract)
    assert (hit, extract.calls) == (False, 1)
    assert cache.get(key) == extraction  # rewritten, and readable again
    assert json.loads(cache.path(key).read_text(encoding="utf-8"))["pages"] == extraction.pages


def test_the_cache_never_unpickles(one_pdf: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.mkdir, (str(marker),))

    cache = ExtractionCache(tmp_path / "cache")
    key = cache.key(one_pdf.read_bytes())
    cache.path(key).parent.mkdir(parents=True)
    cache.path(key).write_bytes(pickle.dumps(Payload()))
    assert cache.get(key) is None
    assert not marker.exists()


def test_default_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("POLICYVC_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "policyvc" / "extract"
    monkeypatch.setenv("POLICYVC_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"


def test_build_jobs_one_and_two_agree_and_the_rebuild_is_cached(pdf_store: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    serial = _cli("build", "--store", str(pdf_store), "--jobs", "1", "--cache-dir", str(cache))
    assert serial.returncode == 0, serial.stderr
    assert serial.stderr == "PDFs: 3 extracted, 0 from the cache\n"
    assert len(list(cache.glob("*/*.json"))) == 3
    # the first build also ingested the store (AST + metadata); later builds find it current
    assert "store: 3 version(s) current, 6 AST/metadata file(s) written." in serial.stdout
    serial_out = serial.stdout.replace("6 AST/metadata file(s) written", "0 AST/metadata file(s) written")
    parallel = _cli("build", "--store", str(pdf_store), "--jobs", "2", "--cache-dir", str(cache))
    assert parallel.returncode == 0, parallel.stderr
    assert parallel.stderr == "PDFs: 0 extracted, 3 from the cache\n"
    assert parallel.stdout == serial_out
    uncached = _cli("build", "--store", str(pdf_store), "--jobs", "2", "--no-cache")
    assert uncached.stderr == "PDFs: 3 extracted, 0 from the cache\n"
    assert uncached.stdout == serial_out
    rows = [line for line in serial.stdout.splitlines() if line.startswith("│ CP.PHAR.")]
    assert [r.split("│")[1].strip() for r in rows] == ["CP.PHAR.297", "CP.PHAR.336", "CP.PHAR.571"]
    assert "Filgrastim" in rows[0] and "Dupilumab" in rows[1] and "Somatrogon-ghla" in rows[2]


def _one_version(pdf_store: Path, store: Path) -> Path:
    """A store holding the first PDF version of ``pdf_store`` only."""
    pdf = sorted(pdf_store.glob("*/*/policy.pdf"))[0]
    target = store / pdf.relative_to(pdf_store)
    target.parent.mkdir(parents=True)
    target.write_bytes(pdf.read_bytes())
    return store


def test_build_uses_the_cache_dir_from_the_environment(pdf_store: Path, tmp_path: Path) -> None:
    store = _one_version(pdf_store, tmp_path / "store")
    result = _cli("build", "--store", str(store), POLICYVC_CACHE_DIR=str(tmp_path / "env-cache"))
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "env-cache").glob("*/*.json"))) == 1


def test_a_hostile_pdf_in_the_store_is_reported_and_the_rest_still_built(tmp_path: Path) -> None:
    # a text version beside it, so the pool has two jobs; only the hostile one meets the (short) timeout
    store = tmp_path / "store"
    seed = store / "CP.PHAR.295" / "2026-03-26" / "policy.txt"
    seed.parent.mkdir(parents=True)
    seed.write_bytes(POLICIES["seed"].read_bytes())
    bad = store / "CP.PHAR.999" / "2026-01-01" / "policy.pdf"
    bad.parent.mkdir(parents=True)
    mediabox_loop(bad)
    result = _cli("build", "--store", str(store), "--jobs", "2", "--no-cache", POLICYVC_PDF_TIMEOUT="2")
    assert result.returncode == 2
    assert "CP.PHAR.295 │ 2026-03-26" in result.stdout  # the good version's row and history still print
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {bad}: took longer than 2 s (a PDF that loops?); gave up",
        "error: 1 version(s) or folder(s) could not be read (listed above)",
    ]


def test_jobs_must_be_positive(pdf_store: Path) -> None:
    result = _cli("build", "--store", str(pdf_store), "--jobs", "0")
    assert result.returncode == 2 and "--jobs" in result.stderr


def test_progress_bar_on_a_terminal_only(pdf_store: Path, tmp_path: Path) -> None:
    import pty

    exe = Path(sys.executable).parent / "policyvc"
    # --no-cache: the module's other tests built this store already, and a build with nothing changed parses nothing
    args = [
        str(exe),
        "build",
        "--store",
        str(pdf_store),
        "--jobs",
        "2",
        "--cache-dir",
        str(tmp_path / "c"),
        "--no-cache",
    ]
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "140"}
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    stdout, _ = proc.communicate(timeout=120)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.returncode == 0
    assert b"parsing" in seen and b"3/3" in seen  # the bar reached the end, on the terminal
    assert b"gives up after 60 s" in seen  # the time budget of a PDF that hangs
    assert b"parsing" not in stdout  # never in the table on stdout
    piped = _cli("build", "--store", str(pdf_store), "--jobs", "2", "--cache-dir", str(tmp_path / "c"))
    assert "parsing" not in piped.stderr  # CI logs and pipes: no bar


# lone surrogates included (broken fonts give them); st.text() would filter them out, so join characters
_texts = st.lists(st.characters() | st.characters(categories=["Cs"]), max_size=200).map("".join)
_floats = st.floats(allow_nan=False, allow_infinity=False, width=64)
_origins = st.none() | st.builds(LineOrigin, st.integers(1, 10_000), _floats, _floats, _floats, _floats)
_extractions = st.builds(Extraction, _texts, st.lists(_origins, max_size=30).map(tuple), st.integers(0, 10_000))


@settings(max_examples=examples(75), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extraction=_extractions)
def test_cache_entries_round_trip_exactly(extraction: Extraction, tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "prop")
    key = cache.key(repr(extraction).encode("utf-8", "surrogatepass"))
    cache.put(key, extraction)
    # exact, except that a high + low surrogate pair comes back as the one character it encodes (JSON's rule)
    text = extraction.text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    assert cache.get(key) == Extraction(text, extraction.origins, extraction.pages)


def test_an_unwritable_cache_only_costs_speed(one_pdf: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = ExtractionCache(blocked)
    extract = Counting()
    first = cached_extract(one_pdf, cache, extract)
    assert cached_extract(one_pdf, cache, extract) == (first[0], False)
    assert extract.calls == 2
    assert cache.file_key(one_pdf) == cache.key(one_pdf.read_bytes())  # chunked hash = whole-bytes hash
