"""Reading the lesson's [search] and [conditioning] sections (types only; `checks` then
refuses what no scene could show truthfully)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from la_core.lesson.reader import Reader

SEARCH_KEYS = ("query", "documents", "k")
#: The rows of Step 3's diagnosis table, each with its example matrix's key, in table order.
CONDITIONING_MATRICES = {"full rank": "full", "rank-deficient": "deficient", "rank 1": "rank_one",
                         "ill-conditioned": "nearly"}
CONDITIONING_KEYS = (*CONDITIONING_MATRICES.values(), "y", "nudge", "alpha")


@dataclass(frozen=True)
class SearchData:
    query: np.ndarray
    documents: Mapping[str, np.ndarray]
    k: int


@dataclass(frozen=True)
class ConditioningData:
    matrices: Mapping[str, np.ndarray]  # situation -> its example, in table order
    y: np.ndarray
    nudge: float
    alpha: float


def read_search(read: Reader, table: dict[str, Any]) -> SearchData:
    """The query, the named documents and k (their lengths are checked in `checks`, after
    the word vectors' own)."""
    query = read.vector("[search].query", table["query"])
    docs = table["documents"]
    if not isinstance(docs, dict) or not docs:
        raise read.fail("[search].documents", "expected a table of named document vectors "
                                              "([search.documents] with name = [numbers])")
    documents = {}
    for name, value in docs.items():
        key = f"[search.documents].{name}"
        documents[name] = read.vector(key, value)
    k = read.integer("[search].k", table["k"], minimum=1)
    return SearchData(query, MappingProxyType(documents), k)


def read_conditioning(read: Reader, table: dict[str, Any]) -> ConditioningData:
    """One example matrix per situation (all the same shape), the targets y, the nudge, alpha."""
    matrices = {situation: read.matrix(f"[conditioning].{key}", table[key])
                for situation, key in CONDITIONING_MATRICES.items()}
    first_key = CONDITIONING_MATRICES["full rank"]
    shape = matrices["full rank"].shape
    for situation, key in CONDITIONING_MATRICES.items():
        if matrices[situation].shape != shape:
            found = matrices[situation].shape
            raise read.fail(f"[conditioning].{key}", f"expected a {shape[0]}×{shape[1]} matrix like "
                                                     f"[conditioning].{first_key}, got {found[0]}×{found[1]}")
    y = read.vector("[conditioning].y", table["y"])
    if len(y) != shape[0]:
        raise read.fail("[conditioning].y", f"expected {shape[0]} numbers (one per row of the matrices), "
                                            f"got {len(y)}")
    nudge = read.number("[conditioning].nudge", table["nudge"])
    alpha = read.number("[conditioning].alpha", table["alpha"])
    return ConditioningData(MappingProxyType(matrices), y, nudge, alpha)
