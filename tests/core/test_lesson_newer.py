"""[embeddings], [training] and [exercise1]: what loads, and what is refused at load with the
file, the key and the reason (issue 18)."""

from __future__ import annotations

import numpy as np
import pytest

from la_core import LessonDataError, load_lesson, parse_lesson
from tests.core.test_lesson_borrow import SHIPPED

FILE = "lesson.toml"


def edited(old: str, new: str) -> str:
    assert SHIPPED.count(old) == 1, old
    return SHIPPED.replace(old, new)


def test_the_shipped_sections_load_in_file_order() -> None:
    lesson = load_lesson()
    assert list(lesson.exercise1) == ["tea", "coffee", "brick"]
    assert list(lesson.embeddings.items) == ["heist", "sitcom", "drama", "spy"]
    assert lesson.embeddings.image.shape == (4, 4)
    assert lesson.training.words(lesson.word_names) == ("king", "queen", "apple")
    assert np.array_equal(lesson.training.targets, [[1.0, 0.5], [0.8, -0.5], [-0.8, 0.2]])


def test_the_diverging_rate_is_refused_with_the_rate_that_would_converge() -> None:
    words = np.array([[0.9, 0.8, 0.1, 0.7], [0.9, 0.2, 0.1, 0.8], [0.1, 0.1, 0.9, 0.2]])
    limit = 2 / np.linalg.eigvalsh(2 / 3 * words.T @ words)[-1]
    with pytest.raises(LessonDataError) as caught:
        parse_lesson(edited("rate = 0.5", "rate = 1.0"), FILE)
    assert caught.value.key == "[training].rate"
    assert "diverges" in caught.value.reason and f"below {limit:.3g}" in caught.value.reason


CASES = [
    ("3 numbers per target", "targets = [[1.0, 0.5],", "targets = [[1.0, 0.5, 0.1],", "[training].targets",
     "ragged"),
    ("all-zero targets", "[[1.0, 0.5],    # king\n           [0.8, -0.5],   # queen\n           [-0.8, 0.2]]",
     "[[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]", "[training].targets", "nothing to train"),
    ("a bright pixel", "near  = [[0.1, 0.9, 1.0, 0.0],", "near  = [[0.1, 0.9, 1.5, 0.0],",
     "[embeddings].near", "from 0 (black) to 1"),
    ("a smaller copy", "near  = [[0.1, 0.9, 1.0, 0.0],\n         [0.9, 0.0, 0.2, 1.0],",
     "near  = [[0.1, 0.9, 1.0, 0.0],", "[embeddings].near", "4×4 grid"),
    ("an item of 2 features", "spy    = [0.7, 0.4, 0.5]", "spy    = [0.7, 0.4]", "[embeddings.items].spy",
     "one per feature"),
    ("a fourth toy word", "brick  = [0.1, 0.1, 0.9]", "brick  = [0.1, 0.2, 0.9]\nbus = [0.2, 0.1, 0.8]",
     "[exercise1]", "expected 3 toy words"),
    ("a 2-D toy word", "brick  = [0.1, 0.1, 0.9]", "brick  = [0.1, 0.2]", "[exercise1].brick",
     "expected 3 numbers"),
]


def test_too_few_steps_load_and_the_scene_says_how_far_w_still_is() -> None:
    """An author who edits the words should not have to retune [training]: 10 steps load, and the
    sentences say the trained W is not yet lstsq's (numpy's lstsq and 10 plain steps, by hand)."""
    from scenes.narrative import training

    lesson = parse_lesson(edited("steps = 120", "steps = 10"), "few.toml")
    targets = np.asarray(lesson.training.targets, dtype=float)
    inputs = np.stack([lesson.words[name] for name in list(lesson.words)[:len(targets)]])
    w = np.zeros((targets.shape[1], inputs.shape[1]))
    for _ in range(10):  # the mean squared error's gradient, by hand
        w -= lesson.training.rate * (2 / len(inputs)) * (inputs @ w.T - targets).T @ inputs
    best = np.linalg.lstsq(inputs, targets, rcond=None)[0].T
    gap = float(np.max(np.abs(w - best)))
    assert gap > 0.005
    tale = training.story(lesson)
    assert not tale.arrived
    assert f"still {gap:.2f} away" in training.lstsq_caption(tale)
    assert "still" in training.alt(lesson) and "equals" not in training.alt(lesson)


@pytest.mark.parametrize(("old", "new", "key", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_what_no_scene_could_show_is_refused(old: str, new: str, key: str, reason: str) -> None:
    with pytest.raises(LessonDataError) as caught:
        parse_lesson(edited(old, new), FILE)
    assert (caught.value.file, caught.value.key) == (FILE, key), str(caught.value)
    assert reason in caught.value.reason, str(caught.value)
