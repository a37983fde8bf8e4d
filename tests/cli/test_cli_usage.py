"""Bad usage and bad input: exit code 2, one clear line on stderr, nothing rendered or touched."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from la_render.cli import main
from tests.pipeline import fakes


def _run(capsys, args: list[str]) -> tuple[int, list[str]]:
    code = main(args, catalog=fakes.catalog(("alpha", "beta")), stdout=io.StringIO())
    return code, capsys.readouterr().err.strip().splitlines()


def _lesson_with(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lesson.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _zero_apple(tmp_path: Path) -> Path:
    text = fakes.DEFAULT_LESSON.read_text(encoding="utf-8")
    return _lesson_with(tmp_path, fakes.edit_section(text, "vectors", "apple", "[0.0, 0.0, 0.0, 0.0]"))


def _off_screen_x(tmp_path: Path) -> Path:
    text = fakes.DEFAULT_LESSON.read_text(encoding="utf-8")
    assert text.count("x = [1.0, 1.5]") == 1
    return _lesson_with(tmp_path, text.replace("x = [1.0, 1.5]", "x = [9.0, 1.0]"))


def _short_apple(tmp_path: Path) -> Path:
    text = fakes.DEFAULT_LESSON.read_text(encoding="utf-8")
    return _lesson_with(tmp_path, fakes.edit_section(text, "vectors", "apple", "[0.9, 0.8, 0.1]"))


@pytest.mark.parametrize(
    ("make_args", "expected"),
    [
        (lambda tmp, out: ["render", "--out", out, "alpha", "gamma"], ["unknown scene", "'gamma'"]),
        (lambda tmp, out: ["render", "--out", out, "--data", str(tmp / "nope.toml")],
         ["nope.toml", "file not found"]),
        (lambda tmp, out: ["render", "--out", out, "--data", str(_lesson_with(tmp, "[vectors\nking = 1"))],
         ["lesson.toml", "not valid TOML"]),
        (lambda tmp, out: ["render", "--out", out, "--data", str(_short_apple(tmp))],
         ["lesson.toml", "[vectors].apple", "expected 4 numbers"]),
        (lambda tmp, out: ["render", "--out", out, "--data", str(_zero_apple(tmp))],
         ["lesson.toml", "[vectors].apple", "zero vector"]),
        (lambda tmp, out: ["render", "--out", out, "--data", str(_off_screen_x(tmp))],
         ["lesson.toml", "[transform].x", "outside its picture"]),
        (lambda tmp, out: ["render", "--out", out, "--format", "gif,avi"], ["--format", "'avi'"]),
        (lambda tmp, out: ["render", "--out", out, "--quality", "8k"], ["--quality", "'8k'"]),
        (lambda tmp, out: ["render", "--out", out, "--jobs", "0"], ["--jobs", ">= 1"]),
        (lambda tmp, out: ["render", "--out", out, "--gif-budget", "lots"], ["--gif-budget", "'lots'"]),
        (lambda tmp, out: ["explode"], ["invalid choice", "'explode'"]),
        (lambda tmp, out: [], ["required"]),
        (lambda tmp, out: ["list", "--out", out, "--data", str(tmp)], ["is a directory"]),
        (lambda tmp, out: ["watch", "--out", out, "zeta"], ["unknown scene", "'zeta'"]),
    ],
)
def test_bad_input_exits_2_with_one_line_and_touches_nothing(capsys, tmp_path: Path, make_args,
                                                            expected: list[str]) -> None:
    out = tmp_path / "renders"
    code, lines = _run(capsys, make_args(tmp_path, str(out)))
    assert code == 2
    assert len(lines) == 1, lines
    for fragment in expected:
        assert fragment in lines[0]
    assert not out.exists(), "bad input must not create or touch renders/"


def test_out_that_is_a_file_and_a_foreign_manifest_are_bad_input(capsys, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    code, lines = _run(capsys, ["render", "--out", str(not_a_folder)])
    assert (code, len(lines)) == (2, 1) and "not a folder" in lines[0]

    out = tmp_path / "renders"
    out.mkdir()
    (out / "manifest.json").write_text(json.dumps({"schema_version": 99}))
    before = sorted(p.name for p in out.iterdir())
    code, lines = _run(capsys, ["render", "--out", str(out), "--no-figures", "--no-page"])
    assert (code, len(lines)) == (2, 1) and "manifest.json" in lines[0] and "schema_version" in lines[0]
    assert sorted(p.name for p in out.iterdir()) == before, "nothing touched (not even a lock file)"


def test_dry_run_prints_the_plan_and_renders_nothing(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "src"
    fakes.write_package(root)
    monkeypatch.syspath_prepend(str(root))
    out = tmp_path / "renders"
    stdout = io.StringIO()
    code = main(["render", "--out", str(out), "--dry-run"], catalog=fakes.catalog(("alpha", "beta")),
                stdout=stdout)
    assert code == 0
    text = stdout.getvalue()
    assert "alpha" in text and "beta" in text and "gif,avif,mp4,png" in text and "missing" in text
    assert not out.exists()


def test_missing_latex_is_one_clear_line_and_touches_nothing(project, monkeypatch, capsys) -> None:
    code, _ = project.render(("alpha",))
    assert code == 0
    manifest_before = (project.out / "manifest.json").read_bytes()
    scene = project.package / "alpha.py"
    scene.write_text(scene.read_text() + "\n# an edit, so there is something to render\n")

    from la_render.pipeline import run

    real_which = run.shutil.which
    monkeypatch.setattr(run.shutil, "which", lambda tool: None if tool == "latex" else real_which(tool))
    capsys.readouterr()
    code, _ = project.render(("alpha",))
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "latex" in err[0] and "texlive-latex-base" in err[0]
    assert (project.out / "manifest.json").read_bytes() == manifest_before


def test_lecture_without_renders_exits_2_with_one_line_and_creates_nothing(capsys, tmp_path: Path) -> None:
    out = tmp_path / "renders"
    code, lines = _run(capsys, ["lecture", "--no-render", "--out", str(out)])
    assert (code, len(lines)) == (2, 1), lines
    assert "--no-render" in lines[0] and "manifest.json" in lines[0]
    assert not out.exists()


def test_lecture_with_a_scene_file_missing_names_it_and_leaves_the_manifest(capsys, tmp_path: Path) -> None:
    """A manifest that lists a lecture MP4 whose file is gone: one line naming the scene, exit 2."""
    out = tmp_path / "renders"
    out.mkdir()
    manifest = {"schema_version": 1, "scenes": {"alpha": {
        "slug": "alpha", "order": 0, "outputs": {"lecture/mp4": {"path": "lecture/alpha.mp4", "bytes": 10}}}}}
    (out / "manifest.json").write_text(json.dumps(manifest))
    before = (out / "manifest.json").read_bytes()
    code, lines = _run(capsys, ["lecture", "--no-render", "--out", str(out)])
    assert (code, len(lines)) == (2, 1), lines
    assert lines[0].startswith("la-render: error: lecture:") and "alpha" in lines[0]
    assert (out / "manifest.json").read_bytes() == before
