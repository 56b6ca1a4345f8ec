"""Speed of PDF input: pdfplumber's raw ``extract_words`` vs our whole PDF → AST.  ``make bench`` runs this.

Target (issue 3): our layer adds at most 25% over the raw pdfplumber cost,
which is mostly pdfminer turning characters into dicts; we parse each page
once and take words and ruling lines from that one parse.  Figures are
milliseconds per page on the committed seed PDF (``tests/fixtures/pdf/seed-A.pdf``);
they are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from results import record  # benchmarks/ is the folder of the script being run

ROOT = Path(__file__).resolve().parent.parent
SEED_PDF = ROOT / "tests" / "fixtures" / "pdf" / "seed-A.pdf"


def _per_page(fn: Callable[[], int], rounds: int) -> dict[str, float]:
    samples = []
    for _ in range(rounds):
        t = time.perf_counter()
        pages = fn()
        samples.append((time.perf_counter() - t) / pages)
    samples.sort()
    return {"median": round(statistics.median(samples) * 1000, 2), "min": round(samples[0] * 1000, 2)}


def raw_words(path: Path) -> int:
    """What pdfplumber alone costs: open, and ``extract_words()`` on every page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()
        return len(pdf.pages)


def read_pages(path: Path) -> int:
    """Our boundary only: every page copied into plain records (words with fonts, ruling lines)."""
    import pdfplumber

    from policyvc.parser.pdf import read_page

    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            read_page(page, number)
            page.close()
        return len(pdf.pages)


def whole(path: Path) -> int:
    """Everything: open, extract, lay out, normalise, parse, put pages into the spans."""
    from policyvc.parser import parse_extraction
    from policyvc.parser.pdf import extract

    extraction = extract(path)
    parse_extraction(extraction, str(path))
    return extraction.pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=7, help="repetitions of each measurement")
    ap.add_argument("--pdf", type=Path, default=SEED_PDF)
    ap.add_argument("--json", action="store_true", help="print JSON only")
    args = ap.parse_args()
    whole(args.pdf)  # imports, lark's tables, the OS file cache
    report: dict[str, object] = {"pdf": str(args.pdf.relative_to(ROOT) if args.pdf.is_relative_to(ROOT) else args.pdf)}
    # interleave the three so drift on a shared machine hits them alike
    samples: dict[str, list[dict[str, float]]] = {"raw_extract_words": [], "read_pages": [], "pdf_to_ast": []}
    for _ in range(args.rounds):
        samples["raw_extract_words"].append(_per_page(lambda: raw_words(args.pdf), 1))
        samples["read_pages"].append(_per_page(lambda: read_pages(args.pdf), 1))
        samples["pdf_to_ast"].append(_per_page(lambda: whole(args.pdf), 1))
    ms = {k: round(statistics.median(s["median"] for s in v), 2) for k, v in samples.items()}
    report["ms_per_page"] = ms
    report["overhead_pct"] = round((ms["pdf_to_ast"] / ms["raw_extract_words"] - 1) * 100, 1)
    record("pdf", report)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"pdf: {report['pdf']}")
    print(f"raw pdfplumber extract_words     {ms['raw_extract_words']:>7} ms/page")
    print(f"our boundary (words+fonts+rules) {ms['read_pages']:>7} ms/page")
    print(f"whole PDF -> AST                 {ms['pdf_to_ast']:>7} ms/page")
    print(f"overhead of our layer over raw:  {report['overhead_pct']:>6} %   (target <= 25 %)")


if __name__ == "__main__":
    main()
