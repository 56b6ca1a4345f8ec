"""Speed of the input front (issue 12): warm parse of the seed in each text style, and PDF → AST per
page against pdfplumber's raw ``extract_words`` for PDFs made by real producers.

Targets: every text style within 2× of the export style; PDF → AST at most +25% over pdfplumber's raw
cost.  Figures are milliseconds (median and minimum of ``--rounds``), reported, never asserted.
``make bench`` runs this.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from results import record  # benchmarks/ is the folder of the script being run

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SEED = ROOT / "policy_versions" / "CP.PHAR.295" / "2026-03-26" / "policy.txt"
SEED_PDF = ROOT / "tests" / "fixtures" / "pdf" / "seed-A.pdf"


def _time(fn: Callable[[], object], rounds: int) -> dict[str, float]:
    samples = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    samples.sort()
    return {"median": round(statistics.median(samples) * 1000, 2), "min": round(samples[0] * 1000, 2)}


def text_styles() -> dict[str, str]:
    """The seed as each text style users have."""
    from docgen import flattened

    export = SEED.read_text(encoding="utf-8")
    junk = "Skip to main content\nHome > Providers > Clinical Policies\n\n"
    bold = export
    for head in ("Description", "FDA Approved Indication(s)", "Policy/Criteria", "I. Initial Approval Criteria"):
        bold = bold.replace(f"\n{head}\n", f"\n**{head}**\n", 1)
    marks = export.replace("1. Diagnosis", "\u200f1. Diagnosis").replace("Leukine is", "Leukine\u200e is")
    out = {
        "export": export,
        "flattened": flattened(SEED),
        "flattened-f0b7": flattened(SEED, bullet="\uf0b7"),
        "scraped": junk + bold,
        "invisible-marks": marks,
    }
    out.update(_pdftotext_styles())
    return out


def _pdftotext_styles() -> dict[str, str]:
    """poppler's text (reading order and ``-layout``) of the seed as LibreOffice prints it, if installed."""
    import subprocess

    from docgen import docx_file, have, libreoffice_pdf

    if not (have("soffice") and have("pdftotext")):
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        pdf = libreoffice_pdf(docx_file(SEED, Path(tmp) / "seed.docx"), Path(tmp))
        return {
            name: subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, check=True).stdout.decode()
            for name, args in (("pdftotext", []), ("pdftotext-layout", ["-layout"]))
        }


def _pages_of(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def raw_words(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()


def pdf_to_ast(path: Path) -> None:
    from policyvc.parser import parse_extraction
    from policyvc.parser.pdf import extract

    parse_extraction(extract(path), str(path))


def producer_pdfs(tmp: Path) -> dict[str, Path]:
    """The seed as reportlab, Chromium and LibreOffice PDFs (the producers that are installed)."""
    from docgen import chromium_pdf, docx_file, have, libreoffice_pdf, policy_html

    out = {"reportlab": SEED_PDF}
    if have("chromium"):
        out["chromium"] = chromium_pdf(policy_html(SEED), tmp / "seed-chromium.pdf")
    if have("soffice"):
        out["libreoffice"] = libreoffice_pdf(docx_file(SEED, tmp / "seed-lo.docx"), tmp)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=15, help="repetitions of each measurement")
    ap.add_argument("--json", action="store_true", help="print JSON only")
    args = ap.parse_args()
    from policyvc.parser import parse_text

    report: dict[str, object] = {}
    styles = text_styles()
    for text in styles.values():
        parse_text(text)  # imports, lark's tables
    warm = {name: _time(lambda t=text: parse_text(t), args.rounds) for name, text in styles.items()}  # type: ignore[misc]
    base = warm["export"]["median"]
    report["warm_parse_ms"] = {n: {**v, "vs_export": round(v["median"] / base, 2)} for n, v in warm.items()}
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = producer_pdfs(Path(tmp))
        per_page: dict[str, object] = {}
        for name, pdf in pdfs.items():
            pages = _pages_of(pdf)
            pdf_to_ast(pdf)
            # interleaved, so drift on a shared machine hits both alike
            raws, ourss = [], []
            for _ in range(max(3, args.rounds // 3)):
                raws.append(_time(lambda p=pdf: raw_words(p), 1)["median"])  # type: ignore[misc]
                ourss.append(_time(lambda p=pdf: pdf_to_ast(p), 1)["median"])  # type: ignore[misc]
            raw, ours = {"median": statistics.median(raws)}, {"median": statistics.median(ourss)}
            per_page[name] = {
                "pages": pages,
                "raw_extract_words_ms_per_page": round(raw["median"] / pages, 2),
                "pdf_to_ast_ms_per_page": round(ours["median"] / pages, 2),
                "overhead": f"{(ours['median'] / raw['median'] - 1) * 100:+.0f}%",
            }
        report["pdf"] = per_page
    record("input", report)
    if args.json:
        print(json.dumps(report))
        return
    print("warm parse of the seed, by text style (ms):")
    for name, v in report["warm_parse_ms"].items():  # type: ignore[attr-defined]
        print(f"  {name:16} median {v['median']:7.2f}  min {v['min']:7.2f}  ×{v['vs_export']} of export")
    print("PDF → AST per page vs pdfplumber extract_words:")
    for name, v in report["pdf"].items():  # type: ignore[attr-defined]
        print(
            f"  {name:12} {v['pages']:3} pages  raw {v['raw_extract_words_ms_per_page']:6.2f} ms/page  "
            f"ours {v['pdf_to_ast_ms_per_page']:6.2f} ms/page  ({v['overhead']})"
        )


if __name__ == "__main__":
    main()
