"""The site's pages as text: one policy's pages, and the frame around them (home page, policy list, MkDocs config).

Pure: models in (:mod:`policyvc.renderer.site_pages`), Markdown and YAML out.  Reading the store, deciding what
to render again, writing and building live in :mod:`policyvc.site`.
"""

from __future__ import annotations

from policyvc.renderer import site_pages as pages
from policyvc.renderer.site_frame import SITE_NAME, render_frame, site_css, site_shim  # noqa: F401 - the frame's
from policyvc.renderer.site_pages import PolicyModel


def render_policy(model: PolicyModel) -> dict[str, str]:
    """Every page of one policy: path inside ``docs/`` → Markdown."""
    ref = model.reference
    out = {
        f"{ref}/index.md": pages.policy_page(model),
        f"{ref}/timeline.md": pages.timeline_page(model),
        f"{ref}/audit.md": pages.audit_page(model),
        f"{ref}/blame.md": pages.blame_page(model, pages.policy_ids(model)),
    }
    for k, snap in enumerate(model.snaps):
        out[f"{ref}/versions/{snap.date.isoformat()}.md"] = pages.version_page(model, k)
    by_date = {s.date: s for s in model.snaps}
    for a, b in sorted(model.pairs):
        out[f"{ref}/diff/{pages.diff_name(a, b)}.md"] = pages.diff_page(model, by_date[a], by_date[b])
    return out
