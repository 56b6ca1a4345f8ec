"""Parse a clinical policy into the typed AST: normalise → lex → nesting → LALR → nodes.

    >>> from policyvc.parser import parse_file
    >>> policy = parse_file("policy_versions/CP.PHAR.295/2026-03-26/policy.txt")

The pipeline is visible in the module names: ``normalize`` (export artifacts),
``grammar/policy.lark`` with the ``nesting`` postlexer, ``transform`` (lark →
``nodes``), ``classify`` and ``connective`` (typed criteria).
"""

from __future__ import annotations

import re
import threading
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from policyvc.errors import PolicyError
from policyvc.lazy_re import lazy
from policyvc.parser.files import is_docx_file, is_pdf, is_pdf_file, read_bytes
from policyvc.parser.hygiene import (
    Diagnostic,
    check_file_size,
    check_text_size,
    decode_policy_bytes,
    escape_invisible,
    invisible_note,
    strip_invisible,
)
from policyvc.parser.prebuilt import dataclass
from policyvc.parser.recover import SKIPPED, kept_regions
from policyvc.parser.recover import recover as _recover

# lark, the text front and the node types load on the first parse, not on ``import policyvc.parser`` (nor on
# importing a light submodule such as ``policyvc.parser.errors``): a command that parses nothing starts faster
if TYPE_CHECKING:  # the PDF layer (and pdfplumber) loads only when a PDF is read
    from lark import Lark, Token
    from lark.exceptions import UnexpectedInput

    from policyvc.parser.binder import Binder, PolicyStart
    from policyvc.parser.lalr_driver import Driver
    from policyvc.parser.nodes import Policy
    from policyvc.parser.normalize import Normalized
    from policyvc.parser.pdf import Extraction, LineOrigin
    from policyvc.parser.text_styles import Styled
    from policyvc.parser.transform import PolicyTransformer

__all__ = [
    "Diagnostic", "ParseReport", "PolicyError", "extract_pdf", "grammar_text", "is_pdf", "is_pdf_file",
    "parse_extraction", "parse_file", "parse_file_cached", "parse_file_report", "parse_text", "parse_text_report",
    "read_text",
]  # fmt: skip

_LOCK = threading.Lock()
_PARSER: Lark | None = None  # lark's, made only when the driver leaves a text to it (or has no tables)
_TRANSFORMER: PolicyTransformer | None = None  # one, for lark's parser and the driver (used under _LOCK)
_DRIVER: Driver | None = None  # lark's tables and our transformer in one short loop (lalr_driver.py)
_DRIVER_MADE = False

# What each terminal means to a person reading an error message.
_EXPECTED = {
    "TITLE_KW": "the title line `Clinical Policy: <drug>`",
    "REFNO_KW": "`Reference Number: …`",
    "EFFECTIVE_KW": "`Effective Date: MM.DD.YY`",
    "REVIEW_KW": "`Last Review Date: MM.YY`",
    "LOB_KW": "`Line of Business: …`",
    "DESCRIPTION_HEAD": "the `Description` heading",
    "INDICATIONS_HEAD": "the `FDA Approved Indication(s)` heading",
    "POLICY_HEAD": "the `Policy/Criteria` heading",
    "INITIAL_HEAD": "section `I. Initial Approval Criteria`",
    "CONTINUED_HEAD": "section `II. Continued Therapy`",
    "NOT_AUTH_HEAD": "section `III. Diagnoses/Indications for which coverage is NOT authorized`",
    "APPENDICES_HEAD": "section `IV. Appendices/General Information`",
    "APPENDIX_HEAD": "the heading of an appendix (`Appendix B: …`)",
    "DOSAGE_HEAD": "section `V. Dosage and Administration`",
    "AVAILABILITY_HEAD": "section `VI. Product Availability`",
    "REFERENCES_HEAD": "section `VII. References`",
    "OTHER_SECTION": "a section the centene-pharmacy template does not know",
    "CODING_HEAD": "the `Coding Implications` heading",
    "REVLOG_HEADER": "the revision log (`Reviews, Revisions, and Approvals<TAB>Date<TAB>P&T Approval Date`)",
    "REVLOG_TITLE": "the revision log's name (`Reviews, Revisions, and Approvals`)",
    "REMINDER_HEAD": "the `Important Reminder` heading",
    "APPROVAL_KW": "`Approval duration:`",
    "DURATION": "an approval duration (`Medicaid/HIM – 6 months`)",
    "SET_MARK": "a criteria set (`A. … (must meet all):`)",
    "ITEM_MARK": "a criterion (`1.`, `a.`, `i.`)",
    "INDENT": "a sub-criterion",
    "_DEDENT": "the end of a criteria list",
    "NOTE": "a note (`*…`)",
    "BULLET": "a bullet (`- …`)",
    "ROW": "a table row",
    "TEXT": "text",
    "PARA": "a paragraph",
    "_NL": "a line break",
    "$END": "the end of the file",
}
_SECTION_LINE = lazy(r"^([IVX]{1,5})\.\s+[A-Z]")


