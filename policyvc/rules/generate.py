"""Render every stored policy version into a Python module (jinja2 templates in ``renderer/templates/rules``).

Policy text is data: it reaches the code only as literals made by ``repr()`` of parsed values (strings, ints,
Decimals, dates, tuples, frozensets, dicts), never in a comment or docstring; identifiers are checked (ASCII,
not a keyword, soft keyword, builtin or dunder, no collision after NFKC); templates run under
``StrictUndefined``.  The output is deterministic: no timestamp, no policyvc version, sorted tables.
"""

from __future__ import annotations

import builtins
import datetime as dt
import functools
import hashlib
import keyword
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from policyvc.parser.errors import PolicyError
from policyvc.parser.nodes import CriteriaSet, Criterion, Policy
from policyvc.rules import model
from policyvc.rules import runtime as rt
from policyvc.rules.body import has_rules, rules_view
from policyvc.rules.current import generated_files as generated_files
from policyvc.rules.delegation import delegations
from policyvc.rules.model import Arg, Check, Guard, Lowering, Ref
from policyvc.rules.versions import RuleSource, load_versions

RUNTIME = Path(__file__).with_name("runtime.py")
_REFERENCE = re.compile(r"^[A-Z][A-Z0-9]*(?:\.[A-Z0-9]+)+$")
_OTHER_REFERENCE = re.compile(r"^[A-Za-z0-9]{1,20}(?:[.-][A-Za-z0-9]{1,20}){0,5}$")
_CHUNK = 80  # a longer string in a function body is a module constant
_LINE = 120  # ruff's line length: a longer literal is split at its brackets, a string into pieces


@dataclass(frozen=True, slots=True)
class Kept:
    """A module found on disk exactly as the generator last wrote it (by its size and modification time): not
    read, not compared, not written again; ``sha256`` is the digest recorded when it was written."""

    sha256: str


# (module path, version) -> the module's kept text, or :class:`Kept` (the file is as written), or None
Reuse = Callable[[str, RuleSource], "str | Kept | None"]
# a version's module rendered elsewhere (another process): (version) -> a wait for its text (None: it has no rules)
Submit = Callable[[RuleSource], Callable[[], str | None]]


class GenerateError(PolicyError):
    """A policy that cannot be rendered safely (an identifier collision, an unexpected value)."""


# --- literals and identifiers -------------------------------------------------------------


