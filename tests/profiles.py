"""Hypothesis profiles: ``ci`` (``make test``) runs each property's full budget, ``dev`` (``make unit``) a tenth,
``deep`` ten times the budget (``HYPOTHESIS_PROFILE=deep pytest $(grep -l @given tests/*.py)`` hunts for what
one CI run's draw may miss).

``ci`` draws the same examples on every run (derandomized): a run that decides whether a commit lands must say
the same of the same commit.  ``dev`` and ``deep`` draw afresh each run, so hunting goes on where it is cheap;
what they find is pinned as an ``@example`` or its own test.

Choose with ``HYPOTHESIS_PROFILE=ci|dev|deep`` (plain ``pytest`` runs ``dev``). A property states its full budget
once, as ``examples(N)``; the profile scales it.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    deadline=None,  # the machines are shared and noisy: speed lives in benchmarks/, never in tests
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
    derandomize=True,
)
settings.register_profile("deep", parent=settings.get_profile("ci"), derandomize=False)
settings.register_profile("dev", parent=settings.get_profile("ci"), max_examples=10, derandomize=False)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(PROFILE)


def examples(full: int) -> int:
    """A property's example budget under the active profile: ``full`` in ``ci``, a tenth (at least 5) in ``dev``."""
    if PROFILE == "deep":
        return full * 10
    return full if PROFILE == "ci" else max(5, full // 10)
