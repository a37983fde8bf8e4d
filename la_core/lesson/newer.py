"""Reading and checking [embeddings], [training] and [exercise1] (issue 18).

Reading refuses wrong types and shapes; `check_newer` then refuses what no scene could show
truthfully: a pixel outside 0..1, a grid too big to unroll on screen, a learning rate that
diverges (refused rather than drawn: the scene's point is that the steps head for numpy's
least-squares W). Too few steps to get there are drawn as they are, and said so.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import numpy as np

from la_core.errors import LessonDataError
from la_core.lesson.checks import WORD_NAME, _named_vector, _small_entries
from la_core.lesson.model import Lesson
from la_core.lesson.reader import Reader, same_length_vectors
from la_core.lesson.sections import EmbeddingsData, TrainingData
from la_core.training import divergence_rate, least_squares_weights

EMBEDDINGS_KEYS = ("image", "near", "other", "features", "user", "neighbour", "items")
TRAINING_KEYS = ("targets", "rate", "steps")
GRID_SIDES = (2, 5)
MAX_PIXELS = 16  # the unrolled vector is written out in one row
FEATURES = (2, 5)
ITEMS = (2, 6)
MAX_STEPS = 2000


def read_embeddings(read: Reader, table: dict[str, Any]) -> EmbeddingsData:
    grids = {key: read.matrix(f"[embeddings].{key}", table[key]) for key in ("image", "near", "other")}
    features = table["features"]
    if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
        raise read.fail("[embeddings].features", f"expected a list of feature names, got {features!r}")
    vectors = {key: read.vector(f"[embeddings].{key}", table[key]) for key in ("user", "neighbour")}
    items = table["items"]
    if not isinstance(items, dict) or not items:
        raise read.fail("[embeddings].items", "expected a table of named item vectors "
                                              "([embeddings.items] with name = [numbers])")
    named = {name: read.vector(f"[embeddings.items].{name}", value) for name, value in items.items()}
    return EmbeddingsData(features=tuple(features), items=MappingProxyType(named), **grids, **vectors)


def read_training(read: Reader, table: dict[str, Any]) -> TrainingData:
    """Targets are matched to words by position ([vectors] order), so renaming a word keeps them."""
    targets = read.matrix("[training].targets", table["targets"])
    if targets.shape[1] != 2:
        raise read.fail("[training].targets", f"expected 2 numbers per target (the layer's outputs are "
                                              f"drawn in a plane), got {targets.shape[1]}")
    rate = read.number("[training].rate", table["rate"])
    steps = read.integer("[training].steps", table["steps"], minimum=1)
    return TrainingData(targets, rate, steps)


def read_exercise1(read: Reader, table: dict[str, Any]) -> dict[str, np.ndarray]:
    if len(table) != 3:
        raise read.fail("[exercise1]", f"expected 3 toy words (two alike, one not), got {len(table)}")
    return same_length_vectors(read, "exercise1", table, "toy words")


def _fail(lesson: Lesson, key: str, reason: str) -> LessonDataError:
    return LessonDataError(lesson.source, key, reason)


def check_newer(lesson: Lesson) -> None:
    """Raise LessonDataError for the first thing in the three sections no scene could show."""
    data = lesson.embeddings
    rows, columns = data.image.shape
    low, high = GRID_SIDES
    if not (low <= rows <= high and low <= columns <= high and rows * columns <= MAX_PIXELS):
        raise _fail(lesson, "[embeddings].image", f"expected a grid of {low} to {high} rows and columns and "
                                                  f"at most {MAX_PIXELS} pixels (they unroll into one "
                                                  f"row on screen), got {rows}×{columns}")
    for key in ("image", "near", "other"):
        grid, where = getattr(data, key), f"[embeddings].{key}"
        if grid.shape != data.image.shape:
            found = f"{grid.shape[0]}×{grid.shape[1]}"
            raise _fail(lesson, where, f"expected a {rows}×{columns} grid like [embeddings].image, "
                                       f"got {found}")
        if grid.min() < 0 or grid.max() > 1:
            raise _fail(lesson, where, "expected greyscale pixels from 0 (black) to 1 (white)")
        if not np.any(grid):
            raise _fail(lesson, where, "an all-black image has no direction (cosine needs one)")
    low, high = FEATURES
    if not low <= len(data.features) <= high or len(set(data.features)) != len(data.features):
        raise _fail(lesson, "[embeddings].features", f"expected {low} to {high} different feature names")
    for name in data.features:
        if not WORD_NAME.fullmatch(name):
            raise _fail(lesson, "[embeddings].features", f"a feature name is 1 to 12 letters, digits or "
                                                         f"hyphens, starting with a letter, got {name!r}")
    vectors = [(f"[embeddings].{key}", key, getattr(data, key)) for key in ("user", "neighbour")]
    vectors += [(f"[embeddings.items].{name}", name, v) for name, v in data.items.items()]
    low, high = ITEMS
    if not low <= len(data.items) <= high:
        raise _fail(lesson, "[embeddings.items]", f"expected {low} to {high} items (one row of scores "
                                                  f"each), got {len(data.items)}")
    for key, name, vector in vectors:
        if len(vector) != len(data.features):
            count = len(data.features)
            raise _fail(lesson, key, f"expected {count} numbers, one per feature, got {len(vector)}")
        _named_vector(lesson, key, name, vector, what="item", drawn="it is drawn as text",
                      needs="cosine needs one")
    _check_training(lesson)
    for name, vector in lesson.exercise1.items():
        if len(vector) != 3:
            raise _fail(lesson, f"[exercise1].{name}", f"expected 3 numbers (x, y and z), got {len(vector)}")
        _named_vector(lesson, f"[exercise1].{name}", name, vector, what="word",
                      drawn="it is drawn as text", needs="cosines need one")
        _small_entries(lesson, f"[exercise1].{name}", vector)


def _check_training(lesson: Lesson) -> None:
    data = lesson.training
    targets, names = data.targets, data.words(lesson.word_names)
    if not 2 <= len(targets) <= len(lesson.words):
        raise _fail(lesson, "[training].targets", f"expected 2 to {len(lesson.words)} targets, one for each "
                                                  f"of the first words of [vectors], got {len(targets)}")
    _small_entries(lesson, "[training].targets", targets.ravel())
    if not np.any(targets):
        raise _fail(lesson, "[training].targets", "every target is 0: W = 0 already fits, there is "
                                                  "nothing to train")
    if data.steps > MAX_STEPS:
        raise _fail(lesson, "[training].steps", f"expected at most {MAX_STEPS} steps, got {data.steps}")
    inputs = np.stack([lesson.words[name] for name in names])
    limit = divergence_rate(inputs)
    if not 0 < data.rate < limit:
        raise _fail(lesson, "[training].rate", f"rate {data.rate:g} diverges: every step overshoots the "
                                               f"bottom of the loss by more than the last; with these "
                                               f"words rates above 0 and below {limit:.3g} converge")
    best = least_squares_weights(inputs, targets)
    _small_entries(lesson, "[training].targets", best.ravel())  # W's entries are printed
    # Too few steps to arrive are not refused: the scene says how far W still is from lstsq's.
