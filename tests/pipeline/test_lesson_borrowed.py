"""A lesson file of the first release's sections only (issue 18) is accepted by every command's
loader, with one warning line on stderr per section it borrows; `render --dry-run` plans every
scene with it."""

from __future__ import annotations

import tomllib

from la_render.cli import main
from la_render.pipeline.inputs import load_lesson
from scenes.catalog import CATALOG
from tests.core.test_lesson_borrow import FIRST_RELEASE, SHIPPED, first_release_text


def test_one_warning_line_per_borrowed_section(tmp_path, capsys) -> None:
    path = tmp_path / "old.toml"
    path.write_text(first_release_text())
    lesson = load_lesson(str(path))
    lines = capsys.readouterr().err.strip().splitlines()
    newer = [name for name in tomllib.loads(SHIPPED) if name not in FIRST_RELEASE]
    assert len(lines) == len(newer) == len(lesson.borrowed)
    for name, line in zip(newer, lines, strict=True):
        assert line.startswith(f"warning: {path}: [{name}]: missing section"), line
    load_lesson(None)
    assert capsys.readouterr().err == ""  # the shipped lesson borrows nothing


def test_every_scene_plans_with_a_first_release_file(tmp_path, capsys) -> None:
    path = tmp_path / "old.toml"
    path.write_text(first_release_text())
    code = main(["render", "--data", str(path), "--out", str(tmp_path / "renders"), "--dry-run",
                 "--quality", "preview"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    for entry in CATALOG:
        assert entry.slug in captured.out, entry.slug
    assert sum(line.startswith("warning:") for line in captured.err.splitlines()) == 5
