"""A small interpreter over the AST: decides a request as the generated module of that version would.

It walks sections, sets, criteria, guards and connectives itself (the generated code is rendered from the same
AST by templates); the two agree on every case of the decision table and on random requests (the differential
test), and ``policyvc impact`` replays cases through it without needing the generated modules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from policyvc.parser.nodes import CriteriaSet, Criterion, Policy
from policyvc.rules import model
from policyvc.rules import runtime as rt
from policyvc.rules.body import rules_view
from policyvc.rules.delegation import delegations
from policyvc.rules.model import Check, Lowering, Ref


class Interpreter:
    """The rules of one policy version, evaluated by walking its AST."""

    def __init__(self, policy: Policy, version: dt.date, unread: tuple[str, ...] = ()) -> None:
        """``unread``: the regions a version filed with ``--recover`` could not read (it then approves nothing)."""
        self.delegated = delegations(policy, view := rules_view(policy))
        policy = view
        self.unread = model.regions_unread(policy, unread)
        self.policy = policy
        self.version = version
        self.low = Lowering(policy)
        self.expand = rt.expansions(self.low.abbreviations)
        self.attestations = frozenset(self.low.attestations())
        self.settled = self.low.settled()
        self.unsigned = self.low.unsigned_measures()
        self.compared = frozenset(self.low.measures())
        self.aliases = self.low.measure_aliases()
        self.drugs = self.low.known_drugs()
        self.referrals = self.low.referrals()
        self.texts = self.low.texts()
        self.head = (policy.reference_number, version.isoformat())
        self._leaf: dict[str, Check] = {}
        self._lowered: dict[str, tuple[tuple[model.Guard, ...], tuple[Check, ...]]] = {}
        self.sets: list[rt.SetSpec] = []
        beside = model.has_continued_statement(policy)
        for section in policy.sections:
            role = model.set_role(section)
            for s in section.sets:
                if s.criteria:
                    self.sets.append(self._spec(s, model.set_kind(section, s, beside), role))

    def _spec(self, s: CriteriaSet, kind: str | None, role: str = "approves") -> rt.SetSpec:
        def fast(f: rt.Facts) -> tuple[rt.Tri, str | None]:
            return self.run_set(s, kind, f, [])

        def traced(f: rt.Facts, tr: list[rt.Record]) -> tuple[rt.Tri, str | None]:
            return self.run_set(s, kind, f, tr)

        return rt.SetSpec(s.id, s.title, kind, model.is_referral_set(s), self.low.durations(s), fast, traced, role)

    def _arg(self, a: object) -> Any:
        if isinstance(a, Ref):
            constants = {"STATES": self.low.states, "DIAGNOSES": self.low.vocab.diagnoses, "DRUGS": self.drugs}
            if a.name not in constants:
                raise ValueError(f"unknown constant {a.name}")
            return constants[a.name]
        return a

    def call(self, check: Check, f: rt.Facts, reads: rt.Reads) -> rt.Result:
        if check.fn == "not_of":
            return rt.not_of(self.call(check.parts[0], f, reads))
        if check.parts:
            combined: rt.Result = getattr(rt, check.fn)([self.call(p, f, reads) for p in check.parts])
            return combined
        fn = getattr(rt, check.fn)
        result: rt.Result = fn(f, *(self._arg(a) for a in check.args), reads)
        return result

    def run_set(self, s: CriteriaSet, kind: str | None, f: rt.Facts, tr: list[rt.Record]) -> tuple[rt.Tri, str | None]:
        r = rt.Record(s.id, None)
        tr.append(r)
        conds = [rt.request_kind(f, kind, r.reads, model.statement_of(s))] if kind is not None else []
        heading = self.low.heading_condition(s)
        if heading is not None:
            conds.append(self.call(heading, f, r.reads))
        criteria, connective, n = model.set_children(s)
        values = [self.run(c, s.id, f, tr) for c in criteria]
        structure = model.structure_of(s)
        if structure is not None:
            value = rt.close_as_read(f, r, conds, values, structure)
        else:
            value = rt.close(f, r, [], [], conds, rt.combine(connective, n, values))
        if value is not False or any(v is False for v, _ in conds):
            return value, None
        return value, next((c.id for c, v in zip(criteria, values, strict=True) if v is False), None)

    def run(self, c: Criterion, parent: str, f: rt.Facts, tr: list[rt.Record]) -> rt.Tri:
        lowered = self._lowered.get(c.id)
        if lowered is None:
            lowered = self._lowered[c.id] = (self.low.guards(c), self.low.conditions(c))
        guards, conditions = lowered
        r = rt.Record(c.id, parent)
        tr.append(r)
        own: list[rt.Result] = []
        gs: list[rt.Tri] = []
        for g in guards:
            if g.record is not None:
                reads: dict[str, Any] = {}
                gs.append(rt.leaf(f, tr, g.record, c.id, self.call(g.check, f, reads), reads))
            else:
                own.append(self.call(g.check, f, r.reads))
                gs.append(own[-1][0])
        conds = [self.call(check, f, r.reads) for check in conditions]
        if c.children:
            values = [self.run(child, c.id, f, tr) for child in c.children]
            connective = c.connective.value if c.connective else "all"
            return rt.close(f, r, gs, own, conds, rt.combine(connective, c.at_least or 1, values))
        check = self._leaf.get(c.id)
        if check is None:
            check = self._leaf[c.id] = self.low.leaf(c)
        result = self.call(check, f, r.reads)
        return rt.close(f, r, gs, own, conds, result[0], result)

    def evaluate(self, request: object, *, trace: bool = False) -> rt.Decision:
        f = rt.Facts(request, self.expand)
        rt.check_attestations(f, self.attestations)
        if f.measures:
            rt.alias_measures(f, self.aliases)
            rt.check_measures(f, self.unsigned)
        if f.attestations and not self.settled.isdisjoint(f.attestations):
            f.settled = self.settled
        slow = trace or bool(f.settled)
        decision, records = rt.decide(f, rt.pick_sets(self.sets, f.criteria_set), self.referrals, self.head, slow)
        rt.hold_delegated(decision, f, self.delegated)
        rt.hold_unread(decision, self.unread)
        if f.measures:
            rt.aside_measures(decision, f, self.compared)
        if trace:
            decision["trace"] = rt.trace_rows(records, self.texts)
        return decision
