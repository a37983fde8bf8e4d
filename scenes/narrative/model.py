"""The problem and Step 6's words: token ids, the embedding table, a layer's Q and K, the scores,
the weights, and what of it is the model (downloaded) and what is computed for this input.

The layer's query and key matrices are both the lesson's W ([projection]): the lesson gives one
weight matrix and sets K = Q (`K = Q.copy()`), so the scene does too and says so, rather than
inventing a second matrix the lesson does not have.
"""

from __future__ import annotations

import numpy as np

from la_core import Lesson, ModelChain, model_chain, token_ids
from scenes.narrative import count_word, listing
from scenes.narrative.speech import by


def chain(lesson: Lesson) -> ModelChain:
    """la_core's model_chain: the [attention] queries as the input tokens, the words as the
    embedding table (token id = row), and the lesson's W as both W_Q and W_K."""
    ids = token_ids(lesson.word_names, lesson.query_tokens)
    return model_chain(lesson.word_matrix, ids, lesson.W, lesson.W)


def shape(array: np.ndarray) -> str:
    """'3×4' (or '3' for a vector), as written at the arrows."""
    return "×".join(str(n) for n in array.shape)


def tokens_caption(lesson: Lesson, c: ModelChain) -> str:
    t = len(c.ids)
    ids = ", ".join(str(int(i)) for i in c.ids)
    return (f"The input: {count_word(t)} {'token' if t == 1 else 'tokens'}, "
            f"{listing(lesson.query_tokens)}, read as token ids {ids}.")


def table_caption(c: ModelChain) -> str:
    d = c.table.shape[1]
    return f"The embedding table ({shape(c.table)}): row i holds the {d} numbers of token id i."


def lookup_caption(c: ModelChain) -> str:
    return f"The ids pick rows of the table: X, one row per token, {shape(c.X)}."


def layer_caption(c: ModelChain) -> str:
    return (f"A layer multiplies X by its weights: Q = X W_Qᵀ and K = X W_Kᵀ, {shape(c.X)} times "
            f"{shape(c.W_q.T)} gives {shape(c.Q)}.")


def layer_narration(c: ModelChain) -> str:
    same = "Here both weight matrices are the lesson's W, so the keys equal the queries, as in the lesson."
    return (f"A layer multiplies X by its weight matrices. The queries are X times W Q transposed, and the "
            f"keys X times W K transposed: {said_shape(c.X)} times {said_shape(c.W_q.T)} gives "
            f"{said_shape(c.Q)}. {same}")


def scores_caption(c: ModelChain) -> str:
    return (f"Q Kᵀ scores every token against every other: {shape(c.Q)} times {shape(c.K.T)} "
            f"gives {shape(c.scores)}.")


def softmax_caption(c: ModelChain) -> str:
    return f"Softmax turns each row of scores (divided by √{c.Q.shape[1]}) into weights that sum to 1."


def sort_caption() -> str:
    return ("The model is what you download: the table and the weights. X, Q, K and the scores are "
            "computed per input.")


# ---------------------------------------------------------------- narration (what the voice says)


def said_shape(array: np.ndarray) -> str:
    """'3 by 4', or 'a list of 3' for a vector."""
    return by(*array.shape) if array.ndim == 2 else f"a list of {array.shape[0]}"


def say_title() -> str:
    return ("Now open a model. Tokens become vectors, a layer multiplies them by weight matrices, and "
            "attention scores every vector against every other.")


def say_tokens(lesson: Lesson, c: ModelChain) -> str:
    t = len(c.ids)
    ids = listing([str(int(i)) for i in c.ids])
    tokens = f"{count_word(t)} {'token' if t == 1 else 'tokens'}"
    return (f"The input is {tokens}, {listing(lesson.query_tokens)}, which the model reads as token ids "
            f"{ids}. A token id is just a row number.")


def say_table(c: ModelChain) -> str:
    return (f"This is the embedding table, {said_shape(c.table)}: row i holds the {c.table.shape[1]} "
            "numbers of token id i. It is part of the model, a matrix that maps ids to meaning.")


def say_lookup(c: ModelChain) -> str:
    return (f"The ids pick rows of the table, and the rows they pick make X, one row per token, "
            f"{said_shape(c.X)}. Looking a row up is all an embedding does.")


def say_weights() -> str:
    return "The layer's weights are the lesson's matrix W, used here for both the queries and the keys."


def say_scores(c: ModelChain) -> str:
    return (f"Q times K transposed scores every token against every other: {said_shape(c.Q)} times "
            f"{said_shape(c.K.T)} gives {said_shape(c.scores)}. Row i says how much token i matches each "
            "token.")


def say_softmax(c: ModelChain) -> str:
    d = c.Q.shape[1]
    return (f"Divide the scores by the square root of {d}, the length of a query, and softmax turns each "
            "row into weights that sum to 1.")


def say_sort() -> str:
    return ("Now sort what was drawn. The model is what you download: the embedding table and the weight "
            "matrices. X, Q, K, the scores and the weights are computed fresh for every input.")


def alt(lesson: Lesson) -> str:
    c = chain(lesson)
    return (
        f"The tokens {listing(lesson.query_tokens)} become token ids "
        f"{', '.join(str(int(i)) for i in c.ids)}, which pick rows of the {shape(c.table)} embedding table "
        f"(the words {listing(lesson.word_names)}): X, {shape(c.X)}. The layer's weights (the lesson's W, "
        f"{shape(c.W_q)}, as both W_Q and W_K, so K = Q) turn X into queries and keys, {shape(c.Q)} each; "
        f"Q Kᵀ scores every token against every other ({shape(c.scores)}) and softmax turns each row into "
        f"weights. Shapes are written at every arrow. It ends by sorting the picture: the model (the table "
        f"and the weights, what you download) and what is computed for this input (X, Q, K, the scores "
        f"and the weights)."
    )
