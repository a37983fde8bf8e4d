"""The lesson's numbers: a validated, frozen `Lesson` loaded from a TOML file.

The default data ships inside the package (`la_core/lesson.toml`). Every error names the file,
the key and the reason, so a course author can fix a typo without reading a traceback.
"""

from __future__ import annotations

import hashlib
import json
import math
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from la_core.errors import LessonDataError
from la_core.lesson_applications import (
    CONDITIONING_KEYS,
    SEARCH_KEYS,
    read_conditioning,
    read_search,
)
from la_core.lesson_checks import check_lesson
from la_core.matrices import seeded_matrices

DEFAULT_LESSON_NAME = "lesson.toml"


def _deep_frozen(value: Any) -> Any:
    """Tables become read-only mappings and lists tuples, so Lesson.data cannot be mutated."""
    if isinstance(value, dict):
        return MappingProxyType({key: _deep_frozen(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_deep_frozen(item) for item in value)
    return value


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Lesson:
    """Every number the scenes and figures show, validated. Arrays are read-only."""

    source: str
    words: Mapping[str, np.ndarray]
    dot_a: str
    dot_b: str
    dot_contrast: str
    W: np.ndarray
    b: np.ndarray  # the layer's bias ([projection].b; zeros when the lesson gives none)
    span_vectors: Mapping[str, np.ndarray]
    unreachable: np.ndarray
    matrix: np.ndarray
    x: np.ndarray
    flatten: np.ndarray
    seed: int
    a_shape: tuple[int, int]
    b_shape: tuple[int, int]
    qk_shape: tuple[int, int]
    query_tokens: tuple[str, ...]
    key_tokens: tuple[str, ...]
    lora_d: int
    lora_k: int
    lora_r: int
    lora_seed: int
    layer_d: int
    layer_k: int
    layer_ranks: tuple[int, ...]
    search_query: np.ndarray
    search_documents: Mapping[str, np.ndarray]
    search_k: int
    situation_matrices: Mapping[str, np.ndarray]  # Step 3's table: situation -> its example
    fit_targets: np.ndarray
    nudge_share: float
    ridge_alpha: float
    data: Mapping[str, Mapping[str, Any]] = field(repr=False)

    @property
    def word_names(self) -> tuple[str, ...]:
        return tuple(self.words)

    @property
    def word_matrix(self) -> np.ndarray:
        """The word vectors stacked as rows, in file order."""
        return np.stack(list(self.words.values()))

    @property
    def document_matrix(self) -> np.ndarray:
        """The [search] documents stacked as rows, in file order."""
        return np.stack(list(self.search_documents.values()))

    @property
    def Q(self) -> np.ndarray:  # noqa: N802 - the lesson's name
        return np.stack([self.words[name] for name in self.query_tokens])

    @property
    def K(self) -> np.ndarray:  # noqa: N802 - the lesson's name
        return np.stack([self.words[name] for name in self.key_tokens])

    @property
    def V(self) -> np.ndarray:  # noqa: N802 - the lesson's name
        """v1, v2, v3 stacked as rows (the lesson's `V = np.stack([v1, v2, v3])`)."""
        return np.stack(list(self.span_vectors.values()))

    def matmul_operands(self) -> tuple[np.ndarray, np.ndarray]:
        """A (a_shape) and B (b_shape) drawn from the lesson's seed."""
        a, b = seeded_matrices(self.seed, self.a_shape, self.b_shape)
        return a, b

    def exercise_qk(self) -> tuple[np.ndarray, np.ndarray]:
        """Exercise 3's random Q and K, both of qk_shape, from the lesson's seed."""
        q, k = seeded_matrices(self.seed, self.qk_shape, self.qk_shape)
        return q, k

    def digest(self, sections: tuple[str, ...] | None = None) -> str:
        """A stable sha256 of the canonical data (or of some sections only), for cache keys."""
        chosen = {name: self.data[name] for name in (sections or tuple(self.data))}
        # key order is irrelevant except where rows are stacked in file order
        order = {name: list(self.data[name]) for name in ("vectors", "independence") if name in chosen}
        if "search" in chosen:
            order["search.documents"] = list(self.data["search"]["documents"])
        canonical = json.dumps([chosen, order], sort_keys=True, separators=(",", ":"), default=dict)
        return hashlib.sha256(canonical.encode()).hexdigest()


# ---------------------------------------------------------------- validation


class _Reader:
    """Reads typed values out of the parsed TOML, raising LessonDataError with file and key."""

    def __init__(self, file: str, data: dict[str, Any]) -> None:
        self.file = file
        self.data = data

    def fail(self, key: str, reason: str) -> LessonDataError:
        return LessonDataError(self.file, key, reason)

    def section(self, name: str, keys: tuple[str, ...] | None) -> dict[str, Any]:
        """A table with exactly `keys` (any keys when None), and perhaps the optional ones
        (`_OPTIONAL`): missing and unknown keys are errors."""
        table = self.data.get(name)
        if table is None:
            raise self.fail(f"[{name}]", "missing section")
        if not isinstance(table, dict):
            raise self.fail(f"[{name}]", f"expected a table, got {type(table).__name__}")
        if keys is not None:
            # Unknown keys first: a misspelt key is then named as the typo it is.
            allowed = (*keys, *_OPTIONAL.get(name, ()))
            for key in table:
                if key not in allowed:
                    raise self.fail(
                        f"[{name}].{key}", f"unknown key (expected one of: {', '.join(allowed)})"
                    )
            for key in keys:
                if key not in table:
                    raise self.fail(f"[{name}].{key}", "missing key")
        return table

    def number(self, key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"expected a number, got {value!r}")
        if not math.isfinite(value):
            raise self.fail(key, f"expected a finite number, got {value!r}")
        return float(value)

    def vector(self, key: str, value: Any) -> np.ndarray:
        if not isinstance(value, list) or not value:
            raise self.fail(key, f"expected a non-empty list of numbers, got {value!r}")
        return _frozen(np.array([self.number(f"{key}[{i}]", v) for i, v in enumerate(value)]))

    def matrix(self, key: str, value: Any) -> np.ndarray:
        if not isinstance(value, list) or not value or not all(isinstance(r, list) for r in value):
            raise self.fail(key, f"expected a list of rows (a matrix), got {value!r}")
        rows = [self.vector(f"{key}[{i}]", row) for i, row in enumerate(value)]
        if len({len(row) for row in rows}) > 1:
            lengths = [len(row) for row in rows]
            raise self.fail(key, f"ragged matrix: rows have lengths {lengths}")
        return _frozen(np.stack(rows))

    def integer(self, key: str, value: Any, minimum: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"expected a whole number, got {value!r}")
        if value < minimum:
            raise self.fail(key, f"expected a whole number >= {minimum}, got {value}")
        return value

    def shape(self, key: str, value: Any) -> tuple[int, int]:
        if not isinstance(value, list) or len(value) != 2:
            raise self.fail(key, f"expected a shape [rows, columns], got {value!r}")
        rows, cols = (self.integer(f"{key}[{i}]", v, minimum=1) for i, v in enumerate(value))
        return rows, cols

    def word(self, key: str, value: Any, words: Mapping[str, np.ndarray]) -> str:
        if not isinstance(value, str) or value not in words:
            known = ", ".join(words)
            raise self.fail(key, f"expected the name of a word vector ({known}), got {value!r}")
        return value

    def words_list(self, key: str, value: Any, words: Mapping[str, np.ndarray]) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(key, f"expected a non-empty list of word names, got {value!r}")
        return tuple(self.word(f"{key}[{i}]", v, words) for i, v in enumerate(value))


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
}
#: Keys a section may leave out ([projection].b: the layer's bias, zeros when absent).
_OPTIONAL: dict[str, tuple[str, ...]] = {"projection": ("b",)}


def _same_length_vectors(
    read: _Reader, section: str, table: dict[str, Any], what: str
) -> dict[str, np.ndarray]:
    """Vectors of one section, all of the most common length: `what` names them in the error."""
    vectors = {name: read.vector(f"[{section}].{name}", value) for name, value in table.items()}
    expected = Counter(len(v) for v in vectors.values()).most_common(1)[0][0]
    for name, vector in vectors.items():
        if len(vector) != expected:
            raise read.fail(
                f"[{section}].{name}",
                f"expected {expected} numbers like the other {what}, got {len(vector)}",
            )
    return vectors


def _square(read: _Reader, key: str, matrix: np.ndarray, size: int) -> np.ndarray:
    if matrix.shape != (size, size):
        raise read.fail(key, f"expected a {size}×{size} matrix, got {matrix.shape[0]}×{matrix.shape[1]}")
    return matrix


def _build(read: _Reader) -> Lesson:
    for name in read.data:
        if name not in _SECTIONS:
            raise read.fail(f"[{name}]", f"unknown section (expected one of: {', '.join(_SECTIONS)})")
    tables = {name: read.section(name, keys) for name, keys in _SECTIONS.items()}

    if not tables["vectors"]:
        raise read.fail("[vectors]", "expected at least one word vector")
    words = _same_length_vectors(read, "vectors", tables["vectors"], "word vectors")
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
    b = read.vector("[projection].b", bias) if bias is not None else _frozen(np.zeros(W.shape[0]))
    if len(b) != W.shape[0]:
        raise read.fail("[projection].b", f"expected {W.shape[0]} numbers, one per row of W, got {len(b)}")

    span = _same_length_vectors(read, "independence", tables["independence"], "vectors of [independence]")
    unreachable = span.pop("unreachable")

    transform = tables["transform"]
    matrix, flatten = (
        _square(read, f"[transform].{name}", read.matrix(f"[transform].{name}", transform[name]), 2)
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
        data=_deep_frozen(read.data),
    )
    check_lesson(lesson)  # what the types allow but no scene could show truthfully
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
    return _build(_Reader(file, data))


def load_lesson(path: str | Path | None = None) -> Lesson:
    """Load and validate a lesson file (default: the lesson data shipped with la_core)."""
    file, text = _read_text(path)
    return parse_lesson(text, file)
