"""An image unrolled into a vector and compared by cosine; a user dotted with every item
(Step 1's table, Step 2's recommenders); references are plain numpy."""

from __future__ import annotations

import numpy as np
import pytest

from la_core import LinAlgInputError, image_cosine, recommend, unroll

RING = np.array([[0, 1, 1, 0], [1, 0, 0, 1], [1, 0, 0, 1], [0, 1, 1, 0]], dtype=float)


def test_unroll_reads_row_by_row() -> None:
    grid = np.arange(12.0).reshape(3, 4)
    assert list(unroll(grid)) == list(range(12))
    assert unroll(RING)[4] == RING[1, 0]


def test_image_cosine_is_the_cosine_of_the_pixels() -> None:
    cross = np.eye(4) + np.fliplr(np.eye(4))
    a, b = RING.ravel(), cross.ravel()
    assert image_cosine(RING, cross) == pytest.approx(a @ b / np.linalg.norm(a) / np.linalg.norm(b))
    assert image_cosine(RING, RING) == pytest.approx(1.0)
    with pytest.raises(LinAlgInputError, match="differ in size"):
        image_cosine(RING, np.ones((3, 3)))


def test_recommend_ranks_items_by_dot_product() -> None:
    user = np.array([0.9, 0.1, 0.4])
    items = np.array([[0.1, 0.9, 0.3], [0.9, 0.1, 0.2], [0.2, 0.3, 0.9]])
    result = recommend(user, items)
    assert np.allclose(result.scores, [i @ user for i in items])
    assert result.top == (int(np.argmax(items @ user)),)
    assert list(result.order) == list(np.argsort(-(items @ user)))
