"""Never nothing: every word a document writes is in its tree or in a diagnostic.

The tree may type a line away (a heading becomes a section, ``Reference Number:`` a header field, a
date a ``date``), so the words that only name structure — headings, field labels, column headers,
dates — may go; any other word of the input must be found in the tree's text or in a diagnostic.
Checked on every document fixture of every template, and on sections whose AST holds only paragraphs
(``Description``, ``Important Reminder`` …) given lists and tables.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.parser import ParseReport, parse_file_report, parse_text_report
from policyvc.parser.outline import HEADINGS
from policyvc.parser.template import TEMPLATES

_WORD = re.compile(r"[^\W\d_]{3,}")
_URL = re.compile(r"https?://\S+|www\.\S+")

# Words that only name structure (headings, labels, column headers, the pharmacy grammar's keywords).
_STRUCTURE = (
    " ".join(HEADINGS)
    + " "
    + " ".join(
        " ".join([*t.headings, *t.title_labels, *t.reference_labels, *t.effective_labels, *t.review_labels])
        + " "
        + " ".join([*t.lob_labels, *t.other_labels, *t.history_headings, *t.extras])
        for t in TEMPLATES.values()
    )
    + " must meet all one approval duration appendices general information dosage administration product"
    " availability hcpcs codes description revision log reviews revisions approvals date status action type"
    " summary changes number explanation implementation update subject last effective january february march"
    " april may june july august september october november december initial continued therapy diagnoses"
    " indications authorized appendix iii vii viii"
)
STRUCTURE = frozenset(w.casefold() for w in _WORD.findall(_STRUCTURE))


def _strings(x: object, out: list[str]) -> list[str]:
    if isinstance(x, str):
        out.append(x)
    elif isinstance(x, enum.Enum):
        pass
    elif dataclasses.is_dataclass(x) and not isinstance(x, type):
        for f in dataclasses.fields(x):
            _strings(getattr(x, f.name), out)
    elif isinstance(x, (tuple, list)):
        for y in x:
            _strings(y, out)
    return out


def lost_words(text: str, report: ParseReport) -> list[tuple[int, list[str]]]:
    """The input lines with words found neither in the tree nor in a diagnostic (structure aside)."""
    kept = " ".join([*_strings(report.policy, []), *(d.message for d in report.diagnostics)])
    have = {w.casefold() for w in _WORD.findall(kept)}
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        words = _WORD.findall(_URL.sub(" ", line))
        missing = [w for w in words if w.casefold() not in have and w.casefold() not in STRUCTURE]
        if missing:
            out.append((n, missing))
    return out


# Words of the property's documents: no structure word among them, each found only where it is written.
WORDS = [
    "quokka", "wombat", "numbat", "platypus", "dingo", "bilby", "echidna", "possum", "wallaby", "kookaburra",
    "galah", "cassowary", "emu", "bandicoot", "quoll", "dugong", "axolotl", "okapi", "pangolin", "tapir",
    "narwhal", "ocelot", "margay", "serval", "caracal",
]  # fmt: skip

DOCUMENTS = sorted(
    p
    for folder in ("policies", "medical", "payers", "heldout2", "reader", "lists")
    for p in (FIXTURES / folder).glob("*.txt")
)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_word_of_a_document_is_kept(path: Path) -> None:
    report = parse_file_report(path, recover=True)
    assert lost_words(path.read_text(encoding="utf-8"), report) == []


def _with(section_head: str, lines: str) -> str:
    """The filgrastim policy with ``lines`` written under its heading ``section_head``."""
    text = (FIXTURES / "policies" / "filgrastim.txt").read_text(encoding="utf-8")
    at = text.index(f"\n{section_head}\n") + len(section_head) + 2
    return text[:at] + lines + "\n" + text[at:]


BULLETS = "\n- Quokkaville neutrophil counts\n- Zebrafinch marrow reserve\n"
TABLE = "\nWombat Column\tNumbat Column\nQuetzal cell one\tPlatypus cell two\n"


@pytest.mark.parametrize(
    "head",
    ["Description", "Policy/Criteria", "Important Reminder", "Coding Implications", "FDA Approved Indication(s)"],
)
@pytest.mark.parametrize("lines", [BULLETS, TABLE], ids=["bullets", "table"])
def test_a_list_or_table_in_a_paragraph_section_is_kept_and_said(head: str, lines: str) -> None:
    text = _with(head, lines)
    if head not in text:
        pytest.skip(f"the fixture has no `{head}`")
    report = parse_text_report(text, source="filgrastim.txt", recover=True)
    assert lost_words(text, report) == []
    if not (head == "Coding Implications" and lines is TABLE) and not (head.startswith("FDA") and lines is BULLETS):
        assert any("kept as paragraphs" in d.message for d in report.diagnostics)


def test_a_history_table_keeps_its_undated_rows() -> None:
    text = (
        "Knee Arthroscopy Policy\nPolicy Number: MP-77\nEffective Date: 01/01/2026\n\nPolicy History\n\n"
        "Date\tSummary of Changes\n01/01/2026\tAnnual review.\nPending\tCrosswalk of tibial codes under review.\n"
    )
    report = parse_text_report(text, source="x.txt", recover=True)
    assert [e.description for e in report.policy.revision_log] == ["Annual review."]
    assert lost_words(text, report) == []


# --- a property: documents made of every kind of block, under every kind of heading ---------------------

_WORDS = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8, unique=True)


def _sentence(words: list[str]) -> str:
    return " ".join(words).capitalize() + "."


_BLOCK = st.one_of(
    _WORDS.map(_sentence),  # a paragraph
    st.lists(_WORDS, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {_sentence(w)}" for w in items)),
    st.lists(_WORDS, min_size=1, max_size=4).map(
        lambda items: (
            "Covered when all of the following are met:\n"
            + "\n".join(f"{k}. {_sentence(w)}" for k, w in enumerate(items, 1))
        )
    ),
    st.lists(_WORDS, min_size=1, max_size=3).map(
        lambda rows: "Term\tMeaning\n" + "\n".join(f"{w[0]}\t{_sentence(w)}" for w in rows)
    ),
    st.lists(_WORDS, min_size=1, max_size=3).map(
        lambda rows: "\n".join(f"J{1000 + k} {_sentence(w)}" for k, w in enumerate(rows))
    ),
    _WORDS.map(lambda w: f"Note: {_sentence(w)}"),
)
_HEADING = st.sampled_from(
    ["Description", "Coverage Criteria", "Background", "Coding", "Policy History", "Important Reminder",
     "I. Scope", "1.1 Adults", "Section B: Exclusions", "LIMITATIONS", "Knee Procedures"]
)  # fmt: skip
_SECTION = st.tuples(_HEADING, st.lists(_BLOCK, min_size=1, max_size=3))


@given(st.lists(_SECTION, min_size=1, max_size=5), st.sampled_from(["generic", "centene-medical"]))
@settings(max_examples=examples(200))
def test_no_word_of_any_document_is_lost(sections: list[tuple[str, list[str]]], template: str) -> None:
    head = "Clinical Policy: Knee Procedures\nReference Number: CP.MP.900\n" if template != "generic" else ""
    head = head or "Title: Knee Procedures\nPolicy Number: MP-900\n"
    text = (
        head
        + "Effective Date: 01/01/2026\n\n"
        + "\n\n".join(f"{title}\n\n" + "\n\n".join(blocks) for title, blocks in sections)
    )
    report = parse_text_report(text, source="x.txt", recover=True, template=template)
    assert lost_words(text, report) == []
