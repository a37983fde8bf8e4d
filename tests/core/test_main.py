"""`python -m la_core` prints the lesson's vectors.py numbers, and one error line for a bad file."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from la_core.__main__ import main

DEFAULT_TEXT = resources.files("la_core").joinpath("lesson.toml").read_text(encoding="utf-8")
# Q @ K.T for the lesson's three words, worked by hand (rounded to 2 decimals as the demo prints).
HAND_SCORES = [[1.95, 1.54, 0.40], [1.54, 1.50, 0.36], [0.40, 0.36, 0.87]]


def score_matrix(output: str) -> list[list[float]]:
    """The numbers of the printed matrix: every line after the `scores` header that starts with '['."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("scores"))
    rows = [line for line in lines[start + 1 :] if line.lstrip().startswith("[")]
    return [[float(x) for x in re.findall(r"-?\d+(?:\.\d*)?", row)] for row in rows]


def check_demo_output(out: str) -> None:
    assert "king.shape = (4,)" in out
    assert "norm(king) = 1.3964" in out  # sqrt(1.95)
    assert "cosine_similarity(king, queen) = 0.900" in out
    assert "cosine_similarity(king, apple) = 0.307" in out
    assert re.search(r"W @ king = \[0\.9\s+0\.8\s*\]\s+shape \(2,\)", out)
    assert "shape (3, 3)" in out
    assert score_matrix(out) == HAND_SCORES


def test_main_prints_the_lessons_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    captured = capsys.readouterr()
    check_demo_output(captured.out)
    assert captured.err == ""


def test_python_dash_m_la_core_runs_as_a_program() -> None:
    result = subprocess.run([sys.executable, "-m", "la_core"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    check_demo_output(result.stdout)


def test_main_prints_the_numbers_of_an_edited_lesson(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo is data-driven: queen = king makes their cosine 1 and the score matrix follows."""
    path = tmp_path / "lesson.toml"
    path.write_text(DEFAULT_TEXT.replace("queen = [0.9, 0.2, 0.1, 0.8]", "queen = [0.9, 0.8, 0.1, 0.7]"))
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "cosine_similarity(king, queen) = 1.000" in out
    assert score_matrix(out)[1] == [1.95, 1.95, 0.40]


def test_main_reports_a_bad_lesson_in_one_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lesson.toml"
    path.write_text(DEFAULT_TEXT.replace("king  = [0.9, 0.8, 0.1, 0.7]", "king  = [0.9, 0.8, nan, 0.7]"))
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"error: {path}: [vectors].king[2]: expected a finite number, got nan\n"


@pytest.mark.parametrize("content", [None, "not = toml = at all\n"], ids=["missing", "not toml"])
def test_python_dash_m_la_core_exits_2_for_an_unusable_file(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "lesson.toml"
    if content is not None:
        path.write_text(content)
    result = subprocess.run([sys.executable, "-m", "la_core", str(path)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {path}: ")
    assert "Traceback" not in result.stderr
