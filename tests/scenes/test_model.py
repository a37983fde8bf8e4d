"""The `model` scene: token ids pick rows of the table (X), X Wᵀ gives Q and K (the lesson's W as
both, so K = Q), Q Kᵀ the scores, softmax per row (scaled by √d_k) the weights; the shapes at the
arrows; the ending sorts the model from what is computed; all of it follows an edited lesson.

Expected values are plain numpy here (own lookup, products and softmax).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from la_core import Lesson, load_lesson
from scenes.model import ModelChainScene
from tests.scenes.conftest import default_run
from tests.scenes.harness import RunResult, edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("model")

EDITS = {'queries = ["king", "queen", "apple"]': 'queries = ["apple", "king"]',
         "W = [[1.0, 0.0, 0.0, 0.0],\n     [0.0, 1.0, 0.0, 0.0]]":
         "W = [[0.5, 0.0, -0.5, 0.0],\n     [0.0, 1.0, 0.0, 0.25]]"}


def edited_lesson() -> Lesson:
    return edit_lesson(EDITS)


@cache
def edited_run() -> RunResult:
    return run_scene(ModelChainScene, lesson=edited_lesson())


def expected(lesson: Lesson) -> dict[str, np.ndarray]:
    names = list(lesson.words)
    ids = np.array([names.index(t) for t in lesson.query_tokens])
    table = np.array(list(lesson.words.values()), dtype=float)
    x = table[ids]
    w = np.asarray(lesson.W, dtype=float)
    q = x @ w.T
    scores = q @ q.T
    e = np.exp(scores / np.sqrt(w.shape[0]))
    return {"ids": ids, "X": x, "Q": q, "scores": scores, "weights": e / e.sum(axis=1, keepdims=True)}


@pytest.mark.parametrize("edited", [False, True], ids=["shipped", "edited queries and W"])
def test_every_matrix_of_the_chain_is_shown(edited: bool) -> None:
    lesson = edited_lesson() if edited else load_lesson()
    result = edited_run() if edited else default_run("model")
    for name, values in expected(lesson).items():
        for value in np.ravel(values):
            assert result.shows(float(value)), f"{name} entry {value:.2f} never shown"
        if name != "ids":
            for value in np.ravel(values):
                assert any(abs(n - value) < 0.005 for n in result.final_numbers), f"{name} not in the sort"


def test_the_lesson_ids_and_shapes() -> None:
    result = default_run("model")
    assert expected(load_lesson())["ids"].tolist() == [0, 1, 2]
    texts = result.texts
    for shape in (r"(3\times4)", r"(3\times4)(4\times2)", r"\to(3\times2)",
                  r"(3\times2)(2\times3)\to(3\times3)", r"(3\times3)"):
        assert any(shape in t for t in texts), shape
    captions = " ".join(text for _, _, text in result.captions)
    assert "read as token ids 0, 1, 2" in captions and "3×4 times 4×2 gives 3×2" in captions


def test_edited_tokens_give_their_own_ids_and_shapes() -> None:
    result = edited_run()
    assert expected(edited_lesson())["ids"].tolist() == [2, 0]
    captions = " ".join(text for _, _, text in result.captions)
    assert "apple and king, read as token ids 2, 0" in captions
    assert "2×4 times 4×2 gives 2×2" in captions
    assert any(r"(2\times2)(2\times2)\to(2\times2)" in t for t in result.texts)


def test_the_end_sorts_the_model_from_what_is_computed() -> None:
    texts = default_run("model").texts
    assert {"the model: what you download", "computed for this input", "embedding table"} <= texts


def test_edited_run_passes_the_layout_audit() -> None:
    assert not edited_run().problems, "\n".join(edited_run().problems[:10])
