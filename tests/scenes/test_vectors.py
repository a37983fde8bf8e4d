"""The `vectors` scene shows the lesson's word vectors, their true lengths, the share the 2-D view
keeps and how close the words are, and follows an edit to the word vectors.

Expected values are computed here with plain numpy, not with the scene's or la_core's code.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from la_core import Lesson, load_lesson
from scenes.vectors import VectorsAreMeaning
from tests.scenes.conftest import default_run
from tests.scenes.harness import RunResult, among, edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("vectors")

OLD_KING = "king  = [0.9, 0.8, 0.1, 0.7]"
NEW_KING = "king  = [0.6, 0.9, 0.3, 0.2]"


def edited_lesson() -> Lesson:
    """The shipped lesson with king's vector changed."""
    return edit_lesson({OLD_KING: NEW_KING})


@cache
def edited_run() -> RunResult:
    return run_scene(VectorsAreMeaning, lesson=edited_lesson())



def kept_percent(lesson: Lesson) -> float:
    """Share of the squared length kept by the best 3-D subspace through the origin, in percent
    (100 when the words span at most three dimensions: then they are drawn exactly)."""
    singular = np.linalg.svd(lesson.word_matrix, compute_uv=False)
    return 100 * float(np.sum(singular[:3] ** 2) / np.sum(singular**2))


def cos_and_degrees(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    cos = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
    return cos, float(np.degrees(np.arccos(cos)))


def assert_shows_lesson(result: RunResult, lesson: Lesson) -> None:
    """Every entry, every true length, the kept share and the king/queen closeness are on screen."""
    final = result.final_numbers
    for name, vector in lesson.words.items():
        for value in vector:
            assert among(float(value), final), f"{name} entry {value}"
        assert among(float(np.linalg.norm(vector)), final), f"length of {name}"
    if np.linalg.matrix_rank(lesson.word_matrix) <= 3:
        assert any(t.startswith("drawn in the") and "lengths and angles are true" in t for t in result.texts)
    else:
        assert among(kept_percent(lesson), final, decimals=0)
    cos, degrees = cos_and_degrees(lesson.words["king"], lesson.words["queen"])
    assert among(cos, final)
    assert among(degrees, final, decimals=1)


def test_default_lesson_numbers_are_on_the_final_frame() -> None:
    assert_shows_lesson(default_run("vectors"), load_lesson())


def test_default_lesson_reads_king_queen_similar_and_apple_apart() -> None:
    result = default_run("vectors")
    words = load_lesson().words
    cos_far, degrees_far = cos_and_degrees(words["king"], words["apple"])
    assert among(cos_far, result.final_numbers)
    assert among(degrees_far, result.final_numbers, decimals=1)
    readouts = [t for t in result.texts if " vs " in t]
    # the lesson: king·queen 0.900 "high -> similar", king·apple 0.307 "low -> different"
    close = [t for t in readouts if t.startswith("king vs queen")]
    far = [t for t in readouts if t.startswith("king vs apple")]
    assert len(close) == 1 and "cos 0.900," in close[0] and close[0].endswith("similar"), readouts
    assert len(far) == 1 and "cos 0.307," in far[0] and far[0].endswith("different"), readouts


def test_every_word_is_named_on_screen() -> None:
    texts = default_run("vectors").texts
    assert {"king", "queen", "apple"} <= texts


def test_edited_vectors_change_the_numbers_on_screen() -> None:
    default, edited = load_lesson(), edited_lesson()
    result = edited_run()
    assert not result.problems, "\n".join(result.problems[:10])
    assert_shows_lesson(result, edited)
    old_length = float(np.linalg.norm(default.words["king"]))
    assert round(old_length, 2) != round(float(np.linalg.norm(edited.words["king"])), 2)
    assert not among(old_length, result.numbers)
    # (the old cosine, 0.90, is also one of queen's entries: check the old angle instead)
    old_degrees = cos_and_degrees(default.words["king"], default.words["queen"])[1]
    assert not among(old_degrees, result.numbers, decimals=1)



def test_words_whose_names_contain_each_other_are_drawn() -> None:
    """"man" inside "woman": colouring names by substring made manim refuse the text."""
    more = "apple = [0.1, 0.1, 0.9, 0.2]\nman   = [0.8, 0.9, 0.2, 0.1]\nwoman = [0.8, 0.3, 0.2, 0.9]"
    lesson = edit_lesson({"apple = [0.1, 0.1, 0.9, 0.2]": more})
    result = run_scene(VectorsAreMeaning, lesson=lesson)
    assert not result.problems, "\n".join(result.problems[:10])
    assert {"man", "woman"} <= result.texts
    for name, vector in lesson.words.items():
        assert all(among(float(value), result.final_numbers) for value in vector), name
        assert among(float(np.linalg.norm(vector)), result.final_numbers), f"length of {name}"


def test_words_are_drawn_in_their_span_at_their_true_angles() -> None:
    """Three words span 3-D: the arrows' coordinates keep every pairwise angle of the 4-D words,
    the closest pair lies in the x-y plane facing the viewer, and the captions say so."""
    from scenes.narrative.vectors import space_view

    lesson = load_lesson()
    view = space_view(lesson)
    words = np.array([lesson.words[n] for n in lesson.word_names])
    unit = words / np.linalg.norm(words, axis=1, keepdims=True)
    drawn = view.coords / np.linalg.norm(view.coords, axis=1, keepdims=True)
    np.testing.assert_allclose(drawn @ drawn.T, unit @ unit.T, atol=1e-12)
    names = list(lesson.word_names)
    for name in ("king", "queen"):  # the closest pair lies in the x-y plane
        assert abs(view.coords[names.index(name), 2]) < 1e-12
    captions = " ".join(text for _, _, text in default_run("vectors").captions)
    assert "in the 3-D space they span: every angle is true" in captions and "embedding" in captions


def test_more_than_three_dimensions_fall_back_to_a_3d_view_with_its_share() -> None:
    """Four words spanning 4-D: PCA to 3-D, its kept share on screen, the caption says angles bend."""
    apple = "apple = [0.1, 0.1, 0.9, 0.2]"
    lesson = edit_lesson({apple: apple + "\npear = [0.1, 0.9, 0.1, 0.2]"})
    assert np.linalg.matrix_rank(lesson.word_matrix) == 4
    result = run_scene(VectorsAreMeaning, lesson=lesson)
    assert not result.problems, "\n".join(result.problems[:10])
    assert among(kept_percent(lesson), result.final_numbers, decimals=0)
    captions = " ".join(text for _, _, text in result.captions)
    assert "its angles are not the true ones" in captions
