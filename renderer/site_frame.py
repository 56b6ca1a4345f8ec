"""The frame around the policies' pages (home page, policy list, ``mkdocs.yml``, assets) and the site's light types.

What a build with nothing to render needs of the site's renderer — a policy's row on the home page and in the nav
(read back from the manifest), a version as the site shows it, the frame's templates — without the diff, audit
and page code of :mod:`policyvc.renderer.site_pages` (which imports this module and names all of it too).
The templates' environment refuses to print any value that is not explicitly escaped (``site_pages`` says how).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from policyvc.parser.nodes import Policy
from policyvc.renderer.escape import heading, html, title, yaml_string

if TYPE_CHECKING:
    from policyvc.renderer.site_pages import PolicyModel

SITE_NAME = "Clinical policies"


def _finalize(value: object) -> object:
    if isinstance(value, Markup | int | dt.date) and not isinstance(value, bool):
        return value
    raise TypeError(f"unescaped value in a site template: {type(value).__name__} (use |h, |heading or |title)")


@cache
def environment() -> Environment:
    """The one jinja2 environment of the site (templates are compiled once per process)."""
    env = Environment(
        loader=PackageLoader("policyvc.renderer", "templates/site"),
        autoescape=False,  # Markdown, not HTML: escaping is explicit and enforced by _finalize
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["h"] = lambda s: Markup(html(str(s)))
    env.filters["heading"] = lambda s: Markup(heading(str(s)))
    env.filters["title"] = lambda s: Markup(html(title(str(s))))
    env.filters["yaml"] = lambda s: Markup(yaml_string(str(s)))
    return env


def render(template: str, **context: object) -> str:
    text = environment().get_template(template).render(**context)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n"


@dataclass(frozen=True, slots=True)
class Snap:
    """One stored version as the site shows it: its key date, its AST and its source file's name."""

    date: dt.date
    policy: Policy
    source_name: str = ""
    pdf: str | None = None  # the source PDF's path inside the site, when the version came from a PDF
    partial: tuple[str, ...] = ()  # stored with --recover: the regions that could not be read


@dataclass(frozen=True, slots=True)
class PolicyRow:
    """One policy as the home page and the nav show it."""

    reference: str
    drug: str
    latest: dt.date
    current: dt.date
    last_review: str
    versions: int
    findings: int

    def to_dict(self) -> dict[str, object]:
        return {
            "reference": self.reference,
            "drug": self.drug,
            "latest": self.latest.isoformat(),
            "current": self.current.isoformat(),
            "last_review": self.last_review,
            "versions": self.versions,
            "findings": self.findings,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PolicyRow:
        return cls(
            str(d["reference"]),
            str(d["drug"]),
            dt.date.fromisoformat(d["latest"]),
            dt.date.fromisoformat(d["current"]),
            str(d["last_review"]),
            int(d["versions"]),
            int(d["findings"]),
        )

    @classmethod
    def of(cls, m: PolicyModel) -> PolicyRow:
        review = m.latest.policy.header.last_review
        return cls(
            m.reference, m.drug, m.latest.date, m.current.date, str(review) if review else "—", len(m.snaps), m.findings
        )


def nav_title(row: PolicyRow) -> str:
    return title(f"{row.reference} · {row.drug}")


def home_page(models: Sequence[PolicyRow]) -> str:
    versions = sum(m.versions for m in models)
    findings = sum(m.findings for m in models)
    return render("home.md.j2", models=models, versions=versions, findings=findings)


def policies_page(models: Sequence[PolicyRow]) -> str:
    return render("policies.md.j2", models=models)


NAV_GROUP = 25  # policies per nav section


def family_of(reference: str) -> str:
    """``CP.PHAR.295`` → ``CP.PHAR``: the nav groups policies by family."""
    return reference.rsplit(".", 1)[0]


def mkdocs_yml(models: Sequence[PolicyRow], site_name: str) -> str:
    families: dict[str, list[PolicyRow]] = defaultdict(list)
    for m in models:
        families[family_of(m.reference)].append(m)
    nav = []
    for fam in sorted(families):
        members = families[fam]
        # a long family is cut into runs: a policy page lists its run, not hundreds of siblings
        for k in range(0, len(members), NAV_GROUP):
            run = members[k : k + NAV_GROUP]
            name = fam if len(members) <= NAV_GROUP else f"{run[0].reference} – {run[-1].reference}"
            entries = [(Markup(yaml_string(nav_title(m))), m.reference) for m in run]
            nav.append((Markup(yaml_string(name)), entries))
    return render("mkdocs.yml.j2", nav=nav, site_name=site_name)


def render_frame(rows: Sequence[PolicyRow]) -> dict[str, str]:
    """The pages around the policies' (path inside the project → text): home page, policy list, ``mkdocs.yml``."""
    return {
        "docs/index.md": home_page(rows),
        "docs/policies/index.md": policies_page(rows),
        "mkdocs.yml": mkdocs_yml(rows, SITE_NAME),
    }


def site_css() -> bytes:
    """The site's stylesheet (``docs/assets/policyvc.css``)."""
    return resources.files("policyvc.renderer").joinpath("templates/site/assets/policyvc.css").read_bytes()


def site_shim() -> bytes:
    """The offline search's Web Worker shim for pages opened from ``file://`` (``mkdocs.yml``'s
    ``extra.polyfills``: shipped with the site, so that it is never fetched from another host)."""
    return resources.files("policyvc.renderer").joinpath("templates/site/assets/iframe-worker-shim.js").read_bytes()
