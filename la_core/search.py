"""Vector search: a query dotted against every stored document, ranked, the top k returned.

Step 2's applications: vector search embeds the query and dots it against every stored
document; RAG retrieval returns the chunks with the highest scores; recommenders dot a user
vector against item vectors. Ranking by cosine instead of the raw dot product ignores length,
so a long document that merely points roughly the right way no longer wins.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from la_core._checks import as_matrix, as_vector, nonzero, whole_number
from la_core.errors import LinAlgInputError

MEASURES = ("dot", "cosine")


def _operands(query: ArrayLike, documents: ArrayLike, op: str) -> tuple[np.ndarray, np.ndarray]:
    q = as_vector(query, op, "query")
    docs = as_matrix(documents, op, "documents")
    if docs.shape[1] != q.shape[0]:
        raise LinAlgInputError(
            f"{op}: documents have {docs.shape[1]} numbers each, the query has {q.shape[0]}"
        )
    return q, docs


def dot_scores(query: ArrayLike, documents: ArrayLike) -> np.ndarray:
    """query · document for every document (a row of `documents`): one matrix-vector product."""
    q, docs = _operands(query, documents, "dot_scores")
    return docs @ q


def cosine_scores(query: ArrayLike, documents: ArrayLike) -> np.ndarray:
    """The cosine of the query with every document: the dot product of the unit vectors."""
    q, docs = _operands(query, documents, "cosine_scores")
    length = nonzero(q, "cosine_scores", "query")
    lengths = np.linalg.norm(docs, axis=1)
    zero = np.flatnonzero(lengths == 0.0)
    if zero.size:
        raise LinAlgInputError(
            f"cosine_scores: document {int(zero[0])} is the zero vector, which has no direction"
        )
    return np.clip(docs @ q / (lengths * length), -1.0, 1.0)


def ranking(scores: ArrayLike) -> np.ndarray:
    """Document indices, highest score first; equal scores keep their stored order."""
    values = as_vector(scores, "ranking", "scores")
    return np.argsort(-values, kind="stable")


@dataclass(frozen=True)
class SearchResult:
    """One search: every score, the ranking (indices, best first) and the top k returned."""

    measure: str
    scores: np.ndarray
    order: np.ndarray
    k: int

    @property
    def top(self) -> tuple[int, ...]:
        """Indices of the k returned documents, best first."""
        return tuple(int(i) for i in self.order[: self.k])


def search(query: ArrayLike, documents: ArrayLike, k: int, measure: str = "dot") -> SearchResult:
    """Score every document against the query by `measure` ("dot" or "cosine"), keep the top k."""
    if measure not in MEASURES:
        raise LinAlgInputError(f"search: measure must be one of {', '.join(MEASURES)}, got {measure!r}")
    docs = as_matrix(documents, "search", "documents")
    k = whole_number(k, "search", "k", minimum=1)
    if k > docs.shape[0]:
        raise LinAlgInputError(f"search: k={k} is more than the {docs.shape[0]} documents")
    scores = dot_scores(query, docs) if measure == "dot" else cosine_scores(query, docs)
    return SearchResult(measure, scores, ranking(scores), k)


def won_on_length(query: ArrayLike, documents: ArrayLike, k: int) -> tuple[int, ...]:
    """Documents in the dot product's top k that cosine leaves out of its top k, best first.

    These win on length, not direction: the quiz's "cosine differs from the raw dot product
    because it ignores magnitude".
    """
    by_dot = search(query, documents, k, "dot").top
    by_cosine = set(search(query, documents, k, "cosine").top)
    return tuple(i for i in by_dot if i not in by_cosine)


__all__ = ["MEASURES", "SearchResult", "cosine_scores", "dot_scores", "ranking", "search", "won_on_length"]
