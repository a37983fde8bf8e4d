"""Matrices as transformations and as batches of dot products."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from la_core._checks import as_array, as_matrix, as_vector, whole_number
from la_core.errors import LinAlgInputError


def result_shape(a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> tuple[int, ...]:
    """Shape of a @ b for vectors and matrices: (m, k) @ (k, n) -> (m, n); inner sizes must match."""
    a, b = _shape(a_shape, "a_shape"), _shape(b_shape, "b_shape")
    if a[-1] != b[0]:
        raise LinAlgInputError(
            f"matmul: {a} @ {b}: inner dimensions {a[-1]} and {b[0]} differ"
        )
    return a[:-1] + b[1:]


def _shape(shape: tuple[int, ...], name: str) -> tuple[int, ...]:
    """A vector or matrix shape as a tuple of positive ints."""
    dims = tuple(shape)
    if len(dims) not in (1, 2):
        raise LinAlgInputError(f"matmul: {name} {dims} must be 1-D or 2-D")
    return tuple(whole_number(size, "matmul", name, minimum=1) for size in dims)


def linear_layer(W: ArrayLike, x: ArrayLike, b: ArrayLike | None = None) -> np.ndarray:
    """y = W x (+ b): one layer of a network. x may be one vector or a batch of rows."""
    weights = as_matrix(W, "linear_layer", "W")
    x_arr = _vector_or_rows(x, "linear_layer", "x")
    if x_arr.shape[-1] != weights.shape[1]:
        raise LinAlgInputError(
            f"linear_layer: W {weights.shape} @ x {x_arr.shape}: W has {weights.shape[1]} "
            f"columns but x has {x_arr.shape[-1]} entries"
        )
    y = x_arr @ weights.T
    if b is not None:
        bias = as_vector(b, "linear_layer", "b")
        if bias.shape != (weights.shape[0],):
            raise LinAlgInputError(
                f"linear_layer: bias {bias.shape} must have one entry per row of W {weights.shape}"
            )
        y = y + bias
    return y


def _vector_or_rows(value: ArrayLike, op: str, name: str) -> np.ndarray:
    """One vector (1-D) or a batch of vectors as rows (2-D)."""
    array = as_array(value, op, name)
    if array.ndim not in (1, 2):
        raise LinAlgInputError(
            f"{op}: {name} must be a vector or a matrix of row vectors, got shape {array.shape}"
        )
    return array


def _matmul_operands(A: ArrayLike, B: ArrayLike, op: str) -> tuple[np.ndarray, np.ndarray]:
    a, b = as_matrix(A, op, "A"), as_matrix(B, op, "B")
    result_shape(a.shape, b.shape)
    return a, b


def matmul_loops(A: ArrayLike, B: ArrayLike) -> list[list[float]]:
    """A @ B with plain Python loops (the lesson's exercise 2): each cell a row-column dot product."""
    a, b = _matmul_operands(A, B, "matmul_loops")
    rows, cols = a.tolist(), b.tolist()
    m, k, n = len(rows), len(cols), len(cols[0])
    result = []
    for i in range(m):
        out_row = []
        for j in range(n):
            total = 0.0
            for t in range(k):
                total += rows[i][t] * cols[t][j]
            out_row.append(total)
        result.append(out_row)
    return result


def loops_difference(A: ArrayLike, B: ArrayLike) -> float:
    """The largest |loops - A @ B| over every cell: exercise 2's check that the loops match numpy."""
    a, b = _matmul_operands(A, B, "loops_difference")
    return float(np.max(np.abs(np.array(matmul_loops(a, b)) - a @ b)))


@dataclass(frozen=True)
class MatmulStep:
    """One cell of C = A @ B: row i of A against column j of B, the products and their sum."""

    i: int
    j: int
    row: np.ndarray
    col: np.ndarray
    products: np.ndarray
    value: float

    def __getitem__(self, key: str) -> object:
        """Allow record-style access (step["value"]) as well as attributes."""
        return getattr(self, key)

    @property
    def running_totals(self) -> np.ndarray:
        """`total` after each pass of the inner loop over t (exercise 2's loops, cell by cell)."""
        return np.cumsum(self.products)


def matmul_steps(A: ArrayLike, B: ArrayLike) -> list[MatmulStep]:
    """One record per output cell, in row-major order: what the matmul scene animates."""
    a, b = _matmul_operands(A, B, "matmul_steps")
    steps = []
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            products = a[i] * b[:, j]
            steps.append(MatmulStep(i, j, a[i].copy(), b[:, j].copy(), products, float(products.sum())))
    return steps


def transform(M: ArrayLike, points: ArrayLike) -> np.ndarray:
    """Apply M to many points given as rows: row p becomes M p."""
    matrix = as_matrix(M, "transform", "M")
    rows = np.atleast_2d(_vector_or_rows(points, "transform", "points"))
    if rows.shape[1] != matrix.shape[1]:
        raise LinAlgInputError(
            f"transform: M {matrix.shape} cannot act on points of dimension {rows.shape[1]} "
            f"(points {rows.shape}): M has {matrix.shape[1]} columns"
        )
    return rows @ matrix.T


def basis_images(M: ArrayLike) -> np.ndarray:
    """Where the basis vectors land: row i is M e_i, the i-th column of M."""
    return as_matrix(M, "basis_images", "M").T.copy()


def area_scale(M: ArrayLike) -> float:
    """The signed factor by which a square matrix scales areas (volumes): its determinant."""
    matrix = as_matrix(M, "area_scale", "M")
    if matrix.shape[0] != matrix.shape[1]:
        raise LinAlgInputError(f"area_scale: M {matrix.shape} is not square, so it has no determinant")
    return float(np.linalg.det(matrix))


def seeded_matrices(seed: int, *shapes: tuple[int, int], decimals: int = 1) -> list[np.ndarray]:
    """Reproducible random matrices in [0, 1), drawn in order from one seeded generator.

    Rounded to `decimals` so the products and sums shown on screen add up exactly as printed.
    """
    seed = whole_number(seed, "seeded_matrices", "seed")
    rng = np.random.default_rng(seed)
    return [np.round(rng.random(_shape(shape, "shape")), decimals) for shape in shapes]
