"""The CLI tests use the pipeline tests' fake project (a one-second scene package)."""

from tests.pipeline.conftest import project  # noqa: F401
