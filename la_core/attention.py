"""Attention: every query dotted with every key, scaled, and softmaxed into weights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from la_core._checks import as_matrix
from la_core.errors import LinAlgInputError
from la_core.matrices import linear_layer


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


def token_ids(vocabulary: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
    """Each token's row in the embedding table: its position in the vocabulary."""
    names = list(vocabulary)
    unknown = [token for token in tokens if token not in names]
    if unknown or not tokens:
        raise LinAlgInputError(
            f"token_ids: {unknown[0]!r} is not in the vocabulary {names}" if unknown
            else "token_ids: no tokens to look up"
        )
    return np.array([names.index(token) for token in tokens])


@dataclass(frozen=True)
class ModelChain:
    """One pass through a toy attention layer: what is downloaded (the embedding table and the
    weight matrices) and what is computed for this input (X, Q, K, the scores and the weights)."""

    table: np.ndarray  # (vocabulary, d): row i is token i's embedding
    ids: np.ndarray  # (t,): the input's token ids
    W_q: np.ndarray  # (d_k, d): queries are X @ W_q.T
    W_k: np.ndarray  # (d_k, d)
    X: np.ndarray  # (t, d): the rows of the table the ids pick
    Q: np.ndarray  # (t, d_k)
    K: np.ndarray  # (t, d_k)
    scores: np.ndarray  # (t, t): Q @ K.T
    weights: np.ndarray  # (t, t): softmax(scores / sqrt(d_k)) row by row


def model_chain(table: ArrayLike, ids: ArrayLike, W_q: ArrayLike, W_k: ArrayLike) -> ModelChain:
    """Token ids -> embedding rows X -> Q = X W_qᵀ, K = X W_kᵀ -> scores Q Kᵀ -> weights by row."""
    embeddings = as_matrix(table, "model_chain", "table")
    picks = np.asarray(ids)
    if picks.ndim != 1 or not picks.size or not np.issubdtype(picks.dtype, np.integer) \
            or picks.min() < 0 or picks.max() >= embeddings.shape[0]:
        raise LinAlgInputError(
            f"model_chain: ids {picks.tolist()} must be a non-empty list of row numbers 0 to "
            f"{embeddings.shape[0] - 1} of the table {embeddings.shape}"
        )
    X = embeddings[picks]
    Q, K = linear_layer(W_q, X), linear_layer(W_k, X)
    weights_q, weights_k = as_matrix(W_q, "model_chain", "W_q"), as_matrix(W_k, "model_chain", "W_k")
    return ModelChain(embeddings, picks, weights_q, weights_k, X, Q, K, attention_scores(Q, K),
                      attention_weights(Q, K))