class Literals:
    """``repr()`` of parsed values only; remembers the imports they need and hoists non-scalars to constants.

    In a function body a literal is a scalar (a short string, an int, a bool, None) or the name of a module
    constant holding it, named after its kind (``DECIMAL_3``, ``TERMS_1``, ``DURATIONS_2``), so a call builds no
    Decimal or frozenset and no line grows past ruff's limit.
    """

    def __init__(self) -> None:
        self.needs: set[str] = set()
        self.constants: dict[str, tuple[str, str]] = {}  # one-line form → (name, pretty form)
        self.counts: dict[str, int] = {}  # constants so far by kind (DECIMAL_1, TERMS_2 …)
        # each container's one-line form by id (the value is held too, so its id is not reused): ``pretty`` asks
        # for it at every level of a nested literal
        self._flats: dict[int, tuple[Arg, str]] = {}

    def lit(self, value: Arg) -> str:
        if isinstance(value, Ref):
            return identifier(value.name)
        if value is None or isinstance(value, bool | int):
            return repr(value)
        if isinstance(value, str) and len(value) <= _CHUNK:
            return string(value)
        flat = self._flat(value)
        if flat not in self.constants:
            kind = _kind(value)
            self.counts[kind] = self.counts.get(kind, 0) + 1
            name = f"{kind}_{self.counts[kind]}"
            self.constants[flat] = (name, self.pretty(value, 0, used=len(name) + 3))
        return self.constants[flat][0]

    def pretty(self, value: Arg, indent: int, flat: bool = False, used: int | None = None, tail: int = 0) -> str:
        """The literal of ``value`` as ruff formats it: on one line if it fits after the ``used`` columns of its line
        (and ``tail`` after it), else split at its outer brackets, one item a line with a trailing comma."""
        used = indent if used is None else used
        if isinstance(value, Ref):
            return identifier(value.name)
        if value is None or isinstance(value, bool | int):
            return repr(value)
        if isinstance(value, Decimal):
            self.needs.add("decimal")
            return f'Decimal("{value}")'
        if isinstance(value, dt.date):
            self.needs.add("datetime")
            return f"datetime.date({value.year}, {value.month}, {value.day})"
        if isinstance(value, str):
            one = string(value)
            if flat or used + len(one) + tail <= _LINE:
                return one
            pad = " " * (indent + 4)
            pieces = _pieces(value, _LINE - len(pad))
            return "(\n" + "".join(f"{pad}{p}\n" for p in pieces) + " " * indent + ")"
        one = self._flat(value)
        if flat or ("\n" not in one and used + len(one) + tail <= _LINE):
            return one
        pad = " " * (indent + 4)
        if isinstance(value, frozenset):
            inner = self.pretty(tuple(sorted(value)), indent + 4, used=indent + 4)
            return f"frozenset(\n{pad}{inner}\n{' ' * indent})"
        if isinstance(value, tuple) and hasattr(value, "_fields"):
            items = [
                f"{name}={self.pretty(v, indent + 4, used=indent + 5 + len(name), tail=1)}"
                for name, v in zip(value._fields, value, strict=True)
            ]
            return f"rt.{type(value).__name__}(\n" + "".join(f"{pad}{item},\n" for item in items) + " " * indent + ")"
        if isinstance(value, tuple):
            items = [self.pretty(v, indent + 4, used=indent + 4, tail=1) for v in value]
            return "(\n" + "".join(f"{pad}{item},\n" for item in items) + " " * indent + ")"
        if isinstance(value, Mapping):
            lines = []
            for k, v in sorted(value.items()):
                key = self.pretty(k, indent + 4, flat=True) + ": "
                lines.append(f"{pad}{key}{self.pretty(v, indent + 4, used=indent + 4 + len(key), tail=1)},\n")
            return "{\n" + "".join(lines) + " " * indent + "}"
        raise GenerateError(f"cannot write a {type(value).__name__} as a literal")

    def _flat(self, value: Arg) -> str:
        """``value`` on one line."""
        if not isinstance(value, tuple | frozenset | Mapping):
            return self.pretty(value, 0, flat=True)
        known = self._flats.get(id(value))
        if known is None:
            known = self._flats[id(value)] = (value, self._flat_container(value))
        return known[1]

    def _flat_container(self, value: Arg) -> str:
        if isinstance(value, frozenset):
            return "frozenset(" + self._flat(tuple(sorted(value))) + ")"
        if isinstance(value, tuple) and hasattr(value, "_fields"):
            fields = ", ".join(f"{k}={self._flat(v)}" for k, v in zip(value._fields, value, strict=True))
            return f"rt.{type(value).__name__}({fields})"
        if isinstance(value, tuple):
            items = [self._flat(v) for v in value]
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
        if isinstance(value, Mapping):
            return "{" + ", ".join(f"{self._flat(k)}: {self._flat(v)}" for k, v in sorted(value.items())) + "}"
        return self.pretty(value, 0, flat=True)

    def args(self, values: tuple[Arg, ...], width: int = 48) -> str:
        """Call arguments; a list longer than ``width`` becomes one hoisted tuple passed as ``*ARGS_<n>``."""
        text = "".join(self.lit(v) + ", " for v in values)
        if len(text) <= width:
            return text
        return "*" + self.lit(values) + ", "


def _kind(value: Arg) -> str:
    """What a hoisted constant holds, for its name."""
    if isinstance(value, Decimal):
        return "DECIMAL"
    if isinstance(value, dt.date):
        return "DATE"
    if isinstance(value, str):
        return "TEXT"
    if isinstance(value, frozenset):
        return "TERMS"
    if isinstance(value, Mapping):
        return "TABLE"
    if isinstance(value, tuple) and value and all(isinstance(v, rt.DurationRule) for v in value):
        return "DURATIONS"
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return "NAMES"
    return "ARGS"


