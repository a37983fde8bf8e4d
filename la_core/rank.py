"""Rank: how many directions are real, and why low rank makes LoRA cheap."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from la_core._checks import as_matrix, as_vector, whole_number
from la_core.errors import LinAlgInputError

#: A full-rank matrix whose condition number exceeds this is "ill-conditioned": solving with it
#: can lose four or more significant digits, so tiny input noise causes big output swings.
ILL_CONDITIONED_ABOVE = 1e4

SITUATIONS = ("full rank", "rank-deficient", "rank 1", "ill-conditioned")


def singular_values(M: ArrayLike) -> np.ndarray:
    """The singular values of M, largest first."""
    return np.linalg.svd(as_matrix(M, "singular_values"), compute_uv=False)


def default_tolerance(M: np.ndarray, singular: np.ndarray) -> float:
    """numpy.linalg.matrix_rank's default: S.max() * max(M.shape) * eps."""
    return float(singular.max(initial=0.0) * max(M.shape) * np.finfo(float).eps)


def rank(M: ArrayLike, tol: float | None = None) -> int:
    """The number of singular values above `tol` (default as numpy.linalg.matrix_rank)."""
    matrix = as_matrix(M, "rank")
    singular = np.linalg.svd(matrix, compute_uv=False)
    if tol is None:
        tol = default_tolerance(matrix, singular)
    elif not np.isfinite(tol) or tol < 0:
        raise LinAlgInputError(f"rank: tol must be a finite number >= 0, got {tol!r}")
    return int(np.count_nonzero(singular > tol))


def _stack(vectors: ArrayLike, op: str) -> np.ndarray:
    """Vectors given as rows (a list of equal-length vectors or a matrix)."""
    try:
        rows = [np.asarray(v, dtype=float) for v in vectors]  # type: ignore[union-attr]
    except (TypeError, ValueError) as exc:
        raise LinAlgInputError(f"{op}: vectors must be equal-length lists of numbers ({exc})") from None
    lengths = {row.shape for row in rows}
    if len(lengths) > 1:
        raise LinAlgInputError(f"{op}: vectors have different shapes: {sorted(lengths)}")
    return as_matrix(np.array(rows) if rows else np.empty((0, 0)), op, "vectors")


def is_independent(vectors: ArrayLike) -> bool:
    """True when no vector in the set can be built from the others."""
    stacked = _stack(vectors, "is_independent")
    return rank(stacked) == stacked.shape[0]


def dependency(vectors: ArrayLike) -> tuple[int, np.ndarray] | None:
    """None when the vectors are independent; else (index, coefficients) with
    vectors[index] == sum(c * v for c, v in zip(coefficients, the other vectors in order)).

    The last redundant vector is the one expressed, as the lesson writes v3 = 2·v1 + 1·v2.
    """
    stacked = _stack(vectors, "dependency")
    full = rank(stacked)
    if full == stacked.shape[0]:
        return None
    for index in range(stacked.shape[0] - 1, -1, -1):
        others = np.delete(stacked, index, axis=0)
        if others.shape[0] and rank(others) == full:
            coefficients, *_ = np.linalg.lstsq(others.T, stacked[index], rcond=None)
            return index, coefficients
    # Only reachable for a single zero vector: it is 0 times nothing.
    return 0, np.zeros(0)


def span_basis(vectors: ArrayLike) -> np.ndarray:
    """An orthonormal basis (as rows) of the space the vectors span."""
    stacked = _stack(vectors, "span_basis")
    _, _, directions = np.linalg.svd(stacked, full_matrices=False)
    return directions[: rank(stacked)]


def null_space(M: ArrayLike) -> np.ndarray:
    """An orthonormal basis of {x : M x = 0}, as columns (shape (n, n - rank))."""
    matrix = as_matrix(M, "null_space")
    _, _, directions = np.linalg.svd(matrix, full_matrices=True)
    return directions[rank(matrix) :].T.copy()


def condition_number(M: ArrayLike) -> float:
    """Largest over smallest singular value; infinite when the matrix is rank-deficient."""
    matrix = as_matrix(M, "condition_number")
    singular = np.linalg.svd(matrix, compute_uv=False)
    if rank(matrix) < min(matrix.shape):
        return float("inf")
    return float(singular[0] / singular[-1])


@dataclass(frozen=True)
class Diagnosis:
    """What a matrix's rank tells you, in the words of the lesson's diagnosis table."""

    rank: int
    max_rank: int
    condition_number: float
    situation: str


def diagnose(M: ArrayLike) -> Diagnosis:
    """Rank, the maximum possible rank, the condition number and the lesson's situation.

    Rank 1 (below the maximum) -> "rank 1"; any other rank below the maximum -> "rank-deficient";
    full rank with condition number above ILL_CONDITIONED_ABOVE -> "ill-conditioned";
    otherwise "full rank".
    """
    matrix = as_matrix(M, "diagnose")
    r, top = rank(matrix), min(matrix.shape)
    cond = condition_number(matrix)
    if r < top:
        situation = "rank 1" if r == 1 else "rank-deficient"
    elif cond > ILL_CONDITIONED_ABOVE:
        situation = "ill-conditioned"
    else:
        situation = "full rank"
    return Diagnosis(r, top, cond, situation)


