"""policyvc: versioning, diff and rules for health-plan clinical policies.

The pipeline, one folder per stage (the design card keeps ``parser/``,
``grammar/`` and ``renderer/`` at the top of the repository; the install —
``make install``, an editable install, so the checkout is what runs — maps them
into this package as ``policyvc.parser``, ``policyvc.grammar`` and
``policyvc.renderer``, by ``[tool.setuptools.package-dir]``):

* ``policyvc.parser`` — PDF or text → normalised lines → LALR → the typed AST;
* ``policyvc.store`` — versions keyed by revision-log date, git history;
* ``policyvc.history`` — diff, semantic labels, audit, blame;
* ``policyvc.renderer`` — every output, from one walk of the AST;
* ``policyvc.cli`` — the command line, thin.
"""

from __future__ import annotations

__version__ = "0.1.0"