def string(value: str) -> str:
    """A string literal as ruff formats it: double quotes unless the text holds more of them than single quotes;
    backslashes, the quote and every character ``repr()`` would escape are escaped."""
    quote = "'" if value.count('"') > value.count("'") else '"'
    if value.isprintable():  # (the usual case: repr() escapes nothing printable but the backslash and quotes)
        return quote + value.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == quote:
            out.append("\\" + quote)
        elif ch in "'\"":
            out.append(ch)
        else:
            out.append(repr(ch)[1:-1])
    return quote + "".join(out) + quote


def _width(value: str) -> int:
    """``len(string(value))`` without making it: each backslash and the fewer of the two quotes are escaped."""
    if not value.isprintable():
        return len(string(value))
    return 2 + len(value) + value.count("\\") + min(value.count('"'), value.count("'"))


def _pieces(text: str, width: int) -> list[str]:
    """``text`` as string literals of at most ``width`` columns, cut after a space (mid-word only in a word that
    does not fit a line)."""
    out: list[str] = []
    words = re.findall(r"\S*\s*", text)
    piece = ""
    for word in words:
        if piece and _width(piece + word) > width:
            out.append(piece)
            piece = ""
        while _width(word) > width:  # a word longer than a line
            cut = width - 2
            while _width(word[:cut]) > width:
                cut -= 1
            out.append(word[:cut])
            word = word[cut:]
        piece += word
    if piece or not out:
        out.append(piece)
    return [string(p) for p in out]


_ACTIVE: list[Literals] = []


def _lit(value: Arg) -> str:
    return _ACTIVE[-1].lit(value)


def _pretty(value: Arg, name: str = "") -> str:
    """A module constant's literal (``name`` is what precedes it on its line: ``NAME = ``)."""
    return _ACTIVE[-1].pretty(value, 0, used=len(name) + 3 if name else 0)


def _args(values: tuple[Arg, ...], width: int = 48) -> str:
    return _ACTIVE[-1].args(values, width)


def _set_spec(s: SetNode) -> str:
    """One ``rt.SetSpec(...)`` of the module's ``SETS``, a field a line."""
    lit = _ACTIVE[-1]
    fields = {"id": s.id, "title": s.title, "kind": s.kind, "referral": s.referral, "durations": s.durations}
    lines = [
        f"        {k}={lit.pretty(v, 8, used=9 + len(k), tail=1) if k == 'title' else lit.lit(v)},\n"
        for k, v in fields.items()
    ]
    lines += [f"        fast={s.name},\n", f"        traced={s.tname},\n"]
    if s.role != "approves":
        lines.append(f"        role={lit.lit(s.role)},\n")
    return "    rt.SetSpec(\n" + "".join(lines) + "    ),"


def _composite(check: Check, indent: int = 4) -> str:
    """A composite check as ruff lays it out: each combinator's call split, one part a line."""
    if check.local:
        return f"{check.fn}(f, reads)"
    if not check.parts:
        width = _LINE - indent - len(f"rt.{check.fn}(f, reads),")
        return f"rt.{check.fn}(f, {_ACTIVE[-1].args(tuple(check.args), width)}reads)"  # type: ignore[arg-type]
    pad = " " * indent
    if check.fn == "not_of":
        inner = _composite(check.parts[0], indent + 4)
        if "\n" not in inner and indent + len(inner) + 20 <= _LINE:
            return f"rt.not_of({inner})"
        return f"rt.not_of(\n{pad}    {inner}\n{pad})"
    parts = "".join(f"{pad}        {_composite(p, indent + 8)},\n" for p in check.parts)
    return f"rt.{check.fn}(\n{pad}    (\n{parts}{pad}    )\n{pad})"


_BUILTINS = frozenset(dir(builtins))


def identifier(name: str) -> str:
    """``name`` if it is a safe Python identifier for generated code, else a :class:`GenerateError`."""
    if not name.isascii() or not name.isidentifier():
        raise GenerateError(f"{name!r} is not an ASCII identifier")
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in _BUILTINS:
        raise GenerateError(f"{name!r} is a Python keyword or builtin")
    if name.startswith("__") and name.endswith("__"):
        raise GenerateError(f"{name!r} is a dunder name")
    return name


