"""A sentence that opens with a heading's words is a sentence, not the heading with text run on after it.

Family policies write section III as ``Policy/Criteria provided in section I is considered not medically
necessary for the following indications …``; a copied page may also run text on after a real heading
(``Policy/Criteria It is the policy …``).  The two are told apart by the word after the heading's: a new
sentence starts with a capital, a sentence with the heading's words as its subject goes on in lower case.
Written from ``decisions_words/benralizumab.txt`` (a CP.PHAR policy of our own) with its section III reworded.
"""

from __future__ import annotations

from conftest import FIXTURES

from policyvc.parser import parse_text
from policyvc.parser.text_styles import runs_on_from_heading

POLICY = FIXTURES / "decisions_words" / "benralizumab.txt"
SENTENCE = (
    "Policy/Criteria provided in section I is considered not medically necessary for the following "
    "indications, or other section III indications:"
)


def _reworded() -> str:
    lines = POLICY.read_text(encoding="utf-8").split("\n")
    k = lines.index("III. Diagnoses/Indications for which coverage is NOT authorized:")
    assert lines[k + 1].startswith("A. Non-FDA-approved indications")
    return "\n".join(
        [
            *lines[: k + 1],
            SENTENCE,
            "A. Eosinophilic esophagitis;",
            "B. Chronic rhinosinusitis without nasal polyps.",
            *lines[k + 2 :],
        ]
    )


def test_sentence_is_not_split_at_the_heading_words() -> None:
    assert not runs_on_from_heading(SENTENCE)
    assert not runs_on_from_heading("Description of the product is in section VI.")


def test_run_on_heading_is_still_split() -> None:
    assert runs_on_from_heading("Policy/Criteria It is the policy of health plans affiliated with Centene")
    assert runs_on_from_heading("Description Benralizumab is an interleukin-5 receptor antagonist.")


def test_section_three_keeps_its_listed_indications() -> None:
    policy = parse_text(_reworded())
    third = next(s for s in policy.sections if s.id == "III")
    assert [(s.id, s.title) for s in third.sets] == [
        ("III.A", "Eosinophilic esophagitis;"),
        ("III.B", "Chronic rhinosinusitis without nasal polyps."),
    ]
    assert SENTENCE in [n.text for s in third.sets for n in s.notes]
