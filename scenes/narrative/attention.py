"""Step 6's words: how many tokens, and what the causal mask lets each query see."""

from __future__ import annotations

from collections.abc import Sequence

from la_core import Lesson
from scenes.narrative import count_word, listing


def tokens_caption(queries: Sequence[str]) -> str:
    count = len(queries)
    return f"{count_word(count).capitalize()} {'token' if count == 1 else 'tokens'}, each one a word vector."


def grid_caption(lesson: Lesson) -> str:
    """The score grid's shapes: Q (n×d) times Kᵀ (d×m) gives n×m, one cell per query-key pair."""
    (n, d), m = lesson.Q.shape, len(lesson.key_tokens)
    return f"The score grid Q Kᵀ: ({n}×{d}) times ({d}×{m}) gives {n}×{m}, one cell per query-key pair."


def causal_caption(lesson: Lesson) -> str:
    if lesson.query_tokens == lesson.key_tokens:
        return "Causal mask: each token attends only to itself and earlier tokens."
    return "Causal mask: query i sees only keys 1 to i; later keys get weight 0."


def alt(lesson: Lesson) -> str:
    queries, keys = lesson.query_tokens, lesson.key_tokens
    same = queries == keys
    one = len(queries) == 1
    tokens = f"The {'token' if one else 'tokens'} {listing(queries)} {'becomes' if one else 'become'}"
    q_rows = "the row of Q" if one else "the rows of Q"
    rows = (f"{q_rows} and K (K equals Q)" if same else f"{q_rows}, and {listing(keys)} the rows of K")
    d = lesson.Q.shape[1]
    causal = ("each token attending only to itself and earlier tokens" if same
              else "each query i seeing only keys 1 to i")
    return (
        f"{tokens} {rows}; the {len(queries)}×{len(keys)} score grid Q·Kᵀ "
        f"fills cell by cell, turns into a heatmap, and is divided by √{d} and softmaxed so each row sums "
        f"to 1: row i is how much token i attends to each key. A causal-masked version beside it shows "
        f"{causal}."
    )
