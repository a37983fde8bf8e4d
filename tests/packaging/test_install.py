"""A plain (non-editable) `pip install .` ships every subpackage and renders a scene.

The editable install used for development fills in whatever a plain copy lacks (its finder maps
the packages to this checkout), so the copy is run with `python -S` and only the target folder and
the venv's site-packages on the path: a missing subpackage (scenes/narrative, la_render's stages)
then fails the import. The copy renders `ladder` at the preview preset on a local Dask cluster
(its workers import the installed copy too: -S travels to spawned processes) and the bytes are
compared with the same render from this checkout.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.render


def _install(target: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", "--target", str(target), str(ROOT)],
                   check=True, capture_output=True, cwd=target.parent)


def _render(command: list[str], out: Path, cwd: Path, env: dict[str, str], *extra: str) -> dict[str, str]:
    done = subprocess.run([*command, "render", "ladder", "--quality", "preview", "--format", "png",
                           "--jobs", "1", "--no-figures", "--no-page", "--out", str(out), *extra],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    outputs = manifest["scenes"]["ladder"]["outputs"]
    return {key: record["sha256"] for key, record in outputs.items()}


def test_a_plain_install_renders_a_scene_byte_identical_to_the_checkout(tmp_path: Path) -> None:
    target = tmp_path / "installed"
    build = tmp_path / "build"
    build.mkdir()
    _install(target)
    for package in ("la_core/lesson", "scenes/narrative", "la_render/pipeline", "la_render/formats",
                    "la_render/narration", "la_render/cli"):
        assert (target / package / "__init__.py").is_file(), f"{package} is not shipped"
    assert (target / "la_core" / "lesson.toml").is_file(), "the default lesson data is not shipped"

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    plain = dict(env, PYTHONPATH=os.pathsep.join([str(target), *site.getsitepackages()]))
    installed = _render([sys.executable, "-S", "-m", "la_render"], tmp_path / "from-install", elsewhere,
                        plain, "--dask", "local")
    probe = subprocess.run([sys.executable, "-S", "-c", "import la_render; print(la_render.__file__)"],
                           env=plain, cwd=elsewhere, capture_output=True, text=True, check=True)
    assert probe.stdout.strip().startswith(str(target)), "the plain copy is the one imported"

    checkout = _render([sys.executable, "-m", "la_render"], tmp_path / "from-checkout", ROOT, env)
    assert installed == checkout
