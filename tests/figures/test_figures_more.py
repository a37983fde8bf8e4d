"""The search-ranking and condition-number figures: the bars are numpy's numbers (read back out
of the artists), the top k and the swing are coloured as the data says, and the alt texts name
only what numpy computes. Expected values are plain numpy and scipy here, not la_core."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from matplotlib.patches import Rectangle

from la_core import load_lesson, parse_lesson
from la_render import figures
from scenes import style
from tests.figures.test_figures import EDITED_LESSON
from tests.scenes.sweep_lessons import sweep_lesson


@pytest.fixture(scope="module", params=["shipped", "edited", "negative numbers"])
def lesson(request):
    if request.param == "shipped":
        return load_lesson()
    if request.param == "edited":
        return parse_lesson(EDITED_LESSON, "edited.toml")
    return sweep_lesson(request.param)


def bars(fig, gid: str) -> list[Rectangle]:
    return [p for ax in fig.axes for p in ax.patches if p.get_gid() == gid]


def hex_of(rgba) -> str:
    return "#" + "".join(f"{round(c * 255):02X}" for c in rgba[:3])


def test_search_ranking_bars_are_the_sorted_scores(lesson):
    names = list(lesson.search_documents)
    docs = np.array([np.asarray(v, dtype=float) for v in lesson.search_documents.values()])
    query = np.asarray(lesson.search_query, dtype=float)
    dots = docs @ query
    cosines = dots / (np.linalg.norm(docs, axis=1) * np.linalg.norm(query))
    fig = figures.build_figure("search_ranking", lesson)
    k = lesson.search_k
    top_dot = set(np.argsort(-dots, kind="stable")[:k])
    top_cos = set(np.argsort(-cosines, kind="stable")[:k])
    for ax, measure, values, colour in ((fig.axes[0], "dot", dots, style.HIGHLIGHT),
                                        (fig.axes[1], "cosine", cosines, style.POSITIVE)):
        shown = bars(fig, f"ranking-{measure}")
        order = np.argsort(-values, kind="stable")
        np.testing.assert_allclose([b.get_width() for b in shown], values[order], atol=1e-12)
        assert [t.get_text() for t in ax.get_yticklabels()] == [names[i] for i in order]
        for rank, (bar, i) in enumerate(zip(shown, order, strict=True)):
            expected = style.MUTED if rank >= k else (
                style.NEGATIVE if measure == "dot" and i in top_dot - top_cos else colour)
            assert hex_of(bar.get_facecolor()) == expected.upper(), (measure, names[i])
    alt = figures._BY_NAME["search_ranking"].alt(lesson)
    for name in names:
        assert name in alt
    lost = [names[i] for i in np.argsort(-dots, kind="stable")[:k] if i not in top_cos]
    assert ("wins on dot product, loses on cosine" in alt) == bool(lost)


def test_condition_bars_and_the_swing(lesson):
    matrices = [np.asarray(m, dtype=float) for m in lesson.situation_matrices.values()]
    fig = figures.build_figure("condition_numbers", lesson)
    shown = bars(fig, "condition-bars")
    for bar, matrix in zip(shown, matrices, strict=True):
        rank = np.linalg.matrix_rank(matrix)
        if rank == min(matrix.shape):
            assert bar.get_height() == pytest.approx(np.linalg.cond(matrix), rel=1e-9)
        else:
            assert bar.get_hatch() == "//" and bar.get_height() > 1e4
    nearly, y = matrices[3], np.asarray(lesson.fit_targets, dtype=float)
    u, _, _ = np.linalg.svd(nearly, full_matrices=False)
    weakest = u[:, -1] * np.sign(u[np.argmax(np.abs(u[:, -1])), -1])
    moved = y + lesson.nudge_share * np.linalg.norm(y) * weakest
    plain = [np.linalg.lstsq(nearly, t, rcond=None)[0] for t in (y, moved)]
    eye = np.eye(nearly.shape[1])
    ridge = [scipy.linalg.solve(nearly.T @ nearly + lesson.ridge_alpha * eye, nearly.T @ t)
             for t in (y, moved)]
    expected = [np.linalg.norm(moved - y), np.linalg.norm(plain[1] - plain[0]),
                np.linalg.norm(ridge[1] - ridge[0])]
    np.testing.assert_allclose([b.get_height() for b in bars(fig, "swing-bars")], expected, rtol=1e-6)
    alt = figures._BY_NAME["condition_numbers"].alt(lesson)
    assert f"{np.linalg.cond(matrices[3]):,.0f}" in alt and "ill-conditioned" in alt
    assert ("barely moves" in alt) == (expected[2] <= 0.1 * expected[1])
