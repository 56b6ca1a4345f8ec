"""Write the embedded history of CP.PHAR.295 by undoing what the seed's revision log describes.

Each earlier version is the next later one with the changes of its newest
revision-log entries taken out again, step by step (newest first):

* 2025-04-14 — before ``For Appendix E, added state IN. 03.26.26``;
* 2024-06-05 — before the 3Q 2025 annual review (04.14.25): relapsed/refractory
  neuroblastoma, Danyelza without temozolomide + irinotecan, no IL HIM notes,
  Appendix E in its older wording without the Tennessee exception, 2024 references;
* 2023-10-16 — before Mississippi (06.05.24) AND the 3Q 2024 review (05.03.24):
  the seed's log lists Mississippi *before* the 3Q 2024 review although it is
  dated later, so "before the 3Q 2024 review" alone would also end on 06.05.24
  and collide with the previous version; both are undone together;
* 2023-04-18 — before the off-label neuroblastoma indication (10.16.23).

A version's folder is the latest date of its own revision log (``policyvc build``
checks this).  Run from the repository root: ``python tools/derive_history.py``.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "policy_versions" / "CP.PHAR.295"
SEED = ROOT / "2026-03-26" / "policy.txt"


def sub(text: str, old: str, new: str, count: int = 1) -> str:
    """Replace exactly ``count`` occurrences (0: all, at least one) or fail loudly."""
    n = text.count(old)
    if n == 0 or (count and n != count):
        raise SystemExit(f"expected {count or 'some'} occurrence(s) of {old[:70]!r}, found {n}")
    return text.replace(old, new)


def cut(text: str, start: str, end: str) -> str:
    """Remove from ``start`` up to (not including) ``end``."""
    i = text.index(start)
    j = text.index(end, i)
    return text[:i] + text[j:]


def before_indiana(t: str) -> str:
    t = sub(t, "IN\tYes\tFor advanced, metastatic cancer and associated conditions\n", "")
    return sub(t, "For Appendix E, added state IN.\t03.26.26\t\n", "")


def before_3q2025(t: str) -> str:
    t = sub(t, "Last Review Date: 08.25", "Last Review Date: 08.24")
    # neuroblastoma: relapsed/refractory was required; Danyelza without temozolomide + irinotecan
    t = sub(
        t, "1. Diagnosis of high-risk neuroblastoma;", "1. Diagnosis of relapsed or refractory high-risk neuroblastoma;"
    )
    t = sub(
        t,
        "a. Prescribed in combination with Danyelza[®]*, temozolomide*, and irinotecan*;",
        "a. Prescribed in combination with Danyelza[®]*;",
    )
    # the IL HIM step-therapy bypass notes
    t = sub(
        t,
        "**For Illinois HIM requests, the step therapy requirements below do not apply as of 1/1/2026 "
        "per IL HB 5395.*\n",
        "",
        count=0,
    )
    # Appendix E in its older wording, no exception for Tennessee
    t = sub(
        t,
        "FL\tYes\tFor stage 4 metastatic cancer and associated conditions.",
        "FL\tYes\tStage 4 metastatic cancer and associated conditions.",
    )
    t = sub(
        t,
        "OH\tYes\tFor stage 4 metastatic cancer and associated conditions",
        "OH\tYes\tStage 4 metastatic cancer and associated conditions",
    )
    t = sub(
        t,
        "TN\tYes [^]\tFor stage 4 advanced metastatic cancer, metastatic blood cancer, and associated conditions [^] "
        "Exception if step therapy is for AB-rated generic equivalent, interchangeable biological product, or "
        "biosimilar product to the equivalent brand drug",
        "TN\tYes\tStage 4 advanced metastatic cancer, metastatic blood cancer, and associated conditions",
    )
    # references as reviewed in 2024
    t = sub(t, "Accessed April 14, 2025.", "Accessed April 2, 2024.")
    t = sub(t, "Hematopoietic Growth Factors Version 1.2025", "Hematopoietic Growth Factors Version 2.2024")
    t = sub(t, "Accessed: May 15, 2025.", "Accessed: April 2, 2024.")
    t = sub(t, "Accessed May 15, 2025.", "Accessed April 2, 2024.", count=0)
    t = sub(t, "(HCT) 1.2025", "(HCT) 1.2024")
    t = sub(t, "Neuroblastoma 1.2025", "Neuroblastoma 1.2024")
    # the 3Q 2025 entry (split by a page break in the export)
    return (
        cut(t, "3Q 2025 annual review:", "For Appendix E")
        if "For Appendix E" in t
        else cut(t, "3Q 2025 annual review:", "\nImportant Reminder")
    )


def before_3q2024_and_mississippi(t: str) -> str:
    t = sub(t, "Last Review Date: 08.24", "Last Review Date: 08.23")
    t = sub(t, "MS\tYes\tFor advanced metastatic cancer and associated conditions\n", "")
    # acute radiation syndrome: no weight documentation yet
    t = sub(
        t,
        "4. Documentation of member’s current weight (in kg);\n5. Dose does not exceed one of the following",
        "4. Dose does not exceed one of the following",
    )
    # neuroblastoma: Danyelza only; fixed dosing only
    t = cut(
        t,
        "3. One of the following (a or b):\n - a. Prescribed in combination with Danyelza",
        "4. Request meets one of the following (a or b):*",
    )
    t = sub(
        t,
        "4. Request meets one of the following (a or b):*",
        "3. Prescribed in combination with Danyelza[®];\n4. Request meets one of the following (a or b):*",
    )
    t = sub(
        t,
        "4. Request meets one of the following (a or b):*\n"
        " - a. Dose does not exceed both of the following for each treatment cycle (i and ii):\n"
        " - i. 250 mcg/m² SC daily for 5 doses prior to day 1 of Danyelza administration;\n\n"
        "- ii. 500 mcg/m² SC daily for 5 doses in combination with Danyelza;\n"
        "- b. Dose is supported by practice guidelines or peer-reviewed literature for the relevant off-label use "
        "(*prescriber must submit supporting evidence*).\n\n**Prescribed regimen must be FDA-approved or "
        "recommended by NCCN*\n",
        "4. Dose does not exceed both of the following for each treatment cycle (a and b):\n"
        " - a. 250 mcg/m² SC daily for 5 doses prior to day 1 of Danyelza administration;\n"
        " - b. 500 mcg/m² SC daily for 5 doses in combination with Danyelza.\n",
    )
    # febrile neutropenia did not exist: Other diagnoses was F
    t = cut(t, "F. Chemotherapy-Induced Febrile Neutropenia", "G. Other diagnoses/indications")
    t = sub(t, "G. Other diagnoses/indications", "F. Other diagnoses/indications")
    # continued therapy: no guideline-supported dose increase
    t = sub(
        t,
        "4. If request is for a dose increase, request meets one of the following (a, b, or c):*",
        "4. If request is for a dose increase, request meets one of the following (a or b):",
    )
    t = sub(
        t,
        " - ii. 500 mcg/m² SC daily for 5 doses in combination with Danyelza;\n"
        " - c. New dose is supported by practice guidelines or peer-reviewed literature for the relevant off-label "
        "use (*prescriber must submit supporting evidence*).\n\n**Prescribed regimen must be FDA-approved or "
        "recommended by NCCN*\n",
        " - ii. 500 mcg/m² SC daily for 5 doses in combination with Danyelza.\n",
    )
    # references as reviewed in 2023
    t = sub(t, "Accessed April 2, 2024.", "Accessed April 3, 2023.", count=0)
    t = sub(t, "Accessed: April 2, 2024.", "Accessed: April 3, 2023.")
    t = sub(t, "Hematopoietic Growth Factors Version 2.2024", "Hematopoietic Growth Factors Version 2.2023")
    t = sub(t, "(HCT) 1.2024", "(HCT) 2.2023")
    t = sub(t, "Neuroblastoma 1.2024", "Neuroblastoma 2.2023")
    t = sub(t, "neuroblastoma.pdf. Accessed April 3, 2023.", "neuroblastoma.pdf. Accessed October 2, 2023.")
    t = sub(t, "LLC.; August 2023.", "LLC.; May 2022.")
    t = cut(t, "Updated Appendix E to include Mississippi.", "\nImportant Reminder")
    return t


def before_neuroblastoma(t: str) -> str:
    t = cut(t, "E. Neuroblastoma (off-label)", "F. Other diagnoses/indications")
    t = sub(t, "F. Other diagnoses/indications", "E. Other diagnoses/indications")
    t = sub(
        t,
        "4. If request is for a dose increase, request meets one of the following (a or b):\n"
        " - a. New dose does not exceed the FDA-approved maximum recommended dose for the relevant indication in "
        "Section V;\n",
        "4. If request is for a dose increase, new dose does not exceed the FDA-approved maximum recommended dose "
        "for the relevant indication in Section V.\n",
    )
    t = cut(t, " - b. For neuroblastoma, new dose does not exceed", "\nApproval duration:")
    t = cut(t, "6. National Comprehensive Cancer Network. Neuroblastoma", "\nCoding Implications")
    return cut(t, "Added off-label indication for relapsed or refractory", "\nImportant Reminder")


def main() -> None:
    text = SEED.read_text(encoding="utf-8")
    for date, step in (
        ("2025-04-14", before_indiana),
        ("2024-06-05", before_3q2025),
        ("2023-10-16", before_3q2024_and_mississippi),
        ("2023-04-18", before_neuroblastoma),
    ):
        text = step(text)
        out = ROOT / date / "policy.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
