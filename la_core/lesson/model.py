"""The lesson data model: a validated, frozen `Lesson` (what the loader builds and checks read)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from la_core.lesson.sections import EmbeddingsData, TrainingData
from la_core.matrices import seeded_matrices

DEFAULT_LESSON_NAME = "lesson.toml"


def deep_frozen(value: Any) -> Any:
    """Tables become read-only mappings and lists tuples, so Lesson.data cannot be mutated."""
    if isinstance(value, dict):
        return MappingProxyType({key: deep_frozen(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(deep_frozen(item) for item in value)
    return value


def frozen(array: np.ndarray) -> np.ndarray:
    """Make `array` read-only in place and return it."""
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
    embeddings: EmbeddingsData  # issue 18: [embeddings], [training], [exercise1]
    training: TrainingData
    exercise1: Mapping[str, np.ndarray]
    data: Mapping[str, Mapping[str, Any]] = field(repr=False)
    borrowed: tuple[str, ...] = ()  # sections the file left out, taken from the shipped lesson

    @property
    def warnings(self) -> tuple[str, ...]:
        """One line per borrowed section, for the command line to print."""
        return tuple(f"{self.source}: [{name}]: missing section; using the shipped lesson's "
                     f"(la_core/{DEFAULT_LESSON_NAME}) until you add one" for name in self.borrowed)

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
        if "embeddings" in chosen:
            order["embeddings.items"] = list(self.data["embeddings"]["items"])
        if "exercise1" in chosen:
            order["exercise1"] = list(self.data["exercise1"])
        canonical = json.dumps([chosen, order], sort_keys=True, separators=(",", ":"), default=dict)
        return hashlib.sha256(canonical.encode()).hexdigest()
