"""Every size a lesson file can hold is refused at load in one line, or its scene renders in bounded time.

Hypothesis draws lesson files whose sizes (exercise 3's Q and K, A and B, the attention tokens, ΔW
and the realistic LoRA layer) range from 1 to millions. Each must either be refused when it loads
(`LessonDataError`: one line naming the file and the key, what `la-render` prints before exiting 2)
or render the scene that draws it to its last frame (the harness: no animation frames) within
RENDER_SECONDS of CPU time. A size no picture holds must never start a render that runs for
minutes (issue 17: `[random].qk_shape = [5000, 8]` passed the checks and rendered for over ten
minutes).
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la_core import LessonDataError, parse_lesson
from scenes.catalog import get
from tests.scenes.harness import lesson_text, run_scene

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("lesson_sizes")]

#: CPU seconds: a scene's last frame through the harness takes a few; a size that escaped the checks
#: took minutes.
RENDER_SECONDS = 60
FILE = "sizes.toml"
WORDS = ("king", "queen", "apple")


def sides(most: int) -> st.SearchStrategy[int]:
    """Small sizes (what an author writes) as often as huge ones (a typo, an extra zero)."""
    return st.one_of(st.integers(1, 16), st.integers(1, most))


def replaced(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the shipped lesson changed: update this test's edit of {old!r}"
    return text.replace(old, new)


@st.composite
def sized_lessons(draw: st.DrawFn) -> tuple[str, str]:
    """(lesson file text, slug of the scene that draws the edited size)."""
    text, kind = lesson_text(), draw(st.sampled_from(("qk", "matmul", "attention", "lora", "layer")))
    if kind == "qk":
        shape = [draw(sides(10**6)), draw(sides(10**7))]
        return replaced(text, "qk_shape = [5, 8]", f"qk_shape = {shape}"), "matmul"
    if kind == "matmul":
        m, k, n = (draw(sides(10**4)) for _ in range(3))
        text = replaced(text, "a_shape = [2, 3]", f"a_shape = [{m}, {k}]")
        return replaced(text, "b_shape = [3, 4]", f"b_shape = [{k}, {n}]"), "matmul"
    if kind == "attention":
        count = draw(sides(10**4))
        tokens = [WORDS[i % len(WORDS)] for i in range(count)]
        keys = f"keys = {tokens}".replace("'", '"')
        return replaced(text, 'keys = ["king", "queen", "apple"]', keys), "attention"
    if kind == "lora":
        d, k = draw(sides(10**4)), draw(sides(10**4))
        r = draw(st.integers(1, min(d, k, 64)))
        for key, value in (("d = 8", d), ("k = 6", k), ("r = 2", r)):
            text = replaced(text, f"\n{key}\n", f"\n{key.split()[0]} = {value}\n")
        return text, "lora"
    layer_d, layer_k = draw(sides(10**9)), draw(sides(10**9))
    top = min(layer_d, layer_k)
    ranks = sorted(draw(st.lists(st.integers(1, top), min_size=1, max_size=20, unique=True)))
    text = replaced(text, "layer_d = 4096", f"layer_d = {layer_d}")
    text = replaced(text, "layer_k = 4096", f"layer_k = {layer_k}")
    return replaced(text, "layer_ranks = [1, 2, 4, 8, 16, 32, 64, 128]", f"layer_ranks = {ranks}"), "lora"


class TooSlowError(Exception):
    pass


@contextmanager
def cpu_limit(seconds: int) -> Iterator[None]:
    """Fail after `seconds` of this process's CPU time (user + system) instead of waiting for a
    render that may run for minutes. CPU time, not wall time: the test machine is shared."""
    def expire(*_: object) -> None:
        raise TooSlowError(f"still rendering after {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@settings(max_examples=5)  # each renders a last frame: few examples keep the suite in budget
@given(sized_lessons())
@example((replaced(lesson_text(), "qk_shape = [5, 8]", "qk_shape = [5000, 8]"), "matmul"))  # issue 17
def test_every_size_is_refused_in_one_line_or_renders_its_last_frame_in_bounded_time(
        drawn: tuple[str, str]) -> None:
    text, slug = drawn
    try:
        lesson = parse_lesson(text, FILE)
    except LessonDataError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(f"{FILE}: ["), message
        return
    start = time.process_time()
    with cpu_limit(RENDER_SECONDS):
        result = run_scene(get(slug).load(), lesson=lesson, audit=False)
    assert result.checkpoints > 0 and result.last_frame is not None
    assert time.process_time() - start < RENDER_SECONDS