class Names:
    """Identifiers of one module, checked for collisions after NFKC."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def make(self, prefix: str, node_id: str) -> str:
        raw = prefix + node_id.replace(".", "_").replace("-", "_h").replace("~", "_t")
        name = identifier(raw)
        key = unicodedata.normalize("NFKC", name)  # how Python itself compares identifiers
        if key in self.seen:
            raise GenerateError(f"ids {self.seen[key]!r} and {node_id!r} give the same name {name!r}")
        self.seen[key] = node_id
        return name


def package_name(reference: str) -> str:
    if _REFERENCE.fullmatch(reference):
        return identifier(reference.lower().replace(".", "_").replace("-", "_"))
    if _OTHER_REFERENCE.fullmatch(reference):  # another payer's numbering ("0050", "2.04.83", "DME.00011")
        return identifier("ref_" + reference.lower().replace(".", "_").replace("-", "_"))
    raise GenerateError(f"reference number {reference!r} cannot name a module")


def module_name(day: dt.date) -> str:
    return identifier(f"v{day:%Y_%m_%d}")


# --- the nodes the templates see --------------------------------------------------------------


@dataclass
class Node:
    id: str
    parent: str | None
    name: str = ""
    bname: str = ""
    tname: str = ""
    inline: bool = False
    check: Check | None = None
    guards: tuple[Guard, ...] = ()
    conds: tuple[Check, ...] = ()
    connective: str = "all"
    n: int = 1
    children: list[Node] = field(default_factory=list)


@dataclass
class SetNode:
    id: str
    title: str
    kind: str | None
    referral: bool
    durations: tuple[Any, ...]
    connective: str
    n: int
    name: str
    tname: str
    children: list[Node]
    structure: str | None = None  # an inferred set's structure criterion: combined by ``rt.as_read``
    role: str = "approves"  # ``rt.SetSpec.role``: written only when it is not the default
    heading: Check | None = None  # the diagnosis its heading names (``Lowering.heading_diagnosis``)
    said: str | None = None  # its statement's id: attested true, it settles the request's kind (``rt.request_kind``)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.children)


def _known(check: Check) -> None:
    if check.fn not in model.CHECKS:
        raise GenerateError(f"unknown check {check.fn!r}")
    for part in check.parts:
        _known(part)


@dataclass
class Helper:
    """A composite check (``all_of``, ``any_of``, ``not_of``) hoisted into a function of its own."""

    name: str
    check: Check


def _hoist(check: Check, prefix: str, node_id: str, names: Names, helpers: list[Helper]) -> Check:
    """``check`` itself, or for a composite one a call of the helper function that computes it.

    A composite part of a composite is a helper of its own (``part<prefix>_<path>_<id>``, one index a level), so
    that every helper's fast branch can stop at the first part that decides it (a Section V row, say, is not
    computed when an earlier one allowed the dose); a name too long for one line wraps its signature."""
    _known(check)
    if not check.parts:
        return check
    name = names.make(prefix, node_id)
    parts = tuple(
        _hoist(p, f"{'' if prefix.startswith('part') else 'part'}{prefix.rstrip('_')}_{k}_", node_id, names, helpers)
        if p.parts
        else p
        for k, p in enumerate(check.parts)
    )
    helpers.append(Helper(name, Check(check.fn, parts=parts)))
    return Check(name, local=True)


def _fast(check: Check) -> str:
    """The statements of a helper's branch without the trace (``reads is None``): the parts in order, stopping at
    the first that decides (Kleene), the value only (the names of unknown facts come from the traced run)."""

    def value(p: Check) -> str:
        if p.local:
            return f"{p.fn}(f, None)[0]"
        width = _LINE - 12 - len(f"v = rt.{p.fn}(f, None)[0]")
        return f"rt.{p.fn}(f, {_ACTIVE[-1].args(tuple(p.args), width)}None)[0]"  # type: ignore[arg-type]

    pad = " " * 8
    if check.fn == "not_of":
        return f"{pad}v = {value(check.parts[0])}\n{pad}return (None if v is None else not v), ()\n"
    decides = "True" if check.fn == "any_of" else "False"
    lines = [f"{pad}u = False\n"]
    for p in check.parts:
        lines.append(f"{pad}v = {value(p)}\n{pad}if v is {decides}:\n{pad}    return {decides}, ()\n")
        lines.append(f"{pad}if v is None:\n{pad}    u = True\n")
    other = "False" if decides == "True" else "True"
    lines.append(f"{pad}return (None, ()) if u else ({other}, ())\n")
    return "".join(lines)


def _node(c: Criterion, parent: str, low: Lowering, names: Names, helpers: list[Helper]) -> Node:
    guards = tuple(
        model.Guard(_hoist(g.check, f"guard{i}_", c.id, names, helpers), g.record)
        for i, g in enumerate(low.guards(c), 1)
    )
    conds = tuple(_hoist(k, f"condition{i}_", c.id, names, helpers) for i, k in enumerate(low.conditions(c), 1))
    node = Node(c.id, parent, guards=guards, conds=conds)
    if c.children:
        node.connective = c.connective.value if c.connective else "all"
        node.n = c.at_least or 1
        node.children = [_node(child, c.id, low, names, helpers) for child in c.children]
    else:
        node.check = _hoist(low.leaf(c), "check_", c.id, names, helpers)
        node.inline = not node.guards and not node.conds
    if not node.inline:
        node.name = names.make("criterion_", c.id)
        node.tname = names.make("traced_", c.id)
        if node.guards or node.conds:
            node.bname = names.make("body_", c.id)
    return node


def _set(
    s: CriteriaSet, kind: str | None, low: Lowering, names: Names, helpers: list[Helper], role: str = "approves"
) -> SetNode:
    criteria, connective, n = model.set_children(s)
    return SetNode(
        id=s.id,
        title=s.title,
        kind=kind,
        referral=model.is_referral_set(s),
        durations=low.durations(s),
        connective=connective,
        n=n,
        name=names.make("set_", s.id),
        tname=names.make("traced_set_", s.id),
        children=[_node(c, s.id, low, names, helpers) for c in criteria],
        structure=model.structure_of(s),
        role=role,
        heading=low.heading_condition(s),
        said=model.statement_of(s),
    )


# --- rendering ------------------------------------------------------------------------------------


@functools.cache
def _environment() -> jinja2.Environment:
    import policyvc.renderer

    folder = Path(policyvc.renderer.__file__).parent / "templates"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(lit=_lit, pretty=_pretty, args=_args, composite=_composite, fast=_fast, set_spec=_set_spec)
    return env


def _render(template: str, literals: Literals, **context: Any) -> str:
    return _tidy(_render_raw(template, literals, **context))


def _render_raw(template: str, literals: Literals, **context: Any) -> str:
    """The template's output as Jinja writes it (:func:`_tidy` makes it the file)."""
    _ACTIVE.append(literals)
    try:
        return _environment().get_template(template).render(**context)
    finally:
        _ACTIVE.pop()


