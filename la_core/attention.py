"""Attention: every query dotted with every key, scaled, and softmaxed into weights."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from la_core._checks import as_matrix
from la_core.errors import LinAlgInputError


def softmax(x: ArrayLike, axis: int = -1) -> np.ndarray:
    """exp(x) / sum(exp(x)) along `axis`, stable for large inputs (the maximum is subtracted).

    -inf entries (masked positions) get weight 0; a slice that is all -inf is an error.
    """
    try:
        values = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as exc:
        raise LinAlgInputError(f"softmax: x is not an array of numbers ({exc})") from None
    if values.size == 0:
        raise LinAlgInputError(f"softmax: x is empty (shape {values.shape})")
    if np.any(np.isnan(values)) or np.any(values == np.inf):
        raise LinAlgInputError(f"softmax: x {values.shape} has NaN or +inf entries")
    top = np.max(values, axis=axis, keepdims=True)
    if np.any(top == -np.inf):
        raise LinAlgInputError(f"softmax: x {values.shape} has a slice that is entirely -inf (all masked)")
    exps = np.exp(values - top)
    return exps / np.sum(exps, axis=axis, keepdims=True)


def _queries_and_keys(Q: ArrayLike, K: ArrayLike, op: str) -> tuple[np.ndarray, np.ndarray]:
    queries, keys = as_matrix(Q, op, "Q"), as_matrix(K, op, "K")
    if queries.shape[1] != keys.shape[1]:
        raise LinAlgInputError(
            f"{op}: Q {queries.shape} and K {keys.shape}: query and key vectors must have the "
            f"same length, got {queries.shape[1]} and {keys.shape[1]}"
        )
    return queries, keys


def attention_scores(Q: ArrayLike, K: ArrayLike, scaled: bool = False) -> np.ndarray:
    """Q @ K.T: entry (i, j) is how well query i matches key j; divided by sqrt(d) when scaled."""
    queries, keys = _queries_and_keys(Q, K, "attention_scores")
    scores = queries @ keys.T
    return scores / np.sqrt(queries.shape[1]) if scaled else scores


def causal_mask(n_queries: int, n_keys: int) -> np.ndarray:
    """True where query i may look at key j (j <= i): no token sees the future."""
    return np.tril(np.ones((n_queries, n_keys), dtype=bool))


def attention_weights(Q: ArrayLike, K: ArrayLike, causal: bool = False) -> np.ndarray:
    """Softmax over each row of the scaled scores: row i sums to 1 across the keys."""
    scores = attention_scores(Q, K, scaled=True)
    if causal:
        scores = np.where(causal_mask(*scores.shape), scores, -np.inf)
    return softmax(scores, axis=-1)


def attention(Q: ArrayLike, K: ArrayLike, V: ArrayLike, causal: bool = False) -> np.ndarray:
    """Each output row is the weighted average of the value rows, weighted by attention."""
    weights = attention_weights(Q, K, causal=causal)
    values = as_matrix(V, "attention", "V")
    if values.shape[0] != weights.shape[1]:
        raise LinAlgInputError(
            f"attention: V {values.shape} needs one row per key ({weights.shape[1]} keys)"
        )
    return weights @ values
