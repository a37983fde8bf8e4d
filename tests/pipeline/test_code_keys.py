"""Code in keys: an output's key covers every source file of the code it comes from, found by
walking (folders and imports), so editing a file makes exactly the outputs it feeds stale.

Each test edits files one at a time in a copy of the project and recomputes the digests there;
the expected sets are written from the layout (which folder produces what), not read from the
walker under test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from la_render.formats import FORMATS
from la_render.pipeline import cache

PACKAGES = ("la_core", "scenes", "la_render")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    for package in PACKAGES:
        shutil.copytree(cache.PROJECT_ROOT / package, root / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _digests(root: Path) -> dict[str, str]:
    """Every code digest an output's key holds, by output kind."""
    found = {f"format:{fmt}": cache.pipeline_code_digest(fmt, root) for fmt in FORMATS}
    found["page"] = cache.page_code_digest(root)
    found["narration"] = cache.narration_code_digest(root)
    found["figures"] = cache.figures_code_digest(root)
    found["lecture"] = cache.lecture_code_digest(root)
    return found


def _changed_by(root: Path, path: Path) -> set[str]:
    """The digests that change when `path` (inside `root`) is edited."""
    before = _digests(root)
    original = path.read_bytes()
    path.write_bytes(original + b"\n# an edit\n")
    try:
        after = _digests(root)
    finally:
        path.write_bytes(original)
    return {kind for kind in before if before[kind] != after[kind]}


def _files(root: Path, folder: str) -> list[Path]:
    return sorted((root / folder).rglob("*.py"))


def _each(root: Path, folder: str, check: Callable[[str, set[str]], None]) -> None:
    files = _files(root, folder)
    assert files, folder
    for path in files:
        check(path.relative_to(root).as_posix(), _changed_by(root, path))


def test_every_file_of_the_page_makes_the_page_stale_and_no_scene_output(tree: Path) -> None:
    def check(name: str, changed: set[str]) -> None:
        assert "page" in changed, name
        assert not any(kind.startswith("format:") for kind in changed), name
        assert "narration" not in changed, name
    _each(tree, "la_render/page", check)
    # what the page imports from elsewhere: the transcript writer and the byte sizes it prints
    for name in ("la_render/formats/transcript.py", "la_render/common/sizes.py", "scenes/style.py"):
        assert "page" in _changed_by(tree, tree / name), name


def test_every_file_of_narration_makes_narrated_outputs_stale_and_silent_ones_not(tree: Path) -> None:
    def check(name: str, changed: set[str]) -> None:
        assert "narration" in changed, name
        assert not any(kind.startswith("format:") for kind in changed), name
        assert "page" not in changed and "figures" not in changed, name
    _each(tree, "la_render/narration", check)


def test_a_format_module_makes_its_own_outputs_stale_and_not_the_others(tree: Path) -> None:
    writes = {  # module -> the formats whose outputs it produces (gif's over-budget WebM: video)
        "gif.py": {"gif"}, "avif.py": {"avif"}, "isobmff.py": {"avif"},
        "video.py": {"mp4", "webm", "gif"}, "poster.py": {"png"}, "captions.py": {"srt"},
        "transcript.py": {"mp4", "webm", "gif"},
    }
    for module, formats in writes.items():
        changed = _changed_by(tree, tree / "la_render/formats" / module)
        stale = {kind.split(":")[1] for kind in changed if kind.startswith("format:")}
        assert stale == formats, (module, stale)
    shared = _changed_by(tree, tree / "la_render/formats/base.py")
    assert {f"format:{fmt}" for fmt in FORMATS} <= shared, "the interface every format uses"


def test_every_file_of_the_pipeline_and_the_plumbing_makes_every_scene_output_stale(tree: Path) -> None:
    def check(name: str, changed: set[str]) -> None:
        assert {f"format:{fmt}" for fmt in FORMATS} <= changed, name
    _each(tree, "la_render/pipeline", check)
    _each(tree, "la_render/common", check)


def test_figures_and_lecture_follow_their_folders(tree: Path) -> None:
    _each(tree, "la_render/figures", lambda name, changed: assert_only(name, changed, {"figures"}))
    _each(tree, "la_render/lecture", lambda name, changed: assert_only(name, changed, {"lecture"}))


def assert_only(name: str, changed: set[str], expected: set[str]) -> None:
    assert changed == expected, (name, changed)