def _tidy(text: str) -> str:
    """No blank line of spaces, at most two blank lines in a row, exactly two before a ``def``, one line end last."""
    text = _BLANK_LINES.sub("\n\n\n", text.replace(" \n", "\n"))
    # every run of line ends before a ``def`` made two blank lines: ``re.sub(r"\n+(?=def )", "\n\n\n", text)``, but
    # in str methods (the regex tried every line end of the module and was most of this function's time)
    parts = text.split("\ndef ")
    return "\n\n\ndef ".join([p.rstrip("\n") for p in parts[:-1]] + parts[-1:]).rstrip("\n") + "\n"


# three blank lines or more (a run at the very end is stripped after: the same as ``\n{3,}(?=[^\n])`` then)
_BLANK_LINES = re.compile(r"\n\n\n\n+")


GENERATED = "# Code generated by policyvc from "


def header(source: str, sha256: str) -> str:
    """The first lines of a generated file (the header carries a whole sha256, longer than ruff's line length)."""
    return f"{GENERATED}{source} (sha256:{sha256}). DO NOT EDIT.\n# ruff: noqa: E501"


def _imports(needs: set[str]) -> str:
    lines = []
    if "datetime" in needs:
        lines.append("import datetime")
    if "decimal" in needs:
        lines.append("from decimal import Decimal")
    return "\n".join(lines) + "\n"


