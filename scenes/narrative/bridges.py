"""What the voice says between scenes: one sentence that carries the listener into the next one.

The lecture reads a scene's card and then its bridge, so a listener hears why the next scene
comes next ("We can score one pair; vector search scores every document at once."). Keyed by the
scene it leads into, so a scene added to the catalogue later simply has no bridge until it gets
one (`bridge` returns None). The quiz has its own two (before the lesson, before the end).
"""

from __future__ import annotations

from collections.abc import Callable

from la_core import Lesson
from scenes.narrative import plural


def _search(lesson: Lesson) -> str:
    documents = plural(len(lesson.search_documents), "stored document")
    return f"We can score one pair. Vector search scores a query against all {documents} at once."


_INTO: dict[str, Callable[[Lesson], str]] = {
    "ladder": lambda _: "First, the big picture: how a single number grows into a whole layer of a network.",
    "vectors": lambda _: "Let's start at the bottom of that ladder, with the vector.",
    "dot_product": lambda _: ("Meaning lives in direction. To compare two directions we need a single "
                              "number, and that number is the dot product."),
    "normalize": lambda _: ("Length got in the way of that comparison. Scale every vector to length one, "
                            "and the dot product measures direction alone."),
    "vector_search": _search,
    "embeddings": lambda _: ("Words are not the only things that become vectors. Pictures and people's "
                             "tastes do too, and the same dot product compares them."),
    "rank": lambda _: ("So far we compared vectors. Now a different question: how many genuinely different "
                       "directions does a set of vectors hold?"),
    "conditioning": lambda _: "Now, what that count means for a model you train.",
    "linear_transform": lambda _: ("Now the third big idea: a matrix does not only hold vectors, it moves "
                                   "them."),
    "linear_layer": lambda _: "Give that matrix learned numbers, and you have one layer of a neural network.",
    "training": lambda _: ("Where do a layer's numbers come from? Training searches for them, one small "
                           "step at a time."),
    "matmul": lambda _: ("One vector through a matrix is a handful of dot products. A whole batch of "
                         "vectors is a matrix times a matrix."),
    "attention": lambda _: "Put it all together, and you get the heart of a Transformer: attention.",
    "model": lambda _: ("Now the whole chain in one picture: from a token's id to its attention "
                        "weights, and which of those matrices are the model."),
    "lora": lambda _: "One last payoff of rank: fine-tuning a huge model cheaply.",
    "exercise1": lambda _: ("Now your turn: the lesson's first exercise, three toy words whose cosines you "
                            "can check by hand."),
}

PRE_QUIZ = ("Before we start, two quick questions from the lesson. Answer in your head: each answer "
            "comes after a short pause.")
POST_QUIZ = "That is the lesson. Let's see what stuck, with the lesson's five quiz questions."


def bridge(slug: str, lesson: Lesson) -> str | None:
    """The sentence leading into scene `slug`, from this lesson's data (None: no bridge yet)."""
    into = _INTO.get(slug)
    return into(lesson) if into is not None else None
