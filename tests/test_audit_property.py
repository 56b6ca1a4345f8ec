"""Property: an edit whose direction follows from the logic gets a label pointing that way, whatever its words.

Each example takes a real-looking policy, makes one edit of a known kind with generated words and numbers, diffs
the two versions and reads the label of the edited node: an alternative under any-of widens, a condition under
all-of narrows, an exclusion under none-of narrows, a drug added to a "not prescribed concurrently with" list
narrows, a prescriber specialty added widens, a criterion wrapped into a new any-of group with a new alternative
widens, a threshold or a required trial moves one way or the other.
"""

from __future__ import annotations

from collections.abc import Callable

from conftest import POLICIES
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from policyvc.history.diff import diff
from policyvc.history.semantic import Direction, net_direction
from policyvc.parser import parse_text

FILGRASTIM = POLICIES["filgrastim"].read_text(encoding="utf-8")
DUPILUMAB = POLICIES["dupilumab"].read_text(encoding="utf-8")
MORE, LESS = Direction.MORE, Direction.LESS

words = st.text(alphabet="abcdefghijklmnoprstuvwyz", min_size=5, max_size=10)
names = words.map(lambda w: w.capitalize() + "ex")  # a made-up brand name
Edit = tuple[str, str, str, Direction]  # base text, edited text, the edited node's id, the expected direction


def _replace(base: str, old: str, new: str) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


def alternative_under_any_of(word: str) -> Edit:
    new = _replace(
        FILGRASTIM, "c. Idiopathic neutropenia;\n", f"c. Idiopathic neutropenia;\nd. {word.capitalize()} neutropenia;\n"
    )
    new = _replace(
        new,
        "neutropenia of one of the following types (a, b, or c):",
        "neutropenia of one of the following types (a, b, c, or d):",
    )
    return FILGRASTIM, new, "I.B.1.d", LESS


def condition_under_all_of(word: str) -> Edit:
    new = _replace(
        FILGRASTIM,
        "5. Dose does not exceed 10 mcg/kg SC or IV per day.\n",
        f"5. Dose does not exceed 10 mcg/kg SC or IV per day;\n6. Documentation of a {word} assessment.\n",
    )
    return FILGRASTIM, new, "I.A.6", MORE


def exclusion_under_none_of(word: str) -> Edit:
    old_b = "b. Filgrastim is scheduled within 24 hours before or after administration of cytotoxic chemotherapy;\n"
    new = _replace(FILGRASTIM, old_b, old_b + f"c. Member has a history of {word} reactions to G-CSF;\n")
    new = _replace(
        new, "3. Member meets none of the following (a or b):", "3. Member meets none of the following (a, b, or c):"
    )
    return FILGRASTIM, new, "I.A.3.c", MORE


def drug_in_concurrent_use_list(name: str) -> Edit:
    new = _replace(DUPILUMAB, "Adbry[®], Ebglyss[®], or a Janus", f"Adbry[®], Ebglyss[®], {name}[®], or a Janus")
    return DUPILUMAB, new, "I.A.7", MORE


def prescriber_added(word: str) -> Edit:
    old = "2. Prescribed by or in consultation with a dermatologist or allergist;"
    new = _replace(
        DUPILUMAB, old, f"2. Prescribed by or in consultation with a dermatologist, allergist, or {word}ologist;"
    )
    return DUPILUMAB, new, "I.A.2", LESS


def wrapped_into_any_of(word: str) -> Edit:
    old = "2. Prescribed by or in consultation with a hematologist;\n"
    new = _replace(
        FILGRASTIM,
        old,
        "2. Member meets one of the following (a or b):\n"
        "a. Prescribed by or in consultation with a hematologist;\n"
        f"b. Member is enrolled in a {word} care program;\n",
    )
    return FILGRASTIM, new, "I.B.2", LESS


def _threshold(text: str, before: str, after: str, node: str, minimum: bool) -> Callable[[int], Edit]:
    def edit(value: int) -> Edit:
        old_value = int(before.split()[-1].replace(",", "").split("/")[0])
        new = _replace(text, before, before.rsplit(" ", 1)[0] + " " + after.format(value))
        raised = value > old_value
        return text, new, node, MORE if raised == minimum else LESS

    return edit


anc_maximum = _threshold(FILGRASTIM, "(ANC) ≤ 500/mm3", "{}/mm3", "I.B.3", minimum=False)
anc_response = _threshold(FILGRASTIM, "ANC ≥ 1,500/mm3", "{}/mm3", "II.A.2", minimum=True)
trial_weeks = _threshold(DUPILUMAB, "Failure of at least 8", "{}", "I.C.4", minimum=True)

EDITS = st.one_of(
    words.map(alternative_under_any_of),
    words.map(condition_under_all_of),
    words.map(exclusion_under_none_of),
    names.map(drug_in_concurrent_use_list),
    words.map(prescriber_added),
    words.map(wrapped_into_any_of),
    st.integers(1, 5000).filter(lambda v: v != 500).map(anc_maximum),
    st.integers(1, 5000).filter(lambda v: v != 1500).map(anc_response),
    st.integers(1, 52).filter(lambda v: v != 8).map(trial_weeks),
)


@settings(max_examples=examples(60))
@given(EDITS)
def test_an_edit_of_known_direction_gets_that_label(edit: Edit) -> None:
    old, new, node, expected = edit
    script = diff(parse_text(old), parse_text(new))
    (changed,) = [e for e in script.changes if e.new_id == node]
    assert net_direction(changed.labels) is expected, [str(lb) for lb in changed.labels]
    directed = [lb for lb in changed.labels if lb.direction is expected]
    assert all(lb.old or lb.new for lb in directed)  # and says what it was and became


CRITERIA_OF_A = [
    "2. Prescribed by or in consultation with a dermatologist or allergist;",
    "3. Age ≥ 6 months;",
    "4. Documentation of baseline Eczema Area and Severity Index (EASI) score;",
]


@settings(max_examples=examples(30))
@given(st.sampled_from(CRITERIA_OF_A), words)
def test_an_edited_criterion_stays_in_its_set(line: str, word: str) -> None:
    """A criterion of set A edited in place while a new set says its old words: an update in A, never a move."""
    marker, text = line.split(" ", 1)
    edited = _replace(DUPILUMAB, line, f"{marker} {text[:-1]} ({word});")
    new_set = (
        f"F. Chronic Spontaneous Urticaria (must meet all):\n1. Diagnosis of CSU;\n2. {text}\n"
        "3. Dose does not exceed 300 mg SC every 4 weeks.\n\nApproval duration: 6 months\n\n"
        "G. Other diagnoses/indications (must meet one):"
    )
    edited = _replace(edited, "F. Other diagnoses/indications (must meet one):", new_set)
    script = diff(parse_text(DUPILUMAB), parse_text(edited))
    node = f"I.A.{marker[:-1]}"
    kinds = {(e.kind.value, e.old_id, e.new_id) for e in script.changes}
    assert ("update", node, node) in kinds, sorted(kinds)
    assert not any(e.kind == "move" for e in script.changes)