def grammar_text() -> str:
    """The grammar, shipped as package data (read beside the package; through importlib.resources, which
    costs a start a few ms of imports, only where the package is no folder of files)."""
    from policyvc import grammar

    try:
        return Path(grammar.__file__ or "").with_name("policy.lark").read_text(encoding="utf-8")
    except OSError:
        from importlib import resources

        return resources.files("policyvc.grammar").joinpath("policy.lark").read_text(encoding="utf-8")


def _transformer() -> PolicyTransformer:
    global _TRANSFORMER
    if _TRANSFORMER is None:
        from policyvc.parser.transform import PolicyTransformer

        _TRANSFORMER = PolicyTransformer()
    return _TRANSFORMER


def _parser() -> Lark:
    """lark's parser (imports lark): made from lark's cache or the grammar when the driver's tables are not
    kept, and for the texts the driver leaves to lark (every error)."""
    global _PARSER
    if _PARSER is None:
        from lark import Lark

        from policyvc.parser.lark_cache import load_parser, private_cache_file, save_parser
        from policyvc.parser.nesting import Nesting
        from policyvc.parser.tokens import accept_lark_tokens

        accept_lark_tokens()  # the transformer takes lark's tokens as its own
        transformer = _transformer()
        text = grammar_text()
        options: dict[str, Any] = {"parser": "lalr", "lexer": "basic", "maybe_placeholders": False}
        _PARSER = load_parser(text, options, transformer)  # the whole parser, kept last time (lark_cache.py)
        if _PARSER is None:
            _PARSER = Lark(
                text,
                postlex=Nesting(),
                transformer=transformer,
                # the LALR tables in a private per-user file (never lark's shared /tmp pickle), or no cache
                cache=private_cache_file(text) or False,
                **options,
            )
            save_parser(_PARSER, text, options)
    return _PARSER


def _lark_parse(text: str) -> Any:
    return _parser().parse(text)


def _driver() -> Driver | None:
    """The driver, from the tables kept as plain data (no lark), else read out of lark's parser and kept;
    ``None`` when lark's parser is built some way the driver does not reproduce."""
    global _DRIVER, _DRIVER_MADE
    if not _DRIVER_MADE:
        from policyvc.parser.lalr_driver import Driver
        from policyvc.parser.lalr_tables import load_tables, save_tables, tables_from
        from policyvc.parser.nesting import Nesting

        text = grammar_text()
        tables = load_tables(text)
        if tables is None:
            tables = tables_from(_parser())
            if tables is not None:
                save_tables(text, tables)
        _DRIVER = None if tables is None else Driver(tables, _transformer(), Nesting(), _lark_parse)
        _DRIVER_MADE = True
    return _DRIVER


def describe_expected(expected: set[str]) -> str:
    """The terminals ``expected`` as a person reads them (``section `V. Dosage and Administration` or …``)."""
    # (a plan's own section is read where it may stand, never what a reader is told was expected)
    names = sorted({_EXPECTED.get(e, e) for e in expected if e not in ("_NL", "OTHER_SECTION")} or {"a line break"})
    if len(names) > 6:
        names = [*names[:6], "…"]
    return " or ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " or " + names[-1]


def _section_at(norm: Normalized, line: int) -> str | None:
    lines = norm.text.split("\n")[: max(line, 0)]
    for text in reversed(lines):
        m = _SECTION_LINE.match(text)
        if m:
            return m.group(1)
    return None


