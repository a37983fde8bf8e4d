"""Input validation shared by every la_core module: one place that turns bad input into a clear error."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from la_core.errors import LinAlgInputError


def as_array(value: ArrayLike, op: str, name: str) -> np.ndarray:
    """Convert to a finite, non-empty float array, or raise naming `op` and `name`."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise LinAlgInputError(f"{op}: {name} is not an array of numbers ({exc})") from None
    if array.size == 0:
        raise LinAlgInputError(f"{op}: {name} is empty (shape {array.shape})")
    if not np.all(np.isfinite(array)):
        bad = "NaN" if np.any(np.isnan(array)) else "infinite"
        raise LinAlgInputError(f"{op}: {name} {array.shape} has {bad} entries")
    return array


def as_vector(value: ArrayLike, op: str, name: str = "v") -> np.ndarray:
    """A 1-D finite float vector."""
    array = as_array(value, op, name)
    if array.ndim != 1:
        raise LinAlgInputError(f"{op}: {name} must be a vector (1-D), got shape {array.shape}")
    return array


def as_matrix(value: ArrayLike, op: str, name: str = "M") -> np.ndarray:
    """A 2-D finite float matrix."""
    array = as_array(value, op, name)
    if array.ndim != 2:
        raise LinAlgInputError(f"{op}: {name} must be a matrix (2-D), got shape {array.shape}")
    return array


def same_length(a: np.ndarray, b: np.ndarray, op: str, names: str = "a and b") -> None:
    """Raise when two vectors have different lengths."""
    if a.shape != b.shape:
        raise LinAlgInputError(f"{op}: {names} have different lengths: {a.shape} vs {b.shape}")


def stable_norm(v: np.ndarray) -> float:
    """Euclidean length without overflow or underflow: divide by the largest magnitude first."""
    scale = float(np.max(np.abs(v)))
    return 0.0 if scale == 0.0 else scale * float(np.linalg.norm(v / scale))


def nonzero(v: np.ndarray, op: str, name: str) -> float:
    """Return the norm of v, raising when v is the zero vector (it has no direction)."""
    length = stable_norm(v)
    if length == 0.0:
        raise LinAlgInputError(f"{op}: {name} is the zero vector, which has no direction")
    return length


def whole_number(value: object, op: str, name: str, minimum: int = 0) -> int:
    """An int at least `minimum` (bools and floats are refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise LinAlgInputError(f"{op}: {name} must be a whole number, got {value!r}")
    if value < minimum:
        raise LinAlgInputError(f"{op}: {name} must be at least {minimum}, got {value}")
    return int(value)
