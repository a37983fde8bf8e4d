"""The unit-circle and model-chain figures: the unit arrows end on the circle at the true angles,
the cosines printed are numpy's; the chain's heatmaps are numpy's lookup, products and softmax;
alt texts name this lesson's words and shapes. Expected values are plain numpy here."""

from __future__ import annotations

import numpy as np
import pytest

from la_core import load_lesson
from la_render import figures
from tests.scenes.sweep_lessons import sweep_lesson


@pytest.fixture(scope="module", params=["shipped", "negative numbers", "one row, five tokens"])
def lesson(request):
    return load_lesson() if request.param == "shipped" else sweep_lesson(request.param)


def cosine(a, b) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_unit_arrows_end_on_the_circle_and_print_the_cosines(lesson):
    fig = figures.build_figure("unit_circle", lesson)
    ax = fig.axes[0]
    ends = {t.get_gid().removeprefix("unit-"): np.asarray(t.xy, dtype=float) for t in ax.texts
            if (t.get_gid() or "").startswith("unit-")}
    a = lesson.dot_a
    assert set(ends) == {a, lesson.dot_b, lesson.dot_contrast}
    for word, end in ends.items():
        assert np.linalg.norm(end) == pytest.approx(1.0)
        assert end[0] == pytest.approx(cosine(lesson.words[a], lesson.words[word]))  # the shadow on a
    printed = {t.get_gid().removeprefix("cosine-"): t.get_text() for t in ax.texts
               if (t.get_gid() or "").startswith("cosine-")}
    for word in (lesson.dot_b, lesson.dot_contrast):
        value = f"{cosine(lesson.words[a], lesson.words[word]):.3f}".replace("-", "\u2212")
        assert printed[word].startswith(f"cos = {value}")
    alt = figures._BY_NAME["unit_circle"].alt(lesson)
    assert a in alt and lesson.dot_b in alt and lesson.dot_contrast in alt


def test_model_chain_heatmaps_are_the_lookup_products_and_softmax(lesson):
    names = list(lesson.words)
    ids = [names.index(t) for t in lesson.query_tokens]
    table = np.array(list(lesson.words.values()), dtype=float)
    w = np.asarray(lesson.W, dtype=float)
    x = table[ids]
    q = x @ w.T
    scores = q @ q.T
    e = np.exp(scores / np.sqrt(w.shape[0]))
    expected = {"table": table, "W": w, "X": x, "Q": q, "scores": scores,
                "weights": e / e.sum(axis=1, keepdims=True)}
    fig = figures.build_figure("model_chain", lesson)
    images = {im.get_gid().removeprefix("chain-"): np.asarray(im.get_array()) for ax in fig.axes
              for im in ax.images}
    assert set(images) == set(expected)
    for name, values in expected.items():
        np.testing.assert_allclose(images[name], values, err_msg=name)
    alt = figures._BY_NAME["model_chain"].alt(lesson)
    n, d = x.shape
    assert f"X ({n}×{d})" in alt and f"the scores ({n}×{n})" in alt
    assert "token ids " + ", ".join(map(str, ids)) in alt
