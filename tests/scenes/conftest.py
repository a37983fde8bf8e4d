"""Shared scene runs: each scene renders once per test process for the catalogue-wide tests."""

from __future__ import annotations

from functools import cache

from scenes.catalog import get
from tests.scenes.harness import RunResult, run_scene


@cache
def default_run(slug: str) -> RunResult:
    """The scene `slug` with the shipped lesson, audited, cached for this process."""
    return run_scene(get(slug).load())
