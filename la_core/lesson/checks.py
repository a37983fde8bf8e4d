"""What a lesson must hold beyond its types, so no render fails halfway or says something false.

`parse_lesson` reads the types (numbers, lists, shapes, word names); these checks then refuse
data that la_core would reject mid-render (a zero vector has no direction), data a scene cannot
draw readably (eight words share seven colours), and data that would make a beat meaningless
where the lesson's point depends on it ([transform].flatten must flatten: rank 1). Each names
the file, the key and the reason (`LessonDataError`), before any job starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from la_core.errors import LessonDataError
from la_core.lesson.applications import CONDITIONING_MATRICES
from la_core.lesson.model import Lesson
from la_core.rank import diagnose, lora_factors, rank

#: Word names are drawn as text and set in LaTeX (q_{\text{name}}): letters, digits and hyphens.
WORD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,11}")
MIN_WORDS = 3  # [dot_product] needs three different words: a, b and the contrast
MAX_WORDS = 7  # one colour each (style.WORD_COLORS)
WORD_DIMENSIONS = (2, 8)  # the 2-D view needs two; a column of more does not fit the frame
#: Entries the scenes print with two decimals; larger ones do not fit their columns.
ENTRY_LIMIT = 100.0
MAX_MATMUL_SIDE = 6  # A and B are written out in full, every cell filled in turn
MAX_QK_TOKENS = 12  # exercise 3 draws Q·Kᵀ as a tokens × tokens grid of visible cells
#: Exercise 3's Q and K are computed, not drawn: up to the largest real embedding the lesson names.
MAX_QK_DIM = 4096
MAX_TOKENS = 6  # rows and columns of the attention grid
MAX_LORA_SIDE = 24  # ΔW is drawn as a d × k heatmap of visible cells
#: The realistic layer is only counted: sides up to a large real model's (its weight count, up to
#: 4,294,967,296, still fits one line of text).
MAX_LAYER_SIDE = 65_536
MAX_LAYER_RANKS = 10  # one labelled point each in the lora_counts figure
MAX_DOCUMENTS = 6  # one row of the score column each
#: [conditioning]: features (columns) of the examples; rank-deficient differs from rank 1 from 3 on.
FEATURES = (3, 4)
MAX_SAMPLES = 5  # rows of the examples, written out in full
NUDGE_RANGE = (0.001, 0.05)  # "about 1 %": from 0.1 % to 5 % of |y|
MAX_ALPHA = 10.0


def check_lesson(lesson: Lesson) -> None:
    """Raise LessonDataError for the first thing in `lesson` no scene could show truthfully."""
    for check in (_check_words, _check_dot_product, _check_projection, _check_independence, _check_transform,
                  _check_random, _check_attention, _check_lora, _check_search, _check_conditioning):
        check(lesson)


def _fail(lesson: Lesson, key: str, reason: str) -> LessonDataError:
    return LessonDataError(lesson.source, key, reason)


def _nonzero(lesson: Lesson, key: str, vector: np.ndarray, why: str) -> None:
    if not np.any(vector):
        raise _fail(lesson, key, f"a zero vector has no direction ({why})")


def _small_entries(lesson: Lesson, key: str, values: Iterable[float]) -> None:
    for value in values:
        if abs(value) > ENTRY_LIMIT:
            raise _fail(lesson, key, f"expected entries between -{ENTRY_LIMIT:g} and {ENTRY_LIMIT:g} "
                                     f"(they are printed in the scenes), got {value:g}")


def _named_vector(lesson: Lesson, key: str, name: str, vector: np.ndarray, *, what: str, drawn: str,
                  needs: str) -> None:
    """A word or a document: a name the scenes can draw, a direction, entries they can print."""
    if not WORD_NAME.fullmatch(name):
        raise _fail(lesson, key, f"a {what} name is 1 to 12 letters, digits or hyphens, starting "
                                 f"with a letter ({drawn})")
    _nonzero(lesson, key, vector, needs)
    _small_entries(lesson, key, vector)


def _check_words(lesson: Lesson) -> None:
    names = lesson.word_names
    if not MIN_WORDS <= len(names) <= MAX_WORDS:
        raise _fail(lesson, "[vectors]", f"expected {MIN_WORDS} to {MAX_WORDS} word vectors "
                                         f"(one colour each), got {len(names)}")
    low, high = WORD_DIMENSIONS
    dim = len(lesson.words[names[0]])
    if not low <= dim <= high:
        raise _fail(lesson, f"[vectors].{names[0]}", f"expected {low} to {high} numbers per word "
                                                      f"vector, got {dim}")
    for name, vector in lesson.words.items():
        _named_vector(lesson, f"[vectors].{name}", name, vector, what="word",
                      drawn="it is drawn as text and set in LaTeX", needs="cosines and angles need one")


def _check_dot_product(lesson: Lesson) -> None:
    chosen = {"a": lesson.dot_a, "b": lesson.dot_b, "contrast": lesson.dot_contrast}
    seen: dict[str, str] = {}
    for key, name in chosen.items():
        if name in seen:
            raise _fail(lesson, f"[dot_product].{key}",
                        f"{name!r} is already [dot_product].{seen[name]}: the scene compares three "
                        "different words")
        seen[name] = key


def _check_projection(lesson: Lesson) -> None:
    if lesson.W.shape[0] != 2:
        raise _fail(lesson, "[projection].W", f"expected 2 rows (the layer's outputs are drawn in a plane), "
                                              f"got {lesson.W.shape[0]}")
    if not np.any(lesson.W):
        raise _fail(lesson, "[projection].W", "a zero W sends every word to the same point b")
    _small_entries(lesson, "[projection].W", lesson.W.ravel())
    _small_entries(lesson, "[projection].b", lesson.b)


def _check_independence(lesson: Lesson) -> None:
    for name, vector in (*lesson.span_vectors.items(), ("unreachable", lesson.unreachable)):
        key = f"[independence].{name}"
        if len(vector) != 3:
            raise _fail(lesson, key, f"expected 3 numbers (the scene is drawn in 3-D), got {len(vector)}")
        why = "every vector reaches it" if name == "unreachable" else "it is drawn as an arrow"
        _nonzero(lesson, key, vector, why)
        _small_entries(lesson, key, vector)


def _check_transform(lesson: Lesson) -> None:
    _nonzero(lesson, "[transform].x", lesson.x, "it is drawn as an arrow the matrices carry")
    if not np.any(lesson.matrix):
        raise _fail(lesson, "[transform].matrix",
                    "a zero matrix sends every point to the origin: there is no grid left to show")
    flat = rank(lesson.flatten)
    if flat != 1:
        raise _fail(lesson, "[transform].flatten",
                    f"expected a rank-1 matrix (it flattens the plane onto a line), got rank {flat}")


def _check_random(lesson: Lesson) -> None:
    for key, shape in (("a_shape", lesson.a_shape), ("b_shape", lesson.b_shape)):
        if max(shape) > MAX_MATMUL_SIDE:
            raise _fail(lesson, f"[random].{key}", f"expected sides of at most {MAX_MATMUL_SIDE} "
                                                   f"(every cell is written out), got {list(shape)}")
    tokens, dim = lesson.qk_shape
    if tokens > MAX_QK_TOKENS or dim > MAX_QK_DIM:
        raise _fail(lesson, "[random].qk_shape", f"expected at most {MAX_QK_TOKENS} tokens (Q·Kᵀ is drawn "
                                                 f"cell by cell) of at most {MAX_QK_DIM} numbers, "
                                                 f"got {list(lesson.qk_shape)}")


def _check_attention(lesson: Lesson) -> None:
    for key, tokens in (("queries", lesson.query_tokens), ("keys", lesson.key_tokens)):
        if len(tokens) > MAX_TOKENS:
            raise _fail(lesson, f"[attention].{key}", f"expected at most {MAX_TOKENS} tokens "
                                                      f"(one grid row or column each), got {len(tokens)}")


def _check_lora(lesson: Lesson) -> None:
    d, k, r = lesson.lora_d, lesson.lora_k, lesson.lora_r
    for key, side in (("d", d), ("k", k)):
        if side > MAX_LORA_SIDE:
            raise _fail(lesson, f"[lora].{key}", f"expected at most {MAX_LORA_SIDE} (ΔW is drawn cell "
                                                 f"by cell), got {side}")
    for key, side in (("layer_d", lesson.layer_d), ("layer_k", lesson.layer_k)):
        if side > MAX_LAYER_SIDE:
            raise _fail(lesson, f"[lora].{key}", f"expected at most {MAX_LAYER_SIDE} (the layer's counts "
                                                 f"are printed on one line), got {side}")
    if len(lesson.layer_ranks) > MAX_LAYER_RANKS:
        raise _fail(lesson, "[lora].layer_ranks", f"expected at most {MAX_LAYER_RANKS} ranks (one labelled "
                                                  f"point each), got {len(lesson.layer_ranks)}")
    b, a = lora_factors(d, k, r, lesson.lora_seed)
    found = rank(b @ a)
    if found != r:
        raise _fail(lesson, "[lora].seed", f"with this seed the rounded factors give ΔW = B·A of rank "
                                           f"{found}, not r = {r}; pick another seed")


def _check_search(lesson: Lesson) -> None:
    docs = lesson.search_documents
    dim = len(lesson.words[lesson.word_names[0]])
    for key, vector in (("[search].query", lesson.search_query),
                        *((f"[search.documents].{name}", v) for name, v in docs.items())):
        if len(vector) != dim:
            raise _fail(lesson, key, f"expected {dim} numbers like the word vectors, got {len(vector)}")
    _nonzero(lesson, "[search].query", lesson.search_query, "cosine needs one")
    _small_entries(lesson, "[search].query", lesson.search_query)
    if not 2 <= len(docs) <= MAX_DOCUMENTS:
        raise _fail(lesson, "[search.documents]", f"expected 2 to {MAX_DOCUMENTS} documents (one row of "
                                                  f"scores each), got {len(docs)}")
    for name, vector in docs.items():
        _named_vector(lesson, f"[search.documents].{name}", name, vector, what="document",
                      drawn="it is drawn as text", needs="cosine needs one")
    if lesson.search_k >= len(docs):
        raise _fail(lesson, "[search].k", f"expected k below the number of documents ({len(docs)}): "
                                          f"k = {lesson.search_k} returns them all and ranks nothing out")


def _check_conditioning(lesson: Lesson) -> None:
    rows, columns = next(iter(lesson.situation_matrices.values())).shape
    first = f"[conditioning].{CONDITIONING_MATRICES['full rank']}"
    low, high = FEATURES
    if not low <= columns <= high:
        raise _fail(lesson, first, f"expected {low} or {high} columns (features: with 2, rank-deficient "
                                   f"is rank 1), got {columns}")
    if not columns <= rows <= MAX_SAMPLES:
        raise _fail(lesson, first, f"expected {columns} to {MAX_SAMPLES} rows (samples, at least one "
                                   f"per feature), got {rows}")
    for situation, key in CONDITIONING_MATRICES.items():
        matrix = lesson.situation_matrices[situation]
        _small_entries(lesson, f"[conditioning].{key}", matrix.ravel())
        found = diagnose(matrix)
        if found.situation != situation:
            what = f"{found.situation} (rank {found.rank} of {found.max_rank})"
            raise _fail(lesson, f"[conditioning].{key}",
                        f"the table's {situation!r} row needs a matrix that is {situation}; "
                        f"this one is {what}")
    _nonzero(lesson, "[conditioning].y", lesson.fit_targets, "there is nothing to fit or to nudge")
    _small_entries(lesson, "[conditioning].y", lesson.fit_targets)
    low_nudge, high_nudge = NUDGE_RANGE
    if not low_nudge <= lesson.nudge_share <= high_nudge:
        raise _fail(lesson, "[conditioning].nudge", f"expected a small share of |y| between {low_nudge:g} "
                                                    f"and {high_nudge:g} (0.01 is 1 %), got "
                                                    f"{lesson.nudge_share:g}")
    if not 0 < lesson.ridge_alpha <= MAX_ALPHA:
        raise _fail(lesson, "[conditioning].alpha", f"expected a ridge strength above 0 and at most "
                                                    f"{MAX_ALPHA:g}, got {lesson.ridge_alpha:g}")