# The family's parts in their order, each a heading's terminal and (for a numbered section) its title's words
_PART_ORDER = (
    ("DESCRIPTION_HEAD", ""), ("INDICATIONS_HEAD", ""), ("POLICY_HEAD", ""), ("INITIAL_HEAD", "Initial Approval"),
    ("CONTINUED_HEAD", "Continued"), ("NOT_AUTH_HEAD", "Diagnoses/Indications"), ("APPENDICES_HEAD", "Appendices"),
    ("APPENDIX_HEAD", ""), ("DOSAGE_HEAD", "Dosage and Administration"), ("AVAILABILITY_HEAD", "Product Availability"),
    ("REFERENCES_HEAD", "References"), ("CODING_HEAD", ""), ("REVLOG_HEADER", ""), ("REMINDER_HEAD", ""),
)  # fmt: skip
_NUMBERED_HEAD = lazy(r"^[IVX]{1,5}\.\s+(.*)$")
_APPENDIX_LINE = lazy(r"^Appendix\s+[A-Z]:")
_APPENDIX = next(k for k, (name, _) in enumerate(_PART_ORDER) if name == "APPENDIX_HEAD")


def _last_part(above: list[str]) -> int:
    """The place in :data:`_PART_ORDER` of the last numbered section (or appendix) read above; -1 for none."""
    for line in reversed(above):
        text = line.strip()
        if _APPENDIX_LINE.match(text):
            return _APPENDIX
        if (m := _NUMBERED_HEAD.match(text)) is not None:
            title = m.group(1)
            last = next((k for k, (_, words) in enumerate(_PART_ORDER) if words and title.startswith(words)), -1)
            if last >= 0:
                return last
    return -1


def _heads_after(above: list[str], expected: set[str]) -> set[str]:
    """Of the headings ``expected``, those the family writes after the last numbered section read above (LALR's
    expected set also holds headings of parts that cannot follow here)."""
    last = _last_part(above)
    return {name for k, (name, _) in enumerate(_PART_ORDER) if k > last and name in expected}


_BACK_HEADS = frozenset({"APPENDICES_HEAD", "APPENDIX_HEAD", "DOSAGE_HEAD", "AVAILABILITY_HEAD", "REFERENCES_HEAD"})


def _ahead(above: list[str], expected: set[str]) -> set[str]:
    """``expected`` without the headings of the back matter's parts the family writes before the last one read
    above, nor its own (but the next appendix): the grammar reads those parts in any order (the transform checks
    it), so its expected set after section VI still holds section IV's heading."""
    last = _last_part(above)
    behind = {
        name
        for k, (name, _) in enumerate(_PART_ORDER)
        if name in _BACK_HEADS and (k < last or (k == last and k != _APPENDIX))
    }
    return (expected - behind) or expected


def _convert(exc: UnexpectedInput, norm: Normalized, source: str) -> PolicyError:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    lines = norm.text.split("\n")
    if isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        tok: Token = exc.token
        n_line, n_col = tok.line or 1, tok.column or 1
        found = tok.value.strip() or tok.type
        if tok.type == "_DEDENT":
            found = "the end of this criteria list"
        elif tok.type == "INDENT":
            found = "a sub-criterion"
        expected = _ahead(lines[: max(n_line - 1, 0)], set(exc.expected))
        message = f"expected {describe_expected(expected)}, found `{found[:60]}`"
        if tok.type == "OTHER_SECTION":  # (a plan's own section: named as one, never read into the part above)
            heads = _heads_after(lines[: max(n_line - 1, 0)], set(exc.expected))
            message = (
                f"section `{found[:60]}` is not a section the centene-pharmacy template knows: expected "
                f"{describe_expected(heads or set(exc.expected))} here"
            )
    elif isinstance(exc, UnexpectedCharacters):
        n_line, n_col = exc.line, exc.column
        message = f"expected {describe_expected({str(a) for a in exc.allowed or ()})}"
    else:  # end of input
        raw = exc.expected if isinstance(exc, (UnexpectedToken, UnexpectedEOF)) else ()
        expected = {str(getattr(e, "type", e)) for e in raw}  # UnexpectedEOF lists names or tokens
        n_line = max(len(lines) - 1, 1)
        expected = _ahead(lines[:n_line], expected)
        n_col = 1
        section = _section_at(norm, n_line)
        where = f" inside section {section}" if section else ""
        message = f"unexpected end of file{where}: expected {describe_expected(expected)}"
    line, col = norm.source_position(n_line, n_col)
    return PolicyError(message, source=source, line=line, column=col)


