"""`watch` re-renders after a save, reports a failing render and keeps watching."""

from __future__ import annotations

import io
import threading
import time

import pytest

from la_render.cli.console import ConsoleUI, make_console
from la_render.cli.parser import build_parser
from la_render.cli.render import request_from_args
from la_render.pipeline import watch
from tests.pipeline import fakes
from tests.pipeline.checks import assert_consistent, identities, rerendered

pytestmark = pytest.mark.render


def _until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_watch_rerenders_on_save_and_survives_a_failing_render(project, tmp_path) -> None:
    catalog = fakes.catalog(("alpha", "beta"))
    lesson = tmp_path / "lesson.toml"
    lesson_text = fakes.DEFAULT_LESSON.read_text(encoding="utf-8")
    lesson.write_text(lesson_text, encoding="utf-8")
    argv = ["watch", *fakes.render_args(project.out)[1:], "--data", str(lesson)]
    args = build_parser().parse_args(argv)
    request = request_from_args(args, catalog)
    console = make_console(io.StringIO())
    output = console.file
    codes: list[int] = []
    stop = threading.Event()
    thread = threading.Thread(daemon=True, target=lambda: codes.append(watch.watch(
        request, catalog, ConsoleUI(console), interval=0.1, debounce=0.3, max_cycles=3, roots=[],
        should_stop=stop.is_set)))
    thread.start()
    try:
        _until(lambda: "watching" in output.getvalue(), 120, "the first render")
        first = identities(project.out)
        assert set(first) == {f"preview/{slug}.{ext}" for slug in ("alpha", "beta") for ext in ("mp4", "png")}

        scene = project.package / "alpha.py"
        good = scene.read_text()
        scene.write_text(good.replace("self.wait(0.5)", "raise ValueError('typo while editing')"))
        _until(lambda: "still watching" in output.getvalue(), 120, "the failing render")
        assert "typo while editing" in output.getvalue()
        assert identities(project.out) == first, "a failed render changes nothing"

        # A half-edited lesson file is reported and nothing renders until the next save.
        lesson.write_text(lesson_text.replace("[lora]", "[lora"), encoding="utf-8")
        _until(lambda: "fix it and save again" in output.getvalue(), 60, "the bad lesson message")
        assert output.getvalue().count("still watching") == 1

        # Fixing both: the scene's edit re-renders alpha, the [lora] edit re-renders beta.
        scene.write_text(good.replace("self.wait(0.5)", "self.wait(0.4)"))
        lesson.write_text(fakes.edit_section(lesson_text, "lora", "seed", "5"), encoding="utf-8")
        thread.join(timeout=120)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive()
    assert codes == [0]
    assert rerendered(first, identities(project.out)) == {"alpha", "beta"}
    assert_consistent(project.out)
