"""Fixtures for the pipeline tests: a fake scene package on sys.path and an output folder."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from la_render.cli import main
from tests.pipeline import fakes


@dataclass
class FakeProject:
    root: Path  # holds fakescenes/
    out: Path  # the renders/ folder under test

    @property
    def package(self) -> Path:
        return self.root / fakes.PACKAGE

    def render(self, slugs: tuple[str, ...], *extra: str) -> tuple[int, str]:
        """Run `la-render render` in this process with the fake catalogue; (exit code, stdout)."""
        stdout = io.StringIO()
        code = main(fakes.render_args(self.out, *extra), catalog=fakes.catalog(slugs), stdout=stdout)
        return code, stdout.getvalue()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeProject:
    root = tmp_path / "src"
    fakes.write_package(root, ("alpha", "beta", "broken", "slow"))
    monkeypatch.syspath_prepend(str(root))
    return FakeProject(root=root, out=tmp_path / "renders")
