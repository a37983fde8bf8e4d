"""The fake project fixture for the tests of the formats and the CLI too."""

from tests.pipeline.conftest import project  # noqa: F401
