"""Lines of business a policy sends elsewhere: *For Medicaid requests, refer to the state formulary or preferred
drug list (PDL); where the state PDL has no criteria for Otezla, the criteria below apply.*

A sentence outside the criteria that sends a line's requests to another rule book — a state formulary or
preferred drug list, the state's criteria, another policy — says the criteria of this policy are not (or not
certainly) the ones that decide a request of that line.  The rules never decide such a request by them: an
approval or a denial of a request of that line is held as ``needs-review`` with the sentence as the reason
(:func:`policyvc.rules.runtime.hold_delegated`), and an approval of a request that does not say its line waits for
``member.line_of_business``.  A referral stands (it already sends the request elsewhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policyvc.parser.nodes import Bullets, CriteriaSet, Criterion, Paragraph, Policy, Section
from policyvc.rules import runtime as rt

# the lines named: "Medicaid", "HIM and Medicaid", "Commercial, HIM, or Medicaid", "health insurance marketplace"
_LINES = r"(?:commercial|him|health insurance marketplace|marketplace|medicaid)"
# a line by its plan's name with the line in parentheses: "Turquoise Care (Medicaid)", "Apple Health (Medicaid)"
_LINE = rf"(?:(?:(?-i:[A-Z][\w'’&.-]*)\s+){{1,5}}\(\s*{_LINES}\s*\)|{_LINES})"
_WHO = rf"(?P<who>{_LINE}(?:\s*(?:,|/|,?\s*(?:and|or))\s*{_LINE})*)"
_OF_LINE = r"(?:requests?|members?|enrollees?|recipients?|beneficiaries|plans?|products?|lines? of business|patients?)"
# what a line is sent to: a verb of deferring, then a rule book of another's — a formulary, a drug list, the state's
# criteria or guidelines, another policy (a reference number)
_SEND = (
    r"(?:please\s+)?(?:refer\s+to|see|consult|follow|use|apply|check|are\s+(?:reviewed|decided|governed|subject)\s+"
    r"(?:against|by|under|per|to)|is\s+(?:reviewed|decided|governed|subject)\s+(?:against|by|under|per|to)|"
    r"should\s+be\s+(?:reviewed|decided)\s+(?:against|by|under|per)|will\s+be\s+(?:reviewed|decided)\s+"
    r"(?:against|by|under|per))\b"
)
_BOOK = re.compile(
    r"\b(?:formular(?:y|ies)|preferred\s+drug\s+lists?|PDLs?|state(?:'s|’s)?\s+(?:specific\s+)?(?:criteria|guidelines?|"
    r"contracts?|regulations?|requirements?|polic(?:y|ies)|medicaid)|state[- ]specific|polic(?:y|ies)|"
    r"guidelines?|criteria\s+(?:of|in|set\s+by)|[A-Z]{2,}(?:\.[A-Z0-9]+)+\b)",
    re.I,
)
_LEADS = (
    # "For Medicaid requests, refer to …", "For HIM and Medicaid members: see …", "Medicaid: For Medicaid requests, …"
    re.compile(
        rf"^(?:{_LINES}\s*:\s*)?(?:for|in)\s+(?:the\s+)?{_WHO}\s+{_OF_LINE}\s*[,:]?\s*{_SEND}\s*(?P<rest>.*)$", re.I
    ),
    # "Medicaid: refer to …", "Medicaid requests: please see …", "Medicaid members should refer to …"
    re.compile(rf"^{_WHO}(?:\s+{_OF_LINE})?\s*(?::|,|\s+should|\s+must)\s*{_SEND}\s*(?P<rest>.*)$", re.I),
    # "Medicaid requests are reviewed against the state PDL", "Requests for Medicaid members are subject to …"
    re.compile(rf"^{_WHO}\s+{_OF_LINE}\s+{_SEND}\s*(?P<rest>.*)$", re.I),
    re.compile(
        rf"^(?:requests?|members?)\s+(?:for|of|in|enrolled\s+in)\s+{_WHO}(?:\s+{_OF_LINE})?\s*,?\s*{_SEND}\s*(?P<rest>.*)$",
        re.I,
    ),
)
# "This policy does not apply to Medicaid requests", "… is not applicable to HIM members", "This Medical Policy
# does not apply to members enrolled in Medicaid plans", "These criteria do not pertain to Medicaid" (the policy
# or its criteria as a whole: "the step therapy criteria below do not apply to HIM" lifts a step, no more)
_SUBJECT = (
    r"(?:(?:this|the|these)\s+(?:(?:clinical|medical|coverage|pharmacy|drug|payment|reimbursement|medical\s+"
    r"necessity|prior\s+authori[sz]ation|utilization\s+management|UM)\s+)?(?:polic(?:y|ies)|guidelines?|criteria|documents?|bulletins?|"
    r"standards?)(?:\s+(?:below|above|in\s+this\s+(?:policy|document)))?|it)"
)
_NOT_APPLY = re.compile(
    rf"^{_SUBJECT}\s+(?:does|do|is|are|shall|will)\s+not\s+(?:be\s+)?(?:apply|applied|applicable|pertain)\s+"
    rf"(?:to|for)\s+(?:the\s+)?(?:{_OF_LINE}\s+(?:of|in|enrolled\s+in|covered\s+(?:by|under))\s+(?:the\s+|a\s+)?)?"
    rf"{_WHO}(?:\s+{_OF_LINE})?\b",
    re.I,
)
# "Not applicable to Medicaid members", "Medicaid members are excluded from this policy", "Excludes Medicaid"
_NOT_APPLY_SHORT = (
    re.compile(rf"^(?:not\s+applicable|does\s+not\s+apply)\s+(?:to|for)\s+(?:the\s+)?{_WHO}(?:\s+{_OF_LINE})?\b", re.I),
    re.compile(
        rf"^(?:{_OF_LINE}\s+(?:of|in|enrolled\s+in)\s+)?{_WHO}(?:\s+{_OF_LINE})?\s+(?:are|is)\s+(?:excluded|"
        rf"not\s+(?:covered|included))\s+(?:from|by|under|in)\s+{_SUBJECT}",
        re.I,
    ),
    re.compile(rf"^{_SUBJECT}\s+excludes\s+(?:the\s+)?{_WHO}(?:\s+{_OF_LINE})?\b", re.I),
)
# a note's label before the sentence: ``Note: Medicaid requests are reviewed against the state's criteria …``
_NAMES = re.compile(rf"\b{_LINES}\b", re.I)
_LABEL = re.compile(r"^(?:please\s+)?(?:notes?|nb|important|attention)\s*[:.–-]\s*", re.I)
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")


def delegations(*policies: Policy) -> tuple[tuple[tuple[str, ...], str], ...]:
    """Each sentence outside the criteria that sends a line of business elsewhere: (its lines, its text).  Given
    the policy as parsed and its rules view, both are read (the view keeps only the criteria of a body read by its
    headings: an *Application* or *Scope* paragraph saying whom the policy is not for is the parsed policy's)."""
    out: dict[str, tuple[tuple[str, ...], str]] = {}
    for text in (t for policy in policies for t in _texts(policy)):
        for sentence in _SENTENCE.split(" ".join(text.split())):
            lines = sends(sentence)
            if lines and sentence not in out:
                out[sentence] = (lines, sentence)
    return tuple(out.values())


def sends(sentence: str) -> tuple[str, ...]:
    """The lines of business a sentence sends elsewhere (none when it does not)."""
    sentence = _LABEL.sub("", sentence.lstrip("*•-– ").strip())
    m = _NOT_APPLY.match(sentence)
    for short in _NOT_APPLY_SHORT:
        m = m or short.match(sentence)
    if m is None:
        for lead in _LEADS:
            m = lead.match(sentence)
            if m is not None and _BOOK.search(m["rest"]) is not None:
                break
            m = None
    if m is None:
        return ()
    lines = {rt.line_of_business(x) for x in _NAMES.findall(m["who"])}
    return tuple(sorted(x for x in lines if x is not None))


def _texts(policy: Policy) -> Iterator[str]:
    """What is written outside the criteria where a policy says whom they are for: the lead-in of the criteria,
    the notes of their sets, every paragraph and plain list of a body read by its headings, and the header's
    fields (*Products:*, the lines of business, the lines beside them)."""
    yield from policy.header.extras
    yield from policy.header.lines_of_business
    yield from (p.text for p in policy.criteria_intro)
    yield from (p.text for p in policy.description)
    for section in policy.sections:
        for s in section.sets:
            yield from (n.text for n in s.notes)
            for c in _criteria(s):
                yield from (n.text for n in c.notes)
    for block in policy.body:
        yield from _body(block)


def _criteria(s: CriteriaSet) -> Iterator[Criterion]:
    stack = list(s.criteria)
    while stack:
        c = stack.pop()
        yield c
        stack.extend(c.children)


def _body(block: object) -> Iterator[str]:
    if isinstance(block, Paragraph):
        yield block.text
    elif isinstance(block, Bullets):
        stack = list(block.items)
        while stack:
            item = stack.pop()
            yield item.text
            stack.extend(item.children)
    elif isinstance(block, Section):
        for b in block.blocks:
            yield from _body(b)
    elif isinstance(block, CriteriaSet):
        yield from (n.text for n in block.notes)
