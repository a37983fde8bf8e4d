"""Typed reading of the parsed TOML: every failure names the file, the key and the reason."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from typing import Any

import numpy as np

from la_core.errors import LessonDataError
from la_core.lesson.model import frozen


class Reader:
    """Reads typed values out of the parsed TOML, raising LessonDataError with file and key."""

    def __init__(self, file: str, data: dict[str, Any]) -> None:
        self.file = file
        self.data = data

    def fail(self, key: str, reason: str) -> LessonDataError:
        return LessonDataError(self.file, key, reason)

    def section(
        self, name: str, keys: tuple[str, ...] | None, optional: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """A table with exactly `keys` (any keys when None), and perhaps the `optional` ones:
        missing and unknown keys are errors."""
        table = self.data.get(name)
        if table is None:
            raise self.fail(f"[{name}]", "missing section")
        if not isinstance(table, dict):
            raise self.fail(f"[{name}]", f"expected a table, got {type(table).__name__}")
        if keys is not None:
            # Unknown keys first: a misspelt key is then named as the typo it is.
            allowed = (*keys, *optional)
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
        return frozen(np.array([self.number(f"{key}[{i}]", v) for i, v in enumerate(value)]))

    def matrix(self, key: str, value: Any) -> np.ndarray:
        if not isinstance(value, list) or not value or not all(isinstance(r, list) for r in value):
            raise self.fail(key, f"expected a list of rows (a matrix), got {value!r}")
        rows = [self.vector(f"{key}[{i}]", row) for i, row in enumerate(value)]
        if len({len(row) for row in rows}) > 1:
            lengths = [len(row) for row in rows]
            raise self.fail(key, f"ragged matrix: rows have lengths {lengths}")
        return frozen(np.stack(rows))

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


def same_length_vectors(
    read: Reader, section: str, table: dict[str, Any], what: str
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


def square(read: Reader, key: str, matrix: np.ndarray, size: int) -> np.ndarray:
    if matrix.shape != (size, size):
        raise read.fail(key, f"expected a {size}×{size} matrix, got {matrix.shape[0]}×{matrix.shape[1]}")
    return matrix