@dataclass(frozen=True, slots=True)
class ParseReport:
    """A parsed policy and what was noticed on the way: notes, warnings and (with ``recover``) one
    ``error`` diagnostic per region that could not be read.  ``partial``: something was skipped."""

    policy: Policy
    diagnostics: tuple[Diagnostic, ...] = ()
    # (a binder read with ``recover``: where each policy after the first starts; ``policy`` is the first's)
    further: tuple[PolicyStart, ...] = ()

    @property
    def partial(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    def single(self, source: str) -> ParseReport:
        """This report, or the binder's error when the file holds several policies: a binder is never filed
        under one key (``ingest``, ``build`` and ``check`` ask, ``--recover`` or not)."""
        if self.further:
            raise binder_error(self.further, source)
        return self


def parse_text(text: str, source: str = "<text>") -> Policy:
    """Parse policy text (raw export or normalised) into a :class:`Policy`.

    Raises :class:`PolicyError` with the file, line and what was expected.
    """
    return parse_text_report(text, source).policy


def _raw_column(raw: str, column: int) -> int:
    """The 1-based column in ``raw`` of column ``column`` of ``raw`` without its invisible characters."""
    from policyvc.parser.hygiene import INVISIBLE

    seen = 0
    for k, c in enumerate(raw):
        if c in INVISIBLE:
            continue
        seen += 1
        if seen == column:
            return k + 1
    return column


def _shown(exc: PolicyError, raw_lines: list[str]) -> PolicyError:
    """``exc`` as the reader sees the file: the offending line as written, invisible characters escaped."""
    exc.message = escape_invisible(exc.message)
    exc.args = (exc.message,)
    if exc.line is not None and 0 < exc.line <= len(raw_lines):
        raw = raw_lines[exc.line - 1].rstrip()
        if exc.column is not None and exc.column > 0:
            col = _raw_column(raw, exc.column)
            exc.column = len(escape_invisible(raw[: col - 1]).expandtabs(1)) + 1
        exc.context = escape_invisible(raw).expandtabs(1)
    return exc


def binder_error(further: tuple[PolicyStart, ...], source: str) -> PolicyError:
    """The one-line error for a file holding several policies, at the line where the second starts."""
    second = further[0]
    return PolicyError(
        f"a second policy {second.named} starts here: this file holds {len(further) + 1} policies; "
        "split it (policyvc split FILE writes one file per policy)",
        source=source,
        line=second.line,
    )


def _binder_report(text: str, source: str, binder: Binder, *, recover: bool, template: str | None) -> ParseReport:
    """A binder: strict, the error at the second policy's start; with ``recover``, the first policy read alone,
    the rest of the text kept line for line as its ``unread`` part, and an ``error`` naming each further policy."""
    further = binder.starts[1:]
    if not recover:
        raise binder_error(further, source)
    from policyvc.parser.nodes import Paragraph, Span

    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = further[0].line - 1
    head = "\n".join(raw_lines[:cut]) + "\n"
    report = _parse_text_report(head, source, recover=True, template=template, _whole=False)
    rest = tuple(
        Paragraph(line.strip(), Span(k + 1, 1, k + 1, len(line) + 1))
        for k, line in enumerate(raw_lines[cut:], start=cut)
        if line.strip()
    )
    ends = [s.line - 1 for s in further[1:]] + [len(raw_lines)]
    found = [
        Diagnostic(
            "error",
            f"{'a second' if n == 0 else 'a further'} policy {start.named} starts here (policy {n + 2} of "
            f"{len(further) + 1}): not read into the first, its lines kept unread; split the file (policyvc split "
            "FILE)",
            line=start.line,
            end_line=end,
        )
        for n, (start, end) in enumerate(zip(further, ends, strict=True))
    ]
    policy = replace(report.policy, unread=rest)
    return ParseReport(policy, (*report.diagnostics, *found), further)


def _doubts(binder: Binder) -> list[Diagnostic]:
    """A warning for each head after the back matter that may start another policy (it names nothing in common)."""
    return [
        Diagnostic(
            "warning",
            f"a policy's head {d.named} stands here after the back matter, naming no title or identifier the first "
            "head names: if it starts another policy, split the file (policyvc split)",
            line=d.line,
        )
        for d in binder.doubts
    ]


def parse_text_report(
    text: str,
    source: str = "<text>",
    *,
    recover: bool = False,
    template: str | None = None,
    outline: bool = False,
    _whole: bool = True,
) -> ParseReport:
    """Parse policy text in any supported style into a :class:`ParseReport`.

    Strict (``recover=False``): the first problem is a :class:`PolicyError`.  With ``recover``,
    each region that cannot be read gets one ``error`` diagnostic, and no text is dropped: a
    ``centene-pharmacy`` document the grammar cannot read whole (a truncated one aside, read up to its
    end) is read by its outline.
    ``template``: the template's name (:mod:`policyvc.parser.template`); by default the one the
    document's own words claim it for.  ``outline``: read a ``centene-pharmacy`` document by its outline, as
    every other template's (what a diff does when the other copy's text only its outline can read).
    """
    from policyvc.parser.walk import with_bullet_ids

    report = _parse_text_report(text, source, recover=recover, template=template, outline=outline, _whole=_whole)
    policy = with_bullet_ids(report.policy)  # (the walk's id in every list item, whichever reader read it)
    return report if policy is report.policy else replace(report, policy=policy)


def _parse_text_report(
    text: str, source: str, *, recover: bool, template: str | None, _whole: bool, outline: bool = False
) -> ParseReport:
    if not text.strip():
        raise PolicyError("the file is empty: expected a clinical policy (`Clinical Policy: <drug>` …)", source=source)
    if "\x00" in text:
        raise PolicyError("this is not a text policy (it contains NUL bytes)", source=source)
    check_text_size(len(text), source)
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    clean, counts = strip_invisible(text)
    notes: list[Diagnostic] = []
    note = invisible_note(counts)
    if note is not None:
        notes.append(note)
    clean = clean.replace("\r\n", "\n").replace("\r", "\n")
    if _whole:  # several policies in one file (a binder) are never read as one: where does each start?
        from policyvc.parser.binder import policy_starts

        binder = policy_starts(clean)
        if binder.count > 1:
            return _binder_report(text, source, binder, recover=recover, template=template)
        notes.extend(_doubts(binder))
    from policyvc.parser.template import choose, get

    try:
        chosen = get(template) if template else choose(clean)
    except KeyError as exc:
        raise PolicyError(str(exc.args[0]), source=source) from None
    numbered = None if template else _numbered_sets(clean) if chosen.name == "centene-pharmacy" else None
    if numbered is not None:
        # (a print of the family's policy whose criteria sections number their indications — ``1. Chronic Migraine``
        # with lettered criteria under it, or ``1.0``, ``2.0`` — where the family letters them: not the grammar's
        # shape, so read by the generic template, every criterion and connective kept, never a fallback error)
        chosen = get("generic")
        notes.append(
            Diagnostic(
                "warning",
                f"the criteria sections number their indications (`{numbered[1]}`) where the centene-pharmacy "
                "template letters them (`A. … (must meet all):`): read by the generic template",
                line=numbered[0],
            )
        )
    if chosen.name != "centene-pharmacy" or outline:
        # (the outline reader is imported only here and below: a family pharmacy policy never needs it)
        from policyvc.parser.documents import looks_like_policy, not_a_policy, read_document

        # (a template the user names says the text is a policy: read what there is — a missing title,
        # identifier or date is a warning — rather than ask for the family's title line)
        unlike = not template and not looks_like_policy(clean)
        if unlike and not recover:
            raise _shown(not_a_policy(clean, source), raw_lines) from None
        policy, found = read_document(clean, source, chosen)
        if unlike:
            # (asked to recover, the reader gives what it can read — a web copy of a real policy may state
            # no label it knows — and says so: never an empty tree, never a silent guess)
            notes.append(_unlike_policy(clean))
        return ParseReport(policy, (*notes, *found))

    clean, footer = _without_site_footer(clean)
    if footer is not None:
        notes.append(footer)
    from policyvc.parser.text_styles import prepare

    def attempt(text: str) -> tuple[Policy, list[Diagnostic]]:
        styled = prepare(text, source)
        policy, found = _parse_styled(styled, source, text)
        return policy, [*styled.diagnostics, *found]

    try:
        if recover:
            (policy, found), skipped = _recover(clean, attempt, chosen)
            if any(d.message.startswith(SKIPPED) for d in skipped):
                # recovery never drops text: where the family's grammar set a region aside (a section it does not
                # know, ``IV. Quantity Limits``, a note between appendices), the region's text is kept where it
                # stood, read by the outline reader, and named; everything else keeps the grammar's typed reading
                policy, skipped = kept_regions(policy, clean, skipped, source, chosen)
            found = [*found, *skipped]
        else:
            policy, found = attempt(clean)
    except PolicyError as exc:
        from policyvc.parser.documents import looks_like_policy, read_document

        if not recover:
            raise _shown(exc, raw_lines) from None
        # nothing the grammar can read (a header it does not expect …): the outline reads what there is
        policy, found = read_document(clean, source, chosen)
        if not looks_like_policy(clean):
            found = [_unlike_policy(clean), *found]
        where = f"line {exc.line}: " if exc.line is not None else ""
        unread = Diagnostic(
            "error",
            f"not read as a {chosen.name} policy ({where}{exc.message}): read by its outline instead",
            line=exc.line,
        )
        found = [unread, *found]
    return ParseReport(policy, (*notes, *found))


_TITLE_LINE = re.compile(r"^\W{0,4}Clinical\s+Policy:")


def _without_site_footer(text: str) -> tuple[str, Diagnostic | None]:
    """A web copy of a family pharmacy policy without its site's footer below the policy (``Contact <plan> |
    Privacy Practices | Terms & Conditions`` / ``© 2026 <plan>. All rights reserved.``: the outline reader's
    rule, :func:`~policyvc.parser.web_furniture.web_furniture`), each line blanked so that every line keeps its
    number, with a note naming them; the text as it is when there is none.  (The site's head above the title the
    grammar skips.)"""
    from policyvc.parser.web_furniture import web_furniture

    lines = text.split("\n")
    title = next((k for k, line in enumerate(lines) if _TITLE_LINE.match(line)), None)
    if title is None:
        return text, None
    foot = [k for k in web_furniture(lines) if k > title]
    if not foot:
        return text, None
    said = "; ".join(f"`{' '.join(lines[k].split())}`" for k in foot)
    for k in foot:
        lines[k] = ""
    note = Diagnostic("note", f"removed {len(foot)} line(s) of a web page's footer below the policy: {said}")
    return "\n".join(lines), note


# The family's criteria section headings, and a numbered indication's title right under one (``1. Chronic
# Migraine``, ``1.0 Chronic Migraine``, ``1) Migraine prevention``): a number where the family writes ``A.``
_CRITERIA_HEAD = re.compile(
    r"^\W{0,4}(?:I|II)\.\s+(?:Initial Approval|Continued (?:Therapy|Approval)|Continuation)", re.M
)
_NUMBERED_SET = re.compile(r"^\W{0,4}(?:1(?:\.0)?[.)]?|1\.0)\s+[A-Z][^\n]*$")


def _numbered_sets(text: str) -> tuple[int, str] | None:
    """Where a family policy's first criteria section opens on a numbered indication instead of a lettered set
    (``I. Initial Approval Criteria`` / ``1. Chronic Migraine`` / ``a. …``): (its line, its text), else None."""
    m = _CRITERIA_HEAD.search(text)
    if m is None:
        return None
    lines = text[m.end() :].split("\n")[1:]
    at = text.count("\n", 0, m.end()) + 2
    for k, line in enumerate(lines):
        if not line.strip():
            continue
        if _NUMBERED_SET.match(line.strip()) and len(line.split()) <= 12 and not line.rstrip().endswith((".", ";")):
            return at + k, line.strip()
        return None
    return None


def _unlike_policy(text: str) -> Diagnostic:
    """The error a recovered reading carries when the text states nothing a policy states in its head."""
    first = next((k for k, line in enumerate(text.split("\n"), 1) if line.strip()), 1)
    return Diagnostic(
        "error",
        "no title label, identifier, date or policy headings found: read by its outline as a generic document "
        "(check it is a clinical policy)",
        line=first,
    )


def _mapped(norm: Normalized, styled: Styled) -> Normalized:
    """``norm``'s line origins taken through the text front's back to the user's file."""
    from policyvc.parser.normalize import Normalized

    origin = []
    lines = styled.lines
    for src, shift in norm.origin:
        k = src - 1
        if 0 <= k < len(lines):
            origin.append((lines.origin(k), shift if lines.exact(k) else 0))
        else:
            origin.append((src, shift))
    return Normalized(norm.text, tuple(origin))


def _parse_styled(styled: Styled, source: str, clean: str) -> tuple[Policy, list[Diagnostic]]:
    from policyvc.parser.nesting import NestingError
    from policyvc.parser.normalize import normalize

    norm = _mapped(normalize(styled.text, family=True), styled)
    clean_lines = clean.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    with _LOCK:  # the transformer and postlexer carry per-parse state
        driver = _driver()
        transformer = _transformer()
        transformer.norm = norm
        transformer.source_name = source
        transformer.raw_lines = clean_lines

        def reset() -> None:
            transformer.diagnostics = []
            transformer.headings = []

        try:
            # the embedded transformer makes the parse return our Policy, not a Tree
            if driver is not None:
                return cast("Policy", driver.parse(norm.text, reset)), transformer.diagnostics
            reset()
            return cast("Policy", _lark_parse(norm.text)), transformer.diagnostics
        except NestingError as exc:
            line, col = norm.source_position(exc.line, exc.column)
            raise PolicyError(exc.message, source=source, line=line, column=col) from None
        except Exception as exc:
            # (an error comes from lark's own parse, so lark is loaded by now: importing its exceptions is free)
            from lark.exceptions import UnexpectedInput

            if isinstance(exc, UnexpectedInput):
                raise _convert(exc, norm, source) from None
            raise


def read_text(path: str | Path) -> str:
    """Read a text policy, refusing bytes that are not UTF-8 text with a clear message."""
    return _decode(read_bytes(path), path)


def _decode(data: bytes, path: str | Path) -> str:
    return _decode_report(data, path)[0]


def _decode_report(data: bytes, path: str | Path) -> tuple[str, list[Diagnostic]]:
    if is_pdf(data):
        raise PolicyError(
            "this is a PDF, expected a text policy (`parse_file` and `policyvc parse` read PDFs)", source=str(path)
        )
    check_text_size(len(data), str(path))
    return decode_policy_bytes(data, str(path))


def parse_file(path: str | Path, *, cache_dir: Path | None = None) -> Policy:
    """Parse a policy file: a UTF-8 text export, or a PDF (extracted in a sandboxed worker process).

    ``cache_dir``: the PDF extraction cache (:mod:`policyvc.parser.pdf_cache`); ``None`` extracts every time.
    """
    return parse_file_cached(path, cache_dir=cache_dir)[0]


def parse_file_cached(path: str | Path, *, cache_dir: Path | None = None, recover: bool = False) -> tuple[Policy, bool]:
    """:func:`parse_file`, and whether a PDF's text came from the extraction cache."""
    report, cached = _file_report(path, recover=recover, cache_dir=cache_dir)
    return report.single(str(path)).policy, cached  # (the store's reading: a binder is never one version)


def parse_file_report(
    path: str | Path,
    *,
    recover: bool = False,
    cache_dir: Path | None = None,
    template: str | None = None,
    outline: bool = False,
) -> ParseReport:
    """Parse a policy file (text or PDF) into a :class:`ParseReport` (see :func:`parse_text_report`).

    The size caps are checked before the file is read: ``$POLICYVC_MAX_TEXT_MB`` (default 5 MB) of
    text, ``$POLICYVC_MAX_PAGES`` (default 500) pages of PDF.  ``cache_dir``: the PDF extraction cache.
    ``template``: read the document with this template (by default the one it claims); ``outline``: see
    :func:`parse_text_report`.
    """
    return _file_report(path, recover=recover, cache_dir=cache_dir, template=template, outline=outline)[0]


def _file_report(
    path: str | Path, *, recover: bool, cache_dir: Path | None, template: str | None = None, outline: bool = False
) -> tuple[ParseReport, bool]:
    if is_pdf_file(path):
        from policyvc.parser.pdf_cache import ExtractionCache, cached_extract
        from policyvc.parser.pdf_guard import require_policy_header

        cache = ExtractionCache(cache_dir) if cache_dir is not None else None
        extraction, cached = cached_extract(Path(path), cache, extract_pdf)
        if not recover:  # (asked to recover, a PDF of text is read by its outline, whatever its first page says)
            require_policy_header(extraction, str(path))
        report = parse_extraction_report(extraction, str(path), recover=recover, template=template, outline=outline)
        return report, cached
    if is_docx_file(path):  # a Word document: its text, list labels computed from its numbering
        from policyvc.parser.docx import parse_docx
        from policyvc.parser.heading_marks import takes_marks

        report, noticed = parse_docx(
            Path(path),
            lambda text: parse_text_report(text, str(path), recover=recover, template=template, outline=outline),
            lambda text: outline or takes_marks(text, template),  # the outline reader takes Word's headings
        )
        return replace(report, diagnostics=(*noticed, *report.diagnostics)), False
    check_file_size(Path(path), str(path))
    text, notes = _decode_report(read_bytes(path), path)
    report = parse_text_report(text, str(path), recover=recover, template=template, outline=outline)
    return replace(report, diagnostics=(*notes, *report.diagnostics)), False


def extract_pdf(path: Path) -> Extraction:
    """Extract a PDF's policy text in a worker process with a time limit and a memory cap.

    pdfminer has no limits of its own (a self-referencing ``/MediaBox`` loops
    forever, a flate bomb inflates to gigabytes): see :mod:`policyvc.parser.pdf_guard`.
    """
    from policyvc.parser.pdf_guard import extract_pdf as guarded

    return guarded(path)


def parse_extraction(extraction: Extraction, source: str) -> Policy:
    """Parse text extracted from a PDF; every node's span gets the page (and box) it came from.

    An error names the page and the line of the extracted text (as ``policyvc extract`` prints it).
    """
    return parse_extraction_report(extraction, source).policy


def parse_extraction_report(
    extraction: Extraction, source: str, *, recover: bool = False, template: str | None = None, outline: bool = False
) -> ParseReport:
    """:func:`parse_extraction` with the diagnostics (each placed on its page)."""
    if not extraction.text.strip():
        raise PolicyError(
            f"no text found in {extraction.pages} page(s): expected a PDF with a text layer (is it a scan?)",
            source=source,
        )
    # a glyph the PDF's font maps to no character comes out of pdfminer as NUL: shown as U+FFFD, not
    # taken for a binary file
    unmapped = extraction.text.count("\x00")
    text = extraction.text.replace("\x00", "\ufffd") if unmapped else extraction.text
    read = text
    if extraction.headings:  # the levels its fonts state, for the outline reader (line for line)
        from policyvc.parser.heading_marks import mark_headings, takes_marks

        if outline or takes_marks(text, template):
            read = mark_headings(text, extraction.headings)
    try:
        report = parse_text_report(read, source, recover=recover, template=template, outline=outline)
    except PolicyError as exc:
        if exc.line is not None:
            origin = _origin_at(extraction.origins, exc.line)
            exc.page = origin.page if origin else None
        raise
    if extraction.notes:  # (what the reading supplied that the page did not print: said, never silent)
        said = tuple(Diagnostic("warning", note, line=1) for note in extraction.notes)
        report = replace(report, diagnostics=(*said, *report.diagnostics))
    if unmapped:
        line = next(n for n, t in enumerate(text.split("\n"), start=1) if "\ufffd" in t)
        note = f"{unmapped} character(s) the PDF's fonts map to no text, shown as \ufffd (U+FFFD)"
        report = replace(report, diagnostics=(Diagnostic("warning", note, line=line), *report.diagnostics))
    diagnostics = []
    for d in report.diagnostics:
        origin = _origin_at(extraction.origins, d.line) if d.line is not None else None
        diagnostics.append(replace(d, page=origin.page) if origin else d)
    policy = cast("Policy", _placed(report.policy, extraction.origins))
    return ParseReport(policy, tuple(diagnostics), report.further)


def _origin_at(origins: tuple[LineOrigin | None, ...], line: int) -> LineOrigin | None:
    """The origin of a 1-based text line, or of the nearest line above it that has one."""
    for i in range(min(line, len(origins)) - 1, -1, -1):
        if origins[i] is not None:
            return origins[i]
    return None


def _placed(node: Any, origins: tuple[LineOrigin | None, ...]) -> Any:
    """``node`` with the page and box of its first line put into every span below it."""
    from policyvc.parser.nodes import Span

    if isinstance(node, tuple):
        items = tuple(_placed(x, origins) for x in node)
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items
    if not is_dataclass(node) or isinstance(node, type):
        return node
    changes: dict[str, Any] = {}
    for f in fields(node):
        value = getattr(node, f.name)
        if isinstance(value, Span):
            origin = _origin_at(origins, value.line) if value.line > 0 else None
            if origin is not None:
                box = (origin.x0, origin.top, origin.x1, origin.bottom)
                changes[f.name] = replace(value, page=origin.page, bbox=box)
        elif isinstance(value, tuple) or (is_dataclass(value) and not isinstance(value, type)):
            new = _placed(value, origins)
            if new is not value:
                changes[f.name] = new
    return replace(node, **changes) if changes else node