def render_module(
    policy: Policy, version: dt.date, sha256: str, reference: str | None = None, unread: tuple[str, ...] = ()
) -> str:
    """The module of one policy version (``sha256`` of its source file goes into the header); ``unread``: the
    regions of a version filed with ``--recover`` that could not be read (the module then approves nothing).

    ``reference``: the store's key when it was given at ingest (``--ref``) — a policy that states no number of
    its own is filed under it; else the number the policy states."""
    reference = reference or policy.reference_number
    package_name(reference)
    unread = model.regions_unread(policy, unread)
    delegated = delegations(policy, view := rules_view(policy))
    policy = view
    low = Lowering(policy)
    names = Names()
    helpers: list[Helper] = []
    beside = model.has_continued_statement(policy)
    sets = [
        _set(s, model.set_kind(section, s, beside), low, names, helpers, model.set_role(section))
        for section in policy.sections
        for s in section.sets
        if s.criteria
    ]
    literals = Literals()
    literals.needs.add("datetime")
    context = dict(
        header=header(f"{reference}@{version.isoformat()}", sha256),
        reference=reference,
        version=version,
        sha256=sha256,
        unread=tuple(unread),
        delegated=delegated,
        abbreviations=dict(low.abbreviations),
        states=low.states,
        attestations=frozenset(low.attestations()),
        settled=low.settled(),
        unsigned=low.unsigned_measures(),
        compared=frozenset(low.measures()),
        aliases=low.measure_aliases(),
        diagnoses=low.vocab.diagnoses,
        drugs=low.known_drugs(),
        referrals=low.referrals(),
        texts=low.texts(),
        sets=sets,
        helpers=helpers,
    )
    # The imports and the hoisted constants come before the code that needs them, and are known only once it is
    # rendered: the module is rendered with a mark in their place, filled in after.  (Everything else renders the
    # same either way: a constant is named when first met.)  Rendering twice instead took most of the time.
    raw = _render_raw(
        "rules/module.py.j2", literals, imports=_IMPORTS_MARK, constants=[(_CONSTANTS_MARK, "")], **context
    )
    constants = [(name, code) for name, code in literals.constants.values()]
    imports, hoisted = _imports(literals.needs), "".join(f"{name} = {code}\n" for name, code in constants)
    if raw.count(_IMPORTS_MARK) != 1 or raw.count(f"{_CONSTANTS_MARK} = \n") != 1:  # (a mark in the text itself)
        return _render("rules/module.py.j2", literals, imports=imports, constants=constants, **context)
    return _tidy(raw.replace(_IMPORTS_MARK, imports).replace(f"{_CONSTANTS_MARK} = \n", hoisted))


# where the imports and the constants go (a text policy holds no NUL; any text that did would be rendered twice)
_IMPORTS_MARK = "\0policyvc-imports\0"
_CONSTANTS_MARK = "\0policyvc-constants\0"


def render_registry(reference: str, versions: list[tuple[dt.date, str]]) -> str:
    digest = hashlib.sha256("\n".join(f"{d.isoformat()} {s}" for d, s in versions).encode()).hexdigest()
    entries = tuple((d, module_name(d)) for d, _ in versions)
    return _render(
        "rules/registry.py.j2", Literals(), header=header(reference, digest), reference=reference, versions=entries
    )


def render_package(policies: dict[str, str]) -> str:
    digest = hashlib.sha256("\n".join(f"{k} {v}" for k, v in sorted(policies.items())).encode()).hexdigest()
    return _render("rules/package.py.j2", Literals(), header=header("the policy store", digest), policies=policies)


def render_runtime() -> str:
    text = RUNTIME.read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return header("policyvc/rules/runtime.py", digest) + "\n" + text


def render_all(versions: list[RuleSource]) -> dict[str, str]:
    """Every file of the output folder, by relative path (``cp_phar_295/v2026_03_26.py`` …), each rendered."""
    return {rel: text for rel, text in iter_files(versions) if isinstance(text, str)}


def render_source(v: RuleSource) -> str | None:
    """The module of one stored version, or None when it has nothing to decide (no approving set)."""
    policy = v.policy  # (read once: a source may load it from the store each time it is asked)
    if not has_rules(policy):
        return None
    return render_module(policy, v.date, v.sha256, v.reference, v.unread)


_AHEAD = 16  # modules rendered ahead of the one being written, when they are rendered on other processes


