"""The concept ladder in words: scalar, vector, matrix, matrix multiply, layer, with lesson data."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, linear_layer, matmul_loops, result_shape
from scenes.narrative import count_word, listing, vector_text
from scenes.narrative.speech import by, said, said_all
from scenes.style import fmt


@dataclass(frozen=True)
class Ladder:
    """Each rung's data: one number, one word, all words, W times all words, one layer output."""

    name: str
    scalar: float
    vector: np.ndarray
    words: np.ndarray  # the words stacked as rows
    product: np.ndarray  # W @ wordsᵀ: column j is word j's W x
    product_shape: tuple[int, int]
    y: np.ndarray  # W x + b for the first word


def ladder(lesson: Lesson) -> Ladder:
    """The first word's first entry, the first word, the word matrix, W @ wordsᵀ and W x + b."""
    name = lesson.word_names[0]
    vector = lesson.words[name]
    words = lesson.word_matrix
    product = np.array(matmul_loops(lesson.W, words.T), dtype=float)
    shape = result_shape(lesson.W.shape, words.T.shape)
    return Ladder(name, float(vector[0]), vector, words, product, (int(shape[0]), int(shape[1])),
                  linear_layer(lesson.W, vector, lesson.b))


def opening_caption() -> str:
    return "The concept: everything scales up from the vector, from one number to a layer."


def scalar_caption(rung: Ladder) -> str:
    return f"A scalar is one number: {fmt(rung.scalar)}, the first entry of {rung.name}."


def vector_caption(rung: Ladder) -> str:
    dim = len(rung.vector)
    return f"A vector is a list of numbers: {rung.name}, {count_word(dim)} of them, a point in {dim}-D space."


def matrix_caption(rung: Ladder) -> str:
    n, dim = rung.words.shape
    return f"A matrix is a stack of vectors: the {count_word(n)} words, {n}×{dim}."


def multiply_caption(rung: Ladder) -> str:
    m, n = rung.product_shape
    return f"Matrix multiply is many dot products at once: W times every word gives {m}×{n}."


def layer_caption(rung: Ladder) -> str:
    return f"A neural-network layer: y = W x + b, here {vector_text(rung.y)} for {rung.name}."


def alt(lesson: Lesson) -> str:
    rung = ladder(lesson)
    n, dim = rung.words.shape
    m = rung.product_shape[0]
    return (
        f"The concept ladder with the lesson's own numbers: a scalar ({fmt(rung.scalar)}, the first entry of "
        f"{rung.name}), a vector ({rung.name}'s {dim} numbers), a matrix (the {n}×{dim} stack of "
        f"{listing(lesson.word_names)}), a matrix multiply (W times every word: ({m}×{dim})({dim}×{n}) → "
        f"({m}×{n})) and a neural-network layer (y = W x + b = {vector_text(rung.y)})."
    )


# ---------------------------------------------------------------- narration (what the voice says)


def say_opening() -> str:
    return ("Everything in this lesson scales up from one idea, the vector. Let's climb from a single "
            "number to a whole layer of a neural network, one rung at a time, with the lesson's own numbers.")


def say_rungs(rung: Ladder) -> tuple[tuple[str, str], ...]:
    """(beat, narration) for each rung, bottom to top: what to look at and why it matters."""
    n, dim = rung.words.shape
    m, columns = rung.product_shape
    return (
        ("scalar", f"At the bottom is a scalar: one number on its own. Here it is {said(rung.scalar)}, "
                   f"the first entry of {rung.name}'s embedding."),
        ("vector", f"Put {count_word(dim)} numbers in a list and you have a vector, and the word "
                   f"{rung.name} is exactly that: a point in {dim}-dimensional space, or an arrow from the "
                   "origin to it."),
        ("matrix", f"Stack the words' vectors, one per row, and you get a matrix, {by(n, dim)}. "
                   "A matrix is a stack of vectors, or, as we will see, a machine that transforms them."),
        ("multiply", f"Multiply the weight matrix W by every word at once and out comes a {by(m, columns)} "
                     "grid. Each entry is one dot product, a row of W against one word, so a single "
                     "matrix multiply does many dot products at once."),
        ("layer", f"Add a bias, and that is a neural-network layer: y equals W times x, plus b. For "
                  f"{rung.name} the layer gives {said_all(rung.y)}. Every layer of a network does exactly "
                  "this: it multiplies by a matrix and adds."),
    )
