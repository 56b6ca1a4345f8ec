"""Hypothesis profiles: ``ci`` (``make test``) runs each property's full budget, ``dev`` (``make unit``) a tenth,
``deep`` ten times the budget (``HYPOTHESIS_PROFILE=deep pytest $(grep -l @given tests/*.py)`` hunts for what
one CI run's random draw may miss).

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
)
settings.register_profile("deep", parent=settings.get_profile("ci"))
settings.register_profile("dev", parent=settings.get_profile("ci"), max_examples=10)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(PROFILE)


def examples(full: int) -> int:
    """A property's example budget under the active profile: ``full`` in ``ci``, a tenth (at least 5) in ``dev``."""
    if PROFILE == "deep":
        return full * 10
    return full if PROFILE == "ci" else max(5, full // 10)
