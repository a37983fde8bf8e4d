"""Shared pytest set-up: one hypothesis profile, so property tests are deterministic and quick.

`HYPOTHESIS_PROFILE=thorough` runs many more examples when hunting for edge cases.
"""

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "derandomize": True, "database": None,
           "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("default", max_examples=40, **_COMMON)
settings.register_profile("thorough", max_examples=1000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