def low_rank_approx(M: ArrayLike, r: int) -> np.ndarray:
    """The best rank-r approximation of M (truncated SVD, Eckart–Young)."""
    matrix = as_matrix(M, "low_rank_approx")
    r = whole_number(r, "low_rank_approx", "r")
    if r > min(matrix.shape):
        raise LinAlgInputError(
            f"low_rank_approx: r={r} exceeds the largest possible rank {min(matrix.shape)} "
            f"of M {matrix.shape}"
        )
    left, singular, right = np.linalg.svd(matrix, full_matrices=False)
    return (left[:, :r] * singular[:r]) @ right[:r]


def lora_parameter_count(d: int, k: int, r: int) -> tuple[int, int]:
    """(full, low_rank) = (d*k, r*(d+k)): a d×k update vs its factors B (d×r) and A (r×k)."""
    d = whole_number(d, "lora_parameter_count", "d", minimum=1)
    k = whole_number(k, "lora_parameter_count", "k", minimum=1)
    r = whole_number(r, "lora_parameter_count", "r", minimum=1)
    if r > min(d, k):
        raise LinAlgInputError(
            f"lora_parameter_count: r={r} exceeds min(d, k) = {min(d, k)} for a {d}×{k} matrix"
        )
    return d * k, r * (d + k)


def lora_factors(d: int, k: int, r: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Reproducible LoRA factors B (d×r) and A (r×k), entries rounded to one decimal."""
    lora_parameter_count(d, k, r)
    rng = np.random.default_rng(whole_number(seed, "lora_factors", "seed"))
    return np.round(rng.normal(size=(d, r)), 1), np.round(rng.normal(size=(r, k)), 1)


# ---------------------------------------------------------------- solving for weights


def _system(A: ArrayLike, y: ArrayLike, op: str) -> tuple[np.ndarray, np.ndarray]:
    matrix = as_matrix(A, op, "A")
    target = as_vector(y, op, "y")
    if target.shape[0] != matrix.shape[0]:
        raise LinAlgInputError(f"{op}: A has {matrix.shape[0]} rows but y has {target.shape[0]} numbers")
    return matrix, target


def least_squares(A: ArrayLike, y: ArrayLike) -> np.ndarray:
    """The weights w minimising |A w - y|; of all such w the shortest (numpy.linalg.lstsq).

    For a full-rank A there is one best w; for a rank-deficient A a whole line (or plane) of
    weights fits equally well, and this picks the one of least length.
    """
    matrix, target = _system(A, y, "least_squares")
    weights, *_ = np.linalg.lstsq(matrix, target, rcond=None)
    return weights


def residual(A: ArrayLike, w: ArrayLike, y: ArrayLike) -> float:
    """How badly the weights fit the data: |A w - y|."""
    matrix, target = _system(A, y, "residual")
    weights = as_vector(w, "residual", "w")
    if weights.shape[0] != matrix.shape[1]:
        raise LinAlgInputError(
            f"residual: A has {matrix.shape[1]} columns but w has {weights.shape[0]} numbers")
    return float(np.linalg.norm(matrix @ weights - target))


def ridge_solve(A: ArrayLike, y: ArrayLike, alpha: float) -> np.ndarray:
    """Ridge regression: the w minimising |A w - y|² + alpha |w|², i.e. (AᵀA + alpha I) w = Aᵀ y.

    Solved as the least-squares problem [A; √alpha I] w ≈ [y; 0], which keeps the digits that
    forming AᵀA would lose. Any alpha > 0 gives one answer, even for a rank-deficient A.
    """
    matrix, target = _system(A, y, "ridge_solve")
    try:
        strength = float(alpha)
    except (TypeError, ValueError):
        raise LinAlgInputError(f"ridge_solve: alpha must be a number, got {alpha!r}") from None
    if not np.isfinite(strength) or strength <= 0:
        raise LinAlgInputError(f"ridge_solve: alpha must be a finite number > 0, got {alpha!r}")
    columns = matrix.shape[1]
    stacked = np.vstack([matrix, np.sqrt(strength) * np.eye(columns)])
    weights, *_ = np.linalg.lstsq(stacked, np.concatenate([target, np.zeros(columns)]), rcond=None)
    return weights


def _signed(vector: np.ndarray) -> np.ndarray:
    """The vector with its largest-magnitude entry positive (the same data, the same picture)."""
    return vector if vector[np.argmax(np.abs(vector))] >= 0 else -vector


def weakest_direction(A: ArrayLike) -> np.ndarray:
    """The unit output direction A stretches least (the left singular vector of its smallest
    singular value): data nudged this way moves the weights the most."""
    matrix = as_matrix(A, "weakest_direction", "A")
    left, _, _ = np.linalg.svd(matrix, full_matrices=False)
    return _signed(left[:, -1])


def nudged(A: ArrayLike, y: ArrayLike, share: float) -> np.ndarray:
    """y moved by `share` of its length along A's weakest direction (share 0.01: a 1 % nudge)."""
    matrix, target = _system(A, y, "nudged")
    if not 0 < float(share) < 1:
        raise LinAlgInputError(f"nudged: share must be between 0 and 1, got {share!r}")
    return target + float(share) * float(np.linalg.norm(target)) * weakest_direction(matrix)


def equally_good_weights(A: ArrayLike, y: ArrayLike, step: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Two different weight vectors that fit A w ≈ y equally well: the least-squares one and that
    one moved `step` along a direction of A's null space. Raises when A has no null space."""
    matrix, _ = _system(A, y, "equally_good_weights")
    null = null_space(matrix)
    if null.shape[1] == 0:
        raise LinAlgInputError(
            f"equally_good_weights: A {matrix.shape} has full column rank, so one w fits best"
        )
    best = least_squares(matrix, y)
    return best, best + float(step) * _signed(null[:, 0])
