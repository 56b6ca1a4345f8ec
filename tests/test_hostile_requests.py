"""Hostile requests (issue 20, item 1): every one is an input error (exit 2, one line naming the key), never exit 3.

Through the real entry points: ``policyvc evaluate`` and ``policyvc impact`` (a subprocess, as a user runs
them), and the committed generated package ``rules.cp_phar_295`` for Python callers, where the only
exception a bad request may raise is ``RequestError``.  The hypothesis property runs ``policyvc.cli.main`` in
this process (the same function the script calls) on arbitrary JSON: any depth, any number, duplicate keys.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli
from hypothesis import event, given, settings
from hypothesis import strategies as st
from profiles import examples

BASE = {
    "date": "2026-04-01",
    "request": "initial",
    "criteria_set": "I.A",
    "member": {"age": 60, "weight_kg": 70, "height_cm": 175, "state": "TX", "line_of_business": "Medicaid"},
    "diagnoses": ["AML"],
    "dose": {"amount": 250, "unit": "mcg/m2", "route": "IV", "frequency": "daily"},
    "therapies": {"Zarxio": "failed"},
    "concurrent": [],
    "attestations": {"I.A.2": True},
}


def _with(path: str, raw: str) -> str:
    """BASE as JSON text with the value at ``path`` (``member.weight_kg``) replaced by the JSON text ``raw``."""
    marker = "__HOSTILE__"
    doc: Any = json.loads(json.dumps(BASE))
    *parents, last = path.split(".", 1) if path.startswith("attestations.") else path.split(".")
    node = doc
    for key in parents:
        node = node.setdefault(key, {})
    node[last] = marker
    return json.dumps(doc).replace(json.dumps(marker), raw)


# (name, request text, key the message must name)
REPRODUCERS = [
    ("nested-10000", "[" * 10_000 + "]" * 10_000, "nested"),
    ("nested-in-request", _with("attestations.I.A.2", "[" * 10_000 + "]" * 10_000), "nested"),
    *[(f"{k}-zero", _with(f"member.{k}", "0"), k) for k in ("weight_kg", "height_cm", "bsa_m2")],
    *[(f"{k}-minus-zero", _with(f"member.{k}", "-0.0"), k) for k in ("weight_kg", "height_cm", "bsa_m2")],
    *[
        (f"{k}-{raw[:6]}", _with(key, raw), "number" if raw == "1" + "0" * 400 else k.split(".")[-1])
        for k, key in (
            ("weight", "member.weight_kg"),
            ("height", "member.height_cm"),
            ("bsa", "member.bsa_m2"),
            ("dose", "dose.amount"),
        )
        for raw in ("1e308", "5e-324", "1" + "0" * 400, "1e400")
        if (k, raw) != ("dose", "5e-324")  # a tiny dose is a dose: decided (test below)
    ],
    ("date-9999", _with("date", '"9999-12-31"'), "date"),
    ("digits-5000", _with("member.age", "9" * 5000), "number"),
    ("digits-5000-doses", _with("dose.doses", "7" * 5000), "number"),
    ("duplicate-key", '{"date": "2026-04-01", "date": "2026-04-02"}', "'date'"),
    ("duplicate-nested", '{"date": "2026-04-01", "member": {"age": 60, "age": 20}}', "'age'"),
    ("age-string", _with("member.age", '"70"'), "member.age"),
    ("nan", _with("member.age", "NaN"), "NaN"),
    ("infinity", _with("dose.amount", "-Infinity"), "Infinity"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text", "named"), REPRODUCERS, ids=[r[0] for r in REPRODUCERS])
def test_evaluate_refuses_hostile_requests(tmp_path: Path, name: str, text: str, named: str) -> None:
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    result = run_cli("evaluate", "CP.PHAR.295", str(path), "--format", "json")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: "), result.stderr
    assert named in lines[0] and len(lines[0]) < 300, lines[0]
    assert result.stdout == ""


def test_the_base_request_is_approved(tmp_path: Path) -> None:
    """The reproducers differ from an approved request only in the hostile value."""
    path = tmp_path / "base.json"
    path.write_text(json.dumps(BASE), encoding="utf-8")
    result = run_cli("evaluate", "CP.PHAR.295", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["outcome"] == "approved"


def test_a_100_mb_diagnosis_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text(_with("diagnoses", json.dumps(["AML " * 25_000_000])), encoding="utf-8")
    result = run_cli("evaluate", "CP.PHAR.295", str(path))
    assert result.returncode == 2 and "a request is at most 4 MB" in result.stderr, result.stderr


def test_a_tiny_dose_is_decided(tmp_path: Path) -> None:
    path = tmp_path / "tiny.json"
    path.write_text(_with("dose.amount", "5e-324"), encoding="utf-8")
    result = run_cli("evaluate", "CP.PHAR.295", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["outcome"] == "approved"


def test_impact_refuses_a_hostile_case(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "good.json").write_text(json.dumps({"request": BASE}), encoding="utf-8")
    (cases / "bad.json").write_text('{"request": ' + _with("member.bsa_m2", "0") + "}", encoding="utf-8")
    result = run_cli("impact", "CP.PHAR.295", "2025-04-14", "2026-03-26", "--cases", str(cases))
    assert result.returncode == 2, result.stderr
    assert "member.bsa_m2" in result.stderr and len(result.stderr.splitlines()) == 1
    deep = cases / "bad.json"
    deep.write_text("[" * 10_000 + "]" * 10_000, encoding="utf-8")
    result = run_cli("impact", "CP.PHAR.295", "2025-04-14", "2026-03-26", "--cases", str(cases))
    assert result.returncode == 2 and "nested" in result.stderr, result.stderr


# --- the generated package, for Python callers --------------------------------------------------------------


@pytest.fixture(scope="module")
def leukine() -> Any:
    sys.path.insert(0, str(ROOT))
    try:
        import rules.cp_phar_295 as package

        yield package
    finally:
        sys.path.remove(str(ROOT))


def _deep(n: int) -> Any:
    value: Any = True
    for _ in range(n):
        value = {"x": value}
    return value


PYTHON_VALUES = [
    ("member.weight_kg", 0),
    ("member.weight_kg", -0.0),
    ("member.height_cm", 0),
    ("member.bsa_m2", -0.0),
    ("member.bsa_m2", 5e-324),
    ("member.weight_kg", 1e308),
    ("member.height_cm", 10**400),
    ("member.age", 10**5000),
    ("dose.amount", 10**400),
    ("dose.amount", 1e308),
    ("dose.amount", 5e-324 * -1),
    ("dose.amount", math.inf),
    ("dose.amount", math.nan),
    ("dose.doses", 10**5000),
    ("member.age", "70"),
    ("date", "9999-12-31"),
    ("member.renewal_date", "0001-01-01"),
    ("attestations.I.A.2", _deep(10_000)),
    ("diagnoses", [_deep(10_000)]),
    ("member.state", "x" * 10**6),
    ("diagnoses", ["AML " * 25_000_000]),  # 100 MB: refused by its length, before any work on it
    ("concurrent", ["x" * 10**6]),
]


@pytest.mark.parametrize(("path", "value"), PYTHON_VALUES, ids=[f"{p}-{i}" for i, (p, _) in enumerate(PYTHON_VALUES)])
def test_generated_module_raises_only_request_errors(leukine: Any, path: str, value: Any) -> None:
    request: Any = json.loads(json.dumps(BASE))
    *parents, last = path.split(".", 1) if path.startswith("attestations.") else path.split(".")
    node = request
    for key in parents:
        node = node[key]
    node[last] = value
    with pytest.raises(leukine.rt.RequestError) as caught:
        leukine.evaluate(request, trace=True)
    assert len(str(caught.value)) < 300


def test_generated_module_small_weights_still_decide(leukine: Any) -> None:
    """The range is about measurements, not convenience: a 3 kg infant and a 0.5 m² BSA are decided."""
    request: Any = json.loads(json.dumps(BASE))
    request["member"] = {**request["member"], "weight_kg": 3, "height_cm": 50, "age": 0}
    assert leukine.evaluate(request)["outcome"] in ("approved", "denied", "needs-review", "referred")


# --- the property: arbitrary JSON never ends in exit 3 -----------------------------------------------------

_RAW = st.sampled_from(["1e308", "5e-324", "1e400", "-0.0", "0", "9" * 5000, "NaN", "-Infinity", "1" + "0" * 400])
_NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(allow_nan=True, allow_infinity=True),
)
_SCALARS = st.one_of(st.none(), st.booleans(), st.text(max_size=20), _NUMBERS)


def _encode(value: Any) -> str:
    """JSON text; an object is a list of pairs (so keys may repeat), a ("raw", text) pair is written as is."""
    if isinstance(value, tuple) and value and value[0] == "raw":
        return str(value[1])
    if isinstance(value, float):
        return (
            "NaN"
            if math.isnan(value)
            else "Infinity"
            if value == math.inf
            else "-Infinity"
            if value < 0 and math.isinf(value)
            else repr(value)
        )
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_encode(v)}" for k, v in value["pairs"]) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_encode(v) for v in value) + "]"
    return json.dumps(value)


_KEYS = st.sampled_from([*BASE, *BASE["member"], *BASE["dose"], "doses", "birth_date", "renewal_date", "I.A.2", "x"])
_VALUES = st.recursive(
    _SCALARS | _RAW.map(lambda v: ("raw", v)),
    lambda inner: (
        st.lists(inner, max_size=4) | st.lists(st.tuples(_KEYS, inner), max_size=5).map(lambda pairs: {"pairs": pairs})
    ),
    max_leaves=12,
)


@st.composite
def hostile_requests(draw: st.DrawFn) -> str:
    """A request shaped like BASE with hostile values put in, duplicate keys, and any depth around it."""
    pairs: list[tuple[str, Any]] = [(k, ("raw", json.dumps(v))) for k, v in BASE.items()]
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2, 4]))):
        section = draw(st.sampled_from(["", "member", "dose", "attestations"]))
        key = draw(_KEYS)
        value = draw(_VALUES)
        if section:
            inner = dict(BASE[section]) if isinstance(BASE[section], dict) else {}
            inner_pairs = [(k, ("raw", json.dumps(v))) for k, v in inner.items()] + [(key, value)]
            pairs.append((section, {"pairs": inner_pairs}))
        else:
            pairs.append((key, value))
    text = _encode({"pairs": pairs})
    depth = draw(st.sampled_from([0] * 8 + [1, 40, 5000]))
    return (
        "[" * depth + text + "]" * depth
        if draw(st.booleans())
        else '{"request": ' * min(depth, 3) + text + "}" * min(depth, 3)
    )


def _main(*args: str) -> tuple[int, str]:
    """``policyvc ARGS`` in this process: the exit code and stderr."""
    from policyvc.cli import main

    err, out = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["policyvc", *args]
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    else:  # pragma: no cover - main() always exits
        code = 0
    finally:
        sys.argv = argv
    return code, err.getvalue()


@settings(max_examples=examples(300))
@given(hostile_requests())
def test_evaluate_never_exits_3(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("req") / "request.json"
    path.write_text(text, encoding="utf-8")
    code, err = _main(
        "evaluate", "CP.PHAR.295", str(path), "--format", "json", "--store", str(ROOT / "policy_versions")
    )
    event(f"exit {code}")
    assert code in (0, 2), err
    if code == 2:
        assert len(err.splitlines()) == 1 and err.startswith("error: "), err
