"""Load a lesson file: read each section's types, build the `Lesson`, then check what no scene
could show truthfully.

The default data ships inside the package (`la_core/lesson.toml`). Every error names the file,
the key and the reason, so a course author can fix a typo without reading a traceback.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import numpy as np

from la_core.errors import LessonDataError
from la_core.lesson.applications import (
    CONDITIONING_KEYS,
    SEARCH_KEYS,
    read_conditioning,
    read_search,
)
from la_core.lesson.borrow import borrow, refusal
from la_core.lesson.checks import check_lesson
from la_core.lesson.model import DEFAULT_LESSON_NAME, Lesson, deep_frozen, frozen
from la_core.lesson.newer import (
    EMBEDDINGS_KEYS,
    TRAINING_KEYS,
    check_newer,
    read_embeddings,
    read_exercise1,
    read_training,
)
from la_core.lesson.reader import Reader, same_length_vectors, square

_SECTIONS: dict[str, tuple[str, ...] | None] = {
    "vectors": None,
    "dot_product": ("a", "b", "contrast"),
    "projection": ("W",),
    "independence": ("v1", "v2", "v3", "unreachable"),
    "transform": ("matrix", "x", "flatten"),
    "random": ("seed", "a_shape", "b_shape", "qk_shape"),
    "attention": ("queries", "keys"),
    "lora": ("d", "k", "r", "seed", "layer_d", "layer_k", "layer_ranks"),
    "search": SEARCH_KEYS,
    "conditioning": CONDITIONING_KEYS,
    "embeddings": EMBEDDINGS_KEYS,
    "training": TRAINING_KEYS,
    "exercise1": None,
}
#: Keys a section may leave out ([projection].b: the layer's bias, zeros when absent).
_OPTIONAL: dict[str, tuple[str, ...]] = {"projection": ("b",)}


def _build(read: Reader) -> Lesson:
    borrowed = borrow(read.data)  # sections newer than the file: the shipped ones, one warning each
    try:
        return _build_all(read, borrowed)
    except LessonDataError as error:
        raise refusal(error, borrowed) from None


def _build_all(read: Reader, borrowed: tuple[str, ...]) -> Lesson:
    for name in read.data:
        if name not in _SECTIONS:
            raise read.fail(f"[{name}]", f"unknown section (expected one of: {', '.join(_SECTIONS)})")
    tables = {name: read.section(name, keys, _OPTIONAL.get(name, ())) for name, keys in _SECTIONS.items()}

    if not tables["vectors"]:
        raise read.fail("[vectors]", "expected at least one word vector")
    words = same_length_vectors(read, "vectors", tables["vectors"], "word vectors")
    dim = len(next(iter(words.values())))

    dot = tables["dot_product"]
    dot_a, dot_b, contrast = (read.word(f"[dot_product].{k}", dot[k], words) for k in ("a", "b", "contrast"))

    W = read.matrix("[projection].W", tables["projection"]["W"])
    if W.shape[1] != dim:
        raise read.fail(
            "[projection].W",
            f"expected {dim} columns to match the {dim}-D word vectors, got {W.shape[1]}",
        )
    bias = tables["projection"].get("b")
    b = read.vector("[projection].b", bias) if bias is not None else frozen(np.zeros(W.shape[0]))
    if len(b) != W.shape[0]:
        raise read.fail("[projection].b", f"expected {W.shape[0]} numbers, one per row of W, got {len(b)}")

    span = same_length_vectors(read, "independence", tables["independence"], "vectors of [independence]")
    unreachable = span.pop("unreachable")

    transform = tables["transform"]
    matrix, flatten = (
        square(read, f"[transform].{name}", read.matrix(f"[transform].{name}", transform[name]), 2)
        for name in ("matrix", "flatten")
    )
    x = read.vector("[transform].x", transform["x"])
    if len(x) != 2:
        raise read.fail("[transform].x", f"expected 2 numbers (a vector in the plane), got {len(x)}")

    rnd = tables["random"]
    seed = read.integer("[random].seed", rnd["seed"])
    a_shape = read.shape("[random].a_shape", rnd["a_shape"])
    b_shape = read.shape("[random].b_shape", rnd["b_shape"])
    if a_shape[1] != b_shape[0]:
        raise read.fail(
            "[random].b_shape",
            f"A {a_shape} @ B {b_shape}: inner dimensions {a_shape[1]} and {b_shape[0]} differ",
        )
    qk_shape = read.shape("[random].qk_shape", rnd["qk_shape"])

    att = tables["attention"]
    queries = read.words_list("[attention].queries", att["queries"], words)
    keys = read.words_list("[attention].keys", att["keys"], words)

    lora = tables["lora"]
    d, k, r = (read.integer(f"[lora].{n}", lora[n], minimum=1) for n in ("d", "k", "r"))
    if r > min(d, k):
        raise read.fail("[lora].r", f"expected r <= min(d, k) = {min(d, k)}, got {r}")
    lora_seed = read.integer("[lora].seed", lora["seed"])
    layer_d = read.integer("[lora].layer_d", lora["layer_d"], minimum=1)
    layer_k = read.integer("[lora].layer_k", lora["layer_k"], minimum=1)
    ranks_value = lora["layer_ranks"]
    if not isinstance(ranks_value, list) or not ranks_value:
        raise read.fail("[lora].layer_ranks", f"expected a non-empty list of ranks, got {ranks_value!r}")
    ranks = tuple(read.integer(f"[lora].layer_ranks[{i}]", v, minimum=1) for i, v in enumerate(ranks_value))
    if max(ranks) > min(layer_d, layer_k):
        top = min(layer_d, layer_k)
        raise read.fail("[lora].layer_ranks", f"ranks must be <= min(layer_d, layer_k) = {top}")

    found = read_search(read, tables["search"])
    solve = read_conditioning(read, tables["conditioning"])

    lesson = Lesson(
        source=read.file,
        words=MappingProxyType(words),
        dot_a=dot_a,
        dot_b=dot_b,
        dot_contrast=contrast,
        W=W,
        b=b,
        span_vectors=MappingProxyType(span),
        unreachable=unreachable,
        matrix=matrix,
        x=x,
        flatten=flatten,
        seed=seed,
        a_shape=a_shape,
        b_shape=b_shape,
        qk_shape=qk_shape,
        query_tokens=queries,
        key_tokens=keys,
        lora_d=d,
        lora_k=k,
        lora_r=r,
        lora_seed=lora_seed,
        layer_d=layer_d,
        layer_k=layer_k,
        layer_ranks=ranks,
        search_query=found.query,
        search_documents=found.documents,
        search_k=found.k,
        situation_matrices=solve.matrices,
        fit_targets=solve.y,
        nudge_share=solve.nudge,
        ridge_alpha=solve.alpha,
        embeddings=read_embeddings(read, tables["embeddings"]),
        training=read_training(read, tables["training"]),
        exercise1=MappingProxyType(read_exercise1(read, tables["exercise1"])),
        data=deep_frozen(read.data),
        borrowed=borrowed,
    )
    check_lesson(lesson)  # what the types allow but no scene could show truthfully
    check_newer(lesson)
    return lesson


def _read_text(path: str | Path | None) -> tuple[str, str]:
    """(display name, text) of the lesson file; the default is the packaged one."""
    if path is None:
        resource = resources.files("la_core").joinpath(DEFAULT_LESSON_NAME)
        return f"la_core/{DEFAULT_LESSON_NAME}", resource.read_text(encoding="utf-8")
    name = str(path)
    try:
        return name, Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LessonDataError(name, "", "file not found") from None
    except IsADirectoryError:
        raise LessonDataError(name, "", "is a directory, not a lesson file") from None
    except UnicodeDecodeError:
        raise LessonDataError(name, "", "not a UTF-8 text file") from None
    except OSError as exc:
        raise LessonDataError(name, "", f"cannot read it ({exc.strerror})") from None


def parse_lesson(text: str, file: str = "<string>") -> Lesson:
    """Validate lesson TOML text into a Lesson; `file` is the name used in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LessonDataError(file, "", f"not valid TOML ({exc})") from None
    return _build(Reader(file, data))


def load_lesson(path: str | Path | None = None) -> Lesson:
    """Load and validate a lesson file (default: the lesson data shipped with la_core)."""
    file, text = _read_text(path)
    return parse_lesson(text, file)
