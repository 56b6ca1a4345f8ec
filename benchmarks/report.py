"""The speed tables of README.md and docs/manual/speed.md, made from ``benchmarks/results.json``.

A table lives between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->`` in a document;
``python benchmarks/report.py --write`` rewrites every such block from the recorded
figures (``make bench`` does it after the benchmarks), ``--check`` exits 1 when a
document says something else.  ``tests/test_speed_tables.py`` runs the check, so a
figure in the documentation is one a benchmark recorded.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from results import RESULTS, load

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = (ROOT / "README.md", ROOT / "docs" / "manual" / "speed.md")
_BLOCK = re.compile(r"(<!-- bench:([a-z-]+) -->\n)(.*?)(<!-- /bench:\2 -->)", re.S)


def _when(data: dict[str, Any], *names: str) -> str:
    parts = []
    for name in names:
        m = data[name]["measured"]
        parts.append(f"`{name}`: {m['date']}, load average {m['load_average']} on {m['cpus']} cores")
    return "Measured by `make bench` (" + "; ".join(parts) + ")."


def _start(data: dict[str, Any]) -> str:
    f = data["start"]["figures"]
    this = f["this"]
    rows = [
        ("`python -c pass` (the virtual environment's Python)", "python"),
        ("`python -c 'import policyvc.cli'`", "import_cli"),
        ("`policyvc --help`", "help"),
        ("`policyvc parse SEED` (outline)", "parse_outline"),
        ("`policyvc parse SEED --format json`", "parse_json"),
    ]
    lines = [
        _when(data, "start") + f" Whole process, median of {f['rounds']} rounds, the commands taken in turn.",
        "",
        "| command | wall | over Python | CPU | CPU over Python |",
        "|---|---|---|---|---|",
    ]
    for label, key in rows:
        over = this["over_python_ms"].get(key)
        cpu_over = this["cpu_over_python_ms"].get(key)
        lines.append(
            f"| {label} | {this['median_ms'][key]} ms | {'' if over is None else f'+{over} ms'} "
            f"| {this['median_cpu_ms'][key]} ms | {'' if cpu_over is None else f'+{cpu_over} ms'} |"
        )
    before = f.get("baseline")
    if before is not None:  # `bench_start.py --baseline VENV`: the same rounds run by the install before the change
        lines += [
            "",
            f"Side by side in the same rounds with {f.get('baseline_label', 'the install before the change')}:",
            "",
            "| command | over Python, before | after | CPU over Python, before | after |",
            "|---|---|---|---|---|",
        ]
        for label, key in rows[1:]:
            lines.append(
                f"| {label} | +{before['over_python_ms'][key]} ms | +{this['over_python_ms'][key]} ms "
                f"| +{before['cpu_over_python_ms'][key]} ms | +{this['cpu_over_python_ms'][key]} ms |"
            )
    return "\n".join(lines)


def _best(figure: dict[str, float]) -> str:
    return f"{figure['median']} ms ({figure['min']} ms)"


def _parse(data: dict[str, Any]) -> str:
    f = data["parse"]["figures"]
    warm, cold = f["warm_ms"], f["cold_ms"]
    lines = [
        _when(data, *(n for n in ("parse", "pdf") if n in data)) + f" Seed: {warm['seed_kb']} KB.",
        "",
        "| what | median (best) |",
        "|---|---|",
        f"| warm parse of the seed, CPU (text front, normalise, lex, nesting, LALR, nodes) | {_best(warm['parse'])} |",
        f"| of which the text front (`parser/text_styles.py`) | {_best(warm['text_front'])} |",
        f"| of which normalising | {_best(warm['normalize'])} |",
        f"| of which lexing | {_best(warm['lex'])} |",
        f"| of which the nesting pass | {_best(warm['nesting'])} |",
        f"| of which LALR and the transformer (the nodes) | {_best(warm['lalr_and_nodes'])} |",
        f"| lex, nesting, LALR, nodes: `parser/lalr_driver.py` | {_best(warm['driver_parse'])} |",
        f"| the same through lark's own `Lark.parse` | {_best(warm['lark_parse'])} |",
    ]
    ab = f.get("side_by_side")
    if ab:
        lines.append(
            f"| warm parse, CPU, side by side with the baseline install ({ab['rounds']} processes each) | "
            f"{ab['this_ms']} ms against {ab['baseline_ms']} ms (×{ab['ratio']}) |"
        )
    lines += [
        f"| cold: a new Python process, import, parse the seed | {_best(cold['import_and_parse'])} |",
        f"| cold: Python itself (`python -c pass`) | {_best(cold['python_startup'])} |",
        f"| cold: `policyvc parse seed` through the CLI | {_best(cold['cli_parse_outline'])} |",
    ]
    if "pdf" in data:
        pdf = data["pdf"]["figures"]
        ms = pdf["ms_per_page"]
        lines.append(f"| PDF: pdfplumber's raw `extract_words` on the seed PDF | {ms['raw_extract_words']} ms/page |")
        lines.append(
            f"| PDF: our whole PDF → AST | {ms['pdf_to_ast']} ms/page ({pdf['overhead_pct']:+}% over raw extraction) |"
        )
    return "\n".join(lines)


def _diff(data: dict[str, Any]) -> str:
    f = data["diff"]["figures"]
    base, tenfold = f["reworded_base_nodes"], f["reworded_tenfold_nodes"]
    return "\n".join(
        [
            _when(data, "diff") + " Wall medians in ms, except the reworded policies (CPU ms).",
            "",
            "| what | median |",
            "|---|---|",
            f"| diff of two seed versions ({f['seed_nodes']} nodes) | {f['diff_2023-10-16_2024-06-05']['median']} ms |",
            f"| diff + audit of a {f['history_versions']}-version history | "
            f"{f['diff_and_audit_10_versions']['median']} ms |",
            f"| diff of a synthetic {f['synthetic_nodes'][0]:,} / {f['synthetic_nodes'][1]:,}-node pair | "
            f"{f['diff_synthetic_pair']['median']} ms |",
            f"| every criterion reworded, {base:,} nodes | {f['reworded_base_cpu_ms']} ms (CPU) |",
            f"| every criterion reworded, {tenfold:,} nodes ({tenfold / base:.1f}× the nodes) | "
            f"{f['reworded_tenfold_cpu_ms']} ms (CPU; {f['reworded_tenfold_ratio']}× the time) |",
        ]
    )


def _rules(data: dict[str, Any]) -> str:
    f = data["rules"]["figures"]
    rows = [
        ("the committed package's `evaluate(reference, request)` (`rules/`), one I.A request", "request_I.A_package"),
        ("a module rendered from the seed's version and loaded in process, one I.A request", "request_I.A_no_trace"),
        ("the same, with the trace", "request_I.A_trace"),
        ("the same, evaluation alone on the validated request", "facts_I.A_no_trace"),
        ("the AST interpreter, one I.A request", "request_I.A_interpreter"),
        ("decision-table mix (generated module)", "mix_no_trace"),
    ]
    for key in f:
        if key.startswith("family_") and key.endswith("_no_trace"):
            name = key.removeprefix("family_").removesuffix("_no_trace")
            rows.append((f"the {name} family table's module, an approved request", key))
            rows.append(("the same, with the trace", f"family_{name}_trace"))
    head = _when(data, "rules") + " One core; best of three runs, per CPU second of the process."
    if "before" in f:
        head += f" Before: `{f['before']}`'s runtime, in the same runs, taken in turn."
        lines = [head, "", "| what | before | decisions/s |", "|---|---|---|"]
        for label, key in rows:
            if key in f:
                was = f.get(f"before_{key}")
                lines.append(f"| {label} | {'' if was is None else f'{was:,.0f}'} | {f[key]:,.0f} |")
    else:
        lines = [head, "", "| what | decisions/s |", "|---|---|"]
        lines += [f"| {label} | {f[key]:,.0f} |" for label, key in rows if key in f]
    ratios = [
        ("generated module ÷ interpreter, one I.A request", "ratio_request_I.A"),
        ("generated module ÷ interpreter, evaluation on validated facts", "ratio_facts_I.A"),
        ("generated module ÷ interpreter, decision-table mix", "ratio_mix"),
    ]
    blank = "| " if "before" in f else ""
    lines += [f"| {label} | {blank}{f[key]:.1f}× |" for label, key in ratios if key in f]
    return "\n".join(lines)


def _incremental(data: dict[str, Any]) -> str:
    f = data["build_incremental"]["figures"]
    lines = [
        _when(data, "build_incremental")
        + f" `policyvc build --jobs {f['jobs']}` with the rule modules and the site, {f['policies']} synthetic"
        + " policies × 5 versions. Before: the code before builds kept their results (`--exe`), in the same run.",
        "",
        "| build | before: wall | CPU | after: wall | CPU |",
        "|---|---|---|---|---|",
    ]
    for label, key in (("cold", "cold"), ("nothing changed", "nothing_changed"), ("one version edited", "one_edited")):
        before = f"{f[f'baseline_{key}_s']} s | {f[f'baseline_{key}_cpu_s']} s" if f"baseline_{key}_s" in f else "|"
        lines.append(f"| {label} | {before} | {f[f'{key}_s']} s | {f[f'{key}_cpu_s']} s |")
    return "\n".join(lines)


def _scale_names(data: dict[str, Any]) -> list[str]:
    names = [n for n in data if n.startswith("build_scale_")]
    return sorted(names, key=lambda n: (int(n.split("_")[2]), n))


def _scale(data: dict[str, Any]) -> str:
    """``bench_build.py --policies N`` at each N recorded: the steps, their CPU and peak memory, before and after."""
    names = _scale_names(data)
    if not names:
        return ""  # (nothing recorded yet: the block is left as it is)
    lines = [
        _when(data, *names) + " `policyvc build --jobs 2 --out …` of N synthetic policies × 5 versions (the site"
        " benchmark's generator); wall time / CPU seconds of every process / peak resident memory of the largest."
        " `--no-html`: the site's pages rendered, not its MkDocs build. Before: the code before this work (how it was"
        " run: `baseline_run` in `results.json`); the load average is the one at each record.",
        "",
        "| policies | build | before: wall | CPU | peak | after: wall | CPU | peak |",
        "|---|---|---|---|---|---|---|---|",
    ]
    steps = (
        ("cold", "cold"),
        ("nothing changed", "nothing_changed"),
        ("one version edited", "one_edited"),
        ("one version edited, `--no-html`", "one_edited_no_html"),
    )
    for name in names:
        f = data[name]["figures"]
        html = "" if f.get("html", True) else ", `--no-html`"
        for label, key in steps:
            if f"{key}_s" not in f:
                continue
            cells = []
            for prefix in ("baseline_", ""):
                if f"{prefix}{key}_s" in f:
                    peak = f.get(f"{prefix}{key}_peak_mib")
                    peak_cell = f"{peak} MiB" if peak is not None else "—"
                    cells.append(f"{f[f'{prefix}{key}_s']} s | {f[f'{prefix}{key}_cpu_s']} s | {peak_cell}")
                else:
                    cells.append("— | — | —")
            lines.append(f"| {f['policies']} | {label}{html} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


TABLES: dict[str, tuple[tuple[str, ...], Callable[[dict[str, Any]], str]]] = {
    "start": (("start",), _start),
    "parse": (("parse",), _parse),
    "diff": (("diff",), _diff),
    "rules": (("rules",), _rules),
    "build-incremental": (("build_incremental",), _incremental),
    "build-scale": ((), _scale),
}


def render(text: str, data: dict[str, Any]) -> str:
    """``text`` with every ``bench:NAME`` block whose benchmarks are recorded made from ``data``."""

    def block(m: re.Match[str]) -> str:
        needs, make = TABLES[m.group(2)]
        table = make(data) if all(n in data for n in needs) else ""
        return f"{m.group(1)}{table}\n{m.group(4)}" if table else m.group(0)

    return _BLOCK.sub(block, text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="rewrite the documents' tables")
    ap.add_argument("--check", action="store_true", help="exit 1 if a document's table differs")
    args = ap.parse_args()
    data = load(RESULTS)
    stale = []
    for doc in DOCUMENTS:
        if not doc.exists():
            continue
        text = doc.read_text(encoding="utf-8")
        new = render(text, data)
        if new != text:
            stale.append(doc)
            if args.write:
                doc.write_text(new, encoding="utf-8")
    for doc in stale:
        print(f"{doc.relative_to(ROOT)}: {'rewritten' if args.write else 'differs from benchmarks/results.json'}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