def _modules(
    ordered: list[tuple[str, list[RuleSource]]], reuse: Reuse | None, submit: Submit | None
) -> Iterator[tuple[RuleSource, str, str | Kept | None]]:
    """Each version's module path and text (None: no rules), in order; kept ones first asked of ``reuse``, the rest
    rendered here or handed to ``submit`` a few ahead (so that only those few are in memory at once)."""
    pending: deque[tuple[RuleSource, str, str | Kept | Callable[[], str | None] | None]] = deque()
    for reference, stored in ordered:
        package = package_name(reference)
        for v in stored:
            rel = f"{package}/{module_name(v.date)}.py"
            text = reuse(rel, v) if reuse is not None else None
            if text is not None or submit is None:
                item: str | Kept | Callable[[], str | None] | None = text if text is not None else render_source(v)
            else:
                item = submit(v)
            pending.append((v, rel, item))
            while len(pending) > (_AHEAD if submit is not None else 0):
                yield _done(pending.popleft())
    while pending:
        yield _done(pending.popleft())


def _done(
    entry: tuple[RuleSource, str, str | Kept | Callable[[], str | None] | None],
) -> tuple[RuleSource, str, str | Kept | None]:
    v, rel, item = entry
    return v, rel, item() if callable(item) else item


def iter_files(
    versions: list[RuleSource], reuse: Reuse | None = None, submit: Submit | None = None
) -> Iterator[tuple[str, str | Kept]]:
    """:func:`render_all` one file at a time (a store's modules need not all be in memory at once).

    A module kept by ``reuse`` is taken before its version's AST is looked at: an unchanged version is not loaded.
    ``submit``: render the others on other processes (the files come out the same, in the same order).
    """
    yield "runtime.py", render_runtime()
    by_reference: dict[str, list[RuleSource]] = {}
    for v in versions:
        by_reference.setdefault(v.reference, []).append(v)
    ordered = sorted(by_reference.items())
    for _, stored in ordered:
        stored.sort(key=lambda v: v.date)
    modules = _modules(ordered, reuse, submit)
    packages: dict[str, str] = {}
    for reference, stored in ordered:
        package = package_name(reference)
        registry = []
        for _ in stored:
            v, rel, text = next(modules)
            if text is None:
                continue  # (a policy with no approving set: nothing to decide)
            if package in packages.values() and packages.get(reference) != package:
                raise GenerateError(f"two references give the package name {package!r}")
            packages[reference] = package
            yield rel, text
            registry.append((v.date, v.sha256))
        if registry:
            yield f"{package}/__init__.py", render_registry(reference, registry)
    yield "__init__.py", render_package(packages)


def write_rules(
    store_root: Path,
    out: Path,
    *,
    versions: list[RuleSource] | None = None,
    reuse: Reuse | None = None,
    submit: Submit | None = None,
    digests: dict[str, str] | None = None,
) -> list[Path]:
    """Regenerate every module of the store under ``out``; stale generated files are removed. The paths written.

    ``versions``: the store's versions already loaded; ``reuse``, ``submit``: see :func:`iter_files`.  Each file is
    written (when its bytes changed) as it is rendered.  ``digests``: filled with each file's sha256 (by its path
    relative to ``out``), from the text it was written from (a :class:`Kept` module: the digest recorded).
    """
    from policyvc.atomic import sync_all, write_bytes

    files = iter_files(load_versions(store_root) if versions is None else versions, reuse, submit)
    written = []
    changed = False
    for rel, text in files:
        path = out / rel
        written.append(path)
        if isinstance(text, Kept):
            if digests is not None:
                digests[rel] = text.sha256
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_bytes(path, data, sync=False)  # (all synced at once below)
            changed = True
        elif digests is not None:  # (equal as text: its bytes may still differ, in its line ends)
            data = path.read_bytes()
        if digests is not None:
            digests[rel] = hashlib.sha256(data).hexdigest()
    if changed:  # one flush of the file system for every module written, not one a module
        sync_all()
    names = {p.relative_to(out).as_posix() for p in written}
    for extra in sorted(set(generated_files(out)) - names):
        path = out / extra
        if path.read_text(encoding="utf-8", errors="replace").startswith(GENERATED):
            path.unlink()  # a module of a version no longer stored; files without the header are left alone
    return sorted(written)
