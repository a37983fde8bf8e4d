"""The compression and dedup figures (issue 18) show la_core's numbers: read back out of their
artists and compared with plain numpy written here; their alt texts are built from the data."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from la_core import load_lesson, parse_lesson
from la_render import figures
from tests.core.test_lesson_borrow import SHIPPED

#: Other near-duplicates (palace and cider), and 3×3 images whose near copy has rank 1.
IMAGES = """image = [[0.2, 0.4, 0.2], [0.4, 0.9, 0.4], [0.1, 0.2, 0.1]]
near  = [[0.2, 0.4, 0.2], [0.4, 0.8, 0.4], [0.1, 0.2, 0.1]]
other = [[1.0, 0.0, 1.0], [0.0, 0.0, 0.0], [1.0, 0.0, 1.0]]
"""
EDITED = SHIPPED.replace("throne  = [0.7, 0.1, 0.2, 0.6]", "throne  = [0.1, 0.8, 0.2, 0.1]").replace(
    "cider   = [0.2, 0.1, 0.8, 0.3]", "cider   = [0.9, 0.1, 0.1, 0.9]")
EDITED = EDITED[: EDITED.index("image = [[")] + IMAGES + EDITED[EDITED.index("features = "):]


def edited():
    lesson = parse_lesson(EDITED, "edited.toml")
    assert np.linalg.matrix_rank(np.asarray(lesson.embeddings.near)) == 1
    return lesson


def by_gid(fig, kind, gid):
    return [a for ax in fig.axes for a in ax.findobj(kind) if a.get_gid() == gid]


@pytest.mark.parametrize("which", ["shipped", "edited"])
def test_compression_pictures_are_the_rank_r_copies_and_the_errors_fall(which) -> None:
    lesson = load_lesson() if which == "shipped" else edited()
    matrix = np.asarray(lesson.embeddings.near, dtype=float)
    u, s, vt = np.linalg.svd(matrix)
    fig = figures.build_figure("compression", lesson)
    for r in range(1, len(s) + 1):
        (image,) = by_gid(fig, AxesImage, f"compression-r{r}")
        np.testing.assert_allclose(image.get_array(), (u[:, :r] * s[:r]) @ vt[:r], atol=1e-12)
    (original,) = by_gid(fig, AxesImage, "compression-original")
    np.testing.assert_allclose(original.get_array(), matrix)
    (line,) = by_gid(fig, Line2D, "compression-errors")
    expected = [np.sqrt(np.sum(s[r:] ** 2) / np.sum(s**2)) for r in range(len(s) + 1)]
    np.testing.assert_allclose(line.get_ydata(), expected, atol=1e-12)
    alt = figures._BY_NAME["compression"].alt(lesson)
    for r in range(1, len(s) + 1):
        assert f"r = {r} leaves {100 * expected[r]:.0f}%" in alt


def groups_by_numpy(docs: np.ndarray, threshold: float) -> list[set[int]]:
    unit = docs / np.linalg.norm(docs, axis=1, keepdims=True)
    close = unit @ unit.T >= threshold
    groups: list[set[int]] = []
    for i in range(len(docs)):
        linked = [g for g in groups if any(close[i, j] for j in g)]
        merged = {i}.union(*linked)
        groups = [g for g in groups if g not in linked] + [merged]
    return [g for g in groups if len(g) > 1]


@pytest.mark.parametrize("which", ["shipped", "edited"])
def test_dedup_heatmap_is_the_cosines_and_the_boxes_are_the_groups(which) -> None:
    lesson = load_lesson() if which == "shipped" else edited()
    names = list(lesson.search_documents)
    docs = np.array([np.asarray(v, dtype=float) for v in lesson.search_documents.values()])
    fig = figures.build_figure("dedup", lesson)
    ax = fig.axes[0]
    shown = [t.get_text() for t in ax.get_xticklabels()]
    order = [names.index(n) for n in shown]
    unit = docs / np.linalg.norm(docs, axis=1, keepdims=True)
    (image,) = by_gid(fig, AxesImage, "dedup-cosines")
    np.testing.assert_allclose(image.get_array(), (unit @ unit.T)[np.ix_(order, order)], atol=1e-12)
    expected = groups_by_numpy(docs, 0.95)
    boxes = [p for p in ax.patches
             if isinstance(p, Rectangle) and (p.get_gid() or "").startswith("dedup-group")]
    assert len(boxes) == len(expected)
    boxed = [{order[round(b.get_x() + 0.5) + k] for k in range(round(b.get_width()))} for b in boxes]
    assert sorted(map(sorted, boxed)) == sorted(map(sorted, expected))
    alt = figures._BY_NAME["dedup"].alt(lesson)
    if expected:
        assert all(names[i] in alt for g in expected for i in g) and "boxed" in alt
    else:
        assert "nothing to dedup" in alt
    if which == "shipped":
        assert sorted(map(sorted, expected)) == [[0, 1], [3, 4]]  # palace–throne, orchard–cider
