"""Hypothesis strategies shared by the la_core tests: finite, moderately sized numbers.

Magnitudes are bounded (|x| <= 1e3) and tiny entries (|x| < 1e-100) become 0: the properties are
about linear algebra, not float overflow/underflow; extreme magnitudes have their own explicit tests.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

BOUND = 1e3
TINY = 1e-100


def finite_floats(bound: float = BOUND) -> st.SearchStrategy[float]:
    """Finite floats in [-bound, bound]; entries below 1e-100 in magnitude are flushed to 0."""
    floats = st.floats(-bound, bound, allow_nan=False, allow_infinity=False, allow_subnormal=False)
    return floats.map(lambda x: 0.0 if abs(x) < TINY else x)


def vectors(length: int) -> st.SearchStrategy[np.ndarray]:
    """A float vector of the given length."""
    return arrays(np.float64, (length,), elements=finite_floats())


@st.composite
def vector_pairs(draw: st.DrawFn, min_len: int = 1, max_len: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """Two vectors of the same (drawn) length."""
    length = draw(st.integers(min_len, max_len))
    return draw(vectors(length)), draw(vectors(length))


def matrices(rows: int, cols: int) -> st.SearchStrategy[np.ndarray]:
    """A float matrix of the given shape."""
    return arrays(np.float64, (rows, cols), elements=finite_floats())


@st.composite
def matmul_pairs(draw: st.DrawFn, max_side: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """A (m, k) and B (k, n) with matching inner dimension."""
    m, k, n = (draw(st.integers(1, max_side)) for _ in range(3))
    return draw(matrices(m, k)), draw(matrices(k, n))


@st.composite
def gaussian_matrices(draw: st.DrawFn, max_side: int = 6) -> np.ndarray:
    """A random normal matrix from a drawn seed and shape: generic (well separated singular values)."""
    seed = draw(st.integers(0, 2**32 - 1))
    rows, cols = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    return np.random.default_rng(seed).standard_normal((rows, cols))


@st.composite
def low_rank_matrices(draw: st.DrawFn, max_side: int = 6) -> tuple[np.ndarray, int]:
    """(M, r): M = L @ R with L (n, r) and R (r, m) random normal, so rank(M) == r almost surely."""
    seed = draw(st.integers(0, 2**32 - 1))
    rows, cols = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    true_rank = draw(st.integers(0, min(rows, cols)))
    rng = np.random.default_rng(seed)
    return rng.standard_normal((rows, true_rank)) @ rng.standard_normal((true_rank, cols)), true_rank
