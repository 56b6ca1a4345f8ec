"""The documentation site: the version store rendered into a MkDocs project for mkdocs-material, and built.

:func:`policyvc.site.build.build_site` writes ``<out>/mkdocs.yml`` and ``<out>/docs/`` (Markdown rendered by
:mod:`policyvc.renderer.site_pages`), then with ``build=True`` runs ``mkdocs build --strict`` into
``<out>/_build/``.  Pages:

* ``index.md`` — every policy with its drug, latest version, last review, versions and open audit findings;
* ``<REF>/index.md`` — the version in force today, criteria nested like the policy, one anchor per walk id;
* ``<REF>/timeline.md`` (every version, its log entries, a from × to grid of the diff pages),
  ``<REF>/audit.md``, ``<REF>/blame.md``;
* ``<REF>/versions/<DATE>.md`` (point in time) and ``<REF>/diff/<OLD>_<NEW>.md`` — out of the nav.

Rendering is deterministic (sorted, no timestamps; ``today`` decides which version is in force).  A policy whose
inputs (code, sources, rule modules, the version in force) match the manifest of the last render is read back
instead of rendered; only files whose bytes changed are written and files no longer rendered are removed, so an
unchanged store changes nothing on disk; the build is skipped when the rendered project is byte for byte the one
last built (MkDocs' ``--dirty`` is never used: it truncates the search index; nor ``--clean``: the built folder is
updated in place, only changed files written, and what the build did not produce removed).

The modules, in the order a build runs them (``build`` stages each changed policy's pages from its own workers:
:mod:`.staged`): :mod:`.inputs` (read the store; what a policy's pages depend on),
:mod:`.model` (audit, diffs and blame of one policy), :mod:`.render` (every policy on a process pool, or read back
when unchanged), :mod:`.write` (only the files that changed, and the manifest), :mod:`.mkdocs` (the strict build, run by
:mod:`.mkdocs_run` in a process of its own with :mod:`.mkdocs_hooks`, so that MkDocs does not hold every page),
:mod:`.build` (all of it, one call).  The pages themselves are rendered by :mod:`policyvc.renderer` (text in, text
out); nothing here prints.
"""
