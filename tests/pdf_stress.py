"""Stress the extractor with random typography (not part of the test run: slow, and it finds known limits).

    .venv/bin/python tests/pdf_stress.py --seed 1 --count 20

Each round typesets one of the test policies with a random size, line pitch,
paragraph spacing, margins, justification, table style and a forced page break
inside a table row, and checks ``parse_file(pdf) == parse_file(txt)``.  A
failure prints the first lines of the diff of what the grammar reads.  The
failures seen so far are the limits listed in the README (a table row split by
a page break where every cell goes on, a ragged paragraph ending nearly full
on a page's last line, a word wider than its table cell).
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import random
import tempfile
from pathlib import Path

from conftest import POLICIES
from pdfgen import LAYOUTS, Breaks, make_pdf

from policyvc.parser import PolicyError, parse_file
from policyvc.parser.normalize import normalize
from policyvc.parser.pdf import extract
from policyvc.renderer.text import render_text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=20)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "stress.pdf"
        for _ in range(args.count):
            base = LAYOUTS[rnd.choice(sorted(LAYOUTS))]
            layout = dataclasses.replace(
                base,
                size=rnd.choice([8, 9, 10.5, 12]),
                leading=rnd.choice([1.1, 1.2, 1.35, 1.5]),
                para_space=rnd.choice([0.3, 0.5, 0.8, 1.2]),
                margins=(
                    rnd.choice([36, 54, 90]),
                    rnd.choice([36, 54, 90]),
                    rnd.choice([60, 80]),
                    rnd.choice([50, 72]),
                ),
                justify=rnd.random() < 0.5,
                table_style=rnd.choice(["grid", "bars", "rules"]),
            )
            name = rnd.choice(sorted(POLICIES))
            make_pdf(POLICIES[name], pdf, layout, Breaks(inside_row=rnd.randint(0, 3)))
            try:
                ok, error = parse_file(pdf) == parse_file(POLICIES[name]), ""
            except PolicyError as exc:
                ok, error = False, str(exc).splitlines()[0]
            if ok:
                continue
            failures += 1
            print(
                f"FAIL {name} layout {base.name} {layout.size}pt pitch {layout.leading} space {layout.para_space}"
                f" margins {layout.margins} justify={layout.justify} {layout.table_style} {error}"
            )
            got = [x for x in normalize(extract(pdf).text).text.split("\n") if x.strip()]
            want = [x for x in normalize(render_text(parse_file(POLICIES[name]))).text.split("\n") if x.strip()]
            for line in list(difflib.unified_diff(want, got, n=0, lineterm=""))[2:8]:
                print("   ", line[:160])
    print(f"{failures} of {args.count} failed")


if __name__ == "__main__":
    main()
