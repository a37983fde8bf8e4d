"""`watch` re-renders after a save, reports a failing render and keeps watching."""

from __future__ import annotations

import io
import threading
import time

import pytest

from la_render import cli, watch
from tests.render import fakes
from tests.render.checks import assert_consistent, identities, rerendered

pytestmark = pytest.mark.render


def _until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_watch_rerenders_on_save_and_survives_a_failing_render(project) -> None:
    catalog = fakes.catalog(("alpha", "beta"))
    args = cli.build_parser().parse_args(["watch", *fakes.render_args(project.out)[1:]])
    request = cli._request(args, catalog)
    console = cli._console(io.StringIO())
    output = console.file
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(watch.watch(
        request, catalog, console, interval=0.1, debounce=0.3, max_cycles=3, roots=[])))
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

        scene.write_text(good.replace("self.wait(0.5)", "self.wait(0.4)"))
        thread.join(timeout=120)
    finally:
        thread.join(timeout=1)
    assert not thread.is_alive()
    assert codes == [0]
    assert rerendered(first, identities(project.out)) == {"alpha"}
    assert_consistent(project.out)
