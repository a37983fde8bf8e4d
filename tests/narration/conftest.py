"""A narrated fake scene on sys.path, and a helper that runs `la-render` on it in this process."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from la_render.cli import main
from tests.narration import scenes

ENGINES = ("espeak-ng", "flite", "ffmpeg")


@dataclass
class Talk:
    root: Path

    def run(self, *args: str) -> tuple[int, str]:
        stdout = io.StringIO()
        code = main(list(args), catalog=(scenes.entry(),), stdout=stdout)
        return code, stdout.getvalue()

    def render(self, out: Path, *extra: str) -> tuple[int, str]:
        return self.run("render", "--quality", "preview", "--format", "mp4,srt", "--out", str(out),
                        "--no-figures", "--no-page", "--jobs", "1", *extra)


@pytest.fixture(scope="session")
def talk(tmp_path_factory: pytest.TempPathFactory) -> Talk:
    missing = [tool for tool in ENGINES if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}")
    root = tmp_path_factory.mktemp("talk-src")
    scenes.write_package(root)
    monkey = pytest.MonkeyPatch()
    monkey.syspath_prepend(str(root))
    return Talk(root)
