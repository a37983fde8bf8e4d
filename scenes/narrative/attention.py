"""Step 6's words: how many tokens, and what the causal mask lets each query see."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from la_core import Lesson
from scenes.narrative import count_word, listing
from scenes.narrative.speech import by, said


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


# ---------------------------------------------------------------- narration (what the voice says)


def say_intro() -> str:
    return ("This is the payoff. Inside a Transformer, every token decides how much to look at every "
            "other token, and it decides with dot products.")


def say_tokens(queries: Sequence[str]) -> str:
    count = len(queries)
    noun = "token" if count == 1 else "tokens"
    verb = "is" if count == 1 else "are"
    return f"Here {verb} {count_word(count)} {noun}, {listing(queries)}, each one a word vector."


def say_queries() -> str:
    return ("Each token asks a question with its query vector. Stacked up, the query vectors are the "
            "rows of a matrix, Q.")


def say_keys(lesson: Lesson) -> str:
    if lesson.query_tokens == lesson.key_tokens:
        return ("Each token also offers a key vector, to be matched against the questions. Here the keys "
                "are the same word vectors, so K equals Q.")
    return (f"The keys come from {listing(lesson.key_tokens)}: their key vectors are the rows of K, to be "
            "matched against the questions.")


def say_grid(lesson: Lesson) -> str:
    (n, d), m = lesson.Q.shape, len(lesson.key_tokens)
    return (f"The scores are Q times K transposed: {by(n, d)} times {by(d, m)} gives a {by(n, m)} grid, "
            "one cell for every pair of a query and a key.")


def say_meets(query: str, key: str, first: bool) -> str:
    if first:
        return (f"Query {query} meets key {key}: multiply their vectors entry by entry, and add, exactly "
                "the dot product from step two.")
    return f"Query {query} meets key {key}."


def say_score(query: str, key: str, score: float) -> str:
    return f"Their dot product, {said(score)}, goes in the cell for {query} and {key}."


def say_rest() -> str:
    return ("The rest of the grid fills the same way, one dot product per cell. In a real model, the "
            "whole grid is a single matrix multiply.")


def _strongest(values: np.ndarray) -> tuple[int, int]:
    i, j = np.unravel_index(int(np.argmax(values)), values.shape)
    return int(i), int(j)


def say_heatmap(lesson: Lesson, scores: np.ndarray) -> str:
    i, j = _strongest(scores)
    return (f"As a heatmap, bright cells are strong matches. The brightest is query "
            f"{lesson.query_tokens[i]} against key {lesson.key_tokens[j]}, with a score of "
            f"{said(float(scores[i, j]))}.")


def say_scale(d: int) -> str:
    return (f"Now divide every score by the square root of d, the length of the vectors, which is {d} here. "
            "Why? "
            "A dot product adds up d products, so the longer the vectors, the bigger the scores tend to "
            "get, and the softmax that comes next would then put nearly all the weight on a single key. "
            "Dividing by the square root of d keeps the scores tame, so attention can still spread out.")


def say_softmax() -> str:
    return ("Softmax each row: raise e to the power of each score, and divide by the row's total. "
            "Bigger scores get more weight, no weight is negative, and the scores become weights.")


def say_sums() -> str:
    return ("So every row of weights sums to 1: each token shares out exactly one unit of attention "
            "among the tokens.")


def say_meaning(lesson: Lesson, weights: np.ndarray) -> str:
    j = int(np.argmax(weights[0]))
    query, key = lesson.query_tokens[0], lesson.key_tokens[j]
    to = "itself" if key == query else key
    return (f"Read row i as how much token i attends to each token. In the first row, {query} gives its "
            f"largest weight, {said(float(weights[0, j]))}, to {to}.")


def say_causal_intro() -> str:
    return ("One more variant: the causal mask. A model that writes text one token at a time must not "
            "peek at tokens that come later.")


def say_causal(lesson: Lesson) -> str:
    if lesson.query_tokens == lesson.key_tokens:
        return ("With the mask, each token attends only to itself and earlier tokens: every later token "
                "gets weight 0.")
    return "With the mask, query i sees only keys 1 to i, and every later key gets weight 0."


def say_masked_sums() -> str:
    return ("Softmax shares each row's attention among the keys it may see, so every row still sums to 1. "
            "Dot products, a matrix multiply, a softmax: that is the heart of what a Transformer computes.")
