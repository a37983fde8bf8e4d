"""Step 1's table beyond words: an image and a user become vectors too (Step 2's recommenders).

An image is a grid of pixel values; read row by row it is a vector, and two images compare by
cosine like two words. A user is a vector of preferences over named features; dotted with every
item's vector on the same features it scores them, and the top score is the recommendation.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from la_core._checks import as_matrix
from la_core.errors import LinAlgInputError
from la_core.search import SearchResult, search
from la_core.vectors import cosine_similarity


def unroll(image: ArrayLike) -> np.ndarray:
    """The pixels of a grid read row by row, left to right: one vector of rows × columns numbers."""
    return as_matrix(image, "unroll", "image").reshape(-1).copy()


def image_cosine(a: ArrayLike, b: ArrayLike) -> float:
    """The cosine of two images of the same size, as vectors of their pixels."""
    grid_a, grid_b = as_matrix(a, "image_cosine", "a"), as_matrix(b, "image_cosine", "b")
    if grid_a.shape != grid_b.shape:
        raise LinAlgInputError(f"image_cosine: images {grid_a.shape} and {grid_b.shape} differ in size")
    return cosine_similarity(unroll(grid_a), unroll(grid_b))


def recommend(user: ArrayLike, items: ArrayLike) -> SearchResult:
    """The user's preferences dotted with every item (a row of `items`), ranked; the top one kept."""
    return search(user, items, 1, "dot")
